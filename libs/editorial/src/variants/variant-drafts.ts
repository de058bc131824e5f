import type { ChannelContentByType, MediaRef } from '@nhip/channels';
import type { ChannelType } from '@nhip/database';
import { normaliseForSpeech } from '@nhip/speech';

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

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

function images(source: DraftSource): MediaRef[] {
  return source.media
    .filter((m) => m.kind === 'image' && typeof m.url === 'string')
    .map((m) => ({
      url: m.url as string,
      ...(typeof m.caption === 'string' ? { caption: m.caption } : {}),
      ...(typeof m.alt === 'string' ? { alt: m.alt } : {}),
    }));
}

/**
 * A first draft of a story for one channel, in that channel's shape, for the officer to edit. Limits
 * are respected where cutting is harmless (Zalo's title and description); anything that needs a
 * person (a missing cover photo) is left for validation to point out.
 */
export function draftContent<T extends ChannelType>(
  type: T,
  source: DraftSource,
  context: DraftContext,
): ChannelContentByType[T] {
  const pics = images(source);
  const lead = source.summary || paragraphs(source.body)[0] || '';
  const drafts: { [K in ChannelType]: () => ChannelContentByType[K] } = {
    portal: () => ({
      title: source.title,
      html:
        paragraphs(source.body)
          .map((p) => `<p>${escapeHtml(p)}</p>`)
          .join('\n') || `<p>${escapeHtml(lead)}</p>`,
      excerpt: clip(lead, 500),
      categories: [],
      tags: [],
      ...(pics[0] ? { featuredImage: pics[0] } : {}),
    }),
    facebook: () => ({
      message: [source.title, lead, ...paragraphs(source.body).slice(source.summary ? 0 : 1)]
        .filter(Boolean)
        .join('\n\n'),
      ...(pics.length ? { photos: pics.slice(0, 10) } : {}),
    }),
    zalo: () => ({
      title: clip(source.title, 150),
      author: clip(context.agencyName, 50),
      description: clip(lead, 300),
      cover: pics[0] ?? { url: '' },
      body: [
        ...paragraphs(source.body).map((content) => ({ type: 'text' as const, content })),
        ...pics
          .slice(1)
          .map((p) => ({ type: 'image' as const, url: p.url, ...(p.caption ? { caption: p.caption } : {}) })),
      ],
      comment: true,
    }),
    loudspeaker: () => {
      const script = [`${source.title}.`, lead, ...paragraphs(source.body).slice(source.summary ? 0 : 1)]
        .filter(Boolean)
        .join('\n\n');
      const vietnamese = (source.language ?? 'vi').toLowerCase().split('-')[0] === 'vi';
      return {
        title: source.title,
        // The spoken-form rules are Vietnamese; another language's story is its bulletin's transcript as written.
        script: vietnamese ? normaliseForSpeech(script) : script,
        ...(vietnamese ? {} : { language: source.language }),
        level: 'normal',
        stations: Array.isArray(context.accountSettings.stationGroups)
          ? (context.accountSettings.stationGroups as string[])
          : [],
      };
    },
  };
  return drafts[type]() as ChannelContentByType[T];
}
