import { createHmac, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AxiosInstance } from 'axios';
import { DataSource } from 'typeorm';
import { AuditService } from '@nhip/audit';
import { AppConfig, CredentialCipher, DomainError, outboundHttpFor, requireOutboundUrl } from '@nhip/core';
import { AgencyWebhookEntity } from '@nhip/database';

export const SIGNATURE_HEADER = 'X-Nhip-Signature';
export const TIMESTAMP_HEADER = 'X-Nhip-Timestamp';

/** `sha256=<hex>` of "<timestamp>.<body>" with the webhook's secret; the receiver recomputes it. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** An agency's outgoing webhooks: registration, and signed delivery (run by the worker). */
@Injectable()
export class WebhookService {
  private readonly http: AxiosInstance;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: CredentialCipher,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {
    this.http = outboundHttpFor(config);
  }

  async create(
    agencyId: string,
    url: string,
    events: string[],
    actorUserId: string,
  ): Promise<{ webhook: AgencyWebhookEntity; secret: string }> {
    await requireOutboundUrl(url, { allowPrivate: this.config.outboundAllowPrivate }, 'url');
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const webhook = await this.db.transaction(async (manager) => {
      const repo = manager.getRepository(AgencyWebhookEntity);
      const saved = await repo.save(
        repo.create({ agencyId, url, events, secretEncrypted: this.cipher.encrypt({ secret }) }),
      );
      await this.audit.record(
        {
          action: 'webhook.created',
          subjectType: 'webhook',
          subjectId: saved.id,
          actorUserId,
          agencyId,
          data: { url, events },
        },
        manager,
      );
      return saved;
    });
    return { webhook, secret };
  }

  async list(agencyId: string) {
    return this.db.getRepository(AgencyWebhookEntity).find({ where: { agencyId }, order: { createdAt: 'ASC' } });
  }

  async remove(agencyId: string, webhookId: string, actorUserId: string) {
    await this.db.transaction(async (manager) => {
      const result = await manager.getRepository(AgencyWebhookEntity).delete({ id: webhookId, agencyId });
      if (!result.affected) throw DomainError.notFound('WEBHOOK_NOT_FOUND', 'Không tìm thấy webhook.');
      await this.audit.record(
        { action: 'webhook.removed', subjectType: 'webhook', subjectId: webhookId, actorUserId, agencyId },
        manager,
      );
    });
  }

  /**
   * Posts one outbox row's event and marks the row delivered; throws on a non-2xx answer so the queue
   * retries with backoff. A row already delivered, or whose webhook was removed or disabled, is skipped.
   */
  async deliver(outboxId: string): Promise<{ status: number } | { skipped: true }> {
    const [row]: Array<{ webhook_id: string; event: string; event_id: string; payload: Record<string, unknown> }> =
      await this.db.query(
        `SELECT webhook_id, event, event_id, payload FROM webhook_outbox WHERE id = $1 AND delivered_at IS NULL`,
        [outboxId],
      );
    if (!row) return { skipped: true };
    const hook = await this.db
      .getRepository(AgencyWebhookEntity)
      .createQueryBuilder('w')
      .addSelect('w.secretEncrypted')
      .where('w.id = :webhookId AND w.active', { webhookId: row.webhook_id })
      .getOne();
    if (!hook) return { skipped: true };
    const { secret } = this.cipher.decrypt<{ secret: string }>(hook.secretEncrypted);
    const body = JSON.stringify({ id: row.event_id, event: row.event, agencyId: hook.agencyId, data: row.payload });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await this.http.post(hook.url, body, {
      headers: {
        'Content-Type': 'application/json',
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
        [TIMESTAMP_HEADER]: timestamp,
        'X-Nhip-Event': row.event,
        'X-Nhip-Delivery': row.event_id,
      },
      timeout: 10_000,
      maxRedirects: 0,
      validateStatus: () => true,
    });
    if (response.status < 200 || response.status >= 300) throw new Error(`Webhook answered ${response.status}`);
    await this.db.query(`UPDATE webhook_outbox SET delivered_at = now() WHERE id = $1`, [outboxId]);
    return { status: response.status };
  }
}
