import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app';
import { ACCESS_KEY, AccessDeclaration } from '../../apps/api/src/http/auth.decorators';
import { AgencyEntity, CampaignEntity, ROLES, Role } from '@nhip/database';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

interface Route {
  method: string;
  /** Express style, with `:param`. */
  path: string;
  access: AccessDeclaration | undefined;
  handler: string;
}

const GUARD_CODES = new Set(['AGENCY_OUT_OF_REACH', 'ROLE_TOO_LOW', 'ACCESS_UNDECLARED']);
const PLACEMENTS = ['target', 'parent', 'unrelated'] as const;
type Placement = (typeof PLACEMENTS)[number];
const OTHER_ID = '00000000-0000-4000-8000-000000000000';

/** Every route of the running api, with the access it declares (read from the same metadata the guards read). */
function discoverRoutes(app: INestApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => object) | null;
      if (!type) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (sub === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const joined = [base, sub]
          .map((p) => p.replace(/^\/+|\/+$/g, ''))
          .filter(Boolean)
          .join('/');
        const unprefixed = method === 'GET' && (joined === 'health' || joined === 'metrics');
        routes.push({
          method,
          path: `${unprefixed ? '' : '/api/v1'}/${joined}`,
          access: (Reflect.getMetadata(ACCESS_KEY, handler) ?? Reflect.getMetadata(ACCESS_KEY, type)) as
            AccessDeclaration | undefined,
          handler: `${type.name}.${name}`,
        });
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/**
 * The role × agency matrix, generated from the routes' access declarations (issue #14): every route, for
 * no token and for each role held at the agency the request acts on, at the agency above it, and at an
 * unrelated one. A route without a declaration fails the first test, so none ships without its row.
 */
describe('role × agency access matrix (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let routes: Route[];
  const callers = new Map<string, { Authorization: string }>();
  const passwords = new Map<string, { username: string; password: string }>();
  /** Ids of the resources of the agency acted on, by the resource kinds the declarations name. */
  const owned: Record<string, string> = {};

  const key = (role: Role, placement: Placement) => `${role}@${placement}`;

  beforeAll(async () => {
    // Short channel timeouts: a connection check the matrix allows must not wait for a slow answer.
    env = await createTestEnvironment({ NHIP_CHANNEL_TIMEOUT_SECONDS: '2' });
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    routes = discoverRoutes(app);

    const make = factories(env.db);
    const parent = await make.agency({ kind: 'province', name: 'UBND tỉnh Ma Trận' });
    const target = await make.agency({ kind: 'ward', parent, name: 'UBND phường Ma Trận' });
    const unrelated = await make.agency({ kind: 'province', name: 'UBND tỉnh Bên Ngoài' });
    const at: Record<Placement, AgencyEntity> = { target, parent, unrelated };
    const account = await make.channelAccount(target, { endpoint: 'http://127.0.0.1:9/' });
    const { story, variant, publication } = await make.publication(account, new Date(Date.now() + 86400_000));
    const campaign = await env.db
      .getRepository(CampaignEntity)
      .save({ agencyId: target.id, name: 'Chiến dịch ma trận', startsOn: '2026-10-01', endsOn: '2026-10-10' });
    Object.assign(owned, {
      agency: target.id,
      'channel-account': account.id,
      story: story.id,
      variant: variant.id,
      publication: publication.id,
      campaign: campaign.id,
    });

    for (const role of ROLES) {
      for (const placement of PLACEMENTS) {
        const { user, password } = await make.user();
        await make.membership(user, at[placement], role);
        const res = await http.post('/api/v1/auth/login').send({ username: user.username, password }).expect(200);
        callers.set(key(role, placement), { Authorization: `Bearer ${res.body.token}` });
        passwords.set(key(role, placement), { username: user.username, password });
      }
    }
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('every route declares who may call it', () => {
    expect(routes.length).toBeGreaterThan(70);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path} (${r.handler})`)).toEqual([]);
  });

  it('covers every operation of the OpenAPI document, and nothing the document lacks', async () => {
    const doc = (await http.get('/api/openapi.json').expect(200)).body as { paths: Record<string, object> };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`))
      .sort();
    expect(routes.map((r) => `${r.method} ${r.path}`).sort()).toEqual(documented);
  });

  /** One request of the route as a caller would send it: the agency (or its resource) filled in from the declaration. */
  const send = (route: Route, auth: { Authorization: string } | null) => {
    const rule = route.access?.kind === 'agency' ? route.access.rule : null;
    const from = rule?.from;
    const path = route.path.replace(/:(\w+)/g, (_m, name: string) => {
      if (from && 'param' in from && from.param === name) return owned[from.resource ?? 'agency'];
      if (name === 'file') return `${OTHER_ID}.ics`;
      return OTHER_ID;
    });
    let req = http[route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path);
    if (from && 'query' in from) req = req.query({ [from.query]: owned.agency });
    if (auth) req = req.set(auth);
    if (route.method !== 'GET' && route.method !== 'DELETE') {
      req = req.send(from && 'body' in from ? { [from.body]: owned.agency } : {});
    }
    return req;
  };

  it('answers each caller as the declarations say', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const access = route.access;
      if (!access) continue;
      const anonymous = await send(route, null);
      if ((access.kind === 'public') !== (anonymous.status !== 401)) {
        wrong.push(`${route.method} ${route.path} without a token: ${anonymous.status}`);
      }
      // The twelve callers of one route at once: the route's answers do not depend on one another.
      const cells = ROLES.flatMap((role) => PLACEMENTS.map((placement) => ({ role, placement })));
      await Promise.all(
        cells.map(async ({ role, placement }) => {
          // Logging out ends the session it is sent with: that one gets a session of its own.
          const auth =
            route.path === '/api/v1/auth/logout'
              ? {
                  Authorization: `Bearer ${(await http.post('/api/v1/auth/login').send(passwords.get(key(role, placement))!)).body.token}`,
                }
              : callers.get(key(role, placement))!;
          const res = await send(route, auth);
          const code = (res.body as { code?: string } | undefined)?.code ?? '';
          let expected: string;
          if (access.kind !== 'agency') expected = 'let through';
          else if (placement === 'unrelated') expected = 'AGENCY_OUT_OF_REACH';
          else if (ROLES.indexOf(role) < ROLES.indexOf(access.rule.role)) expected = 'ROLE_TOO_LOW';
          else expected = 'let through';
          const got = res.status === 401 ? '401' : res.status === 403 && GUARD_CODES.has(code) ? code : 'let through';
          if (got !== expected || res.status >= 500) {
            wrong.push(
              `${route.method} ${route.path} as ${role} at ${placement}: ${res.status} ${code}, expected ${expected}`,
            );
          }
        }),
      );
    }
    expect(wrong.sort()).toEqual([]);
  }, 240_000);
});
