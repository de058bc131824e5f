import { createHash } from 'node:crypto';

/**
 * The idempotency marker carried by every post Nhịp creates on a Page, so that `lookup` can recognise
 * a post an earlier attempt created (a timed-out request, a 506 duplicate).
 *
 * It is invisible: a space, then the key's digest written with four zero-width format characters.
 * A visible reference ("#nhip-3f9a…") was rejected: on a government Page readers would see a machine
 * code under every announcement, and a hashtag is a public, clickable, indexed link that would gather
 * every agency's posts into one stray feed. Zero-width characters are Unicode Cf (format) characters,
 * not White_Space, so trimming does not remove them; the leading space keeps them out of a URL that ends
 * the message (linkifiers stop at a space, not at U+200B). What can still lose the marker: someone
 * editing the post in Facebook's own editor and retyping the end, or Facebook one day stripping format
 * characters. Both only matter when an outcome was unknown, and then `lookup` answers "not found" — so
 * the engine must keep treating an unresolved unknown as a human decision, never as a blind retry.
 */
const DIGITS = ['\u200B', '\u200C', '\u200D', '\u2060'] as const;
/** Prefix byte so an accidental run of zero-width characters in a message never reads as a marker. */
const MAGIC = 0x4e;
/** 48 bits of SHA-256: a collision among the few hundred recent posts scanned is out of reach. */
const DIGEST_BYTES = 6;

/** Characters the marker adds to a message (counted against Facebook's message limit). */
export const FACEBOOK_MARKER_LENGTH = 1 + (1 + DIGEST_BYTES) * 4;

function encode(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) for (let shift = 6; shift >= 0; shift -= 2) out += DIGITS[(byte >> shift) & 3];
  return out;
}

function markerDigits(idempotencyKey: string): string {
  const digest = createHash('sha256').update(`nhip:${idempotencyKey}`).digest().subarray(0, DIGEST_BYTES);
  return encode(Uint8Array.from([MAGIC, ...digest]));
}

/** The message as posted: the text without trailing whitespace, a space, and the invisible marker. */
export function withFacebookMarker(message: string, idempotencyKey: string): string {
  return `${message.trimEnd()} ${markerDigits(idempotencyKey)}`;
}

export function hasFacebookMarker(message: unknown, idempotencyKey: string): boolean {
  return typeof message === 'string' && message.includes(markerDigits(idempotencyKey));
}

/** The digits as `\uXXXX` escapes: a zero-width joiner written raw in a character class reads as joining its neighbours. */
const DIGIT_CLASS = DIGITS.map((d) => `\\u${d.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const MARKER_RUN = new RegExp(` ?[${DIGIT_CLASS}]{${FACEBOOK_MARKER_LENGTH - 1}}`, 'g');

/** What a reader sees: the message without any marker (zero-width joiners inside emoji are kept). */
export function stripFacebookMarker(message: string): string {
  return message.replace(MARKER_RUN, '');
}
