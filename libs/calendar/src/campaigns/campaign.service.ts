import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { DomainError } from '@nhip/core';
import { CampaignEntity } from '@nhip/database';

export interface NewCampaign {
  agencyId: string;
  name: string;
  description?: string | null;
  planId?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
}

/** An agency's communication campaigns, the thread that ties stories to a plan and its peaks. */
@Injectable()
export class CampaignService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(input: NewCampaign, actorUserId: string): Promise<CampaignEntity> {
    if (input.startsOn && input.endsOn && input.endsOn < input.startsOn) {
      throw DomainError.invalid('CAMPAIGN_DATES_REVERSED', 'Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.');
    }
    return this.db.transaction(async (manager) => {
      const campaign = await manager.save(
        manager.create(CampaignEntity, {
          agencyId: input.agencyId,
          name: input.name.normalize('NFC').trim(),
          description: input.description?.normalize('NFC') ?? null,
          planId: input.planId ?? null,
          startsOn: input.startsOn ?? null,
          endsOn: input.endsOn ?? null,
        }),
      );
      await this.audit.record(
        {
          action: 'campaign.created',
          subjectType: 'campaign',
          subjectId: campaign.id,
          actorUserId,
          agencyId: input.agencyId,
          data: { name: campaign.name },
        },
        manager,
      );
      return campaign;
    });
  }

  async listForAgency(agencyId: string): Promise<CampaignEntity[]> {
    return this.db.getRepository(CampaignEntity).find({ where: { agencyId }, order: { startsOn: 'ASC', name: 'ASC' } });
  }
}
