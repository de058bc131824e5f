import { createHash } from 'node:crypto';

/**
 * The idempotency marker carried by every article Nhịp creates on an Official Account. Zalo has no
 * idempotency key and answers `article/create` with a processing token only, so a lost answer leaves no
 * handle on the article; `lookup` lists recent articles and finds the one whose description carries the
 * marker of its key.
 *
 * It sits at the end of the description (the summary under the title), written as a space and the key's
 * digest in four zero-width format characters: invisible to followers, unlike a code in the title or the
 * body, and kept out of the title, which Zalo shows in chat messages and notifications. Zero-width
 * characters are Unicode Cf, not White_Space, so trimming does not drop them. If Zalo ever strips them,
 * `lookup` answers "not found" — an unresolved unknown then needs a person, never a blind retry.
 */
const DIGITS = ['\u200B', '\u200C', '\u200D', '\u2060'] as const;
/** Prefix byte so an accidental run of zero-width characters never reads as a marker. */
const MAGIC = 0x5a;
const DIGEST_BYTES = 6;

/** Characters the marker adds to the description (counted against Zalo's 300). */
export const ZALO_MARKER_LENGTH = 1 + (1 + DIGEST_BYTES) * 4;

function markerDigits(idempotencyKey: string): string {
  const digest = createHash('sha256').update(`nhip:${idempotencyKey}`).digest().subarray(0, DIGEST_BYTES);
  let out = '';
  for (const byte of [MAGIC, ...digest]) for (let shift = 6; shift >= 0; shift -= 2) out += DIGITS[(byte >> shift) & 3];
  return out;
}

export function withZaloMarker(description: string, idempotencyKey: string): string {
  return `${description.trimEnd()} ${markerDigits(idempotencyKey)}`;
}

export function hasZaloMarker(text: unknown, idempotencyKey: string): boolean {
  return typeof text === 'string' && text.includes(markerDigits(idempotencyKey));
}
