import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the calendar's real queries at national scale. A calendar reads an agency's channel
 * accounts (channel_accounts_agency_idx) and then each account's publications within a time range:
 * (channel_account_id, occurrence_at) finds them without reading the account's other years, and
 * INCLUDE (state) lets the per-day summaries count states from the index alone. It replaces
 * (channel_account_id, state), which made the planner read an account's every year and filter dates
 * afterwards; the two queries by account and state (pausing an account, free posting slots) find the
 * account's rows here just as well, and each publication keeps the same number of index entries. Publications carry no agency:
 * "agency and time" is channel_accounts_agency_idx joined to this index, which EXPLAIN checks in
 * test/calendar-scale.e2e-spec.ts.
 */
export class CalendarTimeIndexes1764519000000 implements MigrationInterface {
  name = 'CalendarTimeIndexes1764519000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX publications_account_time_idx ON publications(channel_account_id, occurrence_at) INCLUDE (state)`,
    );
    await q.query(`DROP INDEX publications_account_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX publications_account_idx ON publications(channel_account_id, state)`);
    await q.query(`DROP INDEX publications_account_time_idx`);
  }
}
