/** The channel-shaped content of a variant, one shape per channel type. */

export interface MediaRef {
  /** Where the adapter fetches the bytes from (the story's media), or a public URL a channel may pull itself. */
  url: string;
  filename?: string;
  alt?: string;
  caption?: string;
}

/** A web-portal article (WordPress post). */
export interface PortalArticle {
  title: string;
  /** Sanitised HTML. */
  html: string;
  excerpt?: string;
  categories?: string[];
  tags?: string[];
  featuredImage?: MediaRef;
}

/** A Facebook Page post: text, optional link, up to 10 photos. */
export interface FacebookPost {
  message: string;
  link?: string;
  photos?: MediaRef[];
}

export type ZaloBodyBlock = { type: 'text'; content: string } | { type: 'image'; url: string; caption?: string };

/** A Zalo Official Account article. */
export interface ZaloArticle {
  title: string;
  author: string;
  description: string;
  cover: MediaRef;
  body: ZaloBodyBlock[];
  /** Whether readers may comment. */
  comment?: boolean;
}

export const BULLETIN_LEVELS = ['normal', 'priority', 'emergency'] as const;
export type BulletinLevel = (typeof BULLETIN_LEVELS)[number];

/** A bulletin for the commune loudspeaker (IP radio) system. */
export interface LoudspeakerBulletin {
  title: string;
  /** Written for the ear (see libs/editorial broadcast-script). */
  script: string;
  level: BulletinLevel;
  /** Station groups (cụm loa) that must air it. */
  stations: string[];
  /** Windows in which a normal bulletin may air; ISO instants. */
  airWindows?: Array<{ start: string; end: string }>;
  /** Pre-recorded audio; when absent the adapter renders the script with text-to-speech. */
  audio?: MediaRef;
  /**
   * The language the bulletin is spoken in (BCP 47, default "vi"). A language without a text-to-speech
   * voice needs `audio`, a recording; the script is then its transcript.
   */
  language?: string;
}

export interface ChannelContentByType {
  portal: PortalArticle;
  facebook: FacebookPost;
  zalo: ZaloArticle;
  loudspeaker: LoudspeakerBulletin;
}
