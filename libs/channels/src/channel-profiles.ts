import type { ChannelType } from '@nhip/database';
import type { ChannelProfile } from './channel';
import { FACEBOOK_PROFILE } from './adapters/facebook/facebook.profile';
import { LOUDSPEAKER_PROFILE } from './adapters/loudspeaker/loudspeaker.profile';
import { PORTAL_PROFILE } from './adapters/portal/portal.profile';
import { ZALO_PROFILE } from './adapters/zalo/zalo.profile';

/** Each channel's drafting, preview and lead time, one line per channel beside CHANNEL_ADAPTERS. */
export const CHANNEL_PROFILES: { [T in ChannelType]: ChannelProfile<T> } = {
  portal: PORTAL_PROFILE,
  facebook: FACEBOOK_PROFILE,
  zalo: ZALO_PROFILE,
  loudspeaker: LOUDSPEAKER_PROFILE,
};
