import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AgencyEntity, ChannelAccountEntity } from '@nhip/database';
import { DEMO_WARD_CODE } from '@nhip/demo';
import { factories } from '../support/factories';
import { launchChromium, SCREENSHOT_DIR, startWebStack, WebStack } from './support/web-stack';

/**
 * Posting slots set per account in the administration, "Dùng khung giờ trống kế tiếp" offered only where
 * an account has some, and a bulk approval that could not find a slot saying so, not "✓ xong", with a
 * way to give the item its time.
 */

const SIZES = [
  { name: '1366x768', viewport: { width: 1366, height: 768 } },
  { name: '390x844', viewport: { width: 390, height: 844 } },
];
const ADMIN_PASSWORD = 'mat-khau-quan-tri';
/** The ward's own administrator: the screens open in the ward. */
const WARD_ADMIN = { username: 'quantri.phuong', password: 'mat-khau-quan-tri-phuong' };
const OFFICER = { username: 'canbo.nga', password: 'mat-khau-can-bo-nga' };
const EDITOR = { username: 'bientap.khoa', password: 'mat-khau-bien-tap-khoa' };

jest.setTimeout(180_000);

describe('posting slots and approval warnings (browser)', () => {
  let stack: WebStack;
  let browser: Browser;
  let ward: AgencyEntity;
  let portal: ChannelAccountEntity;
  let zalo: ChannelAccountEntity;

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
    const accounts = stack.env.db.getRepository(ChannelAccountEntity);
    portal = await accounts.findOneByOrFail({ agencyId: ward.id, type: 'portal' });
    zalo = await accounts.findOneByOrFail({ agencyId: ward.id, type: 'zalo' });
    const make = factories(stack.env.db);
    await make.membership((await make.user({ ...OFFICER, displayName: 'Trịnh Thị Nga' })).user, ward, 'officer');
    await make.membership((await make.user({ ...EDITOR, displayName: 'Đỗ Minh Khoa' })).user, ward, 'editor');
    await make.membership((await make.user({ ...WARD_ADMIN, displayName: 'Lâm Quốc Bảo' })).user, ward, 'admin');
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  /** A story with a portal and a Zalo variant; the Zalo one submitted to take "the next free slot". */
  async function storyWithZaloOnNextSlot(title: string) {
    const officer = await login(OFFICER);
    const story = await call<{ id: string }>('POST', `/agencies/${ward.id}/stories`, officer, {
      title,
      summary: 'Tổ công nghệ số cộng đồng hỗ trợ người dân tại nhà văn hóa các tổ dân phố.',
      body: 'Người dân mang theo căn cước và điện thoại thông minh.',
      audiences: ['residents'],
      media: [{ kind: 'image', url: 'https://dakbla.example.gov.vn/anh/vneid.jpg', caption: 'Hỗ trợ cài đặt' }],
    });
    const variants = await call<Array<{ id: string; channelType: string }>>(
      'POST',
      `/stories/${story.id}/variants/generate`,
      officer,
      { channelAccountIds: [portal.id, zalo.id] },
    );
    const zaloVariant = variants.find((v) => v.channelType === 'zalo')!;
    await call('PATCH', `/variants/${zaloVariant.id}`, officer, { schedule: { nextFreeSlot: true } });
    await call('POST', `/variants/${zaloVariant.id}/submit`, officer);
    return { storyId: story.id, portalVariant: variants.find((v) => v.channelType === 'portal')!.id, zaloVariant };
  }

  const widthProblem = async (page: Page, where: string) => {
    const w = await page.evaluate<{ scroll: number; inner: number }>(
      '({ scroll: document.documentElement.scrollWidth, inner: innerWidth })',
    );
    return w.scroll > w.inner ? [`${where}: ${w.scroll} px wide in ${w.inner}`] : [];
  };

  describe.each(SIZES)('at $name', ({ name, viewport }) => {
    const startAt = async (who: { username: string; password: string }) => {
      const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      const page = await context.newPage();
      await page.goto(`${stack.baseUrl}/`);
      await page.getByLabel('Tên đăng nhập').fill(who.username);
      await page.getByLabel('Mật khẩu').fill(who.password);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.locator('.fc').waitFor();
      return page;
    };

    it('lets an administrator set an account’s slots, which the composer then offers', async () => {
      const admin = await login({ username: 'admin', password: ADMIN_PASSWORD });
      await call('PATCH', `/channel-accounts/${portal.id}`, admin, { postingSlots: [] });
      const { storyId, portalVariant } = await storyWithZaloOnNextSlot(
        `Cài đặt VNeID mức độ 2 cho người cao tuổi (${name})`,
      );
      const problems: string[] = [];
      const page = await startAt(WARD_ADMIN);

      // Before any slot, the composer does not offer the next free slot and says why.
      await page.goto(`${stack.baseUrl}/stories/${storyId}?variant=${portalVariant}`);
      const panel = page.locator(`#panel-${portalVariant}`);
      await panel.getByTestId('no-slots').waitFor();
      expect(await panel.getByLabel('Dùng khung giờ trống kế tiếp của kênh khi được duyệt').count()).toBe(0);
      await panel.getByRole('link', { name: 'Khai báo khung giờ đăng' }).click();

      const card = page.locator('[data-testid="channel-account"]').filter({ hasText: portal.name });
      await card.getByText('Chưa có khung giờ nào').waitFor();
      const input = card.getByLabel('Thêm khung giờ (HH:mm)');
      await input.fill('25:00');
      await card.getByRole('button', { name: 'Thêm' }).click();
      await card.getByRole('alert').getByText('HH:mm', { exact: false }).waitFor();
      expect(await card.locator('.slot-chip').count()).toBe(0);
      for (const time of ['17:30', '06:30']) {
        await input.fill(time);
        await card.getByRole('button', { name: 'Thêm' }).click();
        await card.locator('.slot-chip', { hasText: time }).waitFor();
      }
      expect(await card.locator('.slot-chip span').allTextContents()).toEqual(['06:30', '17:30']);
      await card.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SCREENSHOT_DIR, `posting-slots-admin-${name}.png`), fullPage: true });
      problems.push(...(await widthProblem(page, 'admin-channels')));

      // The portal tab now offers the slots, by their times; the Zalo one still has none.
      await page.goto(`${stack.baseUrl}/stories/${storyId}?variant=${portalVariant}`);
      const offered = page.locator(`#panel-${portalVariant}`).locator('label.check', {
        hasText: 'Dùng khung giờ trống kế tiếp',
      });
      await offered.waitFor();
      expect(await offered.textContent()).toContain('(06:30, 17:30)');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `posting-slots-composer-${name}.png`), fullPage: true });
      problems.push(...(await widthProblem(page, 'composer')));

      // Removing one is saved at once.
      await page.goto(`${stack.baseUrl}/admin/channels`);
      await card.getByRole('button', { name: 'Bỏ khung giờ 06:30' }).click();
      await card.locator('.slot-chip', { hasText: '06:30' }).waitFor({ state: 'detached' });
      const saved = await call<{ postingSlots: string[] }>('GET', `/channel-accounts/${portal.id}`, admin);
      expect(saved.postingSlots).toEqual(['17:30']);
      await page.context().close();
      expect(problems).toEqual([]);
    });

    it('shows a bulk approval left without a time as a warning, and lets the item be scheduled', async () => {
      const { zaloVariant } = await storyWithZaloOnNextSlot(`Thanh toán không dùng tiền mặt (${name})`);
      const problems: string[] = [];
      const page = await startAt(EDITOR);
      await page.goto(`${stack.baseUrl}/queue`);
      const item = page.locator('[data-testid=queue-item]').filter({ hasText: 'Thanh toán không dùng tiền mặt' });
      await item.getByRole('checkbox').check();
      await page.getByRole('button', { name: 'Duyệt các mục đã chọn' }).click();
      await page.getByRole('button', { name: 'Duyệt 1 nội dung' }).click();
      const result = page.getByTestId('bulk-result');
      await result.waitFor();
      const text = (await result.textContent()) ?? '';
      expect(text).toMatch(/^⚠/);
      expect(text).toContain('không có khung giờ đăng trống');
      expect(text).toContain('Nội dung đã duyệt nhưng chưa lên lịch');
      await page.getByText('1 nội dung chưa lên lịch được').waitFor();
      expect(text).not.toMatch(/✓|xong/);
      expect(await result.getAttribute('class')).toBe('warn-line');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `posting-slots-bulk-${name}.png`), fullPage: true });
      problems.push(...(await widthProblem(page, 'queue')));

      // The link opens the variant, which can be given a time without a second approval.
      await result.getByRole('link', { name: 'Chọn thời điểm đăng' }).click();
      const panel = page.locator(`#panel-${zaloVariant.id}`);
      const nextSlot = panel.getByLabel('Dùng khung giờ trống kế tiếp của kênh khi được duyệt');
      await nextSlot.waitFor();
      await panel.locator('label.check', { hasText: 'chưa có khung giờ đăng nào' }).waitFor();
      // Unticked, the choice goes away (the account has no slot to offer) and the date and time open.
      await nextSlot.click();
      await panel.getByTestId('no-slots').waitFor();
      const tomorrow = new Date(Date.now() + 7 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
      await panel.getByLabel('Ngày').fill(tomorrow.split('-').reverse().join('/'));
      await panel.getByLabel('Giờ', { exact: true }).fill('09:00');
      await panel.getByRole('button', { name: 'Lên lịch đăng' }).click();
      await page.getByText('Đã lên lịch đăng.').waitFor();
      const variant = await call<{ state: string; schedule: { at: string } }>(
        'GET',
        `/variants/${zaloVariant.id}`,
        await login(OFFICER),
      );
      expect(variant.state).toBe('scheduled');
      expect(variant.schedule.at).toBe(new Date(`${tomorrow}T09:00:00+07:00`).toISOString());
      await page.context().close();
      expect(problems).toEqual([]);
    });
  });
});
