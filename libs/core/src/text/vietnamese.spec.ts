import { compareVietnamese, foldDiacritics, nfc, slugify } from './vietnamese';

describe('Vietnamese text', () => {
  it('normalises decomposed input to NFC', () => {
    const decomposed = 'Ngày Chuyển đổi số'.normalize('NFD');
    expect(decomposed).not.toBe('Ngày Chuyển đổi số');
    expect(nfc(decomposed)).toBe('Ngày Chuyển đổi số');
  });

  it('folds diacritics including đ', () => {
    expect(foldDiacritics('Phường Đắk Bla')).toBe('phuong dak bla');
  });

  it('orders names as the Vietnamese alphabet does', () => {
    const names = [
      'Ủy ban nhân dân xã Ea Kao',
      'Đài Truyền thanh',
      'Ưu tiên',
      'Dân vận',
      'Sở Khoa học',
      'Ban Tuyên giáo',
    ];
    expect(names.sort(compareVietnamese)).toEqual([
      'Ban Tuyên giáo',
      'Dân vận',
      'Đài Truyền thanh',
      'Sở Khoa học',
      'Ủy ban nhân dân xã Ea Kao',
      'Ưu tiên',
    ]);
  });

  it('makes ASCII slugs', () => {
    expect(slugify('Ngày hội toàn dân học tập số 10/10')).toBe('ngay-hoi-toan-dan-hoc-tap-so-10-10');
  });
});
