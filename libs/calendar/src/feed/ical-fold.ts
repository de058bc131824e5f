const MAX_LINE_OCTETS = 75;

/**
 * Folds CRLF-separated content lines to at most 75 octets of UTF-8 each (RFC 5545 §3.1), the
 * continuation's leading space included. Breaks fall between characters, so no UTF-8 sequence or
 * surrogate pair is split. One pass over the text; text that needs no folding comes back as it is.
 */
export function foldIcalLines(text: string): string {
  let out = '';
  let copied = 0;
  let octets = 0;
  let limit = MAX_LINE_OCTETS;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
      i++;
      octets = 0;
      limit = MAX_LINE_OCTETS;
      continue;
    }
    // A surrogate pair is 4 octets, counted on its high half; the low half never starts a break.
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xdc00 && code <= 0xdfff ? 0 : code >= 0xd800 && code <= 0xdbff ? 4 : 3;
    if (octets + size > limit) {
      out += text.slice(copied, i) + '\r\n ';
      copied = i;
      octets = 0;
      limit = MAX_LINE_OCTETS - 1;
    }
    octets += size;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
