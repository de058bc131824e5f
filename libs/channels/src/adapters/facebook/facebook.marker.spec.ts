import { FACEBOOK_MARKER_LENGTH, hasFacebookMarker, stripFacebookMarker, withFacebookMarker } from './facebook.marker';

describe('Facebook idempotency marker', () => {
  const text = 'Lịch tiếp công dân tháng 10 👨‍👩‍👧 https://tuyenquang.gov.vn/lich';

  it('adds only a space and zero-width characters, of a fixed length', () => {
    const marked = withFacebookMarker(text, 'pub-1:v1');
    expect(marked.startsWith(`${text} `)).toBe(true);
    const added = marked.slice(text.length);
    expect(added).toHaveLength(FACEBOOK_MARKER_LENGTH);
    expect(added.slice(1)).toMatch(/^[\u200B\u200C\u200D\u2060]+$/);
  });

  it('is the same for the same key and different for another', () => {
    expect(withFacebookMarker(text, 'pub-1:v1')).toBe(withFacebookMarker(text, 'pub-1:v1'));
    expect(withFacebookMarker(text, 'pub-1:v1')).not.toBe(withFacebookMarker(text, 'pub-1:v2'));
    expect(hasFacebookMarker(withFacebookMarker(text, 'pub-1:v1'), 'pub-1:v1')).toBe(true);
    expect(hasFacebookMarker(withFacebookMarker(text, 'pub-1:v1'), 'pub-1:v2')).toBe(false);
    expect(hasFacebookMarker(undefined, 'pub-1:v1')).toBe(false);
  });

  it('survives trimming, and replaces trailing whitespace instead of adding to it', () => {
    const marked = withFacebookMarker(`${text}\n\n  `, 'k');
    expect(marked.trim()).toBe(marked);
    expect(hasFacebookMarker(marked.trim(), 'k')).toBe(true);
  });

  it('can be stripped for display without touching emoji joiners', () => {
    expect(stripFacebookMarker(withFacebookMarker(text, 'k'))).toBe(text);
  });
});
