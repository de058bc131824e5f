/** The channels Nhịp publishes to. The database's check constraints list the same four (see "Adding a channel"). */
export const CHANNEL_TYPES = ['portal', 'facebook', 'zalo', 'loudspeaker'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];
