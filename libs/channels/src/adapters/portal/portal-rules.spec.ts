import { PORTAL_LIMITS, validatePortalArticle } from './portal-rules';
import { sanitizePortalHtml } from './portal-html';

const valid = {
  title: 'Ngày hội Chuyển đổi số tỉnh Tuyên Quang',
  html: '<p>Sáng 10/10, UBND tỉnh tổ chức <strong>Ngày hội</strong> toàn dân học tập số.</p>',
  excerpt: 'Hơn 2.000 người dân tham gia.',
  categories: ['Chuyển đổi số'],
  tags: ['Nghị quyết 57', 'Khoa học & Công nghệ'],
  featuredImage: { url: 'https://cdn.tuyenquang.gov.vn/anh/ngay-hoi.jpg' },
};

const codes = (content: unknown) => validatePortalArticle(content).map((problem) => problem.code);

describe('validatePortalArticle', () => {
  it('accepts a complete article', () => {
    expect(validatePortalArticle(valid)).toEqual([]);
  });

  it('accepts an article with only a title and a body', () => {
    expect(validatePortalArticle({ title: 'Tin ngắn', html: '<p>Nội dung</p>' })).toEqual([]);
  });

  it('refuses something that is not an article', () => {
    expect(codes(null)).toEqual(['PORTAL_CONTENT_INVALID']);
    expect(codes('tiêu đề')).toEqual(['PORTAL_CONTENT_INVALID']);
    expect(codes([valid])).toEqual(['PORTAL_CONTENT_INVALID']);
  });

  it('requires a title and a body', () => {
    const problems = validatePortalArticle({ title: '   ', html: '' });
    expect(problems).toEqual([
      { field: 'title', code: 'PORTAL_TITLE_REQUIRED', message: 'Tiêu đề bài viết là bắt buộc.' },
      { field: 'html', code: 'PORTAL_HTML_REQUIRED', message: 'Nội dung bài viết là bắt buộc.' },
    ]);
  });

  it('treats HTML that shows nothing after sanitising as missing, but an image alone as content', () => {
    expect(codes({ ...valid, html: '<p>  </p><script>alert(1)</script>' })).toEqual(['PORTAL_HTML_REQUIRED']);
    expect(codes({ ...valid, html: '<figure><img src="https://x.gov.vn/a.png" alt=""></figure>' })).toEqual([]);
  });

  it('limits the title to 200 characters, counting composed Vietnamese letters once', () => {
    const decomposed = 'ệ'.normalize('NFD'); // two code points, one letter
    expect(codes({ ...valid, title: decomposed.repeat(PORTAL_LIMITS.titleMaxLength) })).toEqual([]);
    const problems = validatePortalArticle({ ...valid, title: 'a'.repeat(201) });
    expect(problems).toEqual([
      { field: 'title', code: 'PORTAL_TITLE_TOO_LONG', message: 'Tiêu đề dài 201 ký tự; tối đa 200 ký tự.' },
    ]);
  });

  it('limits the excerpt to 500 characters', () => {
    expect(codes({ ...valid, excerpt: 'ư'.repeat(500) })).toEqual([]);
    expect(validatePortalArticle({ ...valid, excerpt: 'ư'.repeat(501) })).toEqual([
      { field: 'excerpt', code: 'PORTAL_EXCERPT_TOO_LONG', message: 'Tóm tắt dài 501 ký tự; tối đa 500 ký tự.' },
    ]);
    expect(codes({ ...valid, excerpt: 42 })).toEqual(['PORTAL_EXCERPT_INVALID']);
  });

  it('limits categories and tags to 20 names of at most 100 characters, none empty', () => {
    const twenty = Array.from({ length: 20 }, (_, i) => `Chuyên mục ${i + 1}`);
    expect(codes({ ...valid, categories: twenty, tags: twenty })).toEqual([]);
    expect(codes({ ...valid, categories: [...twenty, 'Thêm'] })).toEqual(['PORTAL_CATEGORIES_TOO_MANY']);
    expect(codes({ ...valid, tags: [...twenty, 'Thêm'] })).toEqual(['PORTAL_TAGS_TOO_MANY']);

    const problems = validatePortalArticle({ ...valid, categories: ['Tin tức', 'đ'.repeat(101), ' '], tags: [7] });
    expect(problems.map(({ field, code }) => ({ field, code }))).toEqual([
      { field: 'categories[1]', code: 'PORTAL_CATEGORY_TOO_LONG' },
      { field: 'categories[2]', code: 'PORTAL_CATEGORY_EMPTY' },
      { field: 'tags[0]', code: 'PORTAL_TAG_EMPTY' },
    ]);
    expect(problems[0].message).toMatch(/dài 101 ký tự; tối đa 100 ký tự/);
    expect(codes({ ...valid, tags: 'Nghị quyết 57' })).toEqual(['PORTAL_TAGS_INVALID']);
  });

  it('requires an http(s) address for the featured image', () => {
    for (const url of ['ftp://x.gov.vn/a.jpg', 'javascript:alert(1)', '/anh/a.jpg', '', undefined]) {
      expect(validatePortalArticle({ ...valid, featuredImage: { url } })).toEqual([
        {
          field: 'featuredImage.url',
          code: 'PORTAL_FEATURED_IMAGE_URL_INVALID',
          message: 'Ảnh đại diện phải có địa chỉ bắt đầu bằng http:// hoặc https://.',
        },
      ]);
    }
    expect(codes({ ...valid, featuredImage: { url: 'http://10.0.0.5/a.png' } })).toEqual([]);
  });

  it('reports every broken rule at once', () => {
    expect(codes({ title: '', html: '<p>x</p>', excerpt: 'x'.repeat(600), featuredImage: { url: 'x' } })).toEqual([
      'PORTAL_TITLE_REQUIRED',
      'PORTAL_EXCERPT_TOO_LONG',
      'PORTAL_FEATURED_IMAGE_URL_INVALID',
    ]);
  });
});

describe('sanitizePortalHtml', () => {
  it('keeps structure, links and images, and drops scripts, event handlers and unsafe links', () => {
    const dirty =
      '<h2>Tiêu điểm</h2><p onclick="steal()">Người dân <a href="https://dichvucong.gov.vn" target="_blank">nộp hồ sơ</a> ' +
      '<a href="javascript:alert(1)">tại đây</a></p><script>alert(1)</script><img src="https://x.gov.vn/a.png" onerror="x()" alt="Ảnh">' +
      '<iframe src="https://evil.example"></iframe><style>p{}</style>';
    expect(sanitizePortalHtml(dirty)).toBe(
      '<h2>Tiêu điểm</h2><p>Người dân <a href="https://dichvucong.gov.vn" target="_blank">nộp hồ sơ</a> <a>tại đây</a></p>' +
        '<img src="https://x.gov.vn/a.png" alt="Ảnh" />',
    );
  });

  it('returns NFC text', () => {
    expect(sanitizePortalHtml(`<p>${'Việt'.normalize('NFD')}</p>`)).toBe('<p>Việt</p>');
  });
});
