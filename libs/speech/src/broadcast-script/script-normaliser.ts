import {
  ABBREVIATIONS,
  CODE_SEGMENT_READINGS,
  LETTER_NAMES,
  PHONE_CONTEXTS,
  ROMAN_NUMERAL_CONTEXTS,
  UNITS,
} from './abbreviations';
import {
  type NumberReadingOptions,
  readDecimal,
  readDigits,
  readInteger,
  readMonth,
  readOrdinal,
  romanToNumber,
} from './spoken-numbers';

export interface SpeechNormaliserOptions extends NumberReadingOptions {
  /** Extra or overriding readings, merged over `ABBREVIATIONS` (e.g. an agency's own acronyms). */
  abbreviations?: Readonly<Record<string, string>>;
}

type Groups = Record<string, string | undefined>;

interface Rule {
  pattern: RegExp;
  render: (groups: Groups, match: string, input: string, offset: number) => string;
}

const NOT_AFTER_WORD = '(?![\\p{L}\\p{N}])';
const NOT_IN_WORD = '(?<![\\p{L}\\p{N}])';
const NOT_IN_NUMBER = '(?<![\\p{L}\\p{N}/.,\\-–])';
/** A number in Vietnamese notation: "." groups thousands, "," marks decimals; "4.0" is read with "chấm". */
const NUMBER = '\\d{1,3}(?:\\.\\d{3})+(?!\\d)(?:,\\d+)?|\\d+(?:[,.]\\d+)?';
const DAY_PREFIX = '(?<prefix>(?:[Nn]gày|NGÀY|[Mm]ùng|[Mm]ồng)\\s+)?';
/** A code segment has at least two capitals, so "57 - Nghị quyết" is not taken for a document number. */
const CODE_SEGMENT = '\\p{Lu}\\p{Lu}[\\p{Lu}\\p{Ll}]*\\d*';

/**
 * Rewrites Vietnamese text for the ear (a loudspeaker bulletin or a text-to-speech voice): numbers,
 * dates, times, percentages, ranges, Roman numerals, document numbers, telephone numbers and common
 * abbreviations are spelled out. The result is NFC; running it again changes nothing.
 *
 * Document numbers are read as the number, a pause, then the code spelled with Vietnamese letter names,
 * "/" as "trên" and "-" as "gạch", the way officers dictate them: "57-NQ/TW" → "năm mươi bảy, en quy
 * trên tê vê"; a year inside the number follows "năm": "39/2020/TT-BTTTT" → "ba mươi chín, năm hai
 * nghìn không trăm hai mươi, tê tê gạch bê tê tê tê tê".
 *
 * Unknown all-capital tokens are left as written. "d/m" is read as a date when it is a valid one, so a
 * fraction such as "1/2" must be written in words.
 */
export function normaliseForSpeech(text: string, options: SpeechNormaliserOptions = {}): string {
  let result = text.normalize('NFC').replace(/[\u00A0\u2007\u202F\u2009]/g, ' ');
  for (const rule of rulesFor(options)) {
    result = result.replace(rule.pattern, (...args: unknown[]) => {
      const hasGroups = typeof args[args.length - 1] === 'object';
      const groups = (hasGroups ? args[args.length - 1] : {}) as Groups;
      const input = args[args.length - (hasGroups ? 2 : 1)] as string;
      const offset = args[args.length - (hasGroups ? 3 : 2)] as number;
      return rule.render(groups ?? {}, args[0] as string, input, offset);
    });
  }
  return tidySpacing(result);
}

function rulesFor(options: SpeechNormaliserOptions): Rule[] {
  const number = (token: string) => readNumberToken(token, options);
  const integer = (digits: string) => readInteger(digits, options);
  const abbreviations = { ...ABBREVIATIONS, ...options.abbreviations };

  return [
    {
      pattern: new RegExp(
        `${NOT_IN_WORD}(?<context>${alternation(PHONE_CONTEXTS, caseless)})(?<gap>\\s*:?\\s*)` +
          `(?<phone>\\+?\\d+(?:[ .\\-]\\d+)*)(?![\\p{L}\\p{N}])`,
        'gu',
      ),
      render: (g, match) =>
        g.phone!.replace(/\D/g, '').length >= 3 ? `${g.context}${g.gap}${readPhone(g.phone!)}` : match,
    },
    {
      pattern: /(?<![\p{L}\p{N}.,])(?<phone>(?:\+84[ .-]?|0)\d{2,3}(?:[ .-]?\d{3,4}){2})(?!\p{N})/gu,
      render: (g, match) => {
        const digits = g.phone!.replace(/\D/g, '');
        const national = digits.startsWith('84') ? digits.length - 1 : digits.length;
        return national === 10 || national === 11 ? readPhone(g.phone!) : match;
      },
    },
    {
      pattern: /(?<![\p{L}\p{N}.,])(?<phone>(?:1800|1900)[ .]?\d{4,6})(?!\p{N})/gu,
      render: (g) => readPhone(g.phone!),
    },
    {
      pattern: new RegExp(
        `(?<![\\p{L}\\p{N}/])(?<number>\\d+)(?:/(?<year>\\d{4}))?\\s*[-/]\\s*` +
          `(?<code>${CODE_SEGMENT}(?:[-/]${CODE_SEGMENT})*)${NOT_AFTER_WORD}`,
        'gu',
      ),
      render: (g) =>
        [integer(g.number!), ...(g.year ? [`năm ${integer(g.year)}`] : []), spellCode(g.code!, options)].join(', '),
    },
    {
      pattern: abbreviationPattern(Object.keys(abbreviations)),
      render: (_g, match) => ` ${abbreviations[match]} `,
    },
    {
      pattern: new RegExp(
        `${NOT_IN_WORD}(?<context>${alternation(ROMAN_NUMERAL_CONTEXTS, caseless)})\\s+` +
          `(?<numeral>[IVXLCDM]+|\\d{1,2})(?:/(?<year>\\d{4}))?${NOT_AFTER_WORD}`,
        'gu',
      ),
      render: (g, match) => {
        const value = /^\d+$/.test(g.numeral!) ? Number(g.numeral) : romanToNumber(g.numeral!);
        if (value === undefined) return match;
        const context = g.context!.toLowerCase().replace(/\s+/g, ' ');
        const spoken = context.endsWith('thứ') ? readOrdinal(value, options) : integer(String(value));
        return `${context} ${spoken}${g.year ? ` năm ${integer(g.year)}` : ''}`;
      },
    },
    {
      // "24/7" is round the clock, not the 24th of July.
      pattern: /(?<![\p{L}\p{N}/])24\/7(?![\p{N}/])/gu,
      render: () => 'hai mươi bốn trên bảy',
    },
    {
      pattern: new RegExp(
        `(?<![\\p{L}\\p{N}/])${DAY_PREFIX}(?<d1>\\d{1,2})/(?<m1>\\d{1,2})(?:/(?<y1>\\d{4}))?\\s*[-–]\\s*` +
          `(?:[Nn]gày\\s+)?(?<d2>\\d{1,2})/(?<m2>\\d{1,2})(?:/(?<y2>\\d{4}))?(?![\\p{N}/])`,
        'gu',
      ),
      render: (g, match, input, offset) => {
        if (!isDayMonth(g.d1!, g.m1!) || !isDayMonth(g.d2!, g.m2!)) return match;
        const from = `${dayWord(g.prefix, input, offset)}${spokenDate(g.d1!, g.m1!, g.y1, options)}`;
        return `${from} đến ngày ${spokenDate(g.d2!, g.m2!, g.y2, options)}`;
      },
    },
    {
      pattern: new RegExp(
        `(?<![\\p{L}\\p{N}/])${DAY_PREFIX}(?<from>\\d{1,2})\\s*[-–]\\s*(?<to>\\d{1,2})/(?<month>\\d{1,2})` +
          `(?:/(?<year>\\d{4}))?(?![\\p{N}/])`,
        'gu',
      ),
      render: (g, match, input, offset) => {
        if (!isDayMonth(g.from!, g.month!) || !isDayMonth(g.to!, g.month!)) return match;
        const from = `${dayWord(g.prefix, input, offset)}${integer(g.from!)}`;
        return `${from} đến ngày ${spokenDate(g.to!, g.month!, g.year, options)}`;
      },
    },
    {
      pattern: new RegExp(
        `(?<![\\p{L}\\p{N}/.\\-])${DAY_PREFIX}(?<day>\\d{1,2})(?<sep>[/.\\-])(?<month>\\d{1,2})\\k<sep>` +
          `(?<year>\\d{4})(?![\\p{N}/])`,
        'gu',
      ),
      render: (g, match, input, offset) =>
        isDayMonth(g.day!, g.month!)
          ? `${dayWord(g.prefix, input, offset)}${spokenDate(g.day!, g.month!, g.year, options)}`
          : match,
    },
    {
      pattern: /(?<![\p{L}\p{N}/])(?<prefix>(?:[Tt]háng|THÁNG)\s+)?(?<month>\d{1,2})\/(?<year>\d{4})(?![\p{N}/])/gu,
      render: (g, match) =>
        isMonth(g.month!) ? `${g.prefix ?? 'tháng '}${readMonth(Number(g.month))} năm ${integer(g.year!)}` : match,
    },
    {
      pattern: new RegExp(`(?<![\\p{L}\\p{N}/])${DAY_PREFIX}(?<day>\\d{1,2})/(?<month>\\d{1,2})(?![\\p{N}/])`, 'gu'),
      render: (g, match, input, offset) =>
        isDayMonth(g.day!, g.month!)
          ? `${dayWord(g.prefix, input, offset)}${spokenDate(g.day!, g.month!, undefined, options)}`
          : match,
    },
    {
      pattern: new RegExp(`${timePattern('1')}(?:\\s*[-–]\\s*${timePattern('2')})?`, 'gu'),
      render: (g, match) => {
        const from = spokenTime(g.h1!, g.m1 ?? g.c1);
        if (from === undefined) return match;
        if (g.h2 === undefined) return from;
        const to = spokenTime(g.h2, g.m2 ?? g.c2);
        return to === undefined ? match : `${from} đến ${to}`;
      },
    },
    {
      pattern: new RegExp(`(?<op>≥|≤|>=|<=|>|<)\\s*(?<number>${NUMBER})(?<percent>\\s*%)?(?!\\p{N})`, 'gu'),
      render: (g) => {
        const amount = `${number(g.number!)}${g.percent ? ' phần trăm' : ''}`;
        switch (g.op) {
          case '≥':
          case '>=':
            return `từ ${amount} trở lên`;
          case '≤':
          case '<=':
            return `từ ${amount} trở xuống`;
          case '>':
            return `trên ${amount}`;
          default:
            return `dưới ${amount}`;
        }
      },
    },
    {
      pattern: new RegExp(
        `${NOT_IN_NUMBER}(?<from>${NUMBER})(?<p1>\\s*%)?\\s*[-–—]\\s*(?<to>${NUMBER})(?<p2>\\s*%)?(?!\\p{N})`,
        'gu',
      ),
      render: (g) => `${number(g.from!)}${g.p1 ? ' phần trăm' : ''} đến ${number(g.to!)}${g.p2 ? ' phần trăm' : ''}`,
    },
    {
      pattern: new RegExp(`${NOT_IN_WORD}(?<word>[Tt]hứ|THỨ)\\s+(?<value>\\d{1,2})${NOT_AFTER_WORD}`, 'gu'),
      render: (g) => `${g.word} ${readOrdinal(Number(g.value), options)}`,
    },
    {
      pattern: new RegExp(`${NOT_IN_WORD}(?<word>[Tt]háng|THÁNG)\\s+(?<month>\\d{1,2})(?!\\p{N}|[/.,]\\d)`, 'gu'),
      render: (g, match) => (isMonth(g.month!) ? `${g.word} ${readMonth(Number(g.month))}` : match),
    },
    {
      pattern: new RegExp(
        `${NOT_IN_NUMBER}(?<number>${NUMBER})\\s*(?<unit>${alternation(Object.keys(UNITS), escapeRegExp)})` +
          NOT_AFTER_WORD,
        'gu',
      ),
      render: (g) => `${number(g.number!)} ${UNITS[g.unit!]}`,
    },
    {
      pattern: new RegExp(`(?<!\\p{N})(?<number>${NUMBER})(?!\\p{N})`, 'gu'),
      render: (g) => ` ${number(g.number!)} `,
    },
    { pattern: /\s*%/g, render: () => ' phần trăm' },
    { pattern: /\s*&\s*/g, render: () => ' và ' },
    { pattern: /~\s*/g, render: () => 'khoảng ' },
  ];
}

function readNumberToken(token: string, options: NumberReadingOptions): string {
  if (/^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(token)) {
    const [integerPart, fraction] = token.replace(/\./g, '').split(',');
    return fraction === undefined
      ? readInteger(integerPart, options)
      : readDecimal(integerPart, fraction, 'phẩy', options);
  }
  const [integerPart, fraction] = token.split(/[,.]/);
  if (fraction === undefined) return readInteger(integerPart, options);
  return readDecimal(integerPart, fraction, token.includes(',') ? 'phẩy' : 'chấm', options);
}

/** Telephone numbers are read digit by digit, one pause per written group (or 4-3-3 for a bare mobile). */
function readPhone(phone: string): string {
  const plus = phone.startsWith('+') ? 'cộng ' : '';
  let groups = phone.replace(/^\+/, '').split(/[ .-]/);
  if (groups.length === 1 && groups[0].length === 10) {
    const [digits] = groups;
    groups = [digits.slice(0, 4), digits.slice(4, 7), digits.slice(7)];
  }
  return plus + groups.map(readDigits).join(', ');
}

function spellCode(code: string, options: NumberReadingOptions): string {
  return code
    .split(/([-/])/)
    .map((part) => {
      if (part === '/') return 'trên';
      if (part === '-') return 'gạch';
      const [, letters, digits] = /^(\D*)(\d*)$/u.exec(part)!;
      const spelled = spellLetters(letters);
      return digits ? `${spelled} ${readInteger(digits, options)}` : spelled;
    })
    .join(' ');
}

/** Letter by letter, except runs with a settled reading ("TW" in "BCĐTW"), longest run first. */
function spellLetters(letters: string): string {
  const runs = Object.keys(CODE_SEGMENT_READINGS).sort((a, b) => b.length - a.length);
  const words: string[] = [];
  for (let i = 0; i < letters.length;) {
    const run = runs.find((candidate) => letters.startsWith(candidate, i));
    if (run) {
      words.push(CODE_SEGMENT_READINGS[run]);
      i += run.length;
    } else {
      words.push(LETTER_NAMES[letters[i].toUpperCase()] ?? letters[i]);
      i += 1;
    }
  }
  return words.join(' ');
}

function spokenDate(day: string, month: string, year: string | undefined, options: NumberReadingOptions): string {
  const date = `${readInteger(day, options)} tháng ${readMonth(Number(month))}`;
  return year ? `${date} năm ${readInteger(year, options)}` : date;
}

/**
 * The word "ngày" before a spoken date: kept as written when the text already has it (or "mùng"), left
 * out after a named day ("Ngày Chuyển đổi số quốc gia 10/10" is already a day), added otherwise.
 */
function dayWord(prefix: string | undefined, input: string, offset: number): string {
  if (prefix) return prefix;
  const clause = input
    .slice(Math.max(0, offset - 120), offset)
    .split(/[.,;:!?()\n"“”]/)
    .pop()!;
  return /(?:^|\s)Ngày(?:\s+\S+){1,8}\s*$/u.test(clause) ? '' : 'ngày ';
}

function spokenTime(hours: string, minutes: string | undefined): string | undefined {
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (h > 24 || m > 59) return undefined;
  const spokenHours = `${readInteger(String(h))} giờ`;
  return m === 0 ? spokenHours : `${spokenHours} ${readInteger(String(m))} phút`;
}

function timePattern(suffix: string): string {
  return (
    `(?<![\\p{L}\\p{N}:.,])(?<h${suffix}>\\d{1,2})` +
    `(?:h(?<m${suffix}>\\d{2})?(?:ph|p|')?|:(?<c${suffix}>\\d{2})(?!:?\\d))(?![\\p{L}\\p{N}])`
  );
}

function isMonth(month: string): boolean {
  const value = Number(month);
  return value >= 1 && value <= 12;
}

function isDayMonth(day: string, month: string): boolean {
  const value = Number(day);
  return value >= 1 && value <= 31 && isMonth(month);
}

function abbreviationPattern(keys: string[]): RegExp {
  const wordChar = /[\p{L}\p{N}]/u;
  const pattern = alternation(
    keys,
    (key) =>
      (wordChar.test(key[0]) ? NOT_IN_WORD : '') +
      escapeRegExp(key) +
      (wordChar.test(key[key.length - 1]) ? NOT_AFTER_WORD : ''),
  );
  return new RegExp(pattern, 'gu');
}

function caseless(phrase: string): string {
  return Array.from(phrase, (char) => {
    if (/\s/.test(char)) return '\\s+';
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    return lower === upper ? escapeRegExp(char) : `[${lower}${upper}]`;
  }).join('');
}

/** Longest first, so that "số điện thoại" wins over "điện thoại" and "TP." over "TP". */
function alternation(phrases: readonly string[], toPattern: (phrase: string) => string): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map(toPattern)
    .join('|');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function tidySpacing(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t]+/g, ' ')
        .replace(/ ([,.;:!?)\]”’…])/g, '$1')
        .replace(/([([“‘]) /g, '$1')
        .trim(),
    )
    .join('\n');
}
