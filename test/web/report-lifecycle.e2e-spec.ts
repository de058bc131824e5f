import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AgencyEntity } from '@nhip/database';
import { DEMO_WARD_CODE } from '@nhip/demo';
import { factories } from '../support/factories';
import { launchChromium, SCREENSHOT_DIR, startWebStack, WebStack } from './support/web-stack';

/**
 * Issue #17: a report from draft to the signed document in the browser. The ward's officer opens Nhịp at
 * `/`, makes the half-year report, writes the causes and proposals and names the signer, and submits it;
 * the vice-chairman signs in, approves it, and sees the document's checksum. At 1366×768 and 390×844.
 */

const SIZES = [
  { name: '1366x768', viewport: { width: 1366, height: 768 } },
  { name: '390x844', viewport: { width: 390, height: 844 } },
];
const OFFICER = { username: 'canbo.lan', password: 'mat-khau-can-bo-lan' };
const LEADER = { username: 'pct.tra', password: 'mat-khau-pho-chu-tich' };

jest.setTimeout(240_000);

describe('a report drafted, submitted and approved (browser)', () => {
  let stack: WebStack;
  let browser: Browser;
  let ward: AgencyEntity;

  beforeAll(async () => {
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    stack = await startWebStack('mat-khau-quan-tri');
    ward = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    const make = factories(stack.env.db);
    await make.membership((await make.user({ ...OFFICER, displayName: 'Hà Thị Lan' })).user, ward, 'officer');
    await make.membership((await make.user({ ...LEADER, displayName: 'Nguyễn Đại Trà' })).user, ward, 'editor');
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
  const openReports = async (page: Page) => {
    const menu = page.locator('.menu-toggle');
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo' }).click();
    await page.getByRole('heading', { name: 'Báo cáo', level: 1 }).waitFor();
  };
  const noSideScroll = async (page: Page) => {
    const widths = await page.evaluate<{ scroll: number; inner: number }>(
      '({ scroll: document.documentElement.scrollWidth, inner: innerWidth })',
    );
    expect(widths.scroll).toBeLessThanOrEqual(widths.inner);
  };

  it.each(SIZES)('goes from draft to the approved document at $name', async ({ name, viewport }) => {
    const officerContext = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await officerContext.newPage();
    await signIn(page, OFFICER);
    await openReports(page);
    await page.getByRole('button', { name: 'Lập báo cáo' }).click();
    await page.getByTestId('report-state').filter({ hasText: 'Dự thảo' }).waitFor();

    const form = page.getByRole('form', { name: 'Nội dung báo cáo' });
    const causes = `Một số tổ dân phố chưa có người phụ trách truyền thông (${name}).`;
    await form.getByLabel('II.2. Nguyên nhân').fill(causes);
    await form.getByLabel('IV. Đề xuất, kiến nghị').fill('Đề nghị Sở Khoa học và Công nghệ tập huấn kỹ năng số.');
    // Plan 662 was signed KT. by a vice-chairman: the report is too.
    await form.getByLabel('Hình thức ký').selectOption('KT');
    await form.getByLabel('Chức vụ người ký').fill('PHÓ CHỦ TỊCH');
    await form.getByLabel(/^Họ tên người ký/).fill('Nguyễn Đại Trà');
    await form.getByText('Có thay đổi chưa lưu.').waitFor();
    await form.getByRole('button', { name: 'Lưu nội dung' }).click();
    await page.getByText('Đã lưu nội dung báo cáo.').first().waitFor();
    await form.getByText('Có thay đổi chưa lưu.').waitFor({ state: 'detached' });
    expect(await form.getByLabel('II.2. Nguyên nhân').inputValue()).toBe(causes);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `report-draft-${name}.png`), fullPage: true });
    await noSideScroll(page);

    await page.getByRole('button', { name: 'Trình ký' }).click();
    await page.getByTestId('report-state').filter({ hasText: 'Đã trình ký' }).waitFor();
    await page.getByText('Đang chờ lãnh đạo duyệt.').waitFor();
    const reportId = new URL(page.url()).searchParams.get('report')!;
    expect(await page.getByRole('form', { name: 'Nội dung báo cáo' }).count()).toBe(0);
    await officerContext.close();

    const leaderContext = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const signer = await leaderContext.newPage();
    await signIn(signer, LEADER);
    await openReports(signer);
    await signer.getByRole('button', { name: /^Số / }).first().click();
    expect(new URL(signer.url()).searchParams.get('report')).toBe(reportId);
    await signer.getByRole('button', { name: 'Duyệt và phát hành' }).click();
    await signer.getByTestId('report-state').filter({ hasText: 'Đã duyệt, phát hành' }).waitFor();
    await signer.getByRole('button', { name: 'Tải văn bản đã duyệt (.docx)' }).waitFor();
    const shown = await signer.locator('.report-workflow code').getAttribute('title');
    const [row] = await stack.env.db.query(
      `SELECT state, final_sha256, snapshot->'document'->'signer' AS signer FROM reports WHERE id = $1`,
      [reportId],
    );
    expect(row).toEqual({
      state: 'approved',
      final_sha256: shown,
      signer: {
        authority: 'TM. ỦY BAN NHÂN DÂN',
        deputy: 'KT. CHỦ TỊCH',
        title: 'PHÓ CHỦ TỊCH',
        name: 'Nguyễn Đại Trà',
      },
    });
    await signer.screenshot({ path: join(SCREENSHOT_DIR, `report-approved-${name}.png`), fullPage: true });
    await noSideScroll(signer);
    await leaderContext.close();
  });
});
