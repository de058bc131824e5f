import type { ZaloArticle } from '../../content/channel-content';
import { ZALO_API_LIMITS, ZALO_RULES, validateZaloArticle } from './zalo.rules';
import { ZALO_MARKER_LENGTH } from './zalo.marker';

const ARTICLE: ZaloArticle = {
  title: 'Ngày hội Chuyển đổi số',
  author: 'Sở Khoa học và Công nghệ',
  description: 'Người dân được hướng dẫn cài đặt VNeID.',
  cover: { url: 'https://cdn.example.vn/bia.jpg' },
  body: [
    { type: 'text', content: 'Nội dung' },
    { type: 'image', url: 'https://cdn.example.vn/2.jpg' },
  ],
};
const codes = (patch: Record<string, unknown>) => validateZaloArticle({ ...ARTICLE, ...patch }).map((p) => p.code);

describe('Zalo article rules', () => {
  it('accepts a complete article', () => {
    expect(validateZaloArticle(ARTICLE)).toEqual([]);
  });

  it('limits title to 150, author to 50, and the description to 300 less the invisible marker', () => {
    expect(ZALO_RULES).toEqual({
      titleMaxLength: 150,
      authorMaxLength: 50,
      descriptionMaxLength: ZALO_API_LIMITS.description - ZALO_MARKER_LENGTH,
    });
    expect(codes({ title: 'ệ'.repeat(150) })).toEqual([]);
    expect(validateZaloArticle({ ...ARTICLE, title: 'ệ'.repeat(151) })).toEqual([
      {
        field: 'title',
        code: 'ZALO_TITLE_TOO_LONG',
        message: 'Tiêu đề dài 151 ký tự, vượt giới hạn 150 ký tự của Zalo.',
      },
    ]);
    expect(codes({ author: 'a'.repeat(51) })).toEqual(['ZALO_AUTHOR_TOO_LONG']);
    expect(codes({ description: 'a'.repeat(ZALO_RULES.descriptionMaxLength) })).toEqual([]);
    expect(codes({ description: 'a'.repeat(ZALO_RULES.descriptionMaxLength + 1) })).toEqual([
      'ZALO_DESCRIPTION_TOO_LONG',
    ]);
  });

  it('counts characters after NFC, as a reader does', () => {
    expect(codes({ title: 'e\u0323\u0302'.repeat(150) })).toEqual([]);
  });

  it('requires title, author, description, cover and body, in Vietnamese', () => {
    expect(
      validateZaloArticle({ ...ARTICLE, title: ' ', author: '', description: undefined, cover: undefined, body: [] }),
    ).toEqual([
      { field: 'title', code: 'ZALO_TITLE_REQUIRED', message: 'Bài viết Zalo cần có tiêu đề.' },
      { field: 'author', code: 'ZALO_AUTHOR_REQUIRED', message: 'Bài viết Zalo cần có tác giả.' },
      { field: 'description', code: 'ZALO_DESCRIPTION_REQUIRED', message: 'Bài viết Zalo cần có đoạn mô tả.' },
      { field: 'cover', code: 'ZALO_COVER_REQUIRED', message: 'Bài viết Zalo cần có ảnh bìa.' },
      { field: 'body', code: 'ZALO_BODY_REQUIRED', message: 'Bài viết Zalo cần có nội dung (ít nhất một đoạn).' },
    ]);
  });

  it('wants web addresses for the cover and images, and no empty text blocks', () => {
    expect(codes({ cover: { url: 'file:///tmp/a.jpg' } })).toEqual(['ZALO_COVER_URL_INVALID']);
    expect(
      validateZaloArticle({
        ...ARTICLE,
        body: [{ type: 'text', content: '  ' }, { type: 'image', url: 'a.jpg' }, { type: 'video' }],
      }).map((p) => p.field),
    ).toEqual(['body[0]', 'body[1]', 'body[2]']);
  });

  it('rejects what is not an article at all', () => {
    expect(codes({ comment: 'yes' })).toEqual(['ZALO_COMMENT_INVALID']);
    expect(validateZaloArticle('bài viết')).toEqual([
      { field: '', code: 'ZALO_INVALID_CONTENT', message: 'Nội dung bài viết Zalo không hợp lệ.' },
    ]);
  });
});
