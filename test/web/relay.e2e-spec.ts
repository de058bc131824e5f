import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AgencyEntity } from '@nhip/database';
import { DEMO_WARD_CODE } from '@nhip/demo';
import { factories } from '../support/factories';
import { launchChromium, SCREENSHOT_DIR, startWebStack, WebStack } from './support/web-stack';

/**
 * Issue #20 in the browser: the province's officer opens Nhịp at `/`, writes a story and offers it to its
 * communes; the ward's officer finds it under "Tin dùng chung từ cấp trên" in the queue and uses it; the
 * province sees the ward's answer and its channels on the story. At 1366×768 and 390×844.
 */

const SIZES = [
  { name: '1366x768', viewport: { width: 1366, height: 768 } },
  { name: '390x844', viewport: { width: 390, height: 844 } },
];

jest.setTimeout(240_000);

describe('a story relayed from the province to a ward (browser)', () => {
  let stack: WebStack;
  let browser: Browser;
  let ward: AgencyEntity;
  let province: AgencyEntity;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    stack = await startWebStack('mat-khau-quan-tri');
    ward = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    province = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ id: ward.parentId! });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const signIn = async (page: Page, who: { username: string; password: string }) => {
    await page.goto(`${stack.baseUrl}/`);
    await page.getByLabel('Tên đăng nhập').fill(who.username);
    await page.getByLabel('Mật khẩu').fill(who.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('.fc').waitFor();
  };
  const open = async (page: Page, link: string) => {
    const menu = page.locator('.menu-toggle');
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: link }).click();
  };
  const noSideScroll = async (page: Page) => {
    const widths = await page.evaluate<{ scroll: number; inner: number }>(
      '({ scroll: document.documentElement.scrollWidth, inner: innerWidth })',
    );
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  };

  it.each(SIZES)('is offered, used by the ward, and seen as carried at $name', async ({ name, viewport }) => {
    const make = factories(stack.env.db);
    const provincial = { username: `so.khcn.${name}`, password: 'mat-khau-so-khcn' };
    const local = { username: `canbo.phuong.${name}`, password: 'mat-khau-phuong' };
    await make.membership((await make.user({ ...provincial, displayName: 'Lê Văn Sở' })).user, province, 'officer');
    await make.membership((await make.user({ ...local, displayName: 'Y Hòa Niê' })).user, ward, 'officer');
    const title = `Tỉnh phát động Ngày Chuyển đổi số 10/10 (${name})`;

    const offering = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await offering.newPage();
    await signIn(page, provincial);
    await page.goto(`${stack.baseUrl}/stories/new`);
    await page.getByLabel('Tiêu đề', { exact: true }).fill(title);
    await page.getByRole('button', { name: 'Lưu và chọn kênh' }).first().click();
    await page.waitForURL(/\/stories\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Chuyển cho cấp dưới' }).click();
    const form = page.getByRole('form', { name: 'Đề nghị cấp dưới sử dụng tin' });
    await form.getByLabel('Truyền thanh cơ sở').check();
    await form.getByLabel('Mức bản tin truyền thanh').selectOption('priority');
    await form.getByLabel('Ghi chú cho cấp dưới').fill('Đề nghị đăng trong buổi sáng.');
    await form.getByRole('button', { name: 'Chuyển tin' }).click();
    const coverage = page.getByTestId('relay-coverage');
    await coverage.getByRole('cell', { name: /Chưa trả lời/ }).waitFor();
    expect(await coverage.textContent()).toContain('Gửi 1 nơi');
    await noSideScroll(page);

    const receiving = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const commune = await receiving.newPage();
    await signIn(commune, local);
    await open(commune, 'Hàng chờ duyệt');
    const offer = commune.getByTestId('relay-offer').filter({ hasText: title });
    await offer.waitFor();
    expect(await offer.textContent()).toContain('Đề nghị đăng trong buổi sáng.');
    await commune.screenshot({ path: join(SCREENSHOT_DIR, `relay-inbox-${name}.png`), fullPage: true });
    await noSideScroll(commune);
    await offer.getByRole('button', { name: 'Dùng tin này' }).click();
    await offer.getByRole('link', { name: 'Mở tin của đơn vị' }).click();
    await commune.waitForURL(/\/stories\/[0-9a-f-]{36}$/);
    expect(await commune.locator('#story-title').inputValue()).toBe(title);
    // Its variants wait for the ward's own approval: one per account of the offered channels.
    expect(await commune.getByRole('tab').count()).toBe(4);
    await receiving.close();

    await page.reload();
    const row = page
      .getByTestId('relay-coverage')
      .getByRole('row')
      .filter({ hasText: 'Ủy ban nhân dân phường Đăk Bla' });
    await row.getByText('Đã tiếp nhận').waitFor();
    expect(await row.getByText('Đang soạn').count()).toBe(4);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `relay-coverage-${name}.png`), fullPage: true });
    await noSideScroll(page);
    await offering.close();
  });
});
