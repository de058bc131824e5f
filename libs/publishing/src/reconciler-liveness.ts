import { VIETNAM_TIME_ZONE } from '@nhip/vocabulary';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@nhip/core';
import { NotificationService } from '@nhip/notifications';
import { rowsOf } from '@nhip/database';

/** The reconciler counts as stalled when no run completed within this many ticks. */
export const STALL_TICKS = 3;

export interface ReconcilerStatus {
  /** When the last run completed; null if none ever did. */
  lastRunAt: Date | null;
  stalled: boolean;
  /** Why it counts as stalled, in Vietnamese (null when it is not). */
  reason: string | null;
}

const time = (d: Date) =>
  d.toLocaleString('vi-VN', { timeZone: VIETNAM_TIME_ZONE, hour12: false, dateStyle: 'short', timeStyle: 'medium' });

/**
 * Whether the reconciler is alive, from its heartbeat row in Postgres (it outlives a Redis that lost
 * its data). Until a run is recorded, an instance counts from its own start, so a system that is just
 * starting is not reported stalled.
 */
@Injectable()
export class ReconcilerLiveness {
  private readonly logger = new Logger(ReconcilerLiveness.name);
  private readonly startedAt = new Date();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: NotificationService,
    private readonly config: AppConfig,
  ) {}

  private get stallSeconds() {
    return STALL_TICKS * this.config.reconcileEverySeconds;
  }

  async recordRun(report: object): Promise<void> {
    await this.db.query(`UPDATE reconciler_heartbeat SET last_run_at = now(), last_report = $1`, [
      JSON.stringify(report),
    ]);
  }

  async status(): Promise<ReconcilerStatus> {
    const [row]: Array<{ last_run_at: Date | null; stalled: boolean }> = await this.db.query(
      `SELECT last_run_at, greatest(last_run_at, $1::timestamptz) < now() - make_interval(secs => $2) AS stalled
         FROM reconciler_heartbeat`,
      [this.startedAt, this.stallSeconds],
    );
    const lastRunAt = row?.last_run_at ? new Date(row.last_run_at) : null;
    const stalled = row ? row.stalled : true;
    return { lastRunAt, stalled, reason: stalled ? this.reason(lastRunAt) : null };
  }

  /**
   * Tells the administrators of the top-level agencies, once per stall however many instances ask:
   * the conditional update lets one caller through until a run completes again.
   */
  async notifyIfStalled(): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const rows = rowsOf<{ last_run_at: Date | null }>(
        await manager.query(
          `UPDATE reconciler_heartbeat SET stall_notified_at = now()
            WHERE greatest(last_run_at, $1::timestamptz) < now() - make_interval(secs => $2)
              AND (stall_notified_at IS NULL OR stall_notified_at < coalesce(last_run_at, '-infinity'))
            RETURNING last_run_at`,
          [this.startedAt, this.stallSeconds],
        ),
      );
      if (!rows.length) return false;
      const lastRunAt = rows[0].last_run_at ? new Date(rows[0].last_run_at) : null;
      const admins: Array<{ user_id: string }> = await manager.query(
        `SELECT DISTINCT m.user_id FROM memberships m JOIN agencies a ON a.id = m.agency_id JOIN users u ON u.id = m.user_id
          WHERE m.role = 'admin' AND a.parent_id IS NULL AND u.is_active`,
      );
      await this.notifications.notifyUsers(
        manager,
        admins.map((a) => a.user_id),
        {
          kind: 'reconciler_stalled',
          title: 'Bộ đối soát xuất bản đã ngừng chạy',
          body: this.reason(lastRunAt),
          link: '/health',
          data: { lastRunAt: lastRunAt?.toISOString() ?? null },
        },
      );
      this.logger.error({ lastRunAt }, 'reconciler stalled; administrators notified');
      return true;
    });
  }

  private reason(lastRunAt: Date | null): string {
    const since = lastRunAt ? `từ ${time(lastRunAt)}` : 'kể từ khi hệ thống khởi động';
    return (
      `Bộ đối soát xuất bản không chạy ${since} (quá ${STALL_TICKS} chu kỳ ${this.config.reconcileEverySeconds} giây): ` +
      'các bài đến giờ có thể không được đăng và lỗi không được sửa. Hãy kiểm tra tiến trình worker và Redis.'
    );
  }
}
