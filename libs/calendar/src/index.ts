export * from './campaigns/campaign.service';
export * from './calendar.module';
export * from './calendar-item';
export * from './calendar/calendar.service';
export * from './calendar/gap.service';
export * from './calendar/local-days';
export * from './feeds/feed-token.service';
export * from './plans/plan-import.service';
export * from './plans/plan-query.service';
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
export * from './entries/calendar-entries.error';
export { DEFAULT_MAX_ENTRIES, expandCalendarItems, itemSpan } from './entries/expand-items';
export type { ExpandItemsOptions, ItemSpan } from './entries/expand-items';
export {
  DEFAULT_FEED_PRODID,
  DEFAULT_FEED_REFRESH_MINUTES,
  icalCalendarData,
  icalEventData,
  icalStatusOf,
  renderIcalFeed,
} from './feed/ical-feed';
export type { IcalFeedOptions } from './feed/ical-feed';
export { foldIcalLines } from './feed/ical-fold';
export { publicationDayItems } from './feed/feed-summary';
