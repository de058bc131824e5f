import { readFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { AgencyEntity, PeakEntity, PlanEntity, PlanTaskEntity, Role } from '@nhip/database';
import { demoFile, seedDemoData } from '@nhip/demo';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

/** Writes checked against the resource as it is stored, not as the request names it (issue #14, F2 and F12). */
describe('authorisation against stored resources (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let admin: { Authorization: string };
  let haTinh: AgencyEntity;
  let haTinhDepartment: AgencyEntity;
  let tuyenQuang: AgencyEntity;

  const TUYEN_QUANG_PLAN = 'tuyen-quang-truyen-thong-nq57-2026';

  const signIn = async (username: string, password: string) => {
    const res = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return { Authorization: `Bearer ${res.body.token}` };
  };

  const person = async (agency: AgencyEntity, role: Role) => {
    const { user, password } = await factories(env.db).user();
    await factories(env.db).membership(user, agency, role);
    return signIn(user.username, password);
  };

  const agency = (code: string) => env.db.getRepository(AgencyEntity).findOneByOrFail({ code });

  const planState = async (code: string) => {
    const plan = await env.db.getRepository(PlanEntity).findOneByOrFail({ code });
    const tasks = await env.db.getRepository(PlanTaskEntity).find({ where: { planId: plan.id }, order: { id: 'ASC' } });
    const audits: Array<{ n: number }> = await env.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE subject_id = $1`,
      [plan.id],
    );
    return { plan, tasks: tasks.map((t) => [t.id, t.number, t.name, t.leadAgencyId]), audits: audits[0].n };
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    admin = await signIn('admin', 'mat-khau-quan-tri');
    haTinh = await agency('tinh-ha-tinh');
    haTinhDepartment = await agency('ha-tinh-so-khcn');
    tuyenQuang = await agency('tinh-tuyen-quang');
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  describe('plan import (F2)', () => {
    const takeover = [
      'version: 1',
      `code: ${TUYEN_QUANG_PLAN}`,
      'documentType: plan',
      'title: Kế hoạch chiếm quyền',
      'issued: "2026-01-05"',
      'issuer: tinh-ha-tinh',
      'period: {start: "2026-01-01", end: "2026-12-31"}',
      'tasks:',
      '  - number: "1"',
      '    name: Nhiệm vụ duy nhất',
      '    lead: tinh-ha-tinh',
      'peaks: []',
    ].join('\n');

    it("an editor of one province cannot take over another province's plan by naming their own agency as issuer", async () => {
      const before = await planState(TUYEN_QUANG_PLAN);
      expect(before.plan.issuingAgencyId).toBe(tuyenQuang.id);
      expect(before.tasks.length).toBeGreaterThan(1);
      const editor = await person(haTinh, 'editor');

      const res = await http
        .post('/api/v1/plans/import')
        .set(editor)
        .set('Content-Type', 'application/yaml')
        .send(takeover)
        .expect(403);
      expect(res.body).toEqual({ code: 'AGENCY_OUT_OF_REACH', message: expect.stringMatching(/quyền/) });

      const after = await planState(TUYEN_QUANG_PLAN);
      expect(after.plan).toEqual(before.plan);
      expect(after.tasks).toEqual(before.tasks);
      expect(after.audits).toBe(before.audits);
    });

    it("a viewer at the plan's issuer is too weak to move it, even as an editor of the new issuer", async () => {
      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, haTinh, 'editor');
      await factories(env.db).membership(user, tuyenQuang, 'viewer');
      const both = await signIn(user.username, password);
      const res = await http
        .post('/api/v1/plans/import')
        .set(both)
        .set('Content-Type', 'application/yaml')
        .send(takeover)
        .expect(403);
      expect(res.body.code).toBe('ROLE_TOO_LOW');
      expect((await planState(TUYEN_QUANG_PLAN)).plan.issuingAgencyId).toBe(tuyenQuang.id);
    });

    it("the plan's own editors still re-import it, and an editor of both agencies may hand it over", async () => {
      const owner = await person(tuyenQuang, 'editor');
      const text = readFileSync(demoFile('plans', 'tuyen-quang-2026.plan.yaml'), 'utf8');
      const res = await http
        .post('/api/v1/plans/import')
        .set(owner)
        .set('Content-Type', 'application/yaml')
        .send(text)
        .expect(200);
      expect(res.body).toMatchObject({ code: TUYEN_QUANG_PLAN, created: false });

      const { user, password } = await factories(env.db).user();
      await factories(env.db).membership(user, haTinh, 'editor');
      await factories(env.db).membership(user, tuyenQuang, 'editor');
      await http
        .post('/api/v1/plans/import')
        .set(await signIn(user.username, password))
        .set('Content-Type', 'application/yaml')
        .send(takeover)
        .expect(200);
      expect((await planState(TUYEN_QUANG_PLAN)).plan.issuingAgencyId).toBe(haTinh.id);
    });
  });

  describe('story links (F12)', () => {
    let foreignCampaign: string;
    let provinceCampaign: string;
    let foreignTask: PlanTaskEntity;
    let foreignPeak: PeakEntity;
    let officer: { Authorization: string };

    const storyCount = async () => (await env.db.query(`SELECT count(*)::int AS n FROM stories`))[0].n as number;

    beforeAll(async () => {
      const campaign = async (agencyId: string, name: string) =>
        (await http.post(`/api/v1/agencies/${agencyId}/campaigns`).set(admin).send({ name }).expect(201)).body
          .id as string;
      foreignCampaign = await campaign(tuyenQuang.id, 'Chiến dịch của tỉnh Tuyên Quang');
      provinceCampaign = await campaign(haTinh.id, 'Chiến dịch của tỉnh Hà Tĩnh');
      const dongNaiPlan = await env.db
        .getRepository(PlanEntity)
        .findOneByOrFail({ code: 'dong-nai-huong-dan-tuyen-truyen-nq57-2025' });
      foreignTask = await env.db.getRepository(PlanTaskEntity).findOneByOrFail({ planId: dongNaiPlan.id });
      const [peak] = await env.db.getRepository(PeakEntity).find({ where: { planId: dongNaiPlan.id }, take: 1 });
      foreignPeak = peak;
      expect(foreignPeak).toBeDefined();
      officer = await person(haTinhDepartment, 'officer');
    });

    it.each([
      ['campaignId', () => foreignCampaign],
      ['planTaskId', () => foreignTask.id],
      ['peakId', () => foreignPeak.id],
    ])("a story cannot be linked to another province's %s; nothing is written", async (field, id) => {
      const before = await storyCount();
      const res = await http
        .post(`/api/v1/agencies/${haTinhDepartment.id}/stories`)
        .set(officer)
        .send({ title: 'Tin có liên kết lạ', [field]: id() })
        .expect(403);
      expect(res.body).toEqual({ code: 'AGENCY_OUT_OF_REACH', message: expect.stringMatching(/ngoài phạm vi/) });
      expect(await storyCount()).toBe(before);
    });

    it("a department's story serves its province's campaign, and editing it cannot move it to another province's", async () => {
      const created = await http
        .post(`/api/v1/agencies/${haTinhDepartment.id}/stories`)
        .set(officer)
        .send({ title: 'Tin hưởng ứng chiến dịch của tỉnh', campaignId: provinceCampaign })
        .expect(201);
      expect(created.body.campaignId).toBe(provinceCampaign);

      const res = await http
        .patch(`/api/v1/stories/${created.body.id}`)
        .set(officer)
        .send({ title: 'Tin hưởng ứng chiến dịch của tỉnh', campaignId: foreignCampaign })
        .expect(403);
      expect(res.body.code).toBe('AGENCY_OUT_OF_REACH');
      const [stored] = await env.db.query(`SELECT campaign_id FROM stories WHERE id = $1`, [created.body.id]);
      expect(stored.campaign_id).toBe(provinceCampaign);
    });

    it('an admin who reaches both agencies may link across them', async () => {
      await http
        .post(`/api/v1/agencies/${haTinhDepartment.id}/stories`)
        .set(admin)
        .send({ title: 'Tin phối hợp hai tỉnh', campaignId: foreignCampaign })
        .expect(201);
    });
  });
});
