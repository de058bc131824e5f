import { INestApplicationContext, Logger } from '@nestjs/common';
import { createWorkerApp } from '../../apps/worker/src/create-worker-app';
import { CalendarService } from '@nhip/calendar';
import { AgencyEntity, NotificationEntity } from '@nhip/database';
import { DEMO_WARD_CODE, seedDemoData } from '@nhip/demo';
import { NotificationService } from '@nhip/notifications';
import { JobName, QueueService } from '@nhip/queue';
import { REPORT_DEADLINE_NOTIFICATION, ReportReminderService } from '@nhip/reporting';
import { factories } from '../support/factories';
import { createTestEnvironment, TestEnvironment } from '../support/test-environment';

const local = (day: string, time = '07:00') => new Date(`${day}T${time}:00+07:00`);

describe('report deadline reminders (e2e)', () => {
  let env: TestEnvironment;
  let reminders: ReportReminderService;
  let users: Record<'officer' | 'editor' | 'viewer' | 'office' | 'province', string>;

  const notificationsOf = (userId: string) =>
    env.db
      .getRepository(NotificationEntity)
      .find({ where: { userId, kind: REPORT_DEADLINE_NOTIFICATION }, order: { createdAt: 'ASC' } });

  beforeAll(async () => {
    Logger.overrideLogger(['error', 'warn']);
    env = await createTestEnvironment();
    await seedDemoData(env.db, { adminPassword: 'mat-khau-quan-tri' });
    reminders = new ReportReminderService(
      env.db,
      new CalendarService(env.db),
      new NotificationService(env.db, new QueueService(env.config)),
    );
    const make = factories(env.db);
    const agencies = env.db.getRepository(AgencyEntity);
    const ward = await agencies.findOneByOrFail({ code: DEMO_WARD_CODE });
    const office = await agencies.findOneByOrFail({ code: 'dak-bla-phong-vhxh' });
    const province = await agencies.findOneByOrFail({ code: 'tinh-quang-ngai' });
    const member = async (agency: AgencyEntity, role: 'officer' | 'editor' | 'viewer') => {
      const { user } = await make.user();
      await make.membership(user, agency, role);
      return user.id;
    };
    users = {
      officer: await member(ward, 'officer'),
      editor: await member(ward, 'editor'),
      viewer: await member(ward, 'viewer'),
      office: await member(office, 'officer'),
      province: await member(province, 'officer'),
    };
  });

  afterAll(async () => {
    await env?.teardown();
  });

  it('reminds the ward officers 7 days before 15/6, once however often it runs', async () => {
    const run = await reminders.remind(local('2026-06-08'));
    expect(run).toMatchObject({ today: '2026-06-08', notified: 2 });
    for (const who of ['officer', 'editor'] as const) {
      const [n, ...more] = await notificationsOf(users[who]);
      expect(more).toEqual([]);
      expect(n).toMatchObject({
        title: 'Còn 7 ngày đến hạn báo cáo: Báo cáo kết quả triển khai thực hiện Kế hoạch định kỳ 6 tháng',
      });
      expect(n.body).toContain('Hạn nộp: 15/06/2026, gửi Sở Khoa học và Công nghệ tỉnh Quảng Ngãi.');
      expect(n.data).toMatchObject({ dueOn: '2026-06-15', daysLeft: 7, reminder: 7, period: '2026-H1' });
      expect(n.link).toMatch(/^\/api\/v1\/plans\/[0-9a-f-]{36}$/);
    }
    for (const who of ['viewer', 'office', 'province'] as const) expect(await notificationsOf(users[who])).toEqual([]);
    expect((await reminders.remind(local('2026-06-08', '18:00'))).notified).toBe(0);
    expect(
      (await Promise.all([reminders.remind(local('2026-06-09')), reminders.remind(local('2026-06-09'))])).map(
        (r) => r.notified,
      ),
    ).toEqual([0, 0]);
  });

  it('sends nothing between the two reminders, then the 2-day reminder, and nothing after the deadline', async () => {
    expect((await reminders.remind(local('2026-06-12'))).notified).toBe(0);
    expect((await reminders.remind(local('2026-06-13'))).notified).toBe(2);
    const titles = (await notificationsOf(users.officer)).map((n) => n.title);
    expect(titles).toEqual([
      'Còn 7 ngày đến hạn báo cáo: Báo cáo kết quả triển khai thực hiện Kế hoạch định kỳ 6 tháng',
      'Còn 2 ngày đến hạn báo cáo: Báo cáo kết quả triển khai thực hiện Kế hoạch định kỳ 6 tháng',
    ]);
    expect((await reminders.remind(local('2026-06-15'))).notified).toBe(0);
    expect((await reminders.remind(local('2026-06-16'))).notified).toBe(0);
  });

  it('catches up a missed day: a first run 5 days before still sends the 7-day reminder, once', async () => {
    // Second half: 15/12/2026. Nobody ran the job on 8/12.
    const run = await reminders.remind(local('2026-12-10'));
    expect(run.notified).toBe(2);
    const last = (await notificationsOf(users.editor)).at(-1)!;
    expect(last.title).toBe(
      'Còn 5 ngày đến hạn báo cáo: Báo cáo kết quả triển khai thực hiện Kế hoạch định kỳ 6 tháng',
    );
    expect(last.data).toMatchObject({ dueOn: '2026-12-15', reminder: 7, period: '2026-H2' });
    expect((await reminders.remind(local('2026-12-11'))).notified).toBe(0);
    // Two workers running the same day at once still remind each officer once.
    const both = await Promise.all([reminders.remind(local('2026-12-13')), reminders.remind(local('2026-12-13'))]);
    expect(both[0].notified + both[1].notified).toBe(2);
    expect(
      (await notificationsOf(users.officer)).filter((n) => (n.data as { dueOn?: string }).dueOn === '2026-12-15'),
    ).toHaveLength(2);
  });

  it('runs as a worker job the api schedules daily', async () => {
    const worker: INestApplicationContext = await createWorkerApp(env.config);
    const producer = new QueueService(env.config);
    try {
      const job = await producer.add(
        JobName.RemindReportDeadlines,
        { today: '2027-06-08' },
        { jobId: 'remind-report-deadlines-test' },
      );
      const deadline = Date.now() + 20_000;
      while (Date.now() < deadline && !['completed', 'failed'].includes(await job.getState()))
        await new Promise((r) => setTimeout(r, 100));
      expect(await job.getState()).toBe('completed');
      const done = await producer.queue(job.queueName as never).getJob(job.id!);
      expect(done?.returnvalue).toMatchObject({ today: '2027-06-08', notified: 2 });
      expect((await notificationsOf(users.officer)).at(-1)?.data).toMatchObject({ dueOn: '2027-06-15', reminder: 7 });
    } finally {
      await producer.onApplicationShutdown();
      await worker.close();
    }
  });
});
