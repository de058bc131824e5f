import type { Browser } from 'playwright-core';
import { AgencyEntity } from '@nhip/database';
import { DEMO_WARD_CODE } from '@nhip/demo';
import { factories } from '../support/factories';
import { launchChromium, startWebStack, WebStack } from './support/web-stack';

/**
 * Issue #15: the composer ties a story to the plan task and the peak it serves (and unties it again),
 * as the officer sees them — the plan's number, the task's number and name, the peak's name and days.
 */

const SIZES = [
  { name: '1366x768', viewport: { width: 1366, height: 768 } },
  { name: '390x844', viewport: { width: 390, height: 844 } },
];

jest.setTimeout(180_000);

describe('a story tied to its plan task and peak (browser)', () => {
  let stack: WebStack;
  let browser: Browser;
  let ward: AgencyEntity;

  beforeAll(async () => {
    stack = await startWebStack('mat-khau-quan-tri');
    ward = await stack.env.db.getRepository(AgencyEntity).findOneByOrFail({ code: DEMO_WARD_CODE });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it.each(SIZES)('picks, keeps and clears the links at $name', async ({ name, viewport }) => {
    const officer = { username: `canbo.lienket.${name}`, password: 'mat-khau-lien-ket' };
    const make = factories(stack.env.db);
    await make.membership((await make.user({ ...officer, displayName: 'Lò Văn Liên' })).user, ward, 'officer');
    const context = await browser.newContext({ viewport, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/`);
    await page.getByLabel('Tên đăng nhập').fill(officer.username);
    await page.getByLabel('Mật khẩu').fill(officer.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.locator('.fc').waitFor();
    await page.goto(`${stack.baseUrl}/stories/new`);

    const [task] = await stack.env.db.query(
      `SELECT t.id, t.number, t.name FROM plan_tasks t JOIN plans p ON p.id = t.plan_id
        WHERE p.number = '662/KH-UBND' ORDER BY t.position LIMIT 1`,
    );
    const [peak] = await stack.env.db.query(
      `SELECT k.id, k.name FROM peaks k JOIN plans p ON p.id = k.plan_id WHERE p.number = '662/KH-UBND' ORDER BY k.starts_on LIMIT 1`,
    );
    const taskSelect = page.getByLabel('Nhiệm vụ kế hoạch', { exact: true });
    await taskSelect.locator(`option[value="${task.id}"]`).waitFor({ state: 'attached' });
    // The plan is named by its number, the task by its own.
    expect(await taskSelect.locator('optgroup[label="662/KH-UBND"]').count()).toBe(1);
    expect(await taskSelect.locator(`option[value="${task.id}"]`).textContent()).toMatch(
      new RegExp(`^${task.number}\\. `),
    );
    await page.locator('#story-title').fill(`Tin tuyên truyền ngày hội số (${name})`);
    await taskSelect.selectOption(task.id);
    await page.getByLabel('Đợt cao điểm', { exact: true }).selectOption(peak.id);
    await page.getByRole('button', { name: 'Lưu và chọn kênh' }).click();
    await page.waitForURL(/\/stories\/[0-9a-f-]{36}/);
    const storyId = /\/stories\/([0-9a-f-]{36})/.exec(page.url())![1];
    const stored = async () =>
      (await stack.env.db.query(`SELECT plan_task_id, peak_id FROM stories WHERE id = $1`, [storyId]))[0];
    expect(await stored()).toEqual({ plan_task_id: task.id, peak_id: peak.id });

    await page.reload();
    await page
      .getByLabel('Nhiệm vụ kế hoạch', { exact: true })
      .locator(`option[value="${task.id}"]`)
      .waitFor({ state: 'attached' });
    expect(await page.getByLabel('Nhiệm vụ kế hoạch', { exact: true }).inputValue()).toBe(task.id);
    expect(await page.getByLabel('Đợt cao điểm', { exact: true }).inputValue()).toBe(peak.id);

    await page.getByLabel('Nhiệm vụ kế hoạch', { exact: true }).selectOption('');
    await page.getByRole('button', { name: 'Lưu tin bài' }).click();
    await page.getByText('Đã lưu').first().waitFor();
    expect(await stored()).toEqual({ plan_task_id: null, peak_id: peak.id });

    // Unsaved work is not lost by a click elsewhere: leaving asks first, and staying keeps the page.
    await page.getByLabel('Đợt cao điểm', { exact: true }).selectOption('');
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    const menu = page.locator('.menu-toggle');
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Lịch' }).click();
    expect(asked).toEqual(['Tin bài có thay đổi chưa lưu. Rời trang và bỏ các thay đổi này?']);
    expect(page.url()).toContain(`/stories/${storyId}`);
    expect(await page.getByLabel('Đợt cao điểm', { exact: true }).inputValue()).toBe('');
    await context.close();
  });
});
