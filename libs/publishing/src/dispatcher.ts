import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@nhip/core';
import { JobName, QueueName, QueueService, stallWindowMs } from '@nhip/queue';

/** A publish job's id: one per publication and version, so a stale job (older version) is a no-op. */
export const publishJobId = (publicationId: string, version: number) => `pub-${publicationId}-v${version}`;
export const resolveJobId = (publicationId: string, version: number) => `resolve-${publicationId}-v${version}`;

/**
 * A publish job wakes this long before its publication is due and the runner waits out the rest, so it
 * starts on the dot: Redis only notices that a blocked worker's wait for a delayed job is over on its
 * own clock tick (`hz`, 10 a second by default), so a job delayed to the exact instant starts up to
 * 100 ms late.
 */
export const WAKE_EARLY_MS = 250;

export interface DueRow {
  id: string;
  version: number;
  due: Date;
}

/**
 * Derives queue jobs from publication rows. Only work due within the horizon goes to Redis, so Redis
 * holds bounded state; adding a job whose id exists already changes nothing.
 */
@Injectable()
export class Dispatcher {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueService,
    private readonly config: AppConfig,
  ) {}

  async enqueue(rows: DueRow[]): Promise<void> {
    const now = Date.now();
    const jobs = rows.map((r) => ({
      name: JobName.Publish,
      data: { publicationId: r.id, version: r.version },
      opts: {
        jobId: publishJobId(r.id, r.version),
        delay: Math.max(0, r.due.getTime() - now - WAKE_EARLY_MS),
        removeOnComplete: { count: 2000 },
        removeOnFail: { count: 5000 },
      },
    }));
    const queue = this.queues.queue(QueueName.Publishing);
    for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
  }

  /**
   * A job that has finished (completed or failed) keeps its id in Redis, and adding that id again changes
   * nothing. A row still waiting on such a job — its account was paused when it ran, the handler threw,
   * it stalled out — would never run: its finished job is removed so the row can be queued again.
   * So is a job left "active" past the stall window with no worker's lock on it (its worker died and no
   * stall check put it back): the row it is for is still unclaimed, or it would not be asked about.
   * Counts the ids with no job at all (`missing`), the finished jobs removed (`cleared`) and the
   * abandoned active ones removed (`abandoned`).
   */
  async clearFinished(jobIds: string[]): Promise<{ missing: number; cleared: number; abandoned: number }> {
    const queue = this.queues.queue(QueueName.Publishing);
    const stalledBefore = Date.now() - stallWindowMs(QueueName.Publishing);
    let missing = 0;
    let cleared = 0;
    let abandoned = 0;
    for (const jobId of jobIds) {
      const job = await queue.getJob(jobId);
      if (!job) missing += 1;
      else if (job.finishedOn) {
        // A finished job is never taken again. If a racing caller has already replaced it, removing that
        // one is harmless (it is re-added next) or refused (it is running), so errors are ignored.
        await job.remove().catch(() => undefined);
        cleared += 1;
      } else if (job.processedOn && job.processedOn < stalledBefore && (await job.getState()) === 'active') {
        // BullMQ refuses to remove a job whose lock a living worker still holds: only an abandoned one goes.
        if (
          await job.remove().then(
            () => true,
            () => false,
          )
        )
          abandoned += 1;
      }
    }
    return { missing, cleared, abandoned };
  }

  /** Whether each job id has a job in Redis, in any state (one round trip). */
  async jobsExist(jobIds: string[]): Promise<boolean[]> {
    if (!jobIds.length) return [];
    const queue = this.queues.queue(QueueName.Publishing);
    const client = await queue.getBackend().client;
    const pipeline = client.pipeline();
    for (const id of jobIds) pipeline.runCommand('exists', [queue.toKey(id)]);
    const answers = await pipeline.exec();
    return (answers ?? []).map(([error, n]) => {
      if (error) throw error;
      return n === 1;
    });
  }

  async enqueueResolve(publicationId: string, version: number, at: Date): Promise<void> {
    await this.queues.add(
      JobName.ResolvePublication,
      { publicationId, version },
      {
        jobId: resolveJobId(publicationId, version),
        delay: Math.max(0, at.getTime() - Date.now()),
        removeOnComplete: { count: 2000 },
      },
    );
  }

  /**
   * Scheduled publications of active accounts due within the horizon (optionally only these ids); one
   * whose account the channel asked to wait is due when that wait ends.
   */
  async due(ids?: string[]): Promise<DueRow[]> {
    const params: unknown[] = [this.config.publishHorizonHours];
    const only = ids ? `AND p.id = ANY($${params.push(ids)})` : '';
    return this.db.query(
      `SELECT p.id, p.version, greatest(coalesce(p.next_attempt_at, p.occurrence_at), ca.cooldown_until) AS due
         FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id
        WHERE p.state = 'scheduled' AND ca.status = 'active'
          AND coalesce(p.next_attempt_at, p.occurrence_at) < now() + make_interval(hours => $1) ${only}
        ORDER BY 3`,
      params,
    );
  }

  /** After a commit that scheduled a variant: queue its publications already within the horizon. */
  async enqueueVariant(variantId: string): Promise<void> {
    const ids: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM publications WHERE variant_id = $1 AND state = 'scheduled'`,
      [variantId],
    );
    await this.enqueueIds(ids.map((r) => r.id));
  }

  /** After a commit that scheduled publications: queue the ones already within the horizon. */
  async enqueueIds(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const rows = await this.due(ids);
    await this.clearFinished(rows.map((r) => publishJobId(r.id, r.version)));
    await this.enqueue(rows);
  }
}
