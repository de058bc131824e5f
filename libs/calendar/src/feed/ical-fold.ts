const MAX_LINE_OCTETS = 75;
/** A line of this many UTF-16 units or fewer cannot exceed 75 UTF-8 octets (at most 3 octets per unit). */
const SURELY_SHORT = MAX_LINE_OCTETS / 3;

/**
 * Folds CRLF-separated content lines to at most 75 octets of UTF-8 each (RFC 5545 §3.1), the
 * continuation's leading space included. Breaks fall between characters, so no UTF-8 sequence or
 * surrogate pair is split. Linear: short lines are skipped, long ones walked once; text that needs
 * no folding comes back as it is.
 */
export function foldIcalLines(text: string): string {
  let out = '';
  let copied = 0;
  let lineStart = 0;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\r\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    if (lineEnd - lineStart > SURELY_SHORT) {
      let octets = 0;
      let limit = MAX_LINE_OCTETS;
      for (let i = lineStart; i < lineEnd; i++) {
        const code = text.charCodeAt(i);
        // A surrogate pair is 4 octets, counted on its high half, so a break never falls inside it.
        const size =
          code < 0x80 ? 1 : code < 0x800 ? 2 : (code & 0xfc00) === 0xdc00 ? 0 : (code & 0xfc00) === 0xd800 ? 4 : 3;
        octets += size;
        if (octets > limit) {
          out += text.slice(copied, i) + '\r\n ';
          copied = i;
          octets = size;
          // The space that starts a continuation line counts towards its 75 octets.
          limit = MAX_LINE_OCTETS - 1;
        }
      }
    }
    lineStart = lineEnd + 2;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
