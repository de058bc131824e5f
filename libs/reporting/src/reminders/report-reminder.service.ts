import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  addLocalDays,
  CalendarService,
  daysBetween,
  expandCalendarItems,
  localDayOf,
  startOfLocalDay,
} from '@nhip/calendar';
import { NotificationKind, NotificationService } from '@nhip/notifications';
import { formatDay } from '../model/vietnamese-format';
import type { SqlRow } from '@nhip/database';

/** Reminders go out this many days before a report deadline. */
export const REMINDER_DAYS = [7, 2] as const;
/** Roles that prepare a report; viewers are not reminded. */
const RESPONSIBLE_ROLES = ['officer', 'editor', 'admin'];
export const REPORT_DEADLINE_NOTIFICATION: NotificationKind = 'report_deadline';

export interface ReminderRun {
  today: string;
  /** Deadlines within the reminder window. */
  deadlines: number;
  /** Notifications written by this run (0 when an earlier run already sent them). */
  notified: number;
}

interface StoredDeadline {
  key: string;
  name: string;
  submitters?: string[];
  recipient?: string | null;
}

/**
 * Reminds the officers responsible for each plan report deadline (as the calendar shows it) 7 and 2
 * days before. Safe to run any number of times and on several workers: each reminder is recorded with
 * a key (plan, deadline, day, stage, user) and written at most once. A missed day is caught up: the
 * 7-day reminder is sent until 3 days before, the 2-day one until the day itself.
 */
@Injectable()
export class ReportReminderService {
  private readonly logger = new Logger(ReportReminderService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendar: CalendarService,
    private readonly notifications: NotificationService,
  ) {}

  async remind(now: Date = new Date()): Promise<ReminderRun> {
    const today = localDayOf(now);
    const range = { from: startOfLocalDay(today), to: startOfLocalDay(addLocalDays(today, REMINDER_DAYS[0] + 1)) };
    const agencyIds: string[] = (await this.db.query(`SELECT id FROM agencies`)).map((r: { id: string }) => r.id);
    const items = await this.calendar.items({ agencyIds, range, filters: { kinds: ['report'] } });
    const entries = expandCalendarItems(items, range);

    const due = entries
      .map((e) => ({ ...parseUid(e.seriesId ?? e.id), day: e.start.slice(0, 10) }))
      .filter((d): d is { planId: string; key: string; day: string } => Boolean(d.planId && d.key));
    if (due.length === 0) return { today, deadlines: 0, notified: 0 };

    const plans = new Map<string, { title: string; issuingAgencyId: string; deadlines: StoredDeadline[] }>(
      (
        await this.db.query(`SELECT id, title, issuing_agency_id, report_deadlines FROM plans WHERE id = ANY($1)`, [
          [...new Set(due.map((d) => d.planId))],
        ])
      ).map((p: SqlRow) => [
        p.id,
        { title: p.title, issuingAgencyId: p.issuing_agency_id, deadlines: p.report_deadlines ?? [] },
      ]),
    );

    let notified = 0;
    let deadlines = 0;
    for (const { planId, key, day } of due) {
      const plan = plans.get(planId);
      const deadline = plan?.deadlines.find((d) => d.key === key);
      if (!plan || !deadline) continue;
      const daysLeft = daysBetween(today, day);
      const stage = stageFor(daysLeft);
      if (stage === null) continue;
      deadlines += 1;
      notified += await this.send(plan, deadline, { planId, day, daysLeft, stage });
    }
    if (notified > 0) this.logger.log({ today, deadlines, notified }, 'report deadline reminders sent');
    return { today, deadlines, notified };
  }

  private async send(
    plan: { title: string; issuingAgencyId: string },
    deadline: StoredDeadline,
    at: { planId: string; day: string; daysLeft: number; stage: number },
  ): Promise<number> {
    return this.db.transaction(async (manager) => {
      const submitters: Array<{ id: string; name: string }> = deadline.submitters?.length
        ? await manager.query(`SELECT id, name FROM agencies WHERE code = ANY($1) ORDER BY name`, [deadline.submitters])
        : await manager.query(`SELECT id, name FROM agencies WHERE id = $1`, [plan.issuingAgencyId]);
      const [recipient] = deadline.recipient
        ? await manager.query(`SELECT name FROM agencies WHERE code = $1`, [deadline.recipient])
        : [];
      let sent = 0;
      for (const agency of submitters) {
        const users: Array<{ user_id: string }> = await manager.query(
          `SELECT DISTINCT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.agency_id = $1 AND m.role = ANY($2) AND u.is_active`,
          [agency.id, RESPONSIBLE_ROLES],
        );
        for (const { user_id: userId } of users) {
          const claimed = await manager.query(
            `INSERT INTO report_reminders (plan_id, deadline_key, due_on, days_before, user_id) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING RETURNING user_id`,
            [at.planId, deadline.key, at.day, at.stage, userId],
          );
          if (claimed.length === 0) continue;
          const period = suggestedPeriod(at.day);
          const notified = await this.notifications.notifyUsers(manager, [userId], {
            kind: REPORT_DEADLINE_NOTIFICATION,
            title:
              at.daysLeft === 0
                ? `Hôm nay là hạn báo cáo: ${deadline.name}`
                : `Còn ${at.daysLeft} ngày đến hạn báo cáo: ${deadline.name}`,
            body: [
              `Kế hoạch: ${plan.title}.`,
              `Hạn nộp: ${formatDay(at.day)}${recipient ? `, gửi ${recipient.name}` : ''}.`,
              `Cơ quan báo cáo: ${agency.name}. Lập báo cáo trong Nhịp (kỳ ${period}) để có số liệu theo từng nhiệm vụ.`,
            ].join('\n'),
            link: `/api/v1/plans/${at.planId}`,
            data: {
              planId: at.planId,
              deadlineKey: deadline.key,
              dueOn: at.day,
              daysLeft: at.daysLeft,
              reminder: at.stage,
              agencyId: agency.id,
              period,
            },
          });
          await manager.query(
            `UPDATE report_reminders SET notification_id = $6 WHERE plan_id = $1 AND deadline_key = $2 AND due_on = $3 AND days_before = $4 AND user_id = $5`,
            [at.planId, deadline.key, at.day, at.stage, userId, notified.get(userId)],
          );
          sent += 1;
        }
      }
      return sent;
    });
  }
}

/** Which reminder is due with this many days left: 7 from 7 to 3 days before, 2 from 2 days before to the day. */
export function stageFor(daysLeft: number): number | null {
  if (daysLeft < 0) return null;
  const stages = [...REMINDER_DAYS].sort((a, b) => a - b);
  return stages.find((s) => daysLeft <= s) ?? null;
}

/** "report:<plan id>:<key>" or "report:<plan id>:<key>:<n>", as the calendar names report deadlines. */
function parseUid(uid: string): { planId: string | null; key: string | null } {
  const parts = uid.split(':');
  if (parts[0] !== 'report' || parts.length < 3) return { planId: null, key: null };
  return { planId: parts[1], key: parts[2] };
}

/** The half-year a deadline usually reports on: one due by June covers the first half. */
export function suggestedPeriod(day: string): string {
  return `${day.slice(0, 4)}-H${Number(day.slice(5, 7)) <= 6 ? 1 : 2}`;
}
