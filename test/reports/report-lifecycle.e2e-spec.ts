import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { ChannelAccountEntity } from '@nhip/database';
import { seedDemoData } from '@nhip/demo';
import type { StoredReport } from '@nhip/reporting';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';
import { documentXml, paragraphs } from './support/docx-xml';
import { HalfYear, scriptHalfYear } from './support/half-year';

type Auth = { Authorization: string };

const binary = (res: request.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

/**
 * Issue #17: a report is a document with a lifecycle. The ward's officer generates the draft (figures
 * live, text pre-filled from the data), writes what the data cannot know, submits it; the leader returns
 * it once, then approves it; the approved DOCX is frozen as signed, its checksum recorded.
 */
describe('a report from draft to the signed document (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let data: HalfYear;
  let officer: Auth;
  let leader: Auth;
  const dir = mkdtempSync(join(tmpdir(), 'nhip-report-lifecycle-'));

  const login = async (username: string, password: string): Promise<Auth> => {
    const res = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return { Authorization: `Bearer ${res.body.token}` };
  };
  const docx = async (id: string, auth: Auth) => {
    const res = await http.get(`/api/v1/reports/${id}.docx`).set(auth).buffer(true).parse(binary).expect(200);
    const file = join(
      dir,
      `${createHash('sha1')
        .update(res.body as Buffer)
        .digest('hex')}.docx`,
    );
    writeFileSync(file, res.body as Buffer);
    const text = paragraphs(await documentXml(file))
      .map((p) => p.text)
      .filter((t) => t.trim() !== '');
    return { bytes: res.body as Buffer, headers: res.headers, text };
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    data = await scriptHalfYear(env.db);
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    const make = factories(env.db);
    const o = await make.user({ username: 'canbo.hoa', displayName: 'Y Hòa Niê' });
    await make.membership(o.user, data.ward, 'officer');
    officer = await login('canbo.hoa', o.password);
    const l = await make.user({ username: 'pct.tra', displayName: 'Nguyễn Đại Trà' });
    await make.membership(l.user, data.ward, 'editor');
    leader = await login('pct.tra', l.password);
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('is drafted, edited, refreshed, returned, approved and then frozen as signed', async () => {
    // 1. The draft: figures from the data, text pre-filled where the data can say it.
    const draft = (
      await http.post('/api/v1/reports').set(officer).send({ agency: data.ward.id, period: '2026-H1' }).expect(201)
    ).body as StoredReport;
    expect(draft.lifecycle).toMatchObject({ state: 'draft', revision: 1, finalSha256: null });
    const tasks = draft.plans[0].tasks;
    const busy = tasks.find((t) => t.counts.published > 0)!;
    expect(draft.narrative!.taskResults[busy.taskId!]).toMatch(
      new RegExp(`^Đã đăng, phát ${busy.counts.published} lượt tin, bài về \\d+ nội dung \\(`),
    );
    expect(draft.narrative!.nextTasks.split('\n')).toEqual(
      expect.arrayContaining([expect.stringContaining(tasks[0].name.slice(0, 20))]),
    );
    expect(draft.narrative).toMatchObject({ causes: '', proposals: '' });

    // 2. The officer writes what only people know, and names the signer.
    const quiz = 'Tổ chức cuộc thi trực tuyến "Tìm hiểu Nghị quyết 57" tháng 6 với 1.250 lượt người tham gia.';
    const edited = (
      await http
        .patch(`/api/v1/reports/${draft.id}`)
        .set(officer)
        .send({
          revision: 1,
          narrative: {
            taskResults: { [busy.taskId!]: quiz },
            causes: 'Một số tổ dân phố chưa có người phụ trách truyền thông.',
            proposals: 'Đề nghị Sở Khoa học và Công nghệ tập huấn kỹ năng truyền thông số cho cán bộ phường.',
          },
          signer: { form: 'KT', title: 'PHÓ CHỦ TỊCH', name: 'Nguyễn Đại Trà' },
        })
        .expect(200)
    ).body as StoredReport;
    expect(edited.lifecycle.revision).toBe(2);
    expect(edited.narrative!.taskResults[busy.taskId!]).toBe(quiz.normalize('NFC'));
    expect(edited.document.signer).toMatchObject({ deputy: 'KT. CHỦ TỊCH', name: 'Nguyễn Đại Trà' });

    // Two people on one draft: the stale write is refused and changes nothing.
    const stale = await http
      .patch(`/api/v1/reports/${draft.id}`)
      .set(officer)
      .send({ revision: 1, narrative: { causes: 'Ghi đè' } })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'REVISION_CONFLICT', details: { revision: 2 } });
    const unknownTask = await http
      .patch(`/api/v1/reports/${draft.id}`)
      .set(officer)
      .send({ revision: 2, narrative: { taskResults: { '00000000-0000-4000-8000-000000000000': 'x' } } })
      .expect(400);
    expect(unknownTask.body.code).toBe('REPORT_TASK_UNKNOWN');
    const unchanged = (await http.get(`/api/v1/reports/${draft.id}`).set(officer).expect(200)).body as StoredReport;
    expect(unchanged.narrative!.causes).toBe('Một số tổ dân phố chưa có người phụ trách truyền thông.');
    expect(unchanged.lifecycle.revision).toBe(2);

    // 3. Figures stay live while it is a draft: a post published since is counted on refresh, the text kept.
    const portal = await env.db
      .getRepository(ChannelAccountEntity)
      .findOneByOrFail({ agencyId: data.ward.id, type: 'portal' });
    await factories(env.db).storyWithPublications({ agencyId: data.ward.id, planTaskId: busy.taskId }, [
      { account: portal, at: new Date('2026-06-10T08:00:00+07:00'), url: 'https://dakbla.example.gov.vn/tin-moi' },
    ]);
    const refreshed = (
      await http.post(`/api/v1/reports/${draft.id}/refresh`).set(officer).send({ revision: 2 }).expect(200)
    ).body as { report: StoredReport; changes: Array<{ what: string; before: number; after: number }> };
    expect(refreshed.changes).toEqual(
      expect.arrayContaining([
        {
          what: 'Tổng số lượt đăng, phát thành công',
          before: draft.totals.published,
          after: draft.totals.published + 1,
        },
        {
          what: expect.stringMatching(new RegExp(`^Nhiệm vụ ${busy.number} `)),
          before: busy.counts.published,
          after: busy.counts.published + 1,
        },
      ]),
    );
    expect(refreshed.report.narrative!.taskResults[busy.taskId!]).toBe(quiz.normalize('NFC'));
    expect(refreshed.report.lifecycle.revision).toBe(3);

    // The draft's DOCX says it is one, and carries what the officer wrote.
    const draftDoc = await docx(draft.id, officer);
    expect(draftDoc.text[0]).toBe('DỰ THẢO');
    expect(draftDoc.headers['content-disposition']).toContain('-du-thao.docx');
    expect(draftDoc.text).toEqual(
      expect.arrayContaining([
        `Nhiệm vụ ${busy.number}: ${quiz.replace(/"([^"]*)"/g, '“$1”')}`.normalize('NFC'),
        'Một số tổ dân phố chưa có người phụ trách truyền thông.',
        'Đề nghị Sở Khoa học và Công nghệ tập huấn kỹ năng truyền thông số cho cán bộ phường.',
      ]),
    );

    // 4. Submitted to the leader: no more edits; only an editor may return or approve it.
    await http.post(`/api/v1/reports/${draft.id}/submit`).set(officer).send({ revision: 3 }).expect(200);
    const locked = await http
      .patch(`/api/v1/reports/${draft.id}`)
      .set(officer)
      .send({ revision: 4, narrative: { causes: 'Sửa sau khi trình' } })
      .expect(409);
    expect(locked.body.code).toBe('REPORT_STATE_CONFLICT');
    const notSigner = await http
      .post(`/api/v1/reports/${draft.id}/approve`)
      .set(officer)
      .send({ revision: 4 })
      .expect(403);
    expect(notSigner.body.code).toBe('ROLE_TOO_LOW');
    await http
      .post(`/api/v1/reports/${draft.id}/return`)
      .set(leader)
      .send({ revision: 4, reason: 'Bổ sung số người tham gia tập huấn quý II.' })
      .expect(200);
    await http
      .patch(`/api/v1/reports/${draft.id}`)
      .set(officer)
      .send({ revision: 5, narrative: { shortcomings: '- Lớp tập huấn quý II chưa tổ chức được do trùng lịch.' } })
      .expect(200);
    await http.post(`/api/v1/reports/${draft.id}/submit`).set(officer).send({ revision: 6 }).expect(200);

    // 5. Approved: the DOCX is frozen, served byte for byte, with the checksum recorded at approval.
    const approved = (
      await http.post(`/api/v1/reports/${draft.id}/approve`).set(leader).send({ revision: 7 }).expect(200)
    ).body as StoredReport;
    expect(approved.lifecycle).toMatchObject({
      state: 'approved',
      revision: 8,
      finalSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const signed = await docx(draft.id, officer);
    expect(createHash('sha256').update(signed.bytes).digest('hex')).toBe(approved.lifecycle.finalSha256);
    expect(signed.headers['x-content-sha256']).toBe(approved.lifecycle.finalSha256);
    expect(signed.headers['content-disposition']).not.toContain('du-thao');
    expect(signed.text).not.toContain('DỰ THẢO');
    expect(signed.text).toEqual(
      expect.arrayContaining([
        '- Lớp tập huấn quý II chưa tổ chức được do trùng lịch.',
        'Nguyễn Đại Trà',
        'KT. CHỦ TỊCH',
      ]),
    );

    // Published since, nothing moves: no refresh, no edit, the same bytes.
    await factories(env.db).storyWithPublications({ agencyId: data.ward.id, planTaskId: busy.taskId }, [
      { account: portal, at: new Date('2026-06-11T08:00:00+07:00'), url: 'https://dakbla.example.gov.vn/tin-sau' },
    ]);
    expect(
      (await http.post(`/api/v1/reports/${draft.id}/refresh`).set(officer).send({ revision: 8 }).expect(409)).body.code,
    ).toBe('REPORT_STATE_CONFLICT');
    expect(Buffer.compare((await docx(draft.id, leader)).bytes, signed.bytes)).toBe(0);

    // Every step in the audit trail, with the leader's reason.
    const trail: Array<{ action: string; data: Record<string, unknown> }> = await env.db.query(
      `SELECT action, data FROM audit_events WHERE subject_type = 'report' AND subject_id = $1 ORDER BY id`,
      [draft.id],
    );
    expect(trail.map((t) => t.action)).toEqual([
      'report.generated',
      'report.edited',
      'report.refreshed',
      'report.submitted',
      'report.returned',
      'report.edited',
      'report.submitted',
      'report.approved',
    ]);
    expect(trail[4].data.reason).toBe('Bổ sung số người tham gia tập huấn quý II.');
    expect(trail[7].data.sha256).toBe(approved.lifecycle.finalSha256);
    const listed = (await http.get(`/api/v1/reports?agency=${data.ward.id}`).set(officer).expect(200)).body as Array<{
      id: string;
      state: string;
    }>;
    expect(listed.find((r) => r.id === draft.id)?.state).toBe('approved');
  }, 120_000);
});
