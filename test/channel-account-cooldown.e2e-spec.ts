import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ChannelAccountService } from '@nhip/channels';
import { createApiApp } from '../apps/api/src/create-api-app';
import { factories } from './support/factories';
import { createTestEnvironment, TestEnvironment } from './support/test-environment';

/** A channel's "wait" for the whole account, as the people looking at the account see it (issue #13). */
describe('channel account cool-down in the api (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await createApiApp(env.config);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('shows until when and why the channel asked the account to wait, and nothing once the wait is over', async () => {
    const make = factories(env.db);
    const agency = await make.agency();
    const { user, password } = await make.user();
    await make.membership(user, agency, 'viewer');
    const account = await make.channelAccount(agency, { type: 'facebook', endpoint: 'http://127.0.0.1:9' });
    const http = request(app.getHttpServer());
    const { token } = (await http.post('/api/v1/auth/login').send({ username: user.username, password }).expect(200))
      .body as { token: string };
    const auth = { Authorization: `Bearer ${token}` };

    expect((await http.get(`/api/v1/channel-accounts/${account.id}`).set(auth).expect(200)).body.coolingDown).toBe(
      null,
    );

    const until = new Date(Date.now() + 10 * 60_000);
    const message = 'Facebook đang giới hạn số lần gọi của Trang (mã 32).';
    await app
      .get(DataSource)
      .transaction((manager) =>
        app
          .get(ChannelAccountService)
          .coolDown(manager, account.id, { until, kind: 'throttled', code: 'facebook.32', message }),
      );
    const listed = (await http.get(`/api/v1/agencies/${agency.id}/channel-accounts`).set(auth).expect(200))
      .body as Array<{
      id: string;
      status: string;
      coolingDown: unknown;
    }>;
    expect(listed.find((a) => a.id === account.id)).toMatchObject({
      status: 'active',
      coolingDown: { until: until.toISOString(), kind: 'throttled', reason: message },
    });

    await env.db.query(`UPDATE channel_accounts SET cooldown_until = now() - interval '1 second' WHERE id = $1`, [
      account.id,
    ]);
    expect((await http.get(`/api/v1/channel-accounts/${account.id}`).set(auth).expect(200)).body.coolingDown).toBe(
      null,
    );
  });
});
