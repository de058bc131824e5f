import type { ChannelProfile } from '../../channel';
import type { ZaloArticle } from '../../content/channel-content';
import { clip, DraftContext, DraftSource, imagesOf, leadOf, paragraphs } from '../../content/drafting';
import { ZALO_RULES, zaloLength } from './zalo.rules';

/**
 * A Zalo article from a story, within Zalo's limits: the description within what is left of Zalo's 300
 * once the idempotency marker is added, the title when there is no summary or paragraph, and the lead as
 * the body when the story has none. Only the cover photo, when the story has no picture, is left for a
 * person.
 */
function draftZaloArticle(source: DraftSource, context: DraftContext): ZaloArticle {
  const pics = imagesOf(source);
  const lead = leadOf(source).trim() || source.title;
  const texts = paragraphs(source.body);
  return {
    title: clip(source.title, ZALO_RULES.titleMaxLength),
    author: clip(context.agencyName, ZALO_RULES.authorMaxLength),
    description: clip(lead, ZALO_RULES.descriptionMaxLength),
    cover: pics[0] ?? { url: '' },
    body: [
      ...(texts.length ? texts : [lead]).map((content) => ({ type: 'text' as const, content })),
      ...pics
        .slice(1)
        .map((p) => ({ type: 'image' as const, url: p.url, ...(p.caption ? { caption: p.caption } : {}) })),
    ],
    comment: true,
  };
}

const str = (value: unknown) => String(value ?? '');

export const ZALO_PROFILE: ChannelProfile<'zalo'> = {
  type: 'zalo',
  draft: draftZaloArticle,
  preview: (content) => ({
    channel: 'zalo',
    title: content.title ?? '',
    author: content.author ?? '',
    description: content.description ?? '',
    cover: content.cover ?? null,
    body: content.body ?? [],
    counts: {
      title: zaloLength(str(content.title)),
      author: zaloLength(str(content.author)),
      description: zaloLength(str(content.description)),
    },
  }),
  // An article is verified after it is created.
  minLeadSeconds: () => 120,
};
