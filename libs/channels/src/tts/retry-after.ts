/** Milliseconds to wait from an HTTP `Retry-After` header (delta-seconds or an HTTP date), or the fallback. */
export function parseRetryAfterMs(header: unknown, fallbackMs: number, now: number = Date.now()): number {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value * 1000;
  if (typeof value !== 'string' || value.trim() === '') return fallbackMs;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return fallbackMs;
  return Math.max(0, date - now);
}
