import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { compareVietnamese, DomainError } from '@nhip/core';
import { AgencyEntity, AgencyKind, Role, ROOT_AGENCY_KINDS } from '@nhip/database';
import { AccessPolicy } from './access-policy.service';

export interface NewAgency {
  code: string;
  name: string;
  shortName?: string | null;
  officialCode?: string | null;
  kind: AgencyKind;
  parentId: string | null;
}

export interface AgencySettings {
  name?: string;
  shortName?: string | null;
  requiredApprovals?: number;
  allowSelfApproval?: boolean;
  /** "Nơi nhận" of every report, besides the plans' own. */
  reportRecipients?: string[];
}

/** The agency hierarchy: provinces, their departments, communes and wards. */
@Injectable()
export class AgencyService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  private get repo() {
    return this.db.getRepository(AgencyEntity);
  }

  async get(id: string): Promise<AgencyEntity> {
    const agency = await this.repo.findOne({ where: { id } });
    if (!agency) throw DomainError.notFound('AGENCY_NOT_FOUND', 'Không tìm thấy cơ quan.');
    return agency;
  }

  /** The agency and every agency below it. */
  async subtree(agencyId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `WITH RECURSIVE below AS (
         SELECT id, 0 AS depth FROM agencies WHERE id = $1
         UNION ALL
         SELECT a.id, below.depth + 1 FROM agencies a JOIN below ON a.parent_id = below.id WHERE below.depth < 16
       )
       SELECT id FROM below`,
      [agencyId],
    );
    return rows.map((r) => r.id);
  }

  /** Every agency the user reaches, with the user's effective role at each, in Vietnamese order of name. */
  async listReachable(userId: string): Promise<Array<{ agency: AgencyEntity; role: Role }>> {
    const reach = await this.access.reachableAgencies(userId);
    if (reach.size === 0) return [];
    // Postgres orders by the database's collation, which puts Đ, Ư and Ủ after Z.
    const agencies = (await this.repo.find({ where: { id: In([...reach.keys()]) } })).sort((a, b) =>
      compareVietnamese(a.name, b.name),
    );
    return agencies.map((agency) => ({ agency, role: reach.get(agency.id)! }));
  }

  async create(input: NewAgency, actorUserId: string): Promise<AgencyEntity> {
    if (input.parentId === null && !ROOT_AGENCY_KINDS.includes(input.kind)) {
      throw DomainError.invalid(
        'AGENCY_PARENT_REQUIRED',
        'Chỉ cấp tỉnh, cấp ủy đảng và các cơ quan phối hợp (Mặt trận, báo chí, doanh nghiệp, đối tác) mới được không có cơ quan cấp trên.',
      );
    }
    return this.db.transaction(async (manager) => {
      if (await manager.exists(AgencyEntity, { where: { code: input.code } })) {
        throw DomainError.conflict('AGENCY_CODE_TAKEN', `Mã cơ quan "${input.code}" đã tồn tại.`);
      }
      const agency = await manager.save(
        manager.create(AgencyEntity, {
          code: input.code,
          name: input.name.normalize('NFC').trim(),
          shortName: input.shortName?.normalize('NFC').trim() ?? null,
          officialCode: input.officialCode ?? null,
          kind: input.kind,
          parentId: input.parentId,
        }),
      );
      await this.audit.record(
        {
          action: 'agency.created',
          subjectType: 'agency',
          subjectId: agency.id,
          actorUserId,
          agencyId: agency.id,
          data: { code: agency.code },
        },
        manager,
      );
      return agency;
    });
  }

  async update(id: string, changes: AgencySettings, actorUserId: string): Promise<AgencyEntity> {
    return this.db.transaction(async (manager) => {
      const agency = await manager.findOne(AgencyEntity, { where: { id } });
      if (!agency) throw DomainError.notFound('AGENCY_NOT_FOUND', 'Không tìm thấy cơ quan.');
      if (changes.name !== undefined) agency.name = changes.name.normalize('NFC').trim();
      if (changes.shortName !== undefined) agency.shortName = changes.shortName?.normalize('NFC').trim() ?? null;
      if (changes.requiredApprovals !== undefined) agency.requiredApprovals = changes.requiredApprovals;
      if (changes.allowSelfApproval !== undefined) agency.allowSelfApproval = changes.allowSelfApproval;
      if (changes.reportRecipients !== undefined)
        agency.reportRecipients = [
          ...new Set(changes.reportRecipients.map((r) => r.normalize('NFC').trim()).filter((r) => r !== '')),
        ];
      const saved = await manager.save(agency);
      await this.audit.record(
        {
          action: 'agency.updated',
          subjectType: 'agency',
          subjectId: id,
          actorUserId,
          agencyId: id,
          data: { ...changes },
        },
        manager,
      );
      return saved;
    });
  }
}
