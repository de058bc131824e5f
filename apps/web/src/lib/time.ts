import { VIETNAM_UTC_OFFSET_MS as VN_OFFSET_MS } from '@nhip/vocabulary';

/**
 * Dates as Vietnamese officials read them: dd/MM/yyyy HH:mm, 24-hour, Asia/Ho_Chi_Minh whatever the
 * browser's own zone. Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is
 * exact and needs no time-zone database in the bundle.
 */

const pad = (n: number) => String(n).padStart(2, '0');
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Vietnam wall-clock fields of an instant. */
function wall(instant: Date | string | number) {
  const d = new Date(new Date(instant).getTime() + VN_OFFSET_MS);
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    min: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    dow: d.getUTCDay(),
  };
}

/** dd/MM/yyyy of an instant, or of a local day 'YYYY-MM-DD'. */
export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (typeof value === 'string') {
    const m = DAY.exec(value);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  const w = wall(value);
  return `${pad(w.d)}/${pad(w.m)}/${w.y}`;
}

export function formatTime(value: string | Date): string {
  const w = wall(value);
  return `${pad(w.h)}:${pad(w.min)}`;
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return '';
  return `${formatDate(value)} ${formatTime(value)}`;
}

const WEEKDAYS = ['Chủ nhật', 'Thứ hai', 'Thứ ba', 'Thứ tư', 'Thứ năm', 'Thứ sáu', 'Thứ bảy'];

export function formatWeekdayDateTime(value: string | Date): string {
  return `${WEEKDAYS[wall(value).dow]}, ${formatDateTime(value)}`;
}

/** Today in Vietnam, 'YYYY-MM-DD'. */
export function todayVn(now = Date.now()): string {
  const w = wall(now);
  return `${w.y}-${pad(w.m)}-${pad(w.d)}`;
}

/** An instant as Vietnam wall time without offset, 'YYYY-MM-DDTHH:mm:ss' (what the calendar widget is given). */
export function toWallString(instant: string | Date): string {
  const w = wall(instant);
  return `${w.y}-${pad(w.m)}-${pad(w.d)}T${pad(w.h)}:${pad(w.min)}:${pad(w.s)}`;
}

/** The inverse: a Date whose UTC fields hold Vietnam wall time → the real instant, ISO. */
export function fromWallDate(date: Date): string {
  return new Date(date.getTime() - VN_OFFSET_MS).toISOString();
}

/** A Date whose UTC fields hold a wall date → 'YYYY-MM-DD'. */
export function wallDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** "dd/MM/yyyy" → 'YYYY-MM-DD', or null when it is not a real day. */
export function parseVnDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** "HH:mm" (24-hour) → minutes after midnight, or null. */
function parseTime(text: string): number | null {
  const m = /^\s*(\d{1,2})[:hg](\d{2})\s*$/i.exec(text);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/** Vietnam date and time typed by a person → ISO instant, or null. */
export function vnToInstant(dateText: string, timeText: string): string | null {
  const day = parseVnDate(dateText);
  const minutes = parseTime(timeText);
  if (!day || minutes === null) return null;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d, 0, minutes) - VN_OFFSET_MS).toISOString();
}

/** Local wall time 'YYYY-MM-DDTHH:mm' of an instant (for the recurrence preview's dtstart). */
export function wallMinutes(instant: string): string {
  return toWallString(instant).slice(0, 16);
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} giây`;
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? `${m} phút ${rest} giây` : `${m} phút`;
}

export function relativeFromNow(instant: string, now = Date.now()): string {
  const diff = new Date(instant).getTime() - now;
  const abs = Math.abs(diff);
  const minutes = Math.round(abs / 60_000);
  const text =
    minutes < 60
      ? `${minutes} phút`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)} giờ`
        : `${Math.round(minutes / 1440)} ngày`;
  if (minutes < 1) return 'ngay bây giờ';
  return diff >= 0 ? `còn ${text}` : `${text} trước`;
}
