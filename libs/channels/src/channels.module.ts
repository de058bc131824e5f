import { Module } from '@nestjs/common';
import { AuditModule } from '@nhip/audit';
import { CredentialCipher } from '@nhip/core';
import { ChannelAccountService } from './accounts/channel-account.service';
import { PgCredentialStore } from './accounts/pg-credential-store';
import { FacebookChannel } from './adapters/facebook';
import { LoudspeakerChannel } from './adapters/loudspeaker';
import { WordPressChannel } from './adapters/portal';
import { ZaloChannel } from './adapters/zalo';
import { CHANNEL_ADAPTERS, ChannelRegistry } from './channel-registry';
import { EspeakNgTextToSpeech } from './tts';

/** Adapters are registered in CHANNEL_ADAPTERS, one line per channel (see README, "Adding a channel"). */
@Module({
  imports: [AuditModule],
  providers: [
    CredentialCipher,
    ChannelAccountService,
    PgCredentialStore,
    {
      provide: CHANNEL_ADAPTERS,
      inject: [PgCredentialStore],
      useFactory: (credentials: PgCredentialStore) => [
        new WordPressChannel({}),
        new FacebookChannel({}),
        new ZaloChannel({ credentialStore: credentials }),
        new LoudspeakerChannel({ tts: new EspeakNgTextToSpeech() }),
      ],
    },
    ChannelRegistry,
  ],
  exports: [ChannelAccountService, PgCredentialStore, ChannelRegistry],
})
export class ChannelsModule {}
