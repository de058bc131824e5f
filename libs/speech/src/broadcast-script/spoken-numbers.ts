import { ReadingConfig, doReadNumber } from 'read-vietnamese-number';

export interface NumberReadingOptions {
  /** Word for a zero tens digit: 105 → "một trăm linh năm" (northern, the default) or "một trăm lẻ năm". */
  zeroTensWord?: 'linh' | 'lẻ';
  /** "nghìn" (northern, the default) or "ngàn" (southern). */
  thousandWord?: 'nghìn' | 'ngàn';
}

const DIGIT_WORDS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

const ROMAN_NUMERAL = /^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

function readingConfig(options: NumberReadingOptions): ReadingConfig {
  const config = new ReadingConfig();
  config.unit = [];
  config.oddText = options.zeroTensWord ?? 'linh';
  config.units = [[], [options.thousandWord ?? 'nghìn'], ['triệu'], ['tỷ']];
  return config;
}

export function readInteger(digits: string, options: NumberReadingOptions = {}): string {
  if (!/^\d+$/.test(digits)) {
    throw new RangeError(`Not a string of digits: "${digits}"`);
  }
  return doReadNumber(digits, readingConfig(options));
}

/**
 * Reads a decimal the way Vietnamese speakers do: the fraction as a number after its leading zeros,
 * "2,5" → "hai phẩy năm", "0,05" → "không phẩy không năm", "4.0" → "bốn chấm không".
 */
export function readDecimal(
  integerDigits: string,
  fractionDigits: string,
  pointWord: 'phẩy' | 'chấm',
  options: NumberReadingOptions = {},
): string {
  const leadingZeros = /^0*/.exec(fractionDigits)![0].length;
  const rest = fractionDigits.slice(leadingZeros);
  const fraction = [
    ...Array.from({ length: leadingZeros }, () => DIGIT_WORDS[0]),
    ...(rest ? [readInteger(rest, options)] : []),
  ];
  return [readInteger(integerDigits, options), pointWord, ...fraction].join(' ');
}

export function readDigits(digits: string): string {
  return Array.from(digits.replace(/\D/g, ''), (digit) => DIGIT_WORDS[Number(digit)]).join(' ');
}

/** Months are cardinal except April: "tháng tư", never "tháng bốn". */
export function readMonth(month: number): string {
  return month === 4 ? 'tư' : readInteger(String(month));
}

/** Ordinals after "thứ": "thứ nhất", "thứ hai", "thứ tư", "thứ mười bốn". */
export function readOrdinal(value: number, options: NumberReadingOptions = {}): string {
  if (value === 1) return 'nhất';
  if (value === 4) return 'tư';
  return readInteger(String(value), options);
}

export function romanToNumber(numeral: string): number | undefined {
  if (numeral === '' || !ROMAN_NUMERAL.test(numeral)) return undefined;
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const value = ROMAN_VALUES[numeral[i]];
    const next = ROMAN_VALUES[numeral[i + 1]] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}
