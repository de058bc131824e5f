import { mkdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { DEMO_WARD_CODE } from '@nhip/demo';
import { factories } from '../support/factories';
import { launchChromium, SCREENSHOT_DIR, signInContext, startWebStack, WebStack } from './support/web-stack';

/**
 * Where a person starts: `/` or a link someone sent, logged out, on a desktop and on a phone; then every
 * screen at both sizes, which on a phone must neither scroll sideways nor pile up its header rows.
 */

const SIZES = [
  { name: '1366x768', viewport: { width: 1366, height: 768 } },
  { name: '390x844', viewport: { width: 390, height: 844 } },
];
const ADMIN_PASSWORD = 'mat-khau-quan-tri';
const OFFICER = { username: 'canbo.mai', password: 'mat-khau-can-bo-mai' };
const EDITOR = { username: 'bientap.son', password: 'mat-khau-bien-tap-son' };

/** Rows whose children sit side by side and must never cover one another. */
const HEADER_ROWS = [
  '.topbar',
  '.page-head',
  '.subnav',
  '.fc-header-toolbar',
  '.fc-col-header',
  'thead tr',
  '.queue-head',
  '.pub-head',
  '.account-head',
  '[role=tablist]',
  '.bulkbar',
];

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A plain HTTP GET that leaves the body as sent (fetch would decompress it and hide the encoding). */
function rawGet(url: string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** In the page: every visible element of a header row whose box meets another's (neither holding the other). */
const OVERLAPS = `((selectors) => {
  const found = [];
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    return r.width > 1 && r.height > 1 && style.visibility !== 'hidden' && style.position !== 'fixed' && style.clip !== 'rect(0px, 0px, 0px, 0px)';
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
  for (const selector of selectors) {
    for (const row of document.querySelectorAll(selector)) {
      if (!visible(row)) continue;
      const items = [...row.querySelectorAll('*')].filter((el) => visible(el) && !['svg', 'path', 'rect', 'option', 'colgroup', 'col'].includes(el.tagName.toLowerCase()));
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          const a = items[i], b = items[j];
          if (a.contains(b) || b.contains(a)) continue;
          // Line boxes, not bounding boxes: words wrapping onto a second line are not an overlap.
          const meets = [...a.getClientRects()].some((ra) => [...b.getClientRects()].some((rb) =>
            Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left) > 1 && Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top) > 1));
          if (meets) found.push(selector + ': ' + describe(a) + ' × ' + describe(b));
        }
      }
      // Text cut off inside the row (a label squeezed narrower than its words).
      for (const el of items) {
        const style = getComputedStyle(el);
        if (el.children.length === 0 && style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
          found.push(selector + ': cut ' + describe(el));
      }
    }
  }
  return [...new Set(found)];
})`;

/** Text that must be read whole: calendar chips, the channels to draft for. */
const UNCUT = ['.fc-daygrid-event .ev', '.generate label'];
/** On a phone, blocks that must keep a readable width (not one word per line). */
const UNSQUEEZED = [
  '.generate fieldset',
  'main .table td',
  'main .panel',
  'main .card',
  '.facts dd',
  '.account-head h3',
];

/** In the page: elements of `uncut` whose text runs past their box, and elements of `unsqueezed` narrower than `min` px. */
const CUT_OR_SQUEEZED = `((uncut, unsqueezed, min) => {
  const found = [];
  const name = (el) => el.tagName.toLowerCase() + '.' + String(el.className).trim().split(/\\s+/).join('.') + ' "' + (el.textContent || '').trim().slice(0, 30) + '"';
  for (const selector of uncut)
    for (const el of document.querySelectorAll(selector))
      if (el.getClientRects().length && el.scrollWidth > el.clientWidth + 1) found.push('cut ' + name(el));
  if (min > 0)
    for (const selector of unsqueezed)
      for (const el of document.querySelectorAll(selector)) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.width < min) found.push('squeezed to ' + Math.round(r.width) + ' px: ' + name(el));
      }
  return found;
})`;

jest.setTimeout(180_000);

describe('first visit and every screen (browser)', () => {
  let stack: WebStack;
  let browser: Browser;
  let ward: AgencyEntity;
  let storyId: string;
  let bareStoryId: string;
  let reportId: string;
  let day: string;

  async function call<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
    const res = await fetch(`${stack.baseUrl}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  const login = async (who: { username: string; password: string }) =>
    (await call<{ token: string }>('POST', '/auth/login', null, who)).token;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    stack = await startWebStack(ADMIN_PASSWORD);
    ward = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const make = factories(stack.env.db);
    const officer = await make.user({ ...OFFICER, displayName: 'Lê Thị Mai' });
    const editor = await make.user({ ...EDITOR, displayName: 'Phạm Văn Sơn' });
    await make.membership(officer.user, ward, 'officer');
    await make.membership(editor.user, ward, 'editor');
    for (const [username, displayName] of [
      ['ung.hoang', 'Ưng Hoàng'],
      ['dinh.an', 'Đinh Văn An'],
      ['duong.ha', 'Dương Thị Hà'],
    ]) {
      const colleague = await make.user({ username, displayName });
      await make.membership(colleague.user, ward, 'viewer');
    }

    // Something on every screen: a story with four variants, two waiting for approval and two scheduled, and a report.
    const officerToken = await login(OFFICER);
    const editorToken = await login(EDITOR);
    const accounts = await stack.env.db.getRepository(ChannelAccountEntity).find({ where: { agencyId: ward.id } });
    const story = await call<{ id: string }>('POST', `/agencies/${ward.id}/stories`, officerToken, {
      title: 'Tập huấn kỹ năng số cho tổ công nghệ số cộng đồng phường Đăk Bla',
      summary: 'Sáng 12/6/2026, phường tập huấn kỹ năng số cho 45 thành viên tổ công nghệ số cộng đồng.',
      body: 'Các thành viên được hướng dẫn cài đặt VNeID, thanh toán không dùng tiền mặt và dịch vụ công trực tuyến.',
      audiences: ['residents'],
      media: [{ kind: 'image', url: 'https://dakbla.example.gov.vn/anh/tap-huan.jpg', caption: 'Buổi tập huấn' }],
    });
    storyId = story.id;
    bareStoryId = (
      await call<{ id: string }>('POST', `/agencies/${ward.id}/stories`, officerToken, {
        title: 'Hướng dẫn người dân cài đặt ứng dụng VNeID mức độ 2',
        summary: 'Tổ công nghệ số cộng đồng hỗ trợ người dân tại nhà văn hóa các tổ dân phố.',
        body: 'Người dân mang theo căn cước và điện thoại thông minh.',
        audiences: ['residents'],
        media: [],
      })
    ).id;
    const variants = await call<Array<{ id: string; channelType: string; content: Record<string, unknown> }>>(
      'POST',
      `/stories/${story.id}/variants/generate`,
      officerToken,
      { channelAccountIds: accounts.map((a) => a.id) },
    );
    const at = new Date(Date.now() + 26 * 3600_000);
    at.setUTCMinutes(0, 0, 0);
    day = new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    for (const v of variants) {
      const content =
        v.channelType === 'loudspeaker' ? { ...v.content, stations: ['cum-loa-to-dan-pho-1'] } : undefined;
      await call('PATCH', `/variants/${v.id}`, officerToken, { schedule: { at: at.toISOString() }, content });
      await call('POST', `/variants/${v.id}/submit`, officerToken);
    }
    for (const v of variants.filter((x) => x.channelType === 'portal' || x.channelType === 'zalo'))
      await call('POST', `/variants/${v.id}/approve`, editorToken, {});
    const adminToken = await login({ username: 'admin', password: ADMIN_PASSWORD });
    reportId = (await call<{ id: string }>('POST', '/reports', adminToken, { agency: ward.id, period: '2026-H1' })).id;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('sends the web app’s scripts and the api’s JSON compressed when asked, and plain when not', async () => {
    const html = (await rawGet(`${stack.baseUrl}/`, { Accept: 'text/html' })).body.toString();
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)![1];
    const plain = await rawGet(`${stack.baseUrl}${script}`, {});
    expect(plain.headers['content-encoding']).toBeUndefined();

    const br = await rawGet(`${stack.baseUrl}${script}`, { 'Accept-Encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);

    const gz = await rawGet(`${stack.baseUrl}${script}`, { 'Accept-Encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);

    const css = /href="(\/assets\/index-[^"]+\.css)"/.exec(html)![1];
    expect((await rawGet(`${stack.baseUrl}${css}`, { 'Accept-Encoding': 'br' })).headers['content-encoding']).toBe(
      'br',
    );

    const token = await login({ username: 'admin', password: ADMIN_PASSWORD });
    const json = await rawGet(`${stack.baseUrl}/api/v1/agencies`, {
      Authorization: `Bearer ${token}`,
      'Accept-Encoding': 'gzip',
    });
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.headers['content-encoding']).toBe('gzip');
    expect(json.headers.vary).toContain('Accept-Encoding');
    const agencies = JSON.parse(gunzipSync(json.body).toString()) as Array<{ code: string }>;
    expect(agencies.map((a) => a.code)).toContain(DEMO_WARD_CODE);
  });

  it('lists agencies and people in Vietnamese alphabetical order', async () => {
    const context = await browser.newContext({ viewport: SIZES[0].viewport, locale: 'vi-VN' });
    await signInContext(context, stack.baseUrl, { username: 'admin', password: ADMIN_PASSWORD });
    await context.addInitScript(`localStorage.setItem('nhip.agency', ${JSON.stringify(ward.id)})`);
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/admin/users`);
    await page.getByRole('cell', { name: 'dinh.an' }).waitFor();
    // Đ right after D, Ư after U: a plain sort puts Đinh after Ưng.
    expect(await page.locator('table tbody tr td:first-child').allTextContents()).toEqual([
      'Dương Thị Hà',
      'Đinh Văn An',
      'Lê Thị Mai',
      'Phạm Văn Sơn',
      'Ưng Hoàng',
    ]);
    const vi = new Intl.Collator('vi');
    const options = (await page.locator('#agency-select option').allTextContents()).map((t) => t.trim());
    expect(options.length).toBeGreaterThan(10);
    expect(options).toEqual([...options].sort(vi.compare));
    expect(options).not.toEqual([...options].sort());
    await page.goto(`${stack.baseUrl}/calendar?view=month&date=2026-10-01`);
    await page.locator('.fc-daygrid-day').first().waitFor();
    const filter = (await page.locator('#f-agency option').allTextContents()).slice(1);
    expect(filter).toEqual([...filter].sort(vi.compare));
    await context.close();
  });

  it('names channels and their credentials in Vietnamese, never by code', async () => {
    const context = await browser.newContext({ viewport: SIZES[0].viewport, locale: 'vi-VN' });
    await signInContext(context, stack.baseUrl, { username: 'admin', password: ADMIN_PASSWORD });
    await context.addInitScript(`localStorage.setItem('nhip.agency', ${JSON.stringify(ward.id)})`);
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/notifications`);
    await page.getByTestId('notification').first().waitFor();
    // Notifications about one story are one card; its earlier ones open under it.
    const more = page.getByRole('button', { name: /^Và \d+ thông báo trước/ });
    for (let i = (await more.count()) - 1; i >= 0; i--) await more.nth(i).click();
    await page.getByText('Kênh: Trang Facebook').first().waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(/Kênh: (portal|facebook|zalo|loudspeaker)/);

    await page.goto(`${stack.baseUrl}/admin/channels`);
    const labels: string[] = [];
    for (const name of [
      'Trang thông tin điện tử phường Đăk Bla',
      'Fanpage UBND phường Đăk Bla',
      'Zalo OA phường Đăk Bla',
    ]) {
      const card = page.locator('[data-testid="channel-account"]').filter({ hasText: name });
      await card.getByRole('button', { name: 'Nhập thông tin đăng nhập' }).click();
      labels.push(...(await card.locator('label').allTextContents()));
    }
    expect(labels).toEqual(
      expect.arrayContaining(['Mật khẩu ứng dụng WordPress', 'Mã truy cập Trang', 'Mã truy cập OA', 'Mã làm mới']),
    );
    expect(await page.locator('main').textContent()).not.toMatch(/token|Application Password|endpoint|secret key/i);
    await context.close();
  });

  describe.each(SIZES)('at $name', ({ name, viewport }) => {
    const newPage = async () =>
      (await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' })).newPage();
    const logInOn = async (page: Page, who: { username: string; password: string }) => {
      await page.getByLabel('Tên đăng nhập').fill(who.username);
      await page.getByLabel('Mật khẩu').fill(who.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
    };

    it('shows the login form at / when logged out, and the calendar after login', async () => {
      const page = await newPage();
      await page.goto(`${stack.baseUrl}/`);
      await page.getByRole('heading', { name: 'Đăng nhập Nhịp' }).waitFor({ timeout: 10_000 });
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.title()).toBe('Đăng nhập — Nhịp');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `first-visit-login-${name}.png`) });
      await logInOn(page, OFFICER);
      await page.locator('.fc').waitFor();
      expect(new URL(page.url()).pathname).toBe('/calendar');
      await page.context().close();
    });

    it('takes a deep link opened logged out to the login page, then to the page itself', async () => {
      const page = await newPage();
      await page.goto(`${stack.baseUrl}/stories/${storyId}?variant=x`);
      await page.getByRole('heading', { name: 'Đăng nhập Nhịp' }).waitFor({ timeout: 10_000 });
      const url = new URL(page.url());
      expect(url.pathname).toBe('/login');
      expect(url.searchParams.get('next')).toBe(`/stories/${storyId}?variant=x`);
      await logInOn(page, EDITOR);
      await page.getByLabel('Tiêu đề', { exact: true }).first().waitFor();
      expect(new URL(page.url()).pathname).toBe(`/stories/${storyId}`);
      expect(await page.getByLabel('Tiêu đề', { exact: true }).first().inputValue()).toContain('Tập huấn kỹ năng số');
      await page.context().close();
    });

    it.each(['//example.com/x', '/\\example.com/x'])('never follows ?next=%s to another site', async (next) => {
      const page = await newPage();
      await page.goto(`${stack.baseUrl}/login?next=${encodeURIComponent(next)}`);
      await logInOn(page, OFFICER);
      await page.locator('.fc').waitFor();
      expect(new URL(page.url()).origin).toBe(stack.baseUrl);
      expect(new URL(page.url()).pathname).toBe('/calendar');
      await page.context().close();
    });

    it('lays out every screen within the width, header rows apart', async () => {
      const screens: Array<{ id: string; path: string; ready: string }> = [
        { id: 'calendar-month', path: '/calendar?view=month&date=2026-10-01', ready: '.fc-daygrid-day' },
        { id: 'calendar-week', path: `/calendar?view=week&date=${day}`, ready: '.fc-timegrid-col' },
        { id: 'calendar-agenda', path: `/calendar?view=agenda&date=${day}`, ready: '.fc-list-event' },
        { id: 'stories', path: '/stories', ready: '.card-list li' },
        { id: 'composer-new', path: '/stories/new', ready: 'main form' },
        { id: 'composer', path: `/stories/${storyId}`, ready: '[role=tab]' },
        { id: 'composer-channels', path: `/stories/${bareStoryId}`, ready: '.generate label' },
        { id: 'queue', path: '/queue', ready: '[data-testid=queue-item]' },
        { id: 'publications', path: '/publications', ready: '[data-testid=publication]' },
        { id: 'reports', path: `/reports?report=${reportId}`, ready: 'main table' },
        { id: 'notifications', path: '/notifications', ready: 'main h1' },
        { id: 'admin-agencies', path: '/admin/agencies', ready: 'main table' },
        { id: 'admin-users', path: '/admin/users', ready: 'main table' },
        { id: 'admin-channels', path: '/admin/channels', ready: '[data-testid=channel-account]' },
        { id: 'admin-feeds', path: '/admin/feeds', ready: 'main h2' },
      ];
      const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      await signInContext(context, stack.baseUrl, { username: 'admin', password: ADMIN_PASSWORD });
      await context.addInitScript(`localStorage.setItem('nhip.agency', ${JSON.stringify(ward.id)})`);
      const page = await context.newPage();
      const problems: string[] = [];
      const phone = viewport.width < 700;
      for (const screen of screens) {
        await page.goto(`${stack.baseUrl}${screen.path}`);
        await page.locator(screen.ready).first().waitFor();
        await page.locator('.loading').first().waitFor({ state: 'detached' });
        await page.evaluate('document.fonts.ready');
        await page.screenshot({ path: join(SCREENSHOT_DIR, `screen-${screen.id}-${name}.png`), fullPage: true });
        const widths = await page.evaluate<{ scroll: number; inner: number }>(
          '({ scroll: document.documentElement.scrollWidth, inner: innerWidth })',
        );
        if (widths.scroll > widths.inner) problems.push(`${screen.id}: ${widths.scroll} px wide in ${widths.inner}`);
        for (const overlap of await page.evaluate<string[]>(`${OVERLAPS}(${JSON.stringify(HEADER_ROWS)})`))
          problems.push(`${screen.id}: ${overlap}`);
        if (phone) {
          const check = `${CUT_OR_SQUEEZED}(${JSON.stringify(UNCUT)}, ${JSON.stringify(UNSQUEEZED)}, 150)`;
          for (const problem of await page.evaluate<string[]>(check)) problems.push(`${screen.id}: ${problem}`);
        }
      }
      if (phone) {
        // The menu, opened: the links, the agency, the person and "Đăng xuất" one under another.
        await page.getByRole('button', { name: 'Menu' }).click();
        await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
        await page.screenshot({ path: join(SCREENSHOT_DIR, `screen-menu-${name}.png`) });
        for (const overlap of await page.evaluate<string[]>(`${OVERLAPS}(['.topbar'])`))
          problems.push(`menu: ${overlap}`);
        // A one-word label ("Cơ quan") on two lines is a squeezed one.
        const label = await page.evaluate<{ height: number; font: number }>(
          `(() => { const el = document.querySelector('.agency-select label'); return { height: el.getBoundingClientRect().height, font: parseFloat(getComputedStyle(el).fontSize) }; })()`,
        );
        if (label.height > label.font * 2) problems.push(`menu: the agency label wraps (${label.height} px high)`);
      }
      await context.close();
      expect(problems).toEqual([]);
    });
  });
});
