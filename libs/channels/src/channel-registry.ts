import { Inject, Injectable } from '@nestjs/common';
import type { ChannelType } from '@nhip/database';
import type { ChannelAdapter, ChannelProfile } from './channel';
import { CHANNEL_PROFILES } from './channel-profiles';

export const CHANNEL_ADAPTERS = Symbol('CHANNEL_ADAPTERS');
export const SANDBOX_ADAPTERS = Symbol('SANDBOX_ADAPTERS');

/** Adapters keyed by channel type; asking for a type with no adapter is a programming error and fails loudly. */
@Injectable()
export class ChannelRegistry {
  private readonly byType = new Map<ChannelType, ChannelAdapter>();
  private readonly sandboxByType = new Map<ChannelType, ChannelAdapter>();

  constructor(
    @Inject(CHANNEL_ADAPTERS) adapters: ChannelAdapter[],
    @Inject(SANDBOX_ADAPTERS) sandboxes: ChannelAdapter[],
  ) {
    for (const [map, list] of [
      [this.byType, adapters],
      [this.sandboxByType, sandboxes],
    ] as const) {
      for (const adapter of list) {
        if (map.has(adapter.type)) throw new Error(`Two adapters registered for channel type "${adapter.type}"`);
        map.set(adapter.type, adapter);
      }
    }
  }

  /** The adapter an account publishes through: the sandbox one for a sandbox account, the real one otherwise. */
  forAccount<T extends ChannelType>(account: { type: T; sandbox?: boolean }): ChannelAdapter<T> {
    if (!account.sandbox) return this.get(account.type);
    const adapter = this.sandboxByType.get(account.type);
    if (!adapter) throw new Error(`No sandbox adapter registered for type "${account.type}"`);
    return adapter as ChannelAdapter<T>;
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
