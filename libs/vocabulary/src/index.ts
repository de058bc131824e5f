/**
 * The words the server and the web app share: dependency-free, so the layering rules let the web app import
 * it (and nothing else of the server's).
 */
export { CHANNEL_TYPES } from './channel-types';
export type { ChannelType } from './channel-types';
export { VIETNAM_TIME_ZONE, VIETNAM_UTC_OFFSET_MS } from './vietnam-time';
