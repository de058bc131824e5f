import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { AgencyEntity, Role, UserEntity } from '@nhip/database';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

/** People leave and are shut out (issue #14, F9): removal, deactivation, token revocation, invitations. */
describe('people: removal, deactivation, revocation and invitations (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let province: AgencyEntity;
  let ward: AgencyEntity;
  let otherProvince: AgencyEntity;
  let otherWard: AgencyEntity;
  let provinceAdmin: { Authorization: string };
  let provinceAdminUser: UserEntity;
  let wardAdmin: { Authorization: string };

  const signIn = async (username: string, password: string) => {
    const res = await http.post('/api/v1/auth/login').send({ username, password }).expect(200);
    return { Authorization: `Bearer ${res.body.token}` };
  };

  const person = async (memberships: Array<[AgencyEntity, Role]>) => {
    const { user, password } = await factories(env.db).user();
    for (const [agency, role] of memberships) await factories(env.db).membership(user, agency, role);
    return { user, password, auth: await signIn(user.username, password) };
  };

  const audits = async (
    action: string,
    subjectId: string,
  ): Promise<Array<{ actor: string; agency: string | null; data: unknown }>> =>
    (
      await env.db.query(
        `SELECT actor_user_id, agency_id, data FROM audit_events WHERE action = $1 AND subject_id = $2`,
        [action, subjectId],
      )
    ).map((r: { actor_user_id: string; agency_id: string | null; data: unknown }) => ({
      actor: r.actor_user_id,
      agency: r.agency_id,
      data: r.data,
    }));

  const roleAt = async (userId: string, agencyId: string) =>
    (await env.db.query(`SELECT role FROM memberships WHERE user_id = $1 AND agency_id = $2`, [userId, agencyId]))[0]
      ?.role ?? null;

  beforeAll(async () => {
    env = await createTestEnvironment();
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    const make = factories(env.db);
    province = await make.agency({ kind: 'province', name: 'UBND tỉnh Một' });
    ward = await make.agency({ kind: 'ward', parent: province, name: 'UBND phường Một' });
    otherProvince = await make.agency({ kind: 'province', name: 'UBND tỉnh Hai' });
    otherWard = await make.agency({ kind: 'ward', parent: otherProvince, name: 'UBND phường Hai' });
    const a = await person([[province, 'admin']]);
    provinceAdmin = a.auth;
    provinceAdminUser = a.user;
    wardAdmin = (await person([[ward, 'admin']])).auth;
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  describe('membership removal', () => {
    it('an admin of the agency removes a member, with an audit row; the person loses access at once', async () => {
      const member = await person([[ward, 'officer']]);
      await http.get(`/api/v1/agencies/${ward.id}`).set(member.auth).expect(200);
      await http.delete(`/api/v1/agencies/${ward.id}/members/${member.user.id}`).set(wardAdmin).expect(204);
      expect(await roleAt(member.user.id, ward.id)).toBeNull();
      expect((await http.get(`/api/v1/agencies/${ward.id}`).set(member.auth).expect(403)).body.code).toBe(
        'AGENCY_OUT_OF_REACH',
      );
      expect(await audits('membership.removed', member.user.id)).toEqual([
        { actor: expect.any(String), agency: ward.id, data: { role: 'officer' } },
      ]);
      const again = await http.delete(`/api/v1/agencies/${ward.id}/members/${member.user.id}`).set(wardAdmin);
      expect(again.status).toBe(404);
      expect(again.body.code).toBe('MEMBERSHIP_NOT_FOUND');
    });

    it('needs the admin role at the agency, and nobody removes themselves', async () => {
      const member = await person([[ward, 'officer']]);
      const editor = await person([[ward, 'editor']]);
      const tooWeak = await http.delete(`/api/v1/agencies/${ward.id}/members/${member.user.id}`).set(editor.auth);
      expect([tooWeak.status, tooWeak.body.code]).toEqual([403, 'ROLE_TOO_LOW']);
      const outside = await person([[otherProvince, 'admin']]);
      const far = await http.delete(`/api/v1/agencies/${ward.id}/members/${member.user.id}`).set(outside.auth);
      expect([far.status, far.body.code]).toEqual([403, 'AGENCY_OUT_OF_REACH']);
      const self = await http
        .delete(`/api/v1/agencies/${province.id}/members/${provinceAdminUser.id}`)
        .set(provinceAdmin);
      expect([self.status, self.body.code]).toEqual([400, 'CANNOT_REMOVE_SELF']);
      expect(await roleAt(member.user.id, ward.id)).toBe('officer');
    });
  });

  describe('deactivation', () => {
    it('revokes every session and integration token at once; the next request is 401 USER_DEACTIVATED', async () => {
      const member = await person([[ward, 'officer']]);
      const integration = await http.post('/api/v1/auth/tokens').set(member.auth).send({ name: 'Đồng bộ' }).expect(201);
      const bearer = { Authorization: `Bearer ${integration.body.token}` };
      await http.get('/api/v1/auth/me').set(bearer).expect(200);

      await http.post(`/api/v1/users/${member.user.id}/deactivate`).set(wardAdmin).expect(204);

      for (const auth of [member.auth, bearer]) {
        const res = await http.get('/api/v1/auth/me').set(auth).expect(401);
        expect(res.body).toEqual({ code: 'USER_DEACTIVATED', message: expect.stringMatching(/vô hiệu hóa/) });
      }
      const revoked = await env.db.query(
        `SELECT count(*)::int AS n FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
        [member.user.id],
      );
      expect(revoked[0].n).toBe(0);
      expect(await audits('user.deactivated', member.user.id)).toEqual([
        { actor: expect.any(String), agency: null, data: { tokensRevoked: 2 } },
      ]);
      const login = await http
        .post('/api/v1/auth/login')
        .send({ username: member.user.username, password: member.password });
      expect(login.status).toBe(401);

      // Reactivated: a fresh login works, the old tokens stay revoked.
      await http.post(`/api/v1/users/${member.user.id}/reactivate`).set(wardAdmin).expect(204);
      const old = await http.get('/api/v1/auth/me').set(bearer).expect(401);
      expect(old.body.code).toBe('TOKEN_REVOKED');
      await http
        .get('/api/v1/auth/me')
        .set(await signIn(member.user.username, member.password))
        .expect(200);
    });

    it('needs admin over every agency the person belongs to, and is never of oneself', async () => {
      const straddling = await person([
        [ward, 'officer'],
        [otherWard, 'officer'],
      ]);
      const res = await http.post(`/api/v1/users/${straddling.user.id}/deactivate`).set(wardAdmin);
      expect([res.status, res.body.code]).toEqual([403, 'USER_OUT_OF_REACH']);
      const editor = await person([[province, 'editor']]);
      const weak = await http.post(`/api/v1/users/${straddling.user.id}/deactivate`).set(editor.auth);
      expect([weak.status, weak.body.code]).toEqual([403, 'USER_OUT_OF_REACH']);
      await http.get('/api/v1/auth/me').set(straddling.auth).expect(200);

      const self = await http.post(`/api/v1/users/${provinceAdminUser.id}/deactivate`).set(provinceAdmin);
      expect([self.status, self.body.code]).toEqual([400, 'CANNOT_DEACTIVATE_SELF']);
      const unknown = await http
        .post(`/api/v1/users/00000000-0000-4000-8000-000000000000/deactivate`)
        .set(provinceAdmin);
      expect([unknown.status, unknown.body.code]).toEqual([404, 'USER_NOT_FOUND']);
      expect(await audits('user.deactivated', straddling.user.id)).toEqual([]);
    });
  });

  describe("an administrator revokes another user's tokens", () => {
    it('lists and revokes one integration token, then every token and session', async () => {
      const member = await person([[ward, 'editor']]);
      const one = await http.post('/api/v1/auth/tokens').set(member.auth).send({ name: 'Cổng tỉnh' }).expect(201);
      const two = await http.post('/api/v1/auth/tokens').set(member.auth).send({ name: 'Bảng tin' }).expect(201);

      const listed = await http.get(`/api/v1/users/${member.user.id}/tokens`).set(provinceAdmin).expect(200);
      expect(listed.body.map((t: { name: string }) => t.name).sort()).toEqual(['Bảng tin', 'Cổng tỉnh']);
      expect(JSON.stringify(listed.body)).not.toContain(one.body.token);

      await http.delete(`/api/v1/users/${member.user.id}/tokens/${one.body.id}`).set(provinceAdmin).expect(204);
      const revokedOne = await http
        .get('/api/v1/auth/me')
        .set({ Authorization: `Bearer ${one.body.token}` })
        .expect(401);
      expect(revokedOne.body.code).toBe('TOKEN_REVOKED');
      await http
        .get('/api/v1/auth/me')
        .set({ Authorization: `Bearer ${two.body.token}` })
        .expect(200);
      await http.get('/api/v1/auth/me').set(member.auth).expect(200);

      const all = await http
        .post(`/api/v1/users/${member.user.id}/tokens/revoke`)
        .set(provinceAdmin)
        .send({ scope: 'all' })
        .expect(200);
      expect(all.body).toEqual({ revoked: 2 });
      for (const auth of [member.auth, { Authorization: `Bearer ${two.body.token}` }]) {
        expect((await http.get('/api/v1/auth/me').set(auth).expect(401)).body.code).toBe('TOKEN_REVOKED');
      }
      expect((await audits('user.tokens_revoked', member.user.id)).map((a) => a.data)).toEqual(
        expect.arrayContaining([
          { tokenIds: [one.body.id], scope: 'one' },
          { tokenIds: expect.arrayContaining([two.body.id]), scope: 'all' },
        ]),
      );
    });

    it('is refused outside the admin’s reach and for tokens of someone else', async () => {
      const member = await person([[otherWard, 'officer']]);
      const token = await http.post('/api/v1/auth/tokens').set(member.auth).send({ name: 'Riêng' }).expect(201);
      for (const res of [
        await http.get(`/api/v1/users/${member.user.id}/tokens`).set(provinceAdmin),
        await http.delete(`/api/v1/users/${member.user.id}/tokens/${token.body.id}`).set(provinceAdmin),
        await http
          .post(`/api/v1/users/${member.user.id}/tokens/revoke`)
          .set(provinceAdmin)
          .send({ scope: 'integration' }),
      ]) {
        expect([res.status, res.body.code]).toEqual([403, 'USER_OUT_OF_REACH']);
      }
      const bad = await http
        .post(`/api/v1/users/${member.user.id}/tokens/revoke`)
        .set(provinceAdmin)
        .send({ scope: 'everything' });
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
      // A token id of another user under a user the admin does administer is not found.
      const mine = await person([[ward, 'officer']]);
      const wrong = await http.delete(`/api/v1/users/${mine.user.id}/tokens/${token.body.id}`).set(provinceAdmin);
      expect([wrong.status, wrong.body.code]).toEqual([404, 'TOKEN_NOT_FOUND']);
      await http
        .get('/api/v1/auth/me')
        .set({ Authorization: `Bearer ${token.body.token}` })
        .expect(200);
    });
  });

  describe('adding people from outside the admin’s reach', () => {
    it('cannot add them directly; an invitation accepted by the person grants the role', async () => {
      const outsider = await person([[otherWard, 'officer']]);
      const candidates = await http
        .get(`/api/v1/agencies/${ward.id}/user-candidates`)
        .query({ q: outsider.user.username })
        .set(wardAdmin)
        .expect(200);
      expect(candidates.body).toEqual([expect.objectContaining({ id: outsider.user.id, needsInvitation: true })]);

      const direct = await http
        .put(`/api/v1/agencies/${ward.id}/members/${outsider.user.id}`)
        .set(wardAdmin)
        .send({ role: 'editor' });
      expect([direct.status, direct.body.code]).toEqual([403, 'INVITATION_REQUIRED']);
      expect(await roleAt(outsider.user.id, ward.id)).toBeNull();

      const invited = await http
        .post(`/api/v1/agencies/${ward.id}/invitations`)
        .set(wardAdmin)
        .send({ userId: outsider.user.id, role: 'editor' })
        .expect(201);
      const twice = await http
        .post(`/api/v1/agencies/${ward.id}/invitations`)
        .set(wardAdmin)
        .send({ userId: outsider.user.id, role: 'viewer' });
      expect([twice.status, twice.body.code]).toEqual([409, 'INVITATION_PENDING']);
      expect(await roleAt(outsider.user.id, ward.id)).toBeNull();
      const sent = await http.get(`/api/v1/agencies/${ward.id}/invitations`).set(wardAdmin).expect(200);
      expect(sent.body).toEqual([expect.objectContaining({ id: invited.body.id, role: 'editor' })]);

      // Someone else cannot answer it, and cannot even see it.
      const stranger = await person([[province, 'officer']]);
      const theirs = await http.post(`/api/v1/invitations/${invited.body.id}/accept`).set(stranger.auth);
      expect([theirs.status, theirs.body.code]).toEqual([404, 'INVITATION_NOT_FOUND']);
      expect((await http.get('/api/v1/invitations').set(stranger.auth).expect(200)).body).toEqual([]);

      const mine = await http.get('/api/v1/invitations').set(outsider.auth).expect(200);
      expect(mine.body).toEqual([
        expect.objectContaining({ id: invited.body.id, agencyName: 'UBND phường Một', role: 'editor', forMe: true }),
      ]);
      await http.post(`/api/v1/invitations/${invited.body.id}/accept`).set(outsider.auth).expect(204);
      expect(await roleAt(outsider.user.id, ward.id)).toBe('editor');
      const closed = await http.post(`/api/v1/invitations/${invited.body.id}/decline`).set(outsider.auth);
      expect([closed.status, closed.body.code]).toEqual([409, 'INVITATION_CLOSED']);
      expect((await audits('invitation.accepted', outsider.user.id)).map((a) => a.agency)).toEqual([ward.id]);

      // Now a member here, the ward admin changes their role directly.
      await http
        .put(`/api/v1/agencies/${ward.id}/members/${outsider.user.id}`)
        .set(wardAdmin)
        .send({ role: 'viewer' })
        .expect(204);
      expect(await roleAt(outsider.user.id, ward.id)).toBe('viewer');
    });

    it("the person's own agency admin may accept or decline for them; the inviter may cancel", async () => {
      const otherAdmin = await person([[otherProvince, 'admin']]);
      const a = await person([[otherWard, 'officer']]);
      const b = await person([[otherWard, 'officer']]);
      const invite = async (userId: string) =>
        (
          await http
            .post(`/api/v1/agencies/${ward.id}/invitations`)
            .set(wardAdmin)
            .send({ userId, role: 'officer' })
            .expect(201)
        ).body.id as string;
      const forA = await invite(a.user.id);
      const forB = await invite(b.user.id);
      const seen = await http.get('/api/v1/invitations').set(otherAdmin.auth).expect(200);
      expect(seen.body.map((i: { id: string; forMe: boolean }) => [i.id, i.forMe])).toEqual([
        [forA, false],
        [forB, false],
      ]);
      await http.post(`/api/v1/invitations/${forA}/accept`).set(otherAdmin.auth).expect(204);
      await http.post(`/api/v1/invitations/${forB}/decline`).set(otherAdmin.auth).expect(204);
      expect(await roleAt(a.user.id, ward.id)).toBe('officer');
      expect(await roleAt(b.user.id, ward.id)).toBeNull();

      const forBAgain = await invite(b.user.id);
      const notInviter = await http.delete(`/api/v1/agencies/${ward.id}/invitations/${forBAgain}`).set(otherAdmin.auth);
      expect(notInviter.status).toBe(403);
      await http.delete(`/api/v1/agencies/${ward.id}/invitations/${forBAgain}`).set(wardAdmin).expect(204);
      const late = await http.post(`/api/v1/invitations/${forBAgain}/accept`).set(b.auth);
      expect([late.status, late.body.code]).toEqual([409, 'INVITATION_CLOSED']);
      expect(await roleAt(b.user.id, ward.id)).toBeNull();
      expect(await audits('invitation.cancelled', forBAgain)).toHaveLength(1);
    });

    it('people already in the admin’s reach are added directly', async () => {
      const colleague = await person([[province, 'officer']]);
      const found = await http
        .get(`/api/v1/agencies/${ward.id}/user-candidates`)
        .query({ q: colleague.user.username })
        .set(provinceAdmin)
        .expect(200);
      expect(found.body).toEqual([expect.objectContaining({ id: colleague.user.id, needsInvitation: false })]);
      await http
        .put(`/api/v1/agencies/${ward.id}/members/${colleague.user.id}`)
        .set(provinceAdmin)
        .send({ role: 'editor' })
        .expect(204);
      expect(await roleAt(colleague.user.id, ward.id)).toBe('editor');
    });
  });
});
