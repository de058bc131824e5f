import { wordPressSlugForKey } from './wordpress-slug';

describe('wordPressSlugForKey', () => {
  it('uses a key that is already slug-shaped as it is', () => {
    expect(wordPressSlugForKey('pub-3f2a9c1e-v2')).toBe('nhip-pub-3f2a9c1e-v2');
    expect(wordPressSlugForKey('pub-3f2a9c1e-v2')).toBe(wordPressSlugForKey('pub-3f2a9c1e-v2'));
  });

  it('makes other keys slug-shaped and keeps them apart with a hash of the original', () => {
    const upper = wordPressSlugForKey('PUB:42');
    const lower = wordPressSlugForKey('pub-42');
    expect(upper).toMatch(/^nhip-pub-42-[0-9a-f]{16}$/);
    expect(lower).toBe('nhip-pub-42');
    expect(upper).not.toBe(lower);
    expect(wordPressSlugForKey('Đăng bài!')).toMatch(/^nhip-dang-bai-[0-9a-f]{16}$/);
  });

  it('stays within 190 characters, in WordPress slug characters only', () => {
    const slug = wordPressSlugForKey('k'.repeat(500));
    expect(slug.length).toBeLessThanOrEqual(190);
    expect(slug).toMatch(/^[a-z0-9_-]+$/);
    expect(wordPressSlugForKey('k'.repeat(500))).toBe(slug);
    expect(wordPressSlugForKey('k'.repeat(501))).not.toBe(slug);
  });

  it('refuses an empty key', () => {
    expect(() => wordPressSlugForKey(' ')).toThrow(/idempotency key/);
  });
});
