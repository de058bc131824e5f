import type { ChannelProfile } from '../../channel';
import type { FacebookPost } from '../../content/channel-content';
import { DraftSource, imagesOf, leadOf, paragraphsAfterLead } from '../../content/drafting';

/** A Page post from a story: title, lead and paragraphs as text, its pictures as photos. */
function draftFacebookPost(source: DraftSource): FacebookPost {
  const pics = imagesOf(source);
  return {
    message: [source.title, leadOf(source), ...paragraphsAfterLead(source)].filter(Boolean).join('\n\n'),
    ...(pics.length ? { photos: pics.slice(0, 10) } : {}),
  };
}

export const FACEBOOK_PROFILE: ChannelProfile<'facebook'> = {
  type: 'facebook',
  draft: draftFacebookPost,
  preview: (content) => ({
    channel: 'facebook',
    text: [content.message, content.link].filter(Boolean).join('\n\n'),
    link: content.link ?? null,
    photos: content.photos ?? [],
    characters: String(content.message ?? '').length,
  }),
  // Our own dispatch needs a minute.
  minLeadSeconds: () => 60,
};
