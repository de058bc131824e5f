import { draftContent } from './variant-drafts';

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

describe('draftContent', () => {
  it('portal: paragraphs as escaped HTML, summary as excerpt, first image featured', () => {
    const draft = draftContent('portal', story, context);
    expect(draft.html).toBe(
      '<p>Đoạn một về ngày hội.</p>\n<p>Đoạn hai: 100% cán bộ tham gia &lt;học&gt; &amp; thực hành.</p>',
    );
    expect(draft.excerpt).toBe(story.summary);
    expect(draft.featuredImage).toEqual({ url: 'http://127.0.0.1/a.png', caption: 'Khai mạc' });
  });

  it('facebook: title, summary and body as text, images as photos', () => {
    const draft = draftContent('facebook', story, context);
    expect(draft.message.startsWith(`${story.title}\n\n${story.summary}`)).toBe(true);
    expect(draft.photos?.map((p) => p.url)).toEqual(['http://127.0.0.1/a.png', 'http://127.0.0.1/b.png']);
  });

  it('zalo: clipped to its limits, signed by the agency, cover from the first image', () => {
    const draft = draftContent('zalo', { ...story, title: 'T'.repeat(200), summary: 'S'.repeat(400) }, context);
    expect(draft.title).toHaveLength(150);
    expect(draft.description).toHaveLength(300);
    expect(draft.author).toBe('UBND phường Đăk Bla');
    expect(draft.cover.url).toBe('http://127.0.0.1/a.png');
    expect(draft.body).toEqual([
      { type: 'text', content: 'Đoạn một về ngày hội.' },
      { type: 'text', content: 'Đoạn hai: 100% cán bộ tham gia <học> & thực hành.' },
      { type: 'image', url: 'http://127.0.0.1/b.png' },
    ]);
  });

  it("loudspeaker: a script written for the ear, for the account's stations", () => {
    const draft = draftContent('loudspeaker', story, context);
    expect(draft.script).toContain('ngày mùng mười tháng mười năm hai nghìn không trăm hai mươi sáu');
    expect(draft.script).toContain('một trăm phần trăm');
    expect(draft.script).not.toMatch(/\d/);
    expect(draft).toMatchObject({ level: 'normal', stations: ['to-dan-pho-1'] });
  });
});
