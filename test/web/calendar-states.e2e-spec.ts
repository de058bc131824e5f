import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { DEMO_WARD_CODE } from '@nhip/demo';
import { factories } from '../support/factories';
import { launchChromium, SCREENSHOT_DIR, startWebStack, WebStack } from './support/web-stack';

/**
 * The calendar tells drafts, items waiting for approval and late publications apart, each with its own
 * mark, and says why a late one has not gone out.
 */

const SIZES = [
  { name: '1366x768', viewport: { width: 1366, height: 768 } },
  { name: '390x844', viewport: { width: 390, height: 844 } },
];
const OFFICER = { username: 'canbo.yen', password: 'mat-khau-can-bo-yen' };
const EDITOR = { username: 'bientap.quang', password: 'mat-khau-bien-tap-quang' };
const TITLE = 'Phổ cập kỹ năng số cho hội viên phụ nữ phường';

jest.setTimeout(180_000);

describe('calendar states (browser)', () => {
  let stack: WebStack;
  let browser: Browser;
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
    stack = await startWebStack('mat-khau-quan-tri');
    const db = stack.env.db;
    const ward = await db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const accounts = await db.getRepository(ChannelAccountEntity).find({ where: { agencyId: ward.id } });
    const make = factories(db);
    await make.membership((await make.user({ ...OFFICER, displayName: 'Mạc Thị Yến' })).user, ward, 'officer');
    await make.membership((await make.user({ ...EDITOR, displayName: 'Tạ Văn Quang' })).user, ward, 'editor');
    const officer = await login(OFFICER);
    const editor = await login(EDITOR);
    const story = await call<{ id: string }>('POST', `/agencies/${ward.id}/stories`, officer, {
      title: TITLE,
      summary: 'Hội viên được hướng dẫn dùng VNeID và thanh toán không dùng tiền mặt.',
      body: 'Lớp học tổ chức tại nhà văn hóa tổ dân phố 2.',
      audiences: ['residents'],
      media: [{ kind: 'image', url: 'https://dakbla.example.gov.vn/anh/lop-hoc.jpg', caption: 'Lớp học' }],
    });
    const byType = Object.fromEntries(
      (
        await call<Array<{ id: string; channelType: string }>>(
          'POST',
          `/stories/${story.id}/variants/generate`,
          officer,
          {
            channelAccountIds: accounts.filter((a) => a.type !== 'loudspeaker').map((a) => a.id),
          },
        )
      ).map((v) => [v.channelType, v.id]),
    ) as Record<'portal' | 'facebook' | 'zalo', string>;
    const at = new Date(Date.now() + 26 * 3600_000).toISOString();
    for (const id of Object.values(byType)) await call('PATCH', `/variants/${id}`, officer, { schedule: { at } });
    await call('POST', `/variants/${byType.facebook}/submit`, officer);
    await call('POST', `/variants/${byType.zalo}/submit`, officer);
    await call('POST', `/variants/${byType.zalo}/approve`, editor, {});

    // Yesterday, as if nothing had sent the Zalo article, whose account then lost its connection.
    day = new Date(Date.now() + 7 * 3600_000 - 86_400_000).toISOString().slice(0, 10);
    for (const [type, time] of [
      ['portal', '09:00'],
      ['facebook', '10:00'],
      ['zalo', '11:00'],
    ] as const)
      await db.query(`UPDATE variants SET scheduled_at = $2 WHERE id = $1`, [byType[type], `${day}T${time}:00+07:00`]);
    await db.query(`UPDATE publications SET occurrence_at = $2 WHERE variant_id = $1`, [
      byType.zalo,
      `${day}T11:00:00+07:00`,
    ]);
    await db.query(
      `UPDATE channel_accounts SET status = 'needs_reconnection', status_reason = 'Mã truy cập OA đã hết hạn' WHERE agency_id = $1 AND type = 'zalo'`,
      [ward.id],
    );
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it.each(SIZES)(
    'marks a draft, an item waiting for approval and a late publication apart at $name',
    async ({ name, viewport }) => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      const page = await context.newPage();
      await page.goto(`${stack.baseUrl}/`);
      await page.getByLabel('Tên đăng nhập').fill(OFFICER.username);
      await page.getByLabel('Mật khẩu').fill(OFFICER.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.locator('.fc').waitFor();
      await page.goto(`${stack.baseUrl}/calendar?view=week&date=${day}`);

      const chip = (selector: string) => page.locator(selector, { hasText: TITLE });
      const draft = chip('.fc-event.ev-variant.st-draft');
      const waiting = chip('.fc-event.ev-variant.st-submitted');
      const late = chip('.fc-event.ev-publication.st-overdue');
      await late.waitFor();
      const label = async (l: typeof draft) => (await l.locator('.ev').getAttribute('aria-label')) ?? '';
      expect((await draft.textContent())?.trim()).toMatch(/^✎ 09:00 Web/);
      expect(await label(draft)).toContain('Bản nháp');
      expect((await waiting.textContent())?.trim()).toMatch(/^◔ 10:00 FB/);
      expect(await label(waiting)).toContain('Chờ duyệt');
      expect((await late.textContent())?.trim()).toMatch(/^⚑ 11:00 Zalo/);
      expect(await label(late)).toContain('Quá giờ đăng');
      expect(await label(late)).not.toContain('Đã lên lịch');
      const widths = await page.evaluate<{ scroll: number; inner: number }>(
        '({ scroll: document.documentElement.scrollWidth, inner: innerWidth })',
      );
      expect(widths.scroll).toBeLessThanOrEqual(widths.inner);

      await late.click();
      const side = page.locator('.calendar-side');
      await side.getByText('Quá giờ đăng', { exact: true }).waitFor();
      expect(await side.getByTestId('overdue-reason').textContent()).toContain(
        'cần kết nối lại (Mã truy cập OA đã hết hạn)',
      );
      await page.screenshot({ path: join(SCREENSHOT_DIR, `calendar-states-${name}.png`), fullPage: true });

      // Only what waits for approval.
      if (viewport.width < 700) await page.getByRole('button', { name: 'Bộ lọc' }).click();
      await page.locator('#f-status').selectOption('submitted');
      await draft.waitFor({ state: 'detached' });
      await waiting.waitFor();
      expect(await late.count()).toBe(0);
      await context.close();
    },
  );
});
