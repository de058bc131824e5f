import { diffContent } from './content-diff';

describe('diffContent', () => {
  it('lists changed, added and removed fields by path', () => {
    expect(
      diffContent(
        { title: 'Ngày hội', cover: { url: 'a.png' }, photos: [1, 2], author: 'UBND' },
        { title: 'Ngày hội số', cover: { url: 'a.png' }, photos: [1, 2, 3], description: 'Mới' },
      ),
    ).toEqual([
      { field: 'author', before: 'UBND', after: null },
      { field: 'description', before: null, after: 'Mới' },
      { field: 'photos', before: [1, 2], after: [1, 2, 3] },
      { field: 'title', before: 'Ngày hội', after: 'Ngày hội số' },
    ]);
  });

  it('finds nothing between equal documents and everything against nothing', () => {
    expect(diffContent({ a: { b: [1] } }, { a: { b: [1] } })).toEqual([]);
    expect(diffContent(null, { a: 1 })).toEqual([{ field: '(toàn bộ)', before: null, after: { a: 1 } }]);
  });
});
