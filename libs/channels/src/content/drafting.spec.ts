import { CHANNEL_PROFILES } from '../channel-profiles';
import { validateZaloArticle, ZALO_RULES, zaloLength } from '../adapters/zalo/zalo.rules';
import { withZaloMarker } from '../adapters/zalo/zalo.marker';
import { ZALO_API_LIMITS } from '../adapters/zalo/zalo.rules';
import { clip } from './drafting';

const story = {
  title: 'Ngày hội toàn dân học tập số tại phường Đăk Bla',
  summary: 'Sáng 10/10/2026, UBND phường tổ chức Ngày hội toàn dân học tập số.',
  body: 'Đoạn một về ngày hội.\n\nĐoạn hai: 100% cán bộ tham gia <học> & thực hành.',
  media: [
    { kind: 'image', url: 'http://127.0.0.1/a.png', caption: 'Khai mạc' },
    { kind: 'image', url: 'http://127.0.0.1/b.png' },
    { kind: 'audio', url: 'http://127.0.0.1/c.mp3' },
  ],
};
const context = { agencyName: 'UBND phường Đăk Bla', accountSettings: { stationGroups: ['to-dan-pho-1'] } };
const draft = <T extends keyof typeof CHANNEL_PROFILES>(type: T, source = story) =>
  CHANNEL_PROFILES[type].draft(source, context);

describe('drafting a story per channel', () => {
  it('portal: paragraphs as escaped HTML, summary as excerpt, first image featured', () => {
    const article = draft('portal');
    expect(article.html).toBe(
      '<p>Đoạn một về ngày hội.</p>\n<p>Đoạn hai: 100% cán bộ tham gia &lt;học&gt; &amp; thực hành.</p>',
    );
    expect(article.excerpt).toBe(story.summary);
    expect(article.featuredImage).toEqual({ url: 'http://127.0.0.1/a.png', caption: 'Khai mạc' });
  });

  it('facebook: title, summary and body as text, images as photos', () => {
    const post = draft('facebook');
    expect(post.message.startsWith(`${story.title}\n\n${story.summary}`)).toBe(true);
    expect(post.photos?.map((p) => p.url)).toEqual(['http://127.0.0.1/a.png', 'http://127.0.0.1/b.png']);
  });

  it('zalo: clipped to its limits, signed by the agency, cover from the first image', () => {
    const article = draft('zalo', { ...story, title: 'T'.repeat(200), summary: 'S'.repeat(400) });
    expect(article.title).toHaveLength(150);
    // Zalo's 300 less the idempotency marker the adapter appends.
    expect(article.description).toHaveLength(271);
    expect(zaloLength(withZaloMarker(article.description, 'pub-1-v1'))).toBe(ZALO_API_LIMITS.description);
    expect(article.author).toBe('UBND phường Đăk Bla');
    expect(article.cover.url).toBe('http://127.0.0.1/a.png');
    expect(article.body).toEqual([
      { type: 'text', content: 'Đoạn một về ngày hội.' },
      { type: 'text', content: 'Đoạn hai: 100% cán bộ tham gia <học> & thực hành.' },
      { type: 'image', url: 'http://127.0.0.1/b.png' },
    ]);
    expect(validateZaloArticle(article)).toEqual([]);
  });

  it("loudspeaker: a script written for the ear, for the account's stations", () => {
    const bulletin = draft('loudspeaker');
    expect(bulletin.script).toContain('ngày mùng mười tháng mười năm hai nghìn không trăm hai mươi sáu');
    expect(bulletin.script).toContain('một trăm phần trăm');
    expect(bulletin.script).not.toMatch(/\d/);
    expect(bulletin).toMatchObject({ level: 'normal', stations: ['to-dan-pho-1'] });
  });

  it('clips by characters as the channels count them, never splitting a surrogate pair', () => {
    const cut = clip('😀'.repeat(10), 5);
    expect([...cut]).toEqual(['😀', '😀', '😀', '😀', '…']);
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(clip('Vie\u0302\u0323t', 4)).toBe('Việt');
  });
});

describe('lead time per channel', () => {
  it('lets an emergency bulletin go at once but holds a normal one back five minutes', () => {
    expect(CHANNEL_PROFILES.loudspeaker.minLeadSeconds({ level: 'emergency' })).toBe(0);
    expect(CHANNEL_PROFILES.loudspeaker.minLeadSeconds({ level: 'priority' })).toBe(60);
    expect(CHANNEL_PROFILES.loudspeaker.minLeadSeconds({ level: 'normal' })).toBe(300);
    expect(CHANNEL_PROFILES.zalo.minLeadSeconds({})).toBe(120);
    expect(CHANNEL_PROFILES.portal.minLeadSeconds({})).toBe(60);
    expect(CHANNEL_PROFILES.facebook.minLeadSeconds({})).toBe(60);
  });
});

/** A small seeded generator (mulberry32), so a failing story can be reproduced from the seed printed. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Pieces a summary is made of: composed and decomposed Vietnamese, emoji, combining marks alone,
// zero-width characters, spaces and line breaks of every kind, and very long words.
const PIECES = [
  'Ngày hội chuyển đổi số',
  'Nghi\u0323\u0302 quyê\u0301t 57',
  '😀',
  '👩‍💻',
  '\u0301',
  '\u200B',
  ' ',
  '\u00A0',
  '\n',
  '\n\n',
  '\t',
  '   ',
  'ệ',
  'A'.repeat(120),
  'đ'.repeat(301),
  '<b>&amp;</b>',
  '…',
];

function text(next: () => number, maxPieces: number): string {
  const n = Math.floor(next() * maxPieces);
  let out = '';
  for (let i = 0; i < n; i++) out += PIECES[Math.floor(next() * PIECES.length)];
  return out;
}

describe('the Zalo draft of any story passes Zalo’s own rules', () => {
  it('holds for 2,000 stories with long, odd, blank or missing summaries and bodies', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const title = `Tin ${seed} ${text(next, 12)}`;
      const source = {
        title,
        summary: next() < 0.2 ? '' : text(next, 60),
        body: next() < 0.2 ? '' : text(next, 80),
        media: [{ kind: 'image', url: `http://127.0.0.1/${seed}.png` }],
      };
      const article = CHANNEL_PROFILES.zalo.draft(source, {
        agencyName: `UBND ${text(next, 8)}`,
        accountSettings: {},
      });
      const problems = validateZaloArticle(article);
      if (problems.length) throw new Error(`seed ${seed}: ${JSON.stringify(problems)}`);
      expect(zaloLength(withZaloMarker(article.description, `pub-${seed}-v1`))).toBeLessThanOrEqual(
        ZALO_API_LIMITS.description,
      );
      expect(zaloLength(article.description)).toBeLessThanOrEqual(ZALO_RULES.descriptionMaxLength);
    }
  });
});
