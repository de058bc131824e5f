import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { AgencyEntity } from '@nhip/database';
import { DEMO_WARD_CODE } from '@nhip/demo';
import { factories } from '../support/factories';
import { launchChromium, SCREENSHOT_DIR, startWebStack, WebStack } from './support/web-stack';

/** A target Nhịp cannot count is entered from the report preview, with its mandatory source. */

const SIZES = [
  { name: '1366x768', viewport: { width: 1366, height: 768 } },
  { name: '390x844', viewport: { width: 390, height: 844 } },
];
const OFFICER = { username: 'canbo.xuan', password: 'mat-khau-can-bo-xuan' };

jest.setTimeout(180_000);

describe('target values in the Reports screen (browser)', () => {
  let stack: WebStack;
  let browser: Browser;
  let ward: AgencyEntity;
  let token: string;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${stack.baseUrl}/api/v1${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    stack = await startWebStack('mat-khau-quan-tri');
    ward = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const make = factories(stack.env.db);
    await make.membership((await make.user({ ...OFFICER, displayName: 'Kiều Thị Xuân' })).user, ward, 'officer');
    token = (await call<{ token: string }>('POST', '/auth/login', OFFICER)).token;
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it.each(SIZES)('enters a value with its source at $name, refused without one', async ({ name, viewport }) => {
    const report = await call<{ id: string }>('POST', '/reports', { agency: ward.id, period: '2026-H1' });
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/`);
    await page.getByLabel('Tên đăng nhập').fill(OFFICER.username);
    await page.getByLabel('Mật khẩu').fill(OFFICER.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('.fc').waitFor();
    await page.goto(`${stack.baseUrl}/reports?report=${report.id}`);

    const row = page.getByTestId('report-target').filter({ hasText: 'Chưa nhập số liệu' }).first();
    await row.waitFor();
    const description = ((await row.textContent()) ?? '').split(':')[0].trim();
    await row.getByRole('button', { name: /Nhập số liệu|Sửa số liệu/ }).click();
    const form = page.getByRole('form', { name: `Nhập số liệu: ${description}` });
    await form.getByLabel(/^Giá trị/).fill('72,5');
    await form.getByLabel('Nguồn số liệu (bắt buộc)').fill('');
    await form.getByRole('button', { name: 'Lưu số liệu' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.getByRole('alert').textContent()).toMatch(/[Nn]guồn/);

    const source = `Kết quả khảo sát của Phòng Văn hóa - Xã hội phường, tháng 6/2026 (${name})`;
    await form.getByLabel('Nguồn số liệu (bắt buộc)').fill(source);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `report-targets-${name}.png`), fullPage: true });
    const widths = await page.evaluate<{ scroll: number; inner: number }>(
      '({ scroll: document.documentElement.scrollWidth, inner: innerWidth })',
    );
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
    await form.getByRole('button', { name: 'Lưu số liệu' }).click();
    await row.getByText('Bấm "Cập nhật số liệu" của dự thảo').waitFor();

    const values = await call<Array<{ value: number; source: string }>>('GET', `/target-values?agency=${ward.id}`);
    expect(values).toEqual(expect.arrayContaining([expect.objectContaining({ value: 72.5, source })]));

    // The draft takes it in when its figures are brought up to date.
    await page.getByRole('button', { name: 'Cập nhật số liệu' }).click();
    await page.getByTestId('report-changes').waitFor();
    await page.getByTestId('report-target').filter({ hasText: source }).first().waitFor();
    await context.close();
  });
});
