import { Module } from '@nestjs/common';
import { AuditModule } from '@nhip/audit';
import { CredentialCipher } from '@nhip/core';
import { ChannelAccountService } from './accounts/channel-account.service';
import { PgCredentialStore } from './accounts/pg-credential-store';
import { CHANNEL_ADAPTERS, ChannelRegistry } from './channel-registry';

/** Adapters are added to CHANNEL_ADAPTERS, one line per channel (see README, "Adding a channel"). */
@Module({
  imports: [AuditModule],
  providers: [
    CredentialCipher,
    ChannelAccountService,
    PgCredentialStore,
    { provide: CHANNEL_ADAPTERS, useFactory: () => [] },
    ChannelRegistry,
  ],
  exports: [ChannelAccountService, PgCredentialStore, ChannelRegistry],
})
export class ChannelsModule {}
