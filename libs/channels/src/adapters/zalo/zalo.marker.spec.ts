import { hasZaloMarker, withZaloMarker, ZALO_MARKER_LENGTH } from './zalo.marker';

describe('Zalo idempotency marker', () => {
  const description = 'Lịch tiếp công dân tháng 10.';

  it('adds a space and zero-width characters only, of a fixed length', () => {
    const marked = withZaloMarker(`${description}  `, 'pub-1');
    expect(marked.slice(0, description.length)).toBe(description);
    expect(marked.length - description.length).toBe(ZALO_MARKER_LENGTH);
    expect(marked.slice(description.length + 1)).toMatch(/^[\u200B\u200C\u200D\u2060]+$/);
  });

  it('identifies its key and no other', () => {
    const marked = withZaloMarker(description, 'pub-1');
    expect(hasZaloMarker(marked, 'pub-1')).toBe(true);
    expect(hasZaloMarker(marked, 'pub-2')).toBe(false);
    expect(hasZaloMarker(description, 'pub-1')).toBe(false);
    expect(hasZaloMarker(undefined, 'pub-1')).toBe(false);
  });
});
