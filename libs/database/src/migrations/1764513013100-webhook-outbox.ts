import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook deliveries as rows written in the transaction that caused them (a transactional outbox):
 * handing one to Redis after the commit can fail, and the row is still there for the reconciler to hand
 * over again. A delivered row keeps its time, so a delivery is made once per event and webhook.
 */
export class WebhookOutbox1764513013100 implements MigrationInterface {
  name = 'WebhookOutbox1764513013100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_id uuid NOT NULL REFERENCES agency_webhooks(id) ON DELETE CASCADE,
        event text NOT NULL,
        event_id text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        UNIQUE (webhook_id, event_id)
      )`);
    await q.query(
      `CREATE INDEX webhook_outbox_undelivered_idx ON webhook_outbox(created_at) WHERE delivered_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE webhook_outbox`);
  }
}
