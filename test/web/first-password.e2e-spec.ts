import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { AgencyEntity } from '@nhip/database';
import { DEMO_WARD_CODE } from '@nhip/demo';
import { launchChromium, SCREENSHOT_DIR, startWebStack, WebStack } from './support/web-stack';

/**
 * Issue #15: a person the administrator created opens Nhịp at `/` for the first time, is asked to choose
 * their own password before anything else, and then works as usual. At 1366×768 and 390×844.
 */

const SIZES = [
  { name: '1366x768', viewport: { width: 1366, height: 768 } },
  { name: '390x844', viewport: { width: 390, height: 844 } },
];
const ADMIN_PASSWORD = 'mat-khau-quan-tri';

jest.setTimeout(180_000);

describe('first sign-in with a password the administrator chose (browser)', () => {
  let stack: WebStack;
  let browser: Browser;
  let ward: AgencyEntity;
  let adminToken: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    stack = await startWebStack(ADMIN_PASSWORD);
    ward = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const res = await fetch(`${stack.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    });
    adminToken = ((await res.json()) as { token: string }).token;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it.each(SIZES)('asks for a new password first, then opens the calendar, at $name', async ({ name, viewport }) => {
    const username = `canbo.moi.${name}`;
    const created = await fetch(`${stack.baseUrl}/api/v1/users`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({
        username,
        displayName: 'Nguyễn Thị Mới',
        password: 'mat-khau-tam-thoi',
        agencyId: ward.id,
        role: 'officer',
      }),
    });
    expect(created.status).toBe(201);

    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/`);
    await page.getByLabel('Tên đăng nhập').fill(username);
    await page.getByLabel('Mật khẩu').fill('mat-khau-tam-thoi');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Điều hướng chính' }).count()).toBe(0);
    await page.getByLabel('Mật khẩu hiện tại').fill('mat-khau-tam-thoi');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Hoa sen nở tháng mười');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Hoa sen nở tháng mươi');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Hai lần nhập mật khẩu mới không khớp.').waitFor();
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Hoa sen nở tháng mười');
    await page.screenshot({ path: join(SCREENSHOT_DIR, `first-password-${name}.png`), fullPage: true });
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.locator('.fc').waitFor();
    const widths = await page.evaluate<{ scroll: number; inner: number }>(
      '({ scroll: document.documentElement.scrollWidth, inner: innerWidth })',
    );
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    await context.close();
  });
});
