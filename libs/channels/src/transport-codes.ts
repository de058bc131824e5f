/**
 * Connection error codes that prove a request never reached the channel: a retry cannot duplicate
 * anything. Every other failure after a write was sent leaves the outcome unknown.
 */
export const REQUEST_NOT_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_INVALID_URL',
]);
