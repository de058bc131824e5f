export * from './campaigns/campaign.service';
export * from './campaigns/campaigns.module';
export * from './due-phrase/due-phrase.types';
export { foldDuePhrase, parseDuePhrase, YEARLY_DUE_RRULE } from './due-phrase/due-phrase.parser';
export * from './peaks/national-peaks';
export * from './plan-file/plan-file.types';
export { parsePlanFile, widenDate } from './plan-file/plan-file.parser';
export * from './recurrence/recurrence.error';
export {
  CALENDAR_TIME_ZONE,
  DEFAULT_MAX_OCCURRENCES,
  MAX_ITERATIONS,
  expandRecurrence,
  fromWallTime,
  parseRecurrenceText,
  toWallTime,
  validateRecurrence,
} from './recurrence/recurrence';
export type { ExpandOptions, LocalDateTimeInput, RecurrenceRule, ValidRecurrence } from './recurrence/recurrence';
