import { foldDiacritics, nfc, slugify } from './vietnamese';

describe('Vietnamese text', () => {
  it('normalises decomposed input to NFC', () => {
    const decomposed = 'Ngày Chuyển đổi số'.normalize('NFD');
    expect(decomposed).not.toBe('Ngày Chuyển đổi số');
    expect(nfc(decomposed)).toBe('Ngày Chuyển đổi số');
  });

  it('folds diacritics including đ', () => {
    expect(foldDiacritics('Phường Đắk Bla')).toBe('phuong dak bla');
  });

  it('makes ASCII slugs', () => {
    expect(slugify('Ngày hội toàn dân học tập số 10/10')).toBe('ngay-hoi-toan-dan-hoc-tap-so-10-10');
  });
});
