import type { ChannelProfile } from '../../channel';
import type { PortalArticle } from '../../content/channel-content';
import { clip, DraftSource, escapeHtml, imagesOf, leadOf, paragraphs } from '../../content/drafting';
import { sanitizePortalHtml } from './portal-html';
import { PORTAL_LIMITS } from './portal-rules';

/** A portal article from a story: paragraphs as escaped HTML, the lead as excerpt, the first picture featured. */
function draftPortalArticle(source: DraftSource): PortalArticle {
  const pics = imagesOf(source);
  const lead = leadOf(source);
  return {
    title: source.title,
    html:
      paragraphs(source.body)
        .map((p) => `<p>${escapeHtml(p)}</p>`)
        .join('\n') || `<p>${escapeHtml(lead)}</p>`,
    excerpt: clip(lead, PORTAL_LIMITS.excerptMaxLength),
    categories: [],
    tags: [],
    ...(pics[0] ? { featuredImage: pics[0] } : {}),
  };
}

export const PORTAL_PROFILE: ChannelProfile<'portal'> = {
  type: 'portal',
  draft: draftPortalArticle,
  preview: (content) => ({
    channel: 'portal',
    title: content.title ?? '',
    html: sanitizePortalHtml(String(content.html ?? '')),
    excerpt: content.excerpt ?? '',
    categories: content.categories ?? [],
    tags: content.tags ?? [],
    featuredImage: content.featuredImage ?? null,
  }),
  // Our own dispatch needs a minute.
  minLeadSeconds: () => 60,
};
