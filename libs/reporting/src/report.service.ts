import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { localDayOf } from '@nhip/calendar';
import { DomainError } from '@nhip/core';
import { ReportEntity, ReportState } from '@nhip/database';
import { renderReportDocx } from './export/report-docx';
import { ReportBuilder } from './model/report-builder.service';
import { ReportDataRepository } from './model/report-data.repository';
import type { DocumentOptions } from './model/report-document';
import type { ReportPeriod } from './model/report-period';
import {
  draftNarrative,
  figureChanges,
  FigureChange,
  NARRATIVE_MAX_LENGTH,
  narrativeOf,
} from './model/report-narrative';
import type { ReportNarrative, ReportSnapshot } from './model/report.types';

export interface NewReport {
  agencyId: string;
  planId?: string;
  period: ReportPeriod;
  /** The signer (TM./KT./Q., title, name), the drafting unit and further recipients for this report. */
  document?: DocumentOptions;
}

/** Where a report stands, beside its snapshot. */
export interface ReportLifecycle {
  state: ReportState;
  revision: number;
  updatedAt: string;
  submittedAt: string | null;
  submittedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  /** SHA-256 of the approved DOCX, hex: the document as signed. */
  finalSha256: string | null;
}

export type StoredReport = ReportSnapshot & { lifecycle: ReportLifecycle };

/** An edit of a draft: any part of its text, and who signs it and who receives it. */
export interface ReportEdit {
  narrative?: Partial<ReportNarrative>;
  document?: DocumentOptions;
}

export interface ReportSummary {
  id: string;
  number: string;
  state: ReportState;
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

  async generate(input: NewReport, actor: Actor): Promise<StoredReport> {
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
    snapshot.narrative = draftNarrative(snapshot);
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
          options: { planId: input.planId ?? null, document: input.document ?? {} },
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
      return stored((await manager.findOne(ReportEntity, { where: { id: snapshot.id } }))!);
    });
  }

  async get(id: string): Promise<StoredReport> {
    const row = await this.db.getRepository(ReportEntity).findOne({ where: { id } });
    if (!row) throw notFound();
    return stored(row);
  }

  /** The DOCX to hand out: the approved one exactly as signed, otherwise rendered from the draft (marked so). */
  async docx(id: string): Promise<{ content: Buffer; final: boolean; sha256: string }> {
    const row = await this.db
      .getRepository(ReportEntity)
      .createQueryBuilder('r')
      .addSelect('r.finalDocx')
      .where('r.id = :id', { id })
      .getOne();
    if (!row) throw notFound();
    if (row.state === 'approved' && row.finalDocx)
      return { content: row.finalDocx, final: true, sha256: row.finalSha256! };
    const content = await renderReportDocx(row.snapshot as unknown as ReportSnapshot, { draft: true });
    return { content, final: false, sha256: sha256(content) };
  }

  /** Edits a draft's text, signer or recipients; the signer and recipients rebuild the document block. */
  async edit(id: string, revision: number, edit: ReportEdit, actor: Actor): Promise<StoredReport> {
    return this.change(id, revision, ['draft'], actor, async (row, manager) => {
      const snapshot = row.snapshot as unknown as ReportSnapshot;
      const narrative = { ...narrativeOf(snapshot) };
      const known = new Set(snapshot.plans.flatMap((p) => p.tasks.map((t) => t.taskId).filter(Boolean)));
      for (const [key, value] of Object.entries(edit.narrative ?? {})) {
        if (key === 'taskResults') {
          const results = { ...narrative.taskResults };
          for (const [taskId, text] of Object.entries(value as Record<string, string>)) {
            if (!known.has(taskId))
              throw DomainError.invalid('REPORT_TASK_UNKNOWN', 'Nhiệm vụ không thuộc kế hoạch của báo cáo này.', {
                taskId,
              });
            results[taskId] = cleanText(text, `taskResults.${taskId}`);
          }
          narrative.taskResults = results;
        } else {
          narrative[key as Exclude<keyof ReportNarrative, 'taskResults'>] = cleanText(value as string, key);
        }
      }
      let next: ReportSnapshot = { ...snapshot, narrative };
      const options = row.options as StoredOptions;
      if (edit.document) {
        const signer = edit.document.signer ? { ...options.document?.signer, ...edit.document.signer } : undefined;
        options.document = { ...options.document, ...edit.document, ...(signer ? { signer } : {}) };
        next = { ...(await this.rebuild(row, options)), narrative };
      }
      await writeSnapshot(manager, id, next, options);
      return {
        action: 'report.edited',
        data: { parts: Object.keys(edit.narrative ?? {}), document: Object.keys(edit.document ?? {}) },
      };
    });
  }

  /** Recomputes a draft's figures from what is published now, keeping its text; answers what changed. */
  async refresh(
    id: string,
    revision: number,
    actor: Actor,
  ): Promise<{ report: StoredReport; changes: FigureChange[] }> {
    let changes: FigureChange[] = [];
    const report = await this.change(id, revision, ['draft'], actor, async (row, manager) => {
      const before = row.snapshot as unknown as ReportSnapshot;
      const after = { ...(await this.rebuild(row, row.options as StoredOptions)), narrative: narrativeOf(before) };
      changes = figureChanges(before, after);
      await writeSnapshot(manager, id, after, row.options as StoredOptions);
      return { action: 'report.refreshed', data: { changes: changes.length } };
    });
    return { report, changes };
  }

  /** The drafting officer hands the draft to the signer; its figures stop changing with the data. */
  async submit(id: string, revision: number, actor: Actor): Promise<StoredReport> {
    return this.change(id, revision, ['draft'], actor, async (_row, manager) => {
      await manager.update(
        ReportEntity,
        { id },
        { state: 'submitted', submittedBy: actor.userId, submittedAt: new Date() },
      );
      return { action: 'report.submitted', data: {} };
    });
  }

  /** The signer sends it back to draft, saying why. */
  async returnToDraft(id: string, revision: number, reason: string, actor: Actor): Promise<StoredReport> {
    return this.change(id, revision, ['submitted'], actor, async (_row, manager) => {
      await manager.update(ReportEntity, { id }, { state: 'draft', submittedBy: null, submittedAt: null });
      return { action: 'report.returned', data: { reason: cleanText(reason, 'reason') } };
    });
  }

  /** The signer approves: the DOCX is rendered once more, stored with its checksum, and never again. */
  async approve(id: string, revision: number, actor: Actor): Promise<StoredReport> {
    return this.change(id, revision, ['submitted'], actor, async (row, manager) => {
      const content = await renderReportDocx(row.snapshot as unknown as ReportSnapshot);
      const checksum = sha256(content);
      await manager.update(
        ReportEntity,
        { id },
        {
          state: 'approved',
          approvedBy: actor.userId,
          approvedAt: new Date(),
          finalDocx: content,
          finalSha256: checksum,
        },
      );
      return { action: 'report.approved', data: { sha256: checksum, bytes: content.length } };
    });
  }

  /**
   * One change of a report under its row lock: the state must be one of `from` and the revision the one
   * the caller saw (else 409), the change and its audit row commit together, and the revision moves on.
   */
  private async change(
    id: string,
    revision: number,
    from: ReportState[],
    actor: Actor,
    apply: (row: ReportEntity, manager: EntityManager) => Promise<{ action: string; data: Record<string, unknown> }>,
  ): Promise<StoredReport> {
    return this.db.transaction(async (manager) => {
      const row = await manager.findOne(ReportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound();
      if (!from.includes(row.state))
        throw DomainError.conflict(
          'REPORT_STATE_CONFLICT',
          `Báo cáo đang ở trạng thái "${STATE_LABELS[row.state]}", không thực hiện được thao tác này.`,
          { state: row.state },
        );
      if (row.revision !== revision)
        throw DomainError.conflict(
          'REVISION_CONFLICT',
          'Báo cáo vừa được người khác thay đổi; hãy tải lại để xem bản mới nhất.',
          { revision: row.revision },
        );
      const { action, data } = await apply(row, manager);
      await manager.query(`UPDATE reports SET revision = revision + 1, updated_at = now() WHERE id = $1`, [id]);
      await this.audit.record(
        {
          action,
          subjectType: 'report',
          subjectId: id,
          actorUserId: actor.userId,
          agencyId: row.agencyId,
          requestId: actor.requestId ?? null,
          data: { ...data, revision: revision + 1 },
        },
        manager,
      );
      return stored((await manager.findOne(ReportEntity, { where: { id } }))!);
    });
  }

  /** The report's figures built again from the data now, under its id, number and period. */
  private async rebuild(row: ReportEntity, options: StoredOptions): Promise<ReportSnapshot> {
    const snapshot = row.snapshot as unknown as ReportSnapshot;
    return this.builder.build({
      agencyId: row.agencyId,
      planId: options.planId ?? undefined,
      period: {
        key: snapshot.period.key,
        label: snapshot.period.label,
        from: snapshot.period.from,
        to: snapshot.period.to,
      },
      document: options.document,
      id: row.id,
      number: snapshot.number,
      generatedAt: new Date(),
      generatedBy: snapshot.generatedBy,
    });
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
        state: true,
      },
    });
    return rows.map((r) => ({
      id: r.id,
      number: r.number,
      state: r.state,
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

interface Actor {
  userId: string;
  requestId?: string | null;
}

/** What a report was asked for, kept to rebuild its figures. */
interface StoredOptions {
  planId?: string | null;
  document?: DocumentOptions;
}

const STATE_LABELS: Record<ReportState, string> = { draft: 'Dự thảo', submitted: 'Đã trình ký', approved: 'Đã duyệt' };

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

function cleanText(value: unknown, field: string): string {
  if (typeof value !== 'string')
    throw DomainError.invalid('REPORT_TEXT_INVALID', `"${field}" phải là đoạn văn bản.`, { field });
  const text = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  if (text.length > NARRATIVE_MAX_LENGTH)
    throw DomainError.invalid(
      'REPORT_TEXT_TOO_LONG',
      `"${field}" dài quá ${NARRATIVE_MAX_LENGTH.toLocaleString('vi-VN')} ký tự.`,
      { field, maxLength: NARRATIVE_MAX_LENGTH },
    );
  return text;
}

async function writeSnapshot(manager: EntityManager, id: string, snapshot: ReportSnapshot, options: StoredOptions) {
  await manager.query(`UPDATE reports SET snapshot = $2::jsonb, options = $3::jsonb WHERE id = $1`, [
    id,
    JSON.stringify(snapshot),
    JSON.stringify(options),
  ]);
}

function stored(row: ReportEntity): StoredReport {
  return {
    ...(row.snapshot as unknown as ReportSnapshot),
    lifecycle: {
      state: row.state,
      revision: row.revision,
      updatedAt: row.updatedAt.toISOString(),
      submittedAt: row.submittedAt?.toISOString() ?? null,
      submittedBy: row.submittedBy,
      approvedAt: row.approvedAt?.toISOString() ?? null,
      approvedBy: row.approvedBy,
      finalSha256: row.finalSha256,
    },
  };
}

function notFound() {
  return DomainError.notFound('REPORT_NOT_FOUND', 'Không tìm thấy báo cáo.');
}
