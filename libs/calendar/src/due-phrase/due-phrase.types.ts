/** Inclusive range of local days, `YYYY-MM-DD`. */
export interface DayWindow {
  start: string;
  end: string;
}

/**
 * What a plan's "thời gian hoàn thành" means for the calendar. Days are local (Asia/Ho_Chi_Minh) calendar days.
 * RRULE strings carry no DTSTART: the consumer anchors them (for example at the plan period's start).
 */
export type DueSpec =
  /** "Thường xuyên": no deadline; `within` when the phrase limits it to a year, `peaks` for "cao điểm vào …". */
  | { kind: 'ongoing'; within?: DayWindow; peaks?: DayWindow[] }
  /** "Hằng năm": done every year, due by the year's end. */
  | { kind: 'yearly'; rrule: string }
  /** A day; `before` when the phrase says "trước ngày …" (due before that day). */
  | { kind: 'date'; date: string; before?: boolean }
  | { kind: 'dates'; dates: string[]; before?: boolean }
  /** A month, quarter or year. */
  | ({ kind: 'window' } & DayWindow)
  /** Listed months or quarters, e.g. "Tháng 6 và tháng 9 năm 2026". */
  | { kind: 'windows'; windows: DayWindow[] }
  /** Days that repeat every year, e.g. "trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm". */
  | { kind: 'recurring'; rrule: string; before?: boolean }
  /** Not understood: kept verbatim and flagged, never guessed. */
  | { kind: 'unknown'; phrase: string; reason: string };

export type DueKind = DueSpec['kind'];

export interface DuePhraseContext {
  /** Year used when the phrase names a month, quarter or day without a year. */
  year: number;
}
