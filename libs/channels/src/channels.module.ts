import { Module } from '@nestjs/common';
import { AuditModule } from '@nhip/audit';
import { CredentialCipher } from '@nhip/core';
import { ChannelAccountService } from './accounts/channel-account.service';

@Module({ imports: [AuditModule], providers: [CredentialCipher, ChannelAccountService], exports: [ChannelAccountService] })
export class ChannelsModule {}
