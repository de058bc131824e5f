import { FACEBOOK_GRAPH_MESSAGE_MAX_LENGTH, FACEBOOK_RULES, validateFacebookPost } from './facebook.rules';
import { FACEBOOK_MARKER_LENGTH } from './facebook.marker';

const codes = (content: unknown) => validateFacebookPost(content).map((p) => p.code);

describe('Facebook post rules', () => {
  it('accepts a message alone, with a link, or with up to ten photos', () => {
    expect(validateFacebookPost({ message: 'Thông báo' })).toEqual([]);
    expect(validateFacebookPost({ message: 'Thông báo', link: 'https://tuyenquang.gov.vn/a' })).toEqual([]);
    const photos = Array.from({ length: 10 }, (_, i) => ({ url: `https://cdn.example.vn/${i}.jpg` }));
    expect(validateFacebookPost({ message: 'Thông báo', photos })).toEqual([]);
  });

  it('requires a message', () => {
    expect(codes({ message: '   ' })).toEqual(['FACEBOOK_MESSAGE_REQUIRED']);
    expect(codes({})).toEqual(['FACEBOOK_MESSAGE_REQUIRED']);
  });

  it('limits the message to Graph’s 63,206 characters less the invisible marker, counted as a reader counts', () => {
    expect(FACEBOOK_RULES.messageMaxLength).toBe(FACEBOOK_GRAPH_MESSAGE_MAX_LENGTH - FACEBOOK_MARKER_LENGTH);
    // "ệ" typed as e + two combining marks is one character once normalised.
    const decomposed = 'e\u0323\u0302';
    expect(validateFacebookPost({ message: decomposed.repeat(FACEBOOK_RULES.messageMaxLength) })).toEqual([]);
    const [problem] = validateFacebookPost({ message: 'ệ'.repeat(FACEBOOK_RULES.messageMaxLength + 1) });
    expect(problem).toEqual({
      field: 'message',
      code: 'FACEBOOK_MESSAGE_TOO_LONG',
      message: `Nội dung bài đăng Facebook dài ${(FACEBOOK_RULES.messageMaxLength + 1).toLocaleString('vi-VN')} ký tự, vượt giới hạn ${FACEBOOK_RULES.messageMaxLength.toLocaleString('vi-VN')} ký tự.`,
    });
  });

  it('allows at most ten photos, each with a web address', () => {
    const photos = Array.from({ length: 11 }, (_, i) => ({ url: `https://cdn.example.vn/${i}.jpg` }));
    expect(validateFacebookPost({ message: 'x', photos })).toEqual([
      {
        field: 'photos',
        code: 'FACEBOOK_TOO_MANY_PHOTOS',
        message: 'Một bài đăng Facebook có tối đa 10 ảnh (bài này có 11 ảnh).',
      },
    ]);
    expect(
      validateFacebookPost({ message: 'x', photos: [{ url: 'https://a.vn/1.jpg' }, { url: '/media/2.jpg' }] }),
    ).toEqual([expect.objectContaining({ field: 'photos[1]', code: 'FACEBOOK_PHOTO_URL_INVALID' })]);
  });

  it('wants an http(s) link, and not together with photos', () => {
    expect(codes({ message: 'x', link: 'javascript:alert(1)' })).toEqual(['FACEBOOK_LINK_INVALID']);
    expect(codes({ message: 'x', link: 'tuyenquang.gov.vn' })).toEqual(['FACEBOOK_LINK_INVALID']);
    expect(codes({ message: 'x', link: 'https://a.vn', photos: [{ url: 'https://a.vn/1.jpg' }] })).toEqual([
      'FACEBOOK_LINK_WITH_PHOTOS',
    ]);
  });

  it('rejects what is not a post at all, in Vietnamese', () => {
    expect(validateFacebookPost(null)).toEqual([
      { field: '', code: 'FACEBOOK_INVALID_CONTENT', message: 'Nội dung bài đăng Facebook không hợp lệ.' },
    ]);
    expect(codes({ message: 'x', photos: 'a.jpg' })).toEqual(['FACEBOOK_PHOTOS_INVALID']);
  });
});
