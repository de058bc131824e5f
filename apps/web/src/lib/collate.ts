/** Vietnamese alphabetical order: Đ after D, Ư after U, tones after the bare letter (a plain sort puts Đ, Ư, Ủ last). */
const collator = new Intl.Collator('vi');

export const compareVi = (a: string, b: string): number => collator.compare(a, b);

/** A sorted copy of `items` by the name each shows. */
export function sortByName<T>(items: readonly T[], name: (item: T) => string): T[] {
  return [...items].sort((a, b) => collator.compare(name(a), name(b)));
}
