/**
 * Milliseconds to wait from an HTTP `Retry-After` header (RFC 9110: delta-seconds or an HTTP date, read
 * relative to `now`); undefined when the header is missing or unreadable, so each caller picks its fallback.
 */
export function parseRetryAfterMs(header: unknown, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
