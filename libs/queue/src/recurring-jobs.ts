import { VIETNAM_TIME_ZONE } from '@nhip/vocabulary';
import type { RepeatOptions } from 'bullmq';
import type { AppConfig } from '@nhip/core';
import { JobName, JobPayloads } from './jobs';

/** A recurring job, kept in Redis as a BullMQ job scheduler: one run per tick however many instances. */
export interface RecurringJob<N extends JobName = JobName> {
  id: string;
  repeat: Omit<RepeatOptions, 'key'>;
  name: N;
  data: JobPayloads[N];
}

export const RECONCILE_SCHEDULER_ID = 'reconcile-publications';

/**
 * Every recurring job Nhịp runs. Every api instance upserts them at boot (idempotent); a worker puts back
 * any that Redis has lost since it saw them.
 */
export function recurringJobs(config: Pick<AppConfig, 'reconcileEverySeconds'>): RecurringJob[] {
  return [
    {
      id: 'purge-expired-tokens',
      repeat: { every: 3600_000 },
      name: JobName.PurgeExpiredTokens,
      data: { olderThanHours: 24 },
    },
    // An `every` scheduler also runs at once: the reconciler repairs as soon as the system starts.
    {
      id: RECONCILE_SCHEDULER_ID,
      repeat: { every: config.reconcileEverySeconds * 1000 },
      name: JobName.Reconcile,
      data: {},
    },
    {
      id: 'remind-report-deadlines',
      repeat: { pattern: '0 7 * * *', tz: VIETNAM_TIME_ZONE },
      name: JobName.RemindReportDeadlines,
      data: {},
    },
    {
      id: 'remind-relays',
      repeat: { every: 10 * 60_000 },
      name: JobName.RemindRelays,
      data: {},
    },
  ];
}
