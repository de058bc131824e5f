import { AuditService } from '@nhip/audit';
import { FeedTokenService } from '@nhip/calendar';
import { CredentialCipher } from '@nhip/core';
import { AuditEventEntity } from '@nhip/database';
import { WebhookService } from '@nhip/notifications';
import { factories } from '../support/factories';
import { createTestEnvironment, type TestEnvironment } from '../support/test-environment';

/**
 * A change and its audit row commit together or not at all: when the database refuses the audit row,
 * the change it describes must not be left behind (a feed token nobody can account for).
 */
describe('writes and their audit rows in one transaction', () => {
  let env: TestEnvironment;
  let audit: AuditService;

  beforeAll(async () => {
    env = await createTestEnvironment();
    audit = new AuditService(env.db.getRepository(AuditEventEntity));
    // Stands for any reason Postgres refuses the audit insert (a constraint, a full disk, a lost connection).
    await env.db.query(`
      CREATE TABLE refused_audit_actions (action text PRIMARY KEY);
      CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM refused_audit_actions WHERE action = NEW.action) THEN
          RAISE EXCEPTION 'audit refused for %', NEW.action;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION refuse_audit();
    `);
  });

  afterAll(async () => {
    await env.teardown();
  });

  /** From now on the database refuses audit rows of these actions (and only these). */
  async function refuseAudit(actions: string[]) {
    await env.db.query(`DELETE FROM refused_audit_actions`);
    for (const action of actions) await env.db.query(`INSERT INTO refused_audit_actions VALUES ($1)`, [action]);
  }

  afterEach(async () => {
    await refuseAudit([]);
  });

  const count = async (table: string) => Number((await env.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  it('a feed token is not created, nor revoked, without its audit row', async () => {
    const make = factories(env.db);
    const agency = await make.agency();
    const { user } = await make.user();
    const feeds = new FeedTokenService(env.db, audit);

    await refuseAudit(['feed.created']);
    await expect(feeds.create(agency.id, 'Lịch sở', {}, user.id)).rejects.toThrow(/audit refused/);
    expect(await count('feed_tokens')).toBe(0);

    await refuseAudit([]);
    const { feed } = await feeds.create(agency.id, 'Lịch sở', {}, user.id);
    await refuseAudit(['feed.revoked']);
    await expect(feeds.revoke(agency.id, feed.id, user.id)).rejects.toThrow(/audit refused/);
    expect(
      (await env.db.query(`SELECT revoked_at FROM feed_tokens WHERE id = $1`, [feed.id]))[0].revoked_at,
    ).toBeNull();
  });

  it('a webhook is not created, nor removed, without its audit row', async () => {
    const make = factories(env.db);
    const agency = await make.agency();
    const { user } = await make.user();
    const webhooks = new WebhookService(env.db, new CredentialCipher(env.config), audit, env.config);

    await refuseAudit(['webhook.created']);
    await expect(
      webhooks.create(agency.id, 'https://hooks.example.vn/nhip', ['publication.failed'], user.id),
    ).rejects.toThrow(/audit refused/);
    expect(await count('agency_webhooks')).toBe(0);

    await refuseAudit([]);
    const { webhook } = await webhooks.create(
      agency.id,
      'https://hooks.example.vn/nhip',
      ['publication.failed'],
      user.id,
    );
    await refuseAudit(['webhook.removed']);
    await expect(webhooks.remove(agency.id, webhook.id, user.id)).rejects.toThrow(/audit refused/);
    expect(await count('agency_webhooks')).toBe(1);
  });
});
