import sanitizeHtml from 'sanitize-html';
import { nfc } from '@nhip/core';

/**
 * What an article's HTML may contain on a portal: text structure, links, images and tables. No scripts,
 * styles, forms, iframes or event attributes; links and images only over http(s) (plus mailto/tel links).
 */
export const PORTAL_HTML_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...sanitizeHtml.defaults.allowedTags, 'img'],
  allowedAttributes: {
    a: ['href', 'name', 'target', 'rel', 'title'],
    img: ['src', 'srcset', 'alt', 'title', 'width', 'height', 'loading'],
    ol: ['start', 'reversed', 'type'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan', 'scope'],
    time: ['datetime'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
};

/** The article body as it may be sent to a portal (NFC, allow-listed tags and attributes only). */
export function sanitizePortalHtml(html: string): string {
  return sanitizeHtml(nfc(html), PORTAL_HTML_OPTIONS).trim();
}

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' };

/**
 * A plain-text field (title, excerpt, image caption and alt text) as it may be sent to a portal. WordPress
 * stores these as HTML and themes print them unescaped (an account with unfiltered_html gets no filtering
 * at all), so what the officer typed is escaped: it shows as typed and can never be markup.
 */
export function portalText(text: string): string {
  return nfc(text)
    .trim()
    .replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c]);
}

/** Whether sanitised HTML still shows something: text or an image. */
export function portalHtmlHasContent(html: string): boolean {
  const clean = sanitizePortalHtml(html);
  return /<img\b/i.test(clean) || htmlToText(clean).length > 0;
}

/** Text of an HTML fragment, e.g. a WordPress error message that carries <strong> tags. */
export function htmlToText(html: string): string {
  return decodeHtmlEntities(sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }))
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/**
 * Decodes the entities WordPress and sanitize-html put into plain text (term names come back as
 * "Khoa học &amp; Công nghệ"); used for comparing and showing text, never to build HTML.
 */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}
