import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AgencyEntity } from '@nhip/database';
import { DEMO_WARD_CODE } from '@nhip/demo';
import { PublishRunner } from '@nhip/publishing';
import { factories } from '../support/factories';
import { launchChromium, SCREENSHOT_DIR, startWebStack, type WebStack } from './support/web-stack';

/**
 * The Quick start's promise, in the browser: an officer writes a story in the composer for the demo
 * ward's four sandbox channels, an editor approves it for ten minutes later, the publishing engine
 * sends it when it is due, and both open the published sandbox page — and hear the bulletin — at
 * 1366×768 and at 390×844, starting at / logged out.
 */
const SIZES = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];
const OFFICER = { username: 'canbo.hoa', password: 'mat-khau-can-bo-hoa', name: 'Lê Thị Hoa' };
const EDITOR = { username: 'bientap.nam', password: 'mat-khau-bien-tap-nam', name: 'Đỗ Văn Nam' };

/** Vietnam's wall clock `minutes` from now, as the composer takes it. */
function vnTime(minutes: number) {
  const iso = new Date(Date.now() + 7 * 3600_000 + minutes * 60_000).toISOString();
  return { day: `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`, time: iso.slice(11, 16) };
}

jest.setTimeout(240_000);

describe('a sandbox publication watched from the composer to the published page (browser)', () => {
  let stack: WebStack;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    stack = await startWebStack('mat-khau-quan-tri');
    const ward = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const make = factories(stack.env.db);
    for (const [who, role] of [
      [OFFICER, 'officer'],
      [EDITOR, 'editor'],
    ] as const) {
      const { user } = await make.user({ username: who.username, password: who.password, displayName: who.name });
      await make.membership(user, ward, role);
    }
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function logInFromRoot(page: Page, who: { username: string; password: string }) {
    await page.goto(`${stack.baseUrl}/`);
    await page.getByLabel('Tên đăng nhập').fill(who.username);
    await page.getByLabel('Mật khẩu').fill(who.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('.fc').waitFor();
  }

  async function noSidewaysScroll(page: Page, width: number) {
    const scroll = await page.evaluate('document.documentElement.scrollWidth');
    expect(scroll).toBeLessThanOrEqual(width);
  }

  it.each(SIZES)('goes out to the four sandbox channels at $width×$height', async (size) => {
    const tag = `${size.width}x${size.height}`;
    const title = `Hướng dẫn cài VNeID cho người cao tuổi (${size.width})`;
    const shot = (page: Page, name: string) =>
      page.screenshot({ path: join(SCREENSHOT_DIR, `sandbox-${name}-${tag}.png`), fullPage: true });

    // The officer writes the story and its four variants, due in ten minutes.
    const officer = await browser.newContext({ viewport: size, locale: 'vi-VN', timezoneId: 'Europe/Paris' });
    const page = await officer.newPage();
    await logInFromRoot(page, OFFICER);
    await page.getByRole('link', { name: '+ Viết tin' }).first().click();
    await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
    await page.getByLabel('Tóm tắt').fill('Tổ công nghệ số cộng đồng hỗ trợ người cao tuổi cài đặt VNeID tại nhà.');
    await page
      .getByLabel('Nội dung', { exact: true })
      .fill('Từ thứ Hai, các tổ công nghệ số đến từng nhà hỗ trợ.\n\nNgười dân chuẩn bị căn cước và điện thoại.');
    await page.getByLabel('Địa chỉ ảnh').fill('https://dakbla.example.gov.vn/anh/vneid.jpg');
    await page.getByLabel('Mô tả ảnh').fill('Cán bộ hướng dẫn cài VNeID');
    await page.getByRole('button', { name: 'Thêm ảnh' }).click();
    await page.getByRole('button', { name: 'Lưu và chọn kênh' }).click();
    await page.getByRole('button', { name: 'Tạo nội dung theo kênh (4)' }).click();
    const tabs = page.getByRole('tab');
    await tabs.nth(3).waitFor();
    const due = vnTime(10);
    for (let i = 0; i < 4; i++) {
      await tabs.nth(i).click();
      const panel = page.getByRole('tabpanel');
      await panel.getByRole('textbox', { name: 'Ngày', exact: true }).fill(due.day);
      await panel.getByRole('textbox', { name: 'Giờ', exact: true }).fill(due.time);
      if ((await tabs.nth(i).textContent())?.includes('Truyền thanh')) {
        await panel.getByLabel('Cụm loa phát').fill('toan-phuong');
        // "Nghe thử": the unsaved script read by the station's own voice, played in the page.
        const [answer] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith('/audio-preview') && r.request().method() === 'POST'),
          panel.getByRole('button', { name: 'Nghe thử' }).click(),
        ]);
        expect(answer.status()).toBe(200);
        expect(answer.headers()['content-type']).toMatch(/^audio\//);
        expect(Number(answer.headers()['x-audio-duration-seconds'])).toBeGreaterThan(0.5);
        expect(await panel.getByTestId('audio-preview').getAttribute('src')).toMatch(/^blob:/);
      }
    }
    await page.getByRole('button', { name: 'Lưu và gửi duyệt tất cả (4)' }).click();
    await page.locator('.bulk-results .ok-line').nth(3).waitFor();
    expect(await page.locator('.bulk-results .field-error').count()).toBe(0);
    await noSidewaysScroll(page, size.width);
    const storyId = new URL(page.url()).pathname.split('/').pop()!;

    // The editor approves all four.
    const editorContext = await browser.newContext({ viewport: size, locale: 'vi-VN', timezoneId: 'Europe/Paris' });
    const editor = await editorContext.newPage();
    await logInFromRoot(editor, EDITOR);
    await editor.goto(`${stack.baseUrl}/queue`);
    await editor.getByTestId('queue-item').nth(3).waitFor();
    await editor.getByLabel('Chọn tất cả trên trang (4)').check();
    await editor.getByRole('button', { name: 'Duyệt các mục đã chọn' }).click();
    await editor.getByRole('button', { name: 'Duyệt 4 nội dung' }).click();
    await editor.locator('.bulk-results li.ok-line', { hasText: 'đã duyệt và lên lịch' }).nth(3).waitFor();

    // Its time comes (brought forward from ten minutes): the real engine publishes each to its sandbox.
    const pubs: Array<{ id: string; version: number }> = await stack.env.db.query(
      `SELECT p.id, p.version FROM publications p JOIN variants v ON v.id = p.variant_id WHERE v.story_id = $1`,
      [storyId],
    );
    expect(pubs).toHaveLength(4);
    await stack.env.db.query(`UPDATE publications SET next_attempt_at = now() WHERE id = ANY($1)`, [
      pubs.map((p) => p.id),
    ]);
    for (const p of pubs)
      expect(await stack.app.get(PublishRunner).run(p.id, p.version)).toEqual({ ran: true, state: 'published' });

    // Both see it published, marked as the sandbox, and open the portal's page.
    for (const viewer of [editor, page]) {
      await viewer.goto(`${stack.baseUrl}/publications?state=published`);
      const row = viewer.getByTestId('publication').filter({ hasText: title }).filter({ hasText: 'Cổng thông tin' });
      await row.waitFor();
      expect(await row.textContent()).toContain('Môi trường thử nghiệm');
      await noSidewaysScroll(viewer, size.width);
    }
    await shot(editor, 'publications');
    const row = editor.getByTestId('publication').filter({ hasText: title }).filter({ hasText: 'Cổng thông tin' });
    const [portalPage] = await Promise.all([
      editorContext.waitForEvent('page'),
      row.getByRole('link', { name: 'Xem bài trên kênh ↗' }).click(),
    ]);
    await portalPage.getByRole('heading', { name: title }).waitFor();
    expect(await portalPage.locator('.sandbox-banner').textContent()).toContain('Môi trường thử nghiệm');
    expect(await portalPage.textContent('body')).toContain('Từ thứ Hai, các tổ công nghệ số đến từng nhà hỗ trợ.');
    await noSidewaysScroll(portalPage, size.width);
    await shot(portalPage, 'portal-post');

    // The station's log plays the bulletin the engine rendered.
    await page.goto(`${stack.baseUrl}/publications?state=published`);
    const station = page
      .getByTestId('publication')
      .filter({ hasText: title })
      .filter({ hasText: 'Truyền thanh cơ sở' });
    const [bulletin] = await Promise.all([
      officer.waitForEvent('page'),
      station.getByRole('link', { name: 'Xem bài trên kênh ↗' }).click(),
    ]);
    const audio = bulletin.locator('audio');
    await audio.waitFor();
    const seconds = await audio.evaluate(
      (el) =>
        new Promise<number>((resolve, reject) => {
          const player = el as unknown as {
            duration: number;
            readyState: number;
            addEventListener(name: string, fn: () => void): void;
            load(): void;
          };
          if (player.readyState >= 1) return resolve(player.duration);
          player.addEventListener('loadedmetadata', () => resolve(player.duration));
          player.addEventListener('error', () => reject(new Error('audio did not load')));
          player.load();
        }),
    );
    expect(seconds).toBeGreaterThan(1);
    await noSidewaysScroll(bulletin, size.width);
    await shot(bulletin, 'station-bulletin');
    await officer.close();
    await editorContext.close();
  });
});
