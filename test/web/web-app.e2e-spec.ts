import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { AgencyEntity } from '@nhip/database';
import { DEMO_WARD_CODE } from '@nhip/demo';
import { PublishRunner } from '@nhip/publishing';
import { factories } from '../support/factories';
import {
  builtScripts,
  launchChromium,
  SCREENSHOT_DIR,
  signInContext,
  startWebStack,
  WebStack,
} from './support/web-stack';

/**
 * The web app in Debian's chromium against the real api and demo data: an officer writes a story with
 * four channel variants and submits them, an editor approves them, they appear on the calendar, and a
 * publication that the real publishing engine failed is shown with the channel's reason and retried.
 */

const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const ADMIN_PASSWORD = 'mat-khau-quan-tri';
const OFFICER = { username: 'canbo.lan', password: 'mat-khau-can-bo-lan', name: 'Nguyễn Thị Lan' };
const EDITOR = { username: 'bientap.hung', password: 'mat-khau-bien-tap-hung', name: 'Trần Văn Hùng' };
const STORY_TITLE = 'Ngày hội toàn dân học tập số tại phường Đăk Bla';
/** A 1×1 PNG, uploaded from "this computer". */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Vietnam's calendar day `days` from now, as 'YYYY-MM-DD' and as typed (dd/MM/yyyy). */
function vnDay(days: number) {
  const iso = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return { iso, typed: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` };
}

jest.setTimeout(120_000);

describe('web app (browser)', () => {
  let stack: WebStack;
  let browser: Browser;
  let desktop: BrowserContext;
  let page: Page;
  let storyId: string;
  const day = vnDay(3);

  const screenshot = (target: Page, name: string) => target.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  const text = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

  /** Scrolls the channel tabs to the top, below the sticky bar, with no message floating over them. */
  async function showTabs(target: Page) {
    const close = target.locator('.toast-close');
    while ((await close.count()) > 0) await close.first().click();
    await target.evaluate(
      `window.scrollTo(0, document.querySelector('[role=tablist]').getBoundingClientRect().top + window.scrollY - 60)`,
    );
  }

  async function logIn(target: Page, who: { username: string; password: string }) {
    await target.goto(`${stack.baseUrl}/login`);
    await target.getByLabel('Tên đăng nhập').fill(who.username);
    await target.getByLabel('Mật khẩu').fill(who.password);
    await target.getByRole('button', { name: 'Đăng nhập' }).click();
    await target.locator('.fc').waitFor();
  }

  /** A context already logged in (the session cookie the login page would have received), for the phone screenshots. */
  async function contextFor(who: { username: string; password: string }, viewport: { width: number; height: number }) {
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Europe/Paris' });
    await signInContext(context, stack.baseUrl, who);
    return context;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    stack = await startWebStack(ADMIN_PASSWORD);
    const ward = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const make = factories(stack.env.db);
    const officer = await make.user({
      username: OFFICER.username,
      password: OFFICER.password,
      displayName: OFFICER.name,
    });
    const editor = await make.user({ username: EDITOR.username, password: EDITOR.password, displayName: EDITOR.name });
    await make.membership(officer.user, ward, 'officer');
    await make.membership(editor.user, ward, 'editor');
    browser = await launchChromium();
    // A browser in another time zone still shows Vietnam time: the app never reads the browser's zone.
    desktop = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', timezoneId: 'Europe/Paris' });
    page = await desktop.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it('keeps the JavaScript under 500 KB gzipped', () => {
    const scripts = builtScripts();
    const total = scripts.reduce((sum, s) => sum + s.gzipped, 0);
    console.log(
      `web app JavaScript: ${scripts.length} files, ${(scripts.reduce((s, f) => s + f.bytes, 0) / 1024).toFixed(1)} KB, ${(total / 1024).toFixed(1)} KB gzipped`,
    );
    expect(scripts.length).toBeGreaterThan(1);
    expect(total).toBeLessThan(500 * 1024);
  });

  it('is served by the api at every page address, leaving /api, /health and /metrics to the api', async () => {
    const doc = await fetch(`${stack.baseUrl}/stories/khong-co`, { headers: { Accept: 'text/html' } });
    expect(doc.status).toBe(200);
    expect(doc.headers.get('cache-control')).toBe('no-cache');
    const html = await doc.text();
    expect(html).toContain('<html lang="vi">');
    const script = /src="(\/assets\/index-[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(`${stack.baseUrl}${script}`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const api = await fetch(`${stack.baseUrl}/api/v1/khong-co`, { headers: { Accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      (await fetch(`${stack.baseUrl}/health`, { headers: { Accept: 'text/html' } })).headers.get('content-type'),
    ).toContain('application/json');
    expect(
      (await fetch(`${stack.baseUrl}/metrics`, { headers: { Accept: 'text/html' } })).headers.get('content-type'),
    ).not.toContain('text/html');
    expect((await fetch(`${stack.baseUrl}/assets/khong-co.js`)).status).toBe(404);
  });

  it('paints the first screen in under 2 s', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const fresh = await context.newPage();
    const started = Date.now();
    await fresh.goto(`${stack.baseUrl}/login`);
    // Runs in the page (the test itself is compiled without the DOM library).
    const fcp = await fresh.evaluate<number>(`new Promise((resolve) => {
      const seen = performance.getEntriesByName('first-contentful-paint')[0];
      if (seen) return resolve(seen.startTime);
      new PerformanceObserver((list) => resolve(list.getEntries()[0].startTime)).observe({ type: 'paint', buffered: true });
    })`);
    await fresh.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    console.log(`first contentful paint ${fcp.toFixed(0)} ms; login form ready after ${Date.now() - started} ms`);
    expect(fcp).toBeGreaterThan(0);
    expect(fcp).toBeLessThan(2000);
    await context.close();
  });

  it('logs in and shows the 2026 calendar with the 10/10 peak and the Q2–Q3 season', async () => {
    await logIn(page, OFFICER);
    expect(await page.title()).toBe('Lịch biên tập — Nhịp');
    // The session is an HttpOnly cookie for /api: no script of the page can read it, nothing is in storage.
    const cookies = await page.context().cookies(`${stack.baseUrl}/api/v1`);
    expect(cookies.find((c) => c.name === 'nhip_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api',
    });
    expect(await page.evaluate<string>('document.cookie')).not.toContain('nhip_session');
    expect(await page.evaluate<string>('JSON.stringify(Object.assign({}, localStorage))')).not.toMatch(/nhp_[si]_/);
    await page.goto(`${stack.baseUrl}/calendar?view=month&date=2026-10-01`);
    await page.locator('.fc-daygrid-day[data-date="2026-10-10"] .ev-peak-day').waitFor();
    expect((await text(page.locator('.fc-toolbar-title'))).toLowerCase()).toBe('tháng 10 năm 2026');
    expect(await text(page.locator('.fc-daygrid-day[data-date="2026-10-10"] .ev-peak-day'))).toContain(
      'Ngày Chuyển đổi số quốc gia (10/10)',
    );
    // The lead-up week is a band behind the days: 03/10 to 10/10.
    expect(await page.locator('.fc-daygrid-day[data-date="2026-10-03"] .band-peak').count()).toBe(1);
    expect(await page.locator('.fc-daygrid-day[data-date="2026-10-11"] .band-peak').count()).toBe(0);
    expect(await text(page.locator('.bands'))).toContain(
      'Ngày Chuyển đổi số quốc gia (10/10) (03/10/2026 – 10/10/2026)',
    );
    await screenshot(page, 'calendar-1366x768');

    // Tuyên Quang's Q2–Q3 season and the half-yearly report deadlines, seen by the administrator of every province.
    const admin = await contextFor({ username: 'admin', password: ADMIN_PASSWORD }, DESKTOP);
    const june = await admin.newPage();
    await june.goto(`${stack.baseUrl}/calendar?view=month&date=2026-06-01&agency=`);
    await june.locator('.fc-bg-event.band-season').first().waitFor();
    expect(await text(june.locator('.bands'))).toContain(
      'Cao điểm truyền thông quý II và quý III năm 2026 (01/04/2026 – 30/09/2026)',
    );
    expect(await june.locator('.fc-event.ev-report', { hasText: 'Hạn báo cáo' }).count()).toBeGreaterThan(0);
    await screenshot(june, 'calendar-season-1366x768');
    await admin.close();
  });

  it('writes a story with four channel variants and submits them', async () => {
    await page.goto(`${stack.baseUrl}/calendar`);
    await page.getByRole('link', { name: '+ Viết tin' }).click();
    await page.getByLabel('Tiêu đề', { exact: true }).fill(STORY_TITLE);
    await page
      .getByLabel('Tóm tắt')
      .fill('Sáng 10/10/2026, UBND phường tổ chức Ngày hội toàn dân học tập số; 100% cán bộ tham gia.');
    await page
      .getByLabel('Nội dung', { exact: true })
      .fill(
        'Ngày hội hướng dẫn người dân cài đặt VNeID và dùng dịch vụ công trực tuyến.\n\nCác tổ công nghệ số cộng đồng hỗ trợ tại chỗ.',
      );
    await page.getByLabel('Người dân').check();
    await page.getByLabel('Địa chỉ ảnh').fill('https://dakbla.example.gov.vn/anh/ngay-hoi.jpg');
    await page.getByLabel('Mô tả ảnh').fill('Người dân cài VNeID tại ngày hội');
    await page.getByLabel('Chú thích').fill('Khai mạc ngày hội');
    await page.getByRole('button', { name: 'Thêm ảnh' }).click();
    // A second picture from this computer: the API stores it and gives it an address under its own.
    await page
      .getByLabel('Hoặc tải ảnh từ máy')
      .setInputFiles({ name: 'khai-mạc.png', mimeType: 'image/png', buffer: PNG });
    const address = page.getByLabel('Địa chỉ ảnh');
    for (let i = 0; i < 100 && !(await address.inputValue()).includes('/api/v1/media/'); i++)
      await page.waitForTimeout(100);
    expect(await address.inputValue()).toMatch(new RegExp(`^${stack.baseUrl}/api/v1/media/[0-9a-f-]{36}$`));
    await page.getByLabel('Mô tả ảnh').fill('Lãnh đạo phường phát biểu khai mạc');
    await page.getByRole('button', { name: 'Thêm ảnh' }).click();
    await page
      .locator('.media-list img[alt="Lãnh đạo phường phát biểu khai mạc"]')
      .evaluate((img) => (img as unknown as { decode(): Promise<void> }).decode());
    await page.getByRole('button', { name: 'Lưu và chọn kênh' }).click();

    await page.getByRole('button', { name: 'Tạo nội dung theo kênh (4)' }).click();
    const tabs = page.getByRole('tab');
    await tabs.nth(3).waitFor();
    expect(await tabs.allTextContents()).toEqual([
      expect.stringContaining('Cổng thông tin'),
      expect.stringContaining('Facebook'),
      expect.stringContaining('Zalo OA'),
      expect.stringContaining('Truyền thanh cơ sở'),
    ]);
    storyId = new URL(page.url()).pathname.split('/').pop()!;

    const times = ['08:00', '09:30', '10:00', '17:00'];
    for (let i = 0; i < 4; i++) {
      await tabs.nth(i).click();
      const panel = page.getByRole('tabpanel');
      await panel.getByRole('textbox', { name: 'Ngày', exact: true }).fill(day.typed);
      await panel.getByRole('textbox', { name: 'Giờ', exact: true }).fill(times[i]);
      const tabName = await tabs.nth(i).textContent();
      if (tabName?.includes('Zalo')) {
        // Limits are counted as one types, against the numbers the API enforces.
        await panel.getByLabel('Tiêu đề', { exact: true }).fill('Ngày hội học tập số');
        expect(
          await text(panel.locator('.field', { has: page.getByLabel('Tiêu đề', { exact: true }) }).locator('.counter')),
        ).toBe('19/150 ký tự');
        await panel.locator('.pv-zalo h3', { hasText: 'Ngày hội học tập số' }).waitFor();
      }
      if (tabName?.includes('Truyền thanh')) {
        // The API refuses a bulletin with no station group; the composer shows its reason before submitting.
        await panel.getByTestId('problems').getByText('Chọn ít nhất một cụm loa').waitFor();
        await panel.getByLabel('Cụm loa phát').fill('cum-loa-to-dan-pho-1');
        await panel.getByTestId('problems').getByText('Đạt các quy định của kênh').waitFor();
        expect(await text(panel.getByTestId('reading-time'))).toMatch(/Thời lượng đọc: \d+ giây \/ khung phát 5 phút/);
      }
      if (tabName?.includes('Facebook')) {
        expect(await text(panel.locator('.counter', { hasText: 'ảnh' }))).toBe('2/10 ảnh');
        await panel.locator('.pv-facebook').getByText('Fanpage UBND phường Đăk Bla').waitFor();
      }
    }
    await tabs.nth(2).click();
    await showTabs(page);
    await screenshot(page, 'composer-1366x768');

    await page.getByRole('button', { name: 'Lưu và gửi duyệt tất cả (4)' }).click();
    await page.locator('.bulk-results .ok-line').nth(3).waitFor();
    expect(await page.locator('.bulk-results .field-error').count()).toBe(0);
    const states = await stack.env.db.query(
      `SELECT channel_type, state, scheduled_at FROM variants WHERE story_id = $1 ORDER BY channel_type`,
      [storyId],
    );
    expect(states.map((v: { state: string }) => v.state)).toEqual(['submitted', 'submitted', 'submitted', 'submitted']);
    expect(
      new Date(states.find((v: { channel_type: string }) => v.channel_type === 'facebook').scheduled_at).toISOString(),
    ).toBe(new Date(`${day.iso}T09:30:00+07:00`).toISOString());

    const phone = await contextFor(OFFICER, PHONE);
    const small = await phone.newPage();
    await small.goto(`${stack.baseUrl}/stories/${storyId}`);
    await small.getByRole('tab').nth(3).click();
    await small.getByTestId('reading-time').waitFor();
    await showTabs(small);
    await screenshot(small, 'composer-390x844');
    await phone.close();
  });

  it('lets the editor approve the four variants from the queue', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    await logIn(page, EDITOR);
    await page.getByRole('link', { name: 'Hàng chờ duyệt' }).click();
    const items = page.getByTestId('queue-item');
    await items.nth(3).waitFor();
    expect(await items.count()).toBe(4);
    // Soonest first.
    expect(await text(items.first())).toContain('08:00');
    expect(await text(items.first())).toContain('Duyệt lần đầu');
    await screenshot(page, 'queue-1366x768');

    const phone = await contextFor(EDITOR, PHONE);
    const small = await phone.newPage();
    await small.goto(`${stack.baseUrl}/queue`);
    await small.getByTestId('queue-item').first().waitFor();
    await screenshot(small, 'queue-390x844');
    await phone.close();

    await page.getByLabel('Chọn tất cả trên trang (4)').check();
    await page.getByRole('button', { name: 'Duyệt các mục đã chọn' }).click();
    await page.getByRole('button', { name: 'Duyệt 4 nội dung' }).click();
    await page.locator('.bulk-results li.ok-line').nth(3).waitFor();
    expect(await page.locator('.bulk-results li.ok-line', { hasText: 'đã duyệt và lên lịch' }).count()).toBe(4);
    await page.getByText('Không có nội dung nào chờ duyệt.').waitFor();
  });

  it('shows the scheduled variants on the calendar', async () => {
    await page.goto(`${stack.baseUrl}/calendar?view=week&date=${day.iso}`);
    const events = page.locator('.fc-event.ev-publication.st-scheduled');
    await events.nth(3).waitFor();
    const labels = (await events.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim()).sort();
    expect(labels).toEqual([
      `◷ 08:00 Web ${STORY_TITLE}`,
      `◷ 09:30 FB ${STORY_TITLE}`,
      `◷ 10:00 Zalo ${STORY_TITLE}`,
      `◷ 17:00 Loa ${STORY_TITLE}`,
    ]);
    await screenshot(page, 'calendar-week-1366x768');

    const phone = await contextFor(EDITOR, PHONE);
    const small = await phone.newPage();
    await small.goto(`${stack.baseUrl}/calendar?date=${day.iso}`);
    await small.locator('.fc-list-event.ev-publication').nth(3).waitFor();
    await screenshot(small, 'calendar-390x844');
    await phone.close();
  });

  it('reschedules by dragging, which sends the approved item back to the queue', async () => {
    // The officer moves it; the editor approves the move.
    const officer = await contextFor(OFFICER, DESKTOP);
    const cal = await officer.newPage();
    await cal.goto(`${stack.baseUrl}/calendar?view=week&date=${day.iso}`);
    const web = cal.locator('.fc-event.ev-publication', { hasText: '08:00 Web' });
    await web.waitFor();
    const from = (await web.boundingBox())!;
    const column = (await cal.locator(`.fc-timegrid-col[data-date="${day.iso}"]`).boundingBox())!;
    const slot = (await cal.locator('.fc-timegrid-slot-lane[data-time="11:00:00"]').boundingBox())!;
    await cal.mouse.move(from.x + from.width / 2, from.y + 3);
    await cal.mouse.down();
    for (let i = 1; i <= 10; i++)
      await cal.mouse.move(column.x + column.width / 2, from.y + 3 + ((slot.y + 4 - from.y - 3) * i) / 10);
    await cal.mouse.up();

    const dialog = cal.getByRole('dialog', { name: 'Dời lịch đăng?' });
    await dialog.waitFor();
    expect(await text(dialog)).toContain(`sang ${day.typed} 11:00`);
    expect(await text(dialog)).toContain('quay lại hàng chờ duyệt');
    await dialog.getByRole('button', { name: 'Dời lịch' }).click();
    await cal.getByText(`Đã dời sang ${day.typed} 11:00`).waitFor();
    await cal.locator('.fc-event.ev-publication', { hasText: '08:00 Web' }).waitFor({ state: 'detached' });
    // It stays on the calendar at its new time, marked as waiting for approval, not as a publication.
    const waiting = cal.locator('.fc-event.ev-variant.st-submitted', { hasText: '11:00 Web' });
    await waiting.waitFor();
    expect(await text(waiting)).toMatch(/^◔ 11:00 Web /);
    expect(await waiting.locator('.ev').getAttribute('aria-label')).toContain('Chờ duyệt');
    await waiting.click();
    await cal.getByTestId('variant-note').getByText('Đang chờ duyệt').waitFor();
    await officer.close();

    const [portal] = await stack.env.db.query(
      `SELECT state, scheduled_at FROM variants WHERE story_id = $1 AND channel_type = 'portal'`,
      [storyId],
    );
    expect(portal.state).toBe('submitted');
    expect(new Date(portal.scheduled_at).toISOString()).toBe(new Date(`${day.iso}T11:00:00+07:00`).toISOString());

    // The editor sees exactly what moved, and approves it: it is scheduled at the new time.
    await page.goto(`${stack.baseUrl}/queue`);
    const item = page.getByTestId('queue-item');
    await item.waitFor();
    expect(await text(item)).toContain('Thay đổi từ lần duyệt trước (1)');
    expect(await text(item.locator('.change dt'))).toBe('Lịch đăng · Thời điểm đăng');
    expect(await text(item.locator('.change del'))).toBe(`${day.typed} 08:00`);
    expect(await text(item.locator('.change ins'))).toBe(`${day.typed} 11:00`);
    await item.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await page.getByText('Không có nội dung nào chờ duyệt.').waitFor();
    await page.goto(`${stack.baseUrl}/calendar?view=week&date=${day.iso}`);
    await page.locator('.fc-event.ev-publication.st-scheduled', { hasText: '11:00 Web' }).waitFor();
  });

  it('shows a failed publication with the channel’s reason and retries it', async () => {
    // Taken out of the sandbox, the demo Facebook Page is a real one with no page id. Make its publication
    // due now and let the real publishing engine try it: the adapter refuses it and the engine records the
    // failure with the reason.
    const [pub] = await stack.env.db.query(
      `SELECT p.id, p.version, p.channel_account_id FROM publications p JOIN variants v ON v.id = p.variant_id WHERE v.story_id = $1 AND v.channel_type = 'facebook'`,
      [storyId],
    );
    await stack.env.db.query(`UPDATE channel_accounts SET sandbox = false WHERE id = $1`, [pub.channel_account_id]);
    await stack.env.db.query(`UPDATE publications SET next_attempt_at = now() WHERE id = $1`, [pub.id]);
    expect(await stack.app.get(PublishRunner).run(pub.id, pub.version)).toEqual({ ran: true, state: 'failed' });

    await page.goto(`${stack.baseUrl}/calendar?view=week&date=${day.iso}`);
    await page.locator('.fc-event.ev-publication.st-failed').waitFor();
    expect(await text(page.locator('.fc-event.ev-publication.st-failed'))).toContain('⚠ 09:30 FB');

    await page.getByRole('link', { name: 'Xuất bản' }).click();
    await page.getByLabel('Trạng thái').selectOption('failed');
    const row = page.locator('[data-testid="publication"].pub-failed').filter({ hasText: STORY_TITLE });
    await row.waitFor();
    expect(await text(row)).toContain('Đăng lỗi');
    expect(await text(row)).toContain(
      'Lý do: Tài khoản Facebook chưa có mã Trang hợp lệ: nhập mã Trang ở Quản trị › Tài khoản kênh.',
    );
    expect(await text(row.locator('.attempts'))).toContain('Lượt 1');
    await screenshot(page, 'publications-1366x768');

    await row.getByRole('button', { name: 'Thử đăng lại' }).click();
    await page.getByText('Đã xếp lượt đăng lại').waitFor();
    await page.getByText('Không có lượt đăng nào ở trạng thái “Đăng lỗi”.').waitFor();
    const [after] = await stack.env.db.query(`SELECT state, attempt_count FROM publications WHERE id = $1`, [pub.id]);
    expect(after).toEqual({ state: 'scheduled', attempt_count: 0 });
    const [variant] = await stack.env.db.query(
      `SELECT state FROM variants WHERE story_id = $1 AND channel_type = 'facebook'`,
      [storyId],
    );
    expect(variant.state).toBe('scheduled');
  });

  it('lets an administrator fix the Facebook Page’s settings and limits on its card', async () => {
    const ward = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const admin = await contextFor({ username: 'admin', password: ADMIN_PASSWORD }, DESKTOP);
    await admin.addInitScript(`localStorage.setItem('nhip.agency', ${JSON.stringify(ward.id)})`);
    const adminPage = await admin.newPage();
    await adminPage.goto(`${stack.baseUrl}/admin/channels`);
    const card = adminPage
      .locator('[data-testid="channel-account"]')
      .filter({ hasText: 'Fanpage UBND phường Đăk Bla' });
    await card.waitFor();
    const facts = () =>
      card
        .locator('.facts > div')
        .evaluateAll((rows) =>
          Object.fromEntries(
            rows.map((row) => [row.querySelector('dt')?.textContent, row.querySelector('dd')?.textContent]),
          ),
        );
    expect(await facts()).toMatchObject({
      'Mã Trang (Page ID)': '—',
      'Số bài đăng cùng lúc': '1',
      'Giới hạn lượt gọi mỗi phút': 'Không giới hạn',
    });

    await card.getByRole('button', { name: 'Sửa cài đặt' }).click();
    const form = card.getByRole('form', { name: 'Sửa cài đặt Fanpage UBND phường Đăk Bla' });
    await form.getByLabel('Mã Trang (Page ID)').fill('108234567890123');
    await form.getByLabel('Số bài đăng cùng lúc').fill('2');
    await form.getByLabel('Giới hạn lượt gọi mỗi phút').fill('30');
    await form.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await adminPage.getByText('Đã lưu cài đặt kênh Fanpage UBND phường Đăk Bla.').waitFor();
    await form.waitFor({ state: 'detached' });
    // The card shows the account as the API returns it once the list has been read again.
    for (let i = 0; i < 50 && (await facts())['Mã Trang (Page ID)'] === '—'; i++) await adminPage.waitForTimeout(100);
    expect(await facts()).toMatchObject({
      'Mã Trang (Page ID)': '108234567890123',
      'Số bài đăng cùng lúc': '2',
      'Giới hạn lượt gọi mỗi phút': '30',
    });
    const [stored] = await stack.env.db.query(
      `SELECT settings, concurrency, rate_limit_per_minute FROM channel_accounts WHERE agency_id = $1 AND type = 'facebook'`,
      [ward.id],
    );
    expect(stored).toEqual({ settings: { pageId: '108234567890123' }, concurrency: 2, rate_limit_per_minute: 30 });
    await admin.close();
  });

  it('lets an administrator find a colleague by name without diacritics and add them to the ward', async () => {
    const ward = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const province = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ id: ward.parentId! });
    const make = factories(stack.env.db);
    const colleague = await make.user({ username: 'tinh.phuong', displayName: 'Đặng Thị Phượng' });
    await make.membership(colleague.user, province, 'officer');
    const admin = await contextFor({ username: 'admin', password: ADMIN_PASSWORD }, DESKTOP);
    await admin.addInitScript(`localStorage.setItem('nhip.agency', ${JSON.stringify(ward.id)})`);
    const adminPage = await admin.newPage();
    await adminPage.goto(`${stack.baseUrl}/admin/users`);
    const panel = adminPage.getByRole('region', { name: 'Thêm người đã có tài khoản' });
    await panel.getByLabel('Tìm người dùng').fill('dang thi phuong');
    await panel.getByLabel('Vai trò khi thêm').selectOption('editor');
    const row = panel.locator('.candidates li').filter({ hasText: 'Đặng Thị Phượng' });
    await row.getByRole('button', { name: 'Thêm' }).click();
    await adminPage.getByText('Đã thêm Đặng Thị Phượng với vai trò').waitFor();
    await adminPage.locator('table').getByRole('cell', { name: 'tinh.phuong' }).waitFor();
    const [membership] = await stack.env.db.query(
      `SELECT role FROM memberships WHERE user_id = $1 AND agency_id = $2`,
      [colleague.user.id, ward.id],
    );
    expect(membership).toEqual({ role: 'editor' });
    await admin.close();
  });
});
