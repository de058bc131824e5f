import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { DomainError } from '@nhip/core';
import { PlanEntity, TargetValueEntity, type SqlRow } from '@nhip/database';
import { ReportDataRepository } from '../model/report-data.repository';
import type { ReportPeriod } from '../model/report-period';
import { isAutomaticTarget, StoredTarget } from './target-measures';

export interface TargetValueInput {
  agencyId: string;
  planId: string;
  targetKey: string;
  period: ReportPeriod;
  value: number;
  source: string;
  note?: string | null;
}

export interface TargetValueView {
  id: string;
  agencyId: string;
  planId: string;
  targetKey: string;
  period: { from: string; to: string };
  value: number;
  source: string;
  note: string | null;
  enteredBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Actor {
  userId: string;
  requestId?: string | null;
}

/** The shortest source worth the name ("Khảo sát", "Sở TT&TT"…); the database holds the same rule. */
export const MIN_SOURCE_LENGTH = 3;

/**
 * Hand-entered values of plan targets that Nhịp cannot count. A value without its source is refused;
 * every creation, change and removal is written to the audit trail in the same transaction.
 */
@Injectable()
export class TargetValueService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly data: ReportDataRepository,
  ) {}

  async set(
    input: TargetValueInput,
    actor: Actor,
  ): Promise<{ value: TargetValueView; created: boolean; changed: boolean }> {
    const source = (input.source ?? '').normalize('NFC').trim();
    if (source.length < MIN_SOURCE_LENGTH) {
      throw DomainError.invalid(
        'TARGET_SOURCE_REQUIRED',
        'Số liệu nhập tay phải ghi rõ nguồn (ví dụ: "Kết quả khảo sát của Phòng Văn hóa - Xã hội, tháng 6/2026").',
        { field: 'source' },
      );
    }
    if (typeof input.value !== 'number' || !Number.isFinite(input.value) || input.value < 0) {
      throw DomainError.invalid('TARGET_VALUE_INVALID', 'Giá trị chỉ tiêu phải là số không âm.', { field: 'value' });
    }
    const note = input.note?.normalize('NFC').trim() || null;
    await this.data.assertPlanInReach(input.agencyId, input.planId);

    return this.db.transaction(async (manager) => {
      const target = await this.findTarget(manager, input.planId, input.targetKey);
      if (isAutomaticTarget(target)) {
        throw DomainError.invalid(
          'TARGET_IS_AUTOMATIC',
          `Chỉ tiêu "${target.key}" do Nhịp tự động đếm từ dữ liệu đăng bài; không nhập tay.`,
          { target: target.key },
        );
      }
      if (target.unit === 'percent' && input.value > 100) {
        throw DomainError.invalid(
          'TARGET_VALUE_INVALID',
          'Chỉ tiêu tính theo tỷ lệ phần trăm chỉ nhận giá trị từ 0 đến 100.',
          { field: 'value' },
        );
      }
      const value = Math.round(input.value * 100) / 100;
      const key = [input.agencyId, input.planId, input.targetKey, input.period.from, input.period.to].join('|');
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`nhip.target-value.${key}`]);
      const existing = await manager.findOne(TargetValueEntity, {
        where: {
          agencyId: input.agencyId,
          planId: input.planId,
          targetKey: input.targetKey,
          periodFrom: input.period.from,
          periodTo: input.period.to,
        },
      });
      const before = existing ? { value: Number(existing.value), source: existing.source, note: existing.note } : null;
      const after = { value, source, note };
      if (
        existing &&
        before &&
        before.value === after.value &&
        before.source === after.source &&
        before.note === after.note
      ) {
        return { value: view(existing), created: false, changed: false };
      }
      const saved = await manager.save(
        TargetValueEntity,
        manager.create(TargetValueEntity, {
          ...(existing ?? {}),
          agencyId: input.agencyId,
          planId: input.planId,
          targetKey: input.targetKey,
          periodFrom: input.period.from,
          periodTo: input.period.to,
          value: value.toFixed(2),
          source,
          note,
          enteredBy: actor.userId,
        }),
      );
      await this.audit.record(
        {
          action: existing ? 'target_value.updated' : 'target_value.created',
          subjectType: 'target_value',
          subjectId: saved.id,
          actorUserId: actor.userId,
          agencyId: input.agencyId,
          requestId: actor.requestId ?? null,
          data: {
            planId: input.planId,
            target: input.targetKey,
            period: { key: input.period.key, from: input.period.from, to: input.period.to },
            before,
            after,
          },
        },
        manager,
      );
      const reloaded = await manager.findOneOrFail(TargetValueEntity, { where: { id: saved.id } });
      return { value: view(reloaded), created: !existing, changed: true };
    });
  }

  async remove(id: string, actor: Actor): Promise<void> {
    await this.db.transaction(async (manager) => {
      const existing = await manager.findOne(TargetValueEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!existing) throw notFound();
      await manager.delete(TargetValueEntity, { id });
      await this.audit.record(
        {
          action: 'target_value.removed',
          subjectType: 'target_value',
          subjectId: id,
          actorUserId: actor.userId,
          agencyId: existing.agencyId,
          requestId: actor.requestId ?? null,
          data: {
            planId: existing.planId,
            target: existing.targetKey,
            period: { from: existing.periodFrom, to: existing.periodTo },
            before: { value: Number(existing.value), source: existing.source, note: existing.note },
            after: null,
          },
        },
        manager,
      );
    });
  }

  async get(id: string): Promise<TargetValueView> {
    const row = await this.db.getRepository(TargetValueEntity).findOne({ where: { id } });
    if (!row) throw notFound();
    return view(row);
  }

  /** The agency a value belongs to, for access checks; a removed value still has its audit trail. */
  async agencyOf(id: string): Promise<string> {
    const [row] = await this.db.query(
      `SELECT agency_id FROM target_values WHERE id = $1
       UNION ALL SELECT agency_id FROM audit_events WHERE subject_type = 'target_value' AND subject_id = $1::text AND agency_id IS NOT NULL
       LIMIT 1`,
      [id],
    );
    if (!row) throw notFound();
    return row.agency_id;
  }

  async list(agencyId: string, filter: { planId?: string } = {}): Promise<TargetValueView[]> {
    const rows = await this.db.getRepository(TargetValueEntity).find({
      where: { agencyId, ...(filter.planId ? { planId: filter.planId } : {}) },
      order: { periodFrom: 'DESC', targetKey: 'ASC' },
    });
    return rows.map(view);
  }

  async history(id: string) {
    const events = await this.audit.trail('target_value', id);
    return events.map((e) => ({
      id: e.id,
      at: e.occurredAt.toISOString(),
      action: e.action,
      actorUserId: e.actorUserId,
      data: e.data,
    }));
  }

  /**
   * The hand-entered values a report over [from, to] shows: per plan and target, the value entered for
   * exactly that period, or else the latest one entered for a period inside it.
   */
  async valuesForReport(
    agencyId: string,
    planIds: string[],
    period: { from: string; to: string },
  ): Promise<Map<string, TargetValueView & { enteredByName: string | null }>> {
    if (planIds.length === 0) return new Map();
    const rows: Array<SqlRow> = await this.db.query(
      `SELECT DISTINCT ON (tv.plan_id, tv.target_key) tv.id, u.display_name
         FROM target_values tv LEFT JOIN users u ON u.id = tv.entered_by
        WHERE tv.agency_id = $1 AND tv.plan_id = ANY($2) AND tv.period_from >= $3::date AND tv.period_to <= $4::date
        ORDER BY tv.plan_id, tv.target_key, (tv.period_from = $3::date AND tv.period_to = $4::date) DESC, tv.period_to DESC, tv.updated_at DESC`,
      [agencyId, planIds, period.from, period.to],
    );
    if (rows.length === 0) return new Map();
    const names = new Map(rows.map((r) => [r.id as string, (r.display_name as string | null) ?? null]));
    const entities = await this.db.getRepository(TargetValueEntity).find({ where: { id: In([...names.keys()]) } });
    return new Map(
      entities.map((e) => [`${e.planId}|${e.targetKey}`, { ...view(e), enteredByName: names.get(e.id) ?? null }]),
    );
  }

  private async findTarget(manager: EntityManager, planId: string, key: string): Promise<StoredTarget> {
    const plan = await manager.findOne(PlanEntity, { where: { id: planId }, select: { id: true, targets: true } });
    if (!plan) throw DomainError.notFound('PLAN_NOT_FOUND', 'Không tìm thấy kế hoạch.');
    const target = (plan.targets as StoredTarget[]).find((t) => t.key === key);
    if (!target) {
      throw DomainError.invalid('TARGET_NOT_FOUND', `Kế hoạch không có chỉ tiêu "${key}".`, {
        target: key,
        known: (plan.targets as StoredTarget[]).map((t) => t.key),
      });
    }
    return target;
  }
}

function notFound() {
  return DomainError.notFound('TARGET_VALUE_NOT_FOUND', 'Không tìm thấy số liệu chỉ tiêu.');
}

function view(row: TargetValueEntity): TargetValueView {
  return {
    id: row.id,
    agencyId: row.agencyId,
    planId: row.planId,
    targetKey: row.targetKey,
    period: { from: row.periodFrom, to: row.periodTo },
    value: Number(row.value),
    source: row.source,
    note: row.note,
    enteredBy: row.enteredBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
