import { Module } from '@nestjs/common';
import { AuditModule } from '@nhip/audit';
import { CampaignService } from './campaign.service';

@Module({ imports: [AuditModule], providers: [CampaignService], exports: [CampaignService] })
export class CampaignsModule {}
