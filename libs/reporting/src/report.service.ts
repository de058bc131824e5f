import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { localDayOf } from '@nhip/calendar';
import { DomainError } from '@nhip/core';
import { ReportEntity } from '@nhip/database';
import { ReportBuilder } from './model/report-builder.service';
import { ReportDataRepository } from './model/report-data.repository';
import type { DocumentOptions } from './model/report-document';
import type { ReportPeriod } from './model/report-period';
import type { ReportSnapshot } from './model/report.types';

export interface NewReport {
  agencyId: string;
  planId?: string;
  period: ReportPeriod;
  /** The signer (TM./KT./Q., title, name), the drafting unit and further recipients for this report. */
  document?: DocumentOptions;
}

export interface ReportSummary {
  id: string;
  number: string;
  agencyId: string;
  period: { key: string; from: string; to: string };
  planIds: string[];
  createdAt: string;
  createdBy: string | null;
}

/**
 * Generates reports and keeps each as the JSON it was computed to: reading a report later returns what
 * was generated, whatever has been published since. Generation is audited.
 */
@Injectable()
export class ReportService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly builder: ReportBuilder,
    private readonly data: ReportDataRepository,
    private readonly audit: AuditService,
  ) {}

  async generate(input: NewReport, actor: { userId: string; requestId?: string | null }): Promise<ReportSnapshot> {
    const generatedAt = new Date();
    const name = await this.data.userName(actor.userId);
    const snapshot = await this.builder.build({
      agencyId: input.agencyId,
      planId: input.planId,
      period: input.period,
      document: input.document,
      id: randomUUID(),
      number: '',
      generatedAt,
      generatedBy: name ? { id: actor.userId, name } : null,
    });
    const year = Number(localDayOf(generatedAt).slice(0, 4));
    return this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [
        `nhip.report-number.${input.agencyId}.${year}`,
      ]);
      const [{ next }] = await manager.query(
        `SELECT coalesce(max(seq), 0) + 1 AS next FROM reports WHERE agency_id = $1 AND year = $2`,
        [input.agencyId, year],
      );
      // The number belongs to the clerk's register: the document leaves its figure blank, and `seq` only
      // orders the drafts of the year.
      snapshot.number = snapshot.document.number;
      await manager.save(
        manager.create(ReportEntity, {
          id: snapshot.id,
          agencyId: input.agencyId,
          year,
          seq: next,
          number: snapshot.number,
          periodKey: snapshot.period.key,
          periodFrom: snapshot.period.from,
          periodTo: snapshot.period.to,
          planIds: snapshot.plans.map((p) => p.id),
          snapshot: snapshot as unknown as Record<string, unknown>,
          createdBy: actor.userId,
          createdAt: generatedAt,
        }),
      );
      await this.audit.record(
        {
          action: 'report.generated',
          subjectType: 'report',
          subjectId: snapshot.id,
          actorUserId: actor.userId,
          agencyId: input.agencyId,
          requestId: actor.requestId ?? null,
          data: {
            number: snapshot.number,
            period: snapshot.period,
            plans: snapshot.plans.map((p) => p.code),
            published: snapshot.totals.published,
            total: snapshot.totals.total,
          },
        },
        manager,
      );
      return snapshot;
    });
  }

  async get(id: string): Promise<ReportSnapshot> {
    const row = await this.db.getRepository(ReportEntity).findOne({ where: { id } });
    if (!row) throw notFound();
    return row.snapshot as unknown as ReportSnapshot;
  }

  /** The agency a report belongs to, for access checks. */
  async agencyOf(id: string): Promise<string> {
    const [row] = await this.db.query(`SELECT agency_id FROM reports WHERE id = $1`, [id]);
    if (!row) throw notFound();
    return row.agency_id;
  }

  async list(agencyId: string, limit = 50): Promise<ReportSummary[]> {
    const rows = await this.db.getRepository(ReportEntity).find({
      where: { agencyId },
      order: { createdAt: 'DESC' },
      take: limit,
      select: {
        id: true,
        number: true,
        agencyId: true,
        periodKey: true,
        periodFrom: true,
        periodTo: true,
        planIds: true,
        createdAt: true,
        createdBy: true,
      },
    });
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      agencyId: r.agencyId,
      period: { key: r.periodKey, from: r.periodFrom, to: r.periodTo },
      planIds: r.planIds,
      createdAt: r.createdAt.toISOString(),
      createdBy: r.createdBy,
    }));
  }

  /**
   * The agency a report is for when the caller names none: the one agency they are a member of. With
   * several memberships the caller has to choose.
   */
  async defaultAgency(userId: string): Promise<string> {
    const rows: Array<{ agency_id: string; name: string }> = await this.db.query(
      `SELECT m.agency_id, a.name FROM memberships m JOIN agencies a ON a.id = m.agency_id WHERE m.user_id = $1 ORDER BY a.name`,
      [userId],
    );
    if (rows.length === 1) return rows[0].agency_id;
    if (rows.length === 0)
      throw DomainError.forbidden('Bạn chưa thuộc cơ quan nào nên không lập được báo cáo.', 'AGENCY_OUT_OF_REACH');
    throw DomainError.invalid(
      'REPORT_AGENCY_REQUIRED',
      'Bạn thuộc nhiều cơ quan; hãy chọn cơ quan lập báo cáo ("agency").',
      {
        agencies: rows.map((r) => ({ id: r.agency_id, name: r.name })),
      },
    );
  }
}

function notFound() {
  return DomainError.notFound('REPORT_NOT_FOUND', 'Không tìm thấy báo cáo.');
}
