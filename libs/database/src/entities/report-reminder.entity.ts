import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A report deadline reminder already sent to one user; the key makes the daily job remind once. */
@Entity('report_reminders')
export class ReportReminderEntity {
  @PrimaryColumn({ name: 'plan_id', type: 'uuid' }) planId: string;
  @PrimaryColumn({ name: 'deadline_key', type: 'text' }) deadlineKey: string;
  @PrimaryColumn({ name: 'due_on', type: 'date' }) dueOn: string;
  @PrimaryColumn({ name: 'days_before', type: 'smallint' }) daysBefore: number;
  @PrimaryColumn({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'notification_id', type: 'uuid', nullable: true }) notificationId: string | null;
  @Column({ name: 'sent_at', type: 'timestamptz', default: () => 'now()' }) sentAt: Date;
}
