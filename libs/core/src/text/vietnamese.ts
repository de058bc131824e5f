/** Vietnamese text helpers shared by every part that stores or searches text. */

export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Folds diacritics (and đ/Đ) away for search and slugs: "Đắk Bla" → "dak bla". */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export function slugify(text: string): string {
  return foldDiacritics(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const collator = new Intl.Collator('vi');

/** Vietnamese alphabetical order (Đ after D, Ư after U), for every list of names people read. */
export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a, b);
}
