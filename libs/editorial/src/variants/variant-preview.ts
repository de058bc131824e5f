import type { ChannelType } from '@nhip/database';
import {
  checkProgramFits,
  countSyllables,
  DEFAULT_SYLLABLES_PER_MINUTE,
  estimateReadingSeconds,
  formatDurationVi,
} from '@nhip/speech';
import { sanitizePortalHtml } from '@nhip/channels';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- content fields differ per channel type
type Content = Record<string, any>;

/** The variant as its channel will show it: the portal page, the Facebook text, the Zalo fields, the script and its duration. */
/**
 * `programme`: the other bulletins due on the same loudspeaker account at the same time; together they
 * must fit the account's slot.
 */
export function previewVariant(
  type: ChannelType,
  content: Content,
  accountSettings: Record<string, unknown>,
  programme: Array<{ text: string }> = [],
) {
  switch (type) {
    case 'portal':
      return {
        channel: type,
        title: content.title ?? '',
        html: sanitizePortalHtml(String(content.html ?? '')),
        excerpt: content.excerpt ?? '',
        categories: content.categories ?? [],
        tags: content.tags ?? [],
        featuredImage: content.featuredImage ?? null,
      };
    case 'facebook':
      return {
        channel: type,
        text: [content.message, content.link].filter(Boolean).join('\n\n'),
        link: content.link ?? null,
        photos: content.photos ?? [],
        characters: String(content.message ?? '').length,
      };
    case 'zalo':
      return {
        channel: type,
        title: content.title ?? '',
        author: content.author ?? '',
        description: content.description ?? '',
        cover: content.cover ?? null,
        body: content.body ?? [],
        counts: {
          title: [...String(content.title ?? '')].length,
          author: [...String(content.author ?? '')].length,
          description: [...String(content.description ?? '')].length,
        },
      };
    case 'loudspeaker': {
      const rate =
        typeof accountSettings.syllablesPerMinute === 'number'
          ? accountSettings.syllablesPerMinute
          : DEFAULT_SYLLABLES_PER_MINUTE;
      const script = String(content.script ?? '');
      const seconds = estimateReadingSeconds(script, rate);
      const slot = typeof accountSettings.slotSeconds === 'number' ? accountSettings.slotSeconds : null;
      return {
        channel: type,
        title: content.title ?? '',
        script,
        level: content.level ?? 'normal',
        stations: content.stations ?? [],
        syllables: countSyllables(script),
        readingSeconds: Math.round(seconds * 10) / 10,
        readingTime: formatDurationVi(seconds),
        syllablesPerMinute: rate,
        slot: slot ? { seconds: slot, fit: checkProgramFits([{ text: script }], slot, rate) } : null,
        programme:
          slot && programme.length
            ? { bulletins: programme.length + 1, fit: checkProgramFits([{ text: script }, ...programme], slot, rate) }
            : null,
      };
    }
  }
}
