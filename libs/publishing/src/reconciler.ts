import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { AppConfig } from '@nhip/core';
import { NotificationService } from '@nhip/notifications';
import { QueueName, stallWindowMs } from '@nhip/queue';
import { canTransition, nextState } from '@nhip/workflow';
import { Dispatcher, publishJobId, resolveJobId } from './dispatcher';
import { PublicationPlanner } from './publication-planner';
import { ReconcilerLiveness } from './reconciler-liveness';
import { occurrencesAhead } from './recurring';
import { rowsOf } from '@nhip/database';

export interface ReconcileReport {
  /** Publications due within the horizon, each of which has a job in Redis after the run. */
  due: number;
  /** Jobs the run put in Redis: every one is also counted below as a repair. */
  enqueued: number;
  /** Due publications whose job Redis had lost, or whose job had finished without publishing them. */
  requeuedMissing: number;
  /** Due publications whose job was left active, unclaimed, by a worker that died. */
  requeuedStalled: number;
  crashedInFlight: number;
  unknownRequeued: number;
  occurrencesPlanned: number;
  /** Committed webhook deliveries (outbox rows) whose job Redis did not have, handed over again. */
  webhooksRequeued: number;
}

/**
 * Brings Redis back in line with Postgres, once per tick however many workers run (it is a BullMQ job
 * scheduler job): queues what is due and missing, settles rows a crash left "publishing", re-asks
 * about unknown outcomes, hands undelivered webhook outbox rows to the queue again, and writes out the
 * next weeks of recurring variants.
 */
@Injectable()
export class Reconciler {
  private readonly logger = new Logger(Reconciler.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly dispatcher: Dispatcher,
    private readonly planner: PublicationPlanner,
    private readonly audit: AuditService,
    private readonly liveness: ReconcilerLiveness,
    private readonly notifications: NotificationService,
    private readonly config: AppConfig,
  ) {}

  async tick(): Promise<ReconcileReport> {
    const crashedInFlight = await this.settleCrashed();
    const occurrencesPlanned = await this.planRecurring();
    const due = await this.dispatcher.due();
    // Every due row with no job in Redis is queued, and counted: Redis lost it (or, rarely, its writer
    // has committed and not queued it yet — the reconciler queued it all the same).
    const present = await this.dispatcher.jobsExist(due.map((r) => publishJobId(r.id, r.version)));
    const lost = due.filter((_, i) => !present[i]);
    // A row overdue by more than the stall window should have run: if its job finished without publishing
    // it, or a dead worker left it active, that is a repair too.
    const stalledBefore = Date.now() - stallWindowMs(QueueName.Publishing);
    const overdue = due.filter((r, i) => present[i] && new Date(r.due).getTime() < stalledBefore);
    const { missing, cleared, abandoned } = await this.dispatcher.clearFinished(
      overdue.map((r) => publishJobId(r.id, r.version)),
    );
    const requeuedMissing = lost.length + missing + cleared;
    const requeuedStalled = abandoned;
    // Adding a job whose id exists changes nothing: only the lost and the cleared ones are really added.
    await this.dispatcher.enqueue([...lost, ...overdue]);

    const unknown: Array<{ id: string; version: number }> = await this.db.query(
      `SELECT id, version FROM publications WHERE state = 'unknown' AND coalesce((last_error->>'needsPerson')::boolean, false) = false AND updated_at < now() - interval '5 minutes'`,
    );
    let unknownRequeued = 0;
    for (const u of unknown) {
      const lookup = await this.dispatcher.clearFinished([resolveJobId(u.id, u.version)]);
      if (!lookup.missing && !lookup.cleared && !lookup.abandoned) continue;
      await this.dispatcher.enqueueResolve(u.id, u.version, new Date());
      unknownRequeued += 1;
    }
    const webhooksRequeued = await this.notifications.redriveWebhooks();
    const report = {
      due: due.length,
      enqueued: requeuedMissing + requeuedStalled,
      requeuedMissing,
      requeuedStalled,
      crashedInFlight,
      unknownRequeued,
      occurrencesPlanned,
      webhooksRequeued,
    };
    if (requeuedMissing + requeuedStalled + crashedInFlight + unknownRequeued + webhooksRequeued > 0) {
      await this.audit.record({ action: 'publication.reconciled', subjectType: 'system', data: { ...report } });
      this.logger.warn(report, 'reconciler repaired state');
    }
    await this.liveness.recordRun(report);
    return report;
  }

  /** A claim older than the lease means the worker died mid-call: the outcome is unknown and must be looked up. */
  private async settleCrashed(): Promise<number> {
    const settled = await this.db.transaction(async (manager) => {
      const rows = rowsOf<{ id: string; version: number; variant_id: string }>(
        await manager.query(
          `UPDATE publications SET state = 'unknown', version = version + 1, updated_at = now(), claimed_by = NULL,
                  last_error = jsonb_build_object('kind', 'unknown', 'code', 'worker_lost', 'message', 'Tiến trình đăng bị gián đoạn khi đang gọi kênh; cần kiểm tra trên kênh.', 'lookups', 0, 'notFound', 0)
            WHERE state = 'publishing' AND claimed_at < now() - make_interval(secs => $1)
            RETURNING id, version, variant_id`,
          [this.config.publishLeaseSeconds],
        ),
      );
      for (const r of rows) {
        await manager.query(
          `UPDATE publication_attempts SET finished_at = now(), outcome = 'unknown', error_code = 'worker_lost', error_message = 'Tiến trình đăng bị gián đoạn.'
            WHERE publication_id = $1 AND finished_at IS NULL`,
          [r.id],
        );
        const [v] = await manager.query(`SELECT state, rrule FROM variants WHERE id = $1 FOR UPDATE`, [r.variant_id]);
        if (v && v.rrule === null && canTransition(v.state, 'mark_unknown')) {
          await manager.query(`UPDATE variants SET state = $2, updated_at = now() WHERE id = $1`, [
            r.variant_id,
            nextState(v.state, 'mark_unknown'),
          ]);
        }
      }
      return rows;
    });
    // Only once the rows say "unknown": a lookup job queued inside the transaction could run before the
    // commit, find the row still "publishing", end as stale, and leave the publication unknown for good.
    for (const r of settled) await this.dispatcher.enqueueResolve(r.id, r.version, new Date());
    return settled.length;
  }

  /** Recurring variants get their next weeks of occurrences as rows; existing rows are left as they are. */
  private async planRecurring(): Promise<number> {
    const variants: Array<{
      id: string;
      channel_account_id: string;
      revision: number;
      scheduled_at: Date;
      rrule: string;
    }> = await this.db.query(
      `SELECT id, channel_account_id, revision, scheduled_at, rrule FROM variants WHERE state = 'scheduled' AND rrule IS NOT NULL`,
    );
    let planned = 0;
    for (const v of variants) {
      const occurrences = occurrencesAhead({ at: v.scheduled_at, rrule: v.rrule }, new Date());
      planned += (
        await this.db.transaction((m) =>
          this.planner.plan(
            m,
            { id: v.id, channelAccountId: v.channel_account_id, revision: v.revision },
            occurrences,
            { revive: false },
          ),
        )
      ).length;
    }
    return planned;
  }
}
