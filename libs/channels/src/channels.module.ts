import { Module } from '@nestjs/common';
import { AuditModule } from '@nhip/audit';
import { AppConfig, CredentialCipher, outboundHttpFor } from '@nhip/core';
import { ChannelAccountService } from './accounts/channel-account.service';
import { PgCredentialStore } from './accounts/pg-credential-store';
import { FacebookChannel } from './adapters/facebook';
import { LoudspeakerChannel } from './adapters/loudspeaker';
import { WordPressChannel } from './adapters/portal';
import { SandboxChannel, SandboxPostStore } from './adapters/sandbox';
import { ZaloChannel } from './adapters/zalo';
import type { ChannelAdapter } from './channel';
import { CHANNEL_ADAPTERS, ChannelRegistry, SANDBOX_ADAPTERS } from './channel-registry';
import { textToSpeechFor } from './tts';

/** Adapters are registered in CHANNEL_ADAPTERS, one line per channel (see README, "Adding a channel"). */
@Module({
  imports: [AuditModule],
  providers: [
    CredentialCipher,
    ChannelAccountService,
    PgCredentialStore,
    {
      provide: CHANNEL_ADAPTERS,
      inject: [PgCredentialStore, AppConfig],
      useFactory: (credentials: PgCredentialStore, config: AppConfig) => {
        // Sites, endpoints and pictures are addresses users set: they go through the guarded client.
        // Facebook's and Zalo's roots are the operator's configuration.
        const outbound = outboundHttpFor(config);
        return [
          new WordPressChannel({ http: outbound, timeoutMs: config.channelTimeoutSeconds * 1000 }),
          new FacebookChannel({
            graphBaseUrl: config.facebookGraphUrl,
            timeoutMs: config.channelTimeoutSeconds * 1000,
            appSecret: config.facebookAppSecret,
          }),
          new ZaloChannel({
            credentialStore: credentials,
            apiBaseUrl: config.zaloApiUrl,
            oauthBaseUrl: config.zaloOauthUrl,
            timeoutMs: config.channelTimeoutSeconds * 1000,
            processingWindowMs: config.zaloProcessingWindowSeconds * 1000,
          }),
          new LoudspeakerChannel({
            http: outbound,
            tts: textToSpeechFor(config),
            timeoutMs: config.channelTimeoutSeconds * 1000,
          }),
        ];
      },
    },
    SandboxPostStore,
    {
      // One sandbox per channel type, each checking with the real channel's rules (see adapters/sandbox).
      provide: SANDBOX_ADAPTERS,
      inject: [CHANNEL_ADAPTERS, SandboxPostStore, AppConfig],
      useFactory: (real: ChannelAdapter[], posts: SandboxPostStore, config: AppConfig) =>
        real.map(
          (adapter) =>
            new SandboxChannel({
              real: adapter,
              posts,
              publicUrl: config.publicUrl,
              tts: adapter.type === 'loudspeaker' ? textToSpeechFor(config) : undefined,
            }),
        ),
    },
    ChannelRegistry,
  ],
  exports: [ChannelAccountService, PgCredentialStore, ChannelRegistry, SandboxPostStore],
})
export class ChannelsModule {}
