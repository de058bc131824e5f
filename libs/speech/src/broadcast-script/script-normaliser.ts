import {
  ABBREVIATIONS,
  ADDRESS_PARTS,
  CODE_SEGMENT_READINGS,
  DOCUMENT_ISSUERS,
  DOCUMENT_TYPES,
  DOCUMENT_WORDS,
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
  /**
   * Spoken forms of web and e-mail addresses the officer confirmed, by the address as written
   * ("tuyenquang.gov.vn" → "Cổng thông tin điện tử tỉnh"). Others are spelled (see `spokenAddress`).
   */
  addressReadings?: Readonly<Record<string, string>>;
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
 * Document numbers are read the way announcers read them: the number, the year when the number has
 * one, and the issuing body after "của" ("Nghị quyết số 57-NQ/TW" → "Nghị quyết số năm mươi bảy của Bộ
 * Chính trị", "Nghị định 30/2020/NĐ-CP" → "Nghị định số ba mươi năm hai nghìn không trăm hai mươi của
 * Chính phủ"); the body is left out when the sentence names it ("… ngày 22/12/2024 của Bộ Chính trị"),
 * and the kind of document is named when the text gives only the code. This runs before the
 * abbreviation table, which would otherwise read the code's letters one by one.
 *
 * Days 1 to 10 of a date are read with "mùng" ("01/10" → "ngày mùng một tháng mười"). Web and e-mail
 * addresses are read from `addressReadings` or spelled part by part without the scheme and the path
 * ("https://tuyenquang.gov.vn/tin-tuc" → "Tuyên Quang chấm gốp chấm vê en").
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
      const spoken = rule.render(groups ?? {}, args[0] as string, input, offset);
      // "100% cán bộ…" opening a sentence reads "Một trăm phần trăm cán bộ…".
      return /^[^\p{L}\s]/u.test(args[0] as string) && SENTENCE_START.test(input.slice(0, offset))
        ? spoken.replace(/\p{L}/u, (letter) => letter.toUpperCase())
        : spoken;
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
      pattern: EMAIL_OR_WEB_ADDRESS,
      render: (_g, match) => options.addressReadings?.[match] ?? spokenAddress(match),
    },
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
        `(?<![\\p{L}\\p{N}/])(?<number>\\d+)(?:\\s*/\\s*(?<year>\\d{4}))?\\s*[-/]\\s*` +
          `(?<code>${CODE_SEGMENT}(?:\\s*[-/]\\s*${CODE_SEGMENT})*)${NOT_AFTER_WORD}${DOCUMENT_DATE}`,
        'gu',
      ),
      render: (g, match, input, offset) => readDocumentNumber(g, match, input, offset, options),
    },
    {
      // "trí tuệ nhân tạo (AI)": the abbreviation after its own expansion is not read twice.
      pattern: /\s*\((?<key>[^()\s]{1,16})\)/gu,
      render: (g, match, input, offset) => {
        const reading = abbreviations[g.key!];
        const before = input
          .slice(Math.max(0, offset - 60), offset)
          .normalize('NFC')
          .toLowerCase();
        return reading && before.endsWith(reading.toLowerCase()) ? '' : match;
      },
    },
    {
      pattern: abbreviationPattern(Object.keys(abbreviations)),
      render: (_g, match) => ` ${abbreviations[match]} `,
    },
    {
      pattern: new RegExp(
        `${NOT_IN_WORD}(?<context>${alternation(ROMAN_NUMERAL_CONTEXTS, caseless)})\\s+` +
          `(?<numeral>[IVXLCDM]+|\\d{1,2})(?:/(?<year>\\d{4}))?${NOT_AFTER_WORD}(?![/.,]\\d)`,
        'gu',
      ),
      render: (g, match) => {
        const value = /^\d+$/.test(g.numeral!) ? Number(g.numeral) : romanToNumber(g.numeral!);
        if (value === undefined) return match;
        const context = g.context!.replace(/\s+/g, ' ');
        const spoken = /thứ$/iu.test(context) ? readOrdinal(value, options) : integer(String(value));
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
        const from = `${dayWord(g.prefix, input, offset)}${spokenDate(g.d1!, g.m1!, g.y1, g.prefix, options)}`;
        return `${from} đến ngày ${spokenDate(g.d2!, g.m2!, g.y2, undefined, options)}`;
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
        const from = `${dayWord(g.prefix, input, offset)}${spokenDay(g.from!, g.prefix, options)}`;
        return `${from} đến ngày ${spokenDate(g.to!, g.month!, g.year, undefined, options)}`;
      },
    },
    {
      pattern: new RegExp(
        `(?<![\\p{L}\\p{N}/.\\-])${DAY_PREFIX}(?<day>\\d{1,2})(?<sep>[/.\\-])(?<month>\\d{1,2})\\k<sep>` +
          `\\s?(?<year>\\d{4})(?![\\p{N}/])`,
        'gu',
      ),
      render: (g, match, input, offset) =>
        isDayMonth(g.day!, g.month!)
          ? `${dayWord(g.prefix, input, offset)}${spokenDate(g.day!, g.month!, g.year, g.prefix, options)}`
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
          ? `${dayWord(g.prefix, input, offset)}${spokenDate(g.day!, g.month!, undefined, g.prefix, options)}`
          : match,
    },
    {
      // "10-10" and "10.10" are dates only where a date is expected: "5-10 người" is a range, "1.5" a decimal.
      pattern: new RegExp(
        `(?<![\\p{L}\\p{N}/.,\\-–])${DAY_PREFIX}(?<day>\\d{1,2})(?<sep>[-.])(?<month>\\d{1,2})` +
          `(?![\\p{N}/]|[-.,]\\d|\\s*[-–]\\s*\\d)`,
        'gu',
      ),
      render: (g, match, input, offset) => {
        if (!isDayMonth(g.day!, g.month!)) return match;
        const word = dayWord(g.prefix, input, offset);
        const before = input.slice(Math.max(0, offset - 12), offset);
        const after = input.slice(offset + match.length, offset + match.length + 12);
        const expected =
          g.prefix !== undefined ||
          word === '' ||
          DATE_CONTEXT_BEFORE.test(before) ||
          /^\s+h[aằ]ng\s+năm/iu.test(after) ||
          (g.sep === '.' && g.day!.length === 2 && g.month!.length === 2);
        return expected ? `${word}${spokenDate(g.day!, g.month!, undefined, g.prefix, options)}` : match;
      },
    },
    {
      pattern: /(?<![\p{L}\p{N}])(?<word>[Nn]gày|NGÀY)\s+(?<day>\d{1,2})(?=\s+(?:tháng|THÁNG)\s+\d)/gu,
      render: (g, match) => (isDayMonth(g.day!, '1') ? `${g.word} ${spokenDay(g.day!, undefined, options)}` : match),
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
      // Before a noun the bound comes first ("≥80% người dân" → "ít nhất tám mươi phần trăm người dân");
      // at the end of a clause it follows ("đạt ≥80%" → "đạt từ tám mươi phần trăm trở lên").
      pattern: new RegExp(`(?<op>≥|≤|>=|<=|>|<)\\s*(?<number>${NUMBER})(?<percent>\\s*%)?(?!\\p{N})`, 'gu'),
      render: (g, match, input, offset) => {
        const amount = `${number(g.number!)}${g.percent ? ' phần trăm' : ''}`;
        const beforeNoun = /^\s*\p{L}/u.test(input.slice(offset + match.length));
        switch (g.op) {
          case '≥':
          case '>=':
            return beforeNoun ? `ít nhất ${amount}` : `từ ${amount} trở lên`;
          case '≤':
          case '<=':
            return beforeNoun ? `không quá ${amount}` : `từ ${amount} trở xuống`;
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

/** Words after which "10-10" or "10.10" is a date ("sáng 10-10", "dịp 10.10"). */
const DATE_CONTEXT_BEFORE = /(?:^|[^\p{L}])(?:sáng|trưa|chiều|tối|đêm|hôm|dịp|nhân dịp|trước|sau)\s+$/iu;

const TOP_LEVEL_DOMAINS = 'vn|com|net|org|edu|gov|info|io';

/** A web address ("https://…", "www.…" or a name ending in a known domain) or an e-mail address. */
const EMAIL_OR_WEB_ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}@./_-])(?:[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+` +
    `|(?:https?://)?(?:[A-Za-z0-9-]+\\.)+(?:${TOP_LEVEL_DOMAINS})(?![A-Za-z0-9-])(?::\\d+)?` +
    `(?:/(?:[^\\s]*[^\\s.,;:!?)"”’])?)?)`,
  'gu',
);

/**
 * An address as an announcer spells it when nobody chose a pointer: no scheme and no path (a listener
 * cannot keep a path, and it would double the reading time), "." as "chấm", "@" as "a còng", known parts
 * by name, short or vowel-less parts letter by letter.
 */
function spokenAddress(address: string): string {
  const bare = address
    .normalize('NFC')
    .replace(/^https?:\/\//i, '')
    .replace(/[/:].*$/s, '');
  const [user, host] = bare.includes('@') ? bare.split('@') : [undefined, bare];
  const readHost = (name: string) => name.split('.').filter(Boolean).map(addressPart).join(' chấm ');
  return user === undefined ? readHost(host) : `${readHost(user)} a còng ${readHost(host)}`;
}

function addressPart(part: string): string {
  return part
    .split(/([-_])/)
    .map((piece) => {
      if (piece === '-') return 'gạch ngang';
      if (piece === '_') return 'gạch dưới';
      const known = ADDRESS_PARTS[piece.toLowerCase()];
      if (known) return known;
      if (/^\d+$/.test(piece)) return readDigits(piece);
      if (piece.length <= 4 || !/[aeiouy]/i.test(piece) || /\d/.test(piece)) {
        return Array.from(piece, (char) =>
          /\d/.test(char) ? readDigits(char) : (LETTER_NAMES[char.toUpperCase()] ?? char),
        ).join(' ');
      }
      return piece.toLowerCase();
    })
    .filter(Boolean)
    .join(' ');
}

/** The date written after a document number, read before the issuing body: "57-NQ/TW ngày 22/12/2024". */
const DOCUMENT_DATE =
  '(?<date>(?<dateLead>,?\\s*(?:[Nn]gày|NGÀY)\\s+)(?<dd>\\d{1,2})(?:\\s*[/.-]\\s*(?<dm>\\d{1,2})\\s*[/.-]\\s*' +
  '(?<dy>\\d{4})|\\s+(?:tháng|THÁNG)\\s+(?<dm2>\\d{1,2})\\s+(?:năm|NĂM)\\s+(?<dy2>\\d{4}))(?![\\p{N}/]))?';
const SENTENCE_START = /(?:^|[.!?…]\s+|\n\s*)$/u;

const DOCUMENT_WORD_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${alternation(DOCUMENT_WORDS, caseless)})\\s*$`, 'u');
const SO_BEFORE = /(?:^|[^\p{L}])số\s*$/iu;
/** "… 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị": the sentence names the issuer itself. */
const ISSUER_NAMED_AFTER =
  /^\s*,?\s*(?:\(?ngày\s+[\d\s/.\-–]+(?:tháng\s+\d{1,2}\s+năm\s+\d{4})?\)?\s*,?\s*)?(?:của|do)\s/iu;

function readDocumentNumber(
  g: Groups,
  match: string,
  input: string,
  offset: number,
  options: SpeechNormaliserOptions,
): string {
  const segments = g.code!.split(/\s*[-/]\s*/);
  const type = segments.length > 1 ? DOCUMENT_TYPES[segments[0]] : undefined;
  const issuerSegments = type ? segments.slice(1) : segments;
  const issuer =
    (type ? DOCUMENT_ISSUERS[`${segments[0]}/${issuerSegments.join('')}`] : undefined) ??
    DOCUMENT_ISSUERS[issuerSegments.join('')] ??
    issuerSegments.map((segment) => readIssuer(segment, options)).join(' ');
  const before = input.slice(Math.max(0, offset - 40), offset);
  const after = input.slice(offset + match.length, offset + match.length + 80);
  const lead = SO_BEFORE.test(before) ? '' : DOCUMENT_WORD_BEFORE.test(before) ? 'số ' : `${type ?? ''} số `;
  const year = g.year ? ` năm ${readInteger(g.year, options)}` : '';
  const month = g.dm ?? g.dm2;
  const date =
    g.date !== undefined && isDayMonth(g.dd!, month!)
      ? `${g.dateLead}${spokenDate(g.dd!, month!, g.dy ?? g.dy2, undefined, options)}`
      : (g.date ?? '');
  const owner = ISSUER_NAMED_AFTER.test(after) ? '' : ` của ${issuer}`;
  return ` ${lead}${readInteger(g.number!, options)}${year}${date}${owner} `;
}

/** "CP" → "Chính phủ", "QH15" → "Quốc hội khóa mười lăm", an unknown body letter by letter. */
function readIssuer(segment: string, options: NumberReadingOptions): string {
  const [, letters, digits] = /^(\D*)(\d*)$/u.exec(segment)!;
  const name = DOCUMENT_ISSUERS[letters] ?? ABBREVIATIONS[letters] ?? spellLetters(letters);
  if (!digits) return name;
  return letters === 'QH' ? `${name} khóa ${readInteger(digits, options)}` : `${name} ${readInteger(digits, options)}`;
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

function spokenDate(
  day: string,
  month: string,
  year: string | undefined,
  prefix: string | undefined,
  options: NumberReadingOptions,
): string {
  const date = `${spokenDay(day, prefix, options)} tháng ${readMonth(Number(month))}`;
  return year ? `${date} năm ${readInteger(year, options)}` : date;
}

/** Announcers say "mùng" before days 1 to 10 ("ngày mùng một"), unless the text already has "mùng" or "mồng". */
function spokenDay(day: string, prefix: string | undefined, options: NumberReadingOptions): string {
  const value = Number(day);
  const spoken = readInteger(String(value), options);
  return value <= 10 && !/^(?:mùng|mồng)/iu.test(prefix ?? '') ? `mùng ${spoken}` : spoken;
}

/**
 * The word "ngày" before a spoken date: kept as written when the text already has it (or "mùng"), left
 * out after a named day ("Ngày Chuyển đổi số quốc gia 10/10" is already a day), added otherwise.
 */
function dayWord(prefix: string | undefined, input: string, offset: number): string {
  if (prefix) return prefix;
  const clause = input
    .slice(Math.max(0, offset - 120), offset)
    .split(/[.,;:!?)\n"“”]/)
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
