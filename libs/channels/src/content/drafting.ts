import { nfc } from '@nhip/core';
import type { MediaRef } from './channel-content';

/** What a channel drafts from: the story as the officer wrote it. */
export interface DraftSource {
  title: string;
  summary: string;
  body: string;
  media: Array<{ kind?: unknown; url?: unknown; caption?: unknown; alt?: unknown }>;
  /** BCP 47; "vi" when absent. */
  language?: string;
}

export interface DraftContext {
  /** The agency's short name signs Zalo articles. */
  agencyName: string;
  accountSettings: Record<string, unknown>;
}

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);

/**
 * At most `max` characters as the channels count them (code points of the NFC form), ending in "…" when
 * cut; never splits a surrogate pair.
 */
export function clip(text: string, max: number): string {
  const chars = [...nfc(text)];
  return chars.length <= max
    ? nfc(text)
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** The story's summary, else its first paragraph. */
export const leadOf = (source: DraftSource) => source.summary || paragraphs(source.body)[0] || '';

/** Paragraphs of the body after the lead (the first one is the lead when there is no summary). */
export const paragraphsAfterLead = (source: DraftSource) => paragraphs(source.body).slice(source.summary ? 0 : 1);

export function imagesOf(source: DraftSource): MediaRef[] {
  return source.media
    .filter((m) => m.kind === 'image' && typeof m.url === 'string')
    .map((m) => ({
      url: m.url as string,
      ...(typeof m.caption === 'string' ? { caption: m.caption } : {}),
      ...(typeof m.alt === 'string' ? { alt: m.alt } : {}),
    }));
}
