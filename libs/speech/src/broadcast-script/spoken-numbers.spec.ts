import { readDecimal, readDigits, readInteger, readMonth, readOrdinal, romanToNumber } from './spoken-numbers';

describe('readInteger', () => {
  it.each([
    ['0', 'không'],
    ['5', 'năm'],
    ['10', 'mười'],
    ['11', 'mười một'],
    ['14', 'mười bốn'],
    ['15', 'mười lăm'],
    ['20', 'hai mươi'],
    ['21', 'hai mươi mốt'],
    ['24', 'hai mươi tư'],
    ['25', 'hai mươi lăm'],
    ['101', 'một trăm linh một'],
    ['105', 'một trăm linh năm'],
    ['110', 'một trăm mười'],
    ['115', 'một trăm mười lăm'],
    ['1000', 'một nghìn'],
    ['1005', 'một nghìn không trăm linh năm'],
    ['2026', 'hai nghìn không trăm hai mươi sáu'],
    ['2030', 'hai nghìn không trăm ba mươi'],
    ['21000', 'hai mươi mốt nghìn'],
    ['1000000', 'một triệu'],
    ['2500000', 'hai triệu năm trăm nghìn'],
    ['1000000000', 'một tỷ'],
    ['007', 'bảy'],
  ])('%s → %s', (digits, spoken) => {
    expect(readInteger(digits)).toBe(spoken);
  });

  it('uses the southern words when asked', () => {
    expect(readInteger('105000', { zeroTensWord: 'lẻ', thousandWord: 'ngàn' })).toBe('một trăm lẻ năm ngàn');
  });

  it('refuses anything but digits', () => {
    expect(() => readInteger('1.000')).toThrow(RangeError);
  });
});

describe('readDecimal', () => {
  it.each([
    ['2', '5', 'phẩy', 'hai phẩy năm'],
    ['2', '25', 'phẩy', 'hai phẩy hai mươi lăm'],
    ['0', '05', 'phẩy', 'không phẩy không năm'],
    ['65', '4', 'phẩy', 'sáu mươi lăm phẩy bốn'],
    ['4', '0', 'chấm', 'bốn chấm không'],
  ] as const)('%s,%s → %s', (integer, fraction, point, spoken) => {
    expect(readDecimal(integer, fraction, point)).toBe(spoken);
  });
});

describe('readDigits', () => {
  it('reads each digit and ignores separators', () => {
    expect(readDigits('0912.345')).toBe('không chín một hai ba bốn năm');
  });
});

describe('readMonth and readOrdinal', () => {
  it('says April as "tư" and other months as numbers', () => {
    expect([1, 4, 5, 10, 12].map(readMonth)).toEqual(['một', 'tư', 'năm', 'mười', 'mười hai']);
  });

  it('says first as "nhất" and fourth as "tư"', () => {
    expect([1, 2, 4, 14].map((n) => readOrdinal(n))).toEqual(['nhất', 'hai', 'tư', 'mười bốn']);
  });
});

describe('romanToNumber', () => {
  it.each([
    ['I', 1],
    ['II', 2],
    ['IV', 4],
    ['IX', 9],
    ['XIV', 14],
    ['XXI', 21],
    ['MMXXVI', 2026],
  ])('%s → %d', (numeral, value) => {
    expect(romanToNumber(numeral)).toBe(value);
  });

  it.each(['', 'IIII', 'VX', 'ii', 'ABC'])('%j is not a numeral', (numeral) => {
    expect(romanToNumber(numeral)).toBeUndefined();
  });
});
