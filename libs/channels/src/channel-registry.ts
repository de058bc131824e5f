import { Inject, Injectable } from '@nestjs/common';
import type { ChannelType } from '@nhip/database';
import type { ChannelAdapter, ChannelProfile } from './channel';
import { CHANNEL_PROFILES } from './channel-profiles';

export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');

/** Adapters keyed by channel type; asking for a type with no adapter is a programming error and fails loudly. */
@Injectable()
export class ChannelRegistry {
  private readonly byType = new Map<ChannelType, ChannelAdapter>();

  constructor(@Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[]) {
    for (const adapter of adapters) {
      if (this.byType.has(adapter.type)) throw new Error(`Two adapters registered for channel type "${adapter.type}"`);
      this.byType.set(adapter.type, adapter);
    }
  }

  get<T extends ChannelType>(type: T): ChannelAdapter<T> {
    const adapter = this.byType.get(type);
    if (!adapter) throw new Error(`No channel adapter registered for type "${type}"`);
    return adapter as ChannelAdapter<T>;
  }

  /** What the channel knows about content (drafting, preview, lead time), whichever adapter publishes it. */
  profile<T extends ChannelType>(type: T): ChannelProfile<T> {
    const profile = CHANNEL_PROFILES[type] as ChannelProfile<T> | undefined;
    if (!profile) throw new Error(`No channel profile for type "${type}"`);
    return profile;
  }

  types(): ChannelType[] {
    return [...this.byType.keys()];
  }
}
