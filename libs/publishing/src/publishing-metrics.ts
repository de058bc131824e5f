import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueName, QueueService } from '@nhip/queue';

/** Dispatch lag buckets in seconds: from "on the dot" to "a quarter of an hour late". */
const LAG_BUCKETS = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900];

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * Prometheus metrics. Counts come from Postgres (the truth, shared by every worker process), queue depth
 * from Redis; the counter and histogram built from rows are written in the text format by hand because
 * prom-client only accumulates in-process observations.
 */
@Injectable()
export class PublishingMetrics {
  private readonly registry = new Registry();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queues: QueueService,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'nhip_api_' });
    const queueService = this.queues;
    new Gauge({
      name: 'nhip_queue_jobs',
      help: 'Jobs in each BullMQ queue by state',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        for (const name of Object.values(QueueName)) {
          const counts = await queueService
            .queue(name)
            .getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'failed');
          for (const [state, n] of Object.entries(counts)) this.set({ queue: name, state }, n);
        }
      },
    });
    const database = this.db;
    new Gauge({
      name: 'nhip_publications',
      help: 'Publications by state and channel type',
      labelNames: ['state', 'channel_type'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows: Array<{ state: string; type: string; n: number }> = await database.query(
          `SELECT p.state, ca.type, count(*)::int AS n FROM publications p JOIN channel_accounts ca ON ca.id = p.channel_account_id GROUP BY 1, 2`,
        );
        for (const r of rows) this.set({ state: r.state, channel_type: r.type }, r.n);
      },
    });
  }

  async render(): Promise<string> {
    return (
      (await this.registry.metrics()) +
      (await this.outcomes()) +
      (await this.lag()) +
      (await this.repairs()) +
      (await this.webhookBacklog()) +
      (await this.lastReconcile())
    );
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private async outcomes(): Promise<string> {
    const rows: Array<{ type: string; outcome: string; n: string }> = await this.db.query(
      `SELECT ca.type, a.outcome, count(*) AS n FROM publication_attempts a JOIN publications p ON p.id = a.publication_id
         JOIN channel_accounts ca ON ca.id = p.channel_account_id WHERE a.outcome IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    return [
      '# HELP nhip_publication_attempts_total Calls to channels by channel type and outcome',
      '# TYPE nhip_publication_attempts_total counter',
      ...rows.map(
        (r) => `nhip_publication_attempts_total{channel_type="${label(r.type)}",outcome="${label(r.outcome)}"} ${r.n}`,
      ),
      '',
    ].join('\n');
  }

  /** Dispatch lag: when the first attempt started, minus when the publication was due. */
  private async lag(): Promise<string> {
    const rows: Array<Record<string, string>> = await this.db.query(
      `SELECT ca.type, count(*) AS n, coalesce(sum(greatest(0, extract(epoch FROM a.started_at - p.occurrence_at))), 0) AS sum,
              ${LAG_BUCKETS.map((b, i) => `count(*) FILTER (WHERE extract(epoch FROM a.started_at - p.occurrence_at) <= ${b}) AS b${i}`).join(', ')}
         FROM publication_attempts a JOIN publications p ON p.id = a.publication_id JOIN channel_accounts ca ON ca.id = p.channel_account_id
        WHERE a.number = 1 GROUP BY 1 ORDER BY 1`,
    );
    const lines = [
      '# HELP nhip_dispatch_lag_seconds First attempt start minus scheduled time',
      '# TYPE nhip_dispatch_lag_seconds histogram',
    ];
    for (const r of rows) {
      const l = `channel_type="${label(r.type)}"`;
      LAG_BUCKETS.forEach((b, i) => lines.push(`nhip_dispatch_lag_seconds_bucket{${l},le="${b}"} ${r[`b${i}`]}`));
      lines.push(
        `nhip_dispatch_lag_seconds_bucket{${l},le="+Inf"} ${r.n}`,
        `nhip_dispatch_lag_seconds_sum{${l}} ${Number(r.sum)}`,
        `nhip_dispatch_lag_seconds_count{${l}} ${r.n}`,
      );
    }
    return lines.join('\n') + '\n';
  }

  /** When the last reconciler run completed (0: never), from its heartbeat row; alert on time() minus this. */
  private async lastReconcile(): Promise<string> {
    const [row]: Array<{ at: string | null }> = await this.db.query(
      `SELECT extract(epoch FROM last_run_at) AS at FROM reconciler_heartbeat`,
    );
    return [
      '# HELP nhip_reconciler_last_run_timestamp_seconds When the last reconciler run completed (Unix time; 0: never)',
      '# TYPE nhip_reconciler_last_run_timestamp_seconds gauge',
      `nhip_reconciler_last_run_timestamp_seconds ${row?.at ? Number(row.at) : 0}`,
      '',
    ].join('\n');
  }

  private async repairs(): Promise<string> {
    const [row] = await this.db.query(
      `SELECT coalesce(sum((data->>'requeuedMissing')::int), 0) AS missing, coalesce(sum((data->>'crashedInFlight')::int), 0) AS crashed,
              coalesce(sum((data->>'requeuedStalled')::int), 0) AS stalled,
              coalesce(sum((data->>'unknownRequeued')::int), 0) AS unknown,
              coalesce(sum((data->>'webhooksRequeued')::int), 0) AS webhooks
         FROM audit_events WHERE action = 'publication.reconciled'`,
    );
    return [
      '# HELP nhip_reconciler_repairs_total Repairs made by the reconciler',
      '# TYPE nhip_reconciler_repairs_total counter',
      `nhip_reconciler_repairs_total{kind="missing_job"} ${row.missing}`,
      `nhip_reconciler_repairs_total{kind="stalled_job"} ${row.stalled}`,
      `nhip_reconciler_repairs_total{kind="crashed_in_flight"} ${row.crashed}`,
      `nhip_reconciler_repairs_total{kind="unknown_requeued"} ${row.unknown}`,
      `nhip_reconciler_repairs_total{kind="webhook_requeued"} ${row.webhooks}`,
      '',
    ].join('\n');
  }

  /** Webhook deliveries committed but not yet delivered: a backlog that grows means receivers or the worker are down. */
  private async webhookBacklog(): Promise<string> {
    const [row]: Array<{ n: string; oldest: string | null }> = await this.db.query(
      `SELECT count(*) AS n, extract(epoch FROM now() - min(created_at)) AS oldest FROM webhook_outbox WHERE delivered_at IS NULL`,
    );
    return [
      '# HELP nhip_webhook_outbox_pending Webhook deliveries committed and not yet delivered',
      '# TYPE nhip_webhook_outbox_pending gauge',
      `nhip_webhook_outbox_pending ${row.n}`,
      '# HELP nhip_webhook_outbox_oldest_pending_seconds Age of the oldest undelivered webhook delivery (0: none)',
      '# TYPE nhip_webhook_outbox_oldest_pending_seconds gauge',
      `nhip_webhook_outbox_oldest_pending_seconds ${row.oldest ? Number(row.oldest) : 0}`,
      '',
    ].join('\n');
  }
}
