import { foldIcalLines } from './ical-fold';

const octets = (line: string) => Buffer.byteLength(line, 'utf8');
const unfold = (text: string) => text.replace(/\r\n /g, '');

describe('foldIcalLines', () => {
  it('returns text whose lines fit unchanged', () => {
    const text = `UID:a@nhip\r\nSUMMARY:${'x'.repeat(67)}\r\n`;
    expect(octets(text.split('\r\n')[1])).toBe(75);
    expect(foldIcalLines(text)).toBe(text);
  });

  it('folds long ASCII lines at 75 octets, the continuation space included', () => {
    const line = `DESCRIPTION:${'a'.repeat(200)}`;
    const folded = foldIcalLines(`${line}\r\nEND:VEVENT\r\n`);
    const lines = folded.split('\r\n');
    expect(lines[0]).toHaveLength(75);
    expect(lines[1]).toMatch(/^ a+$/);
    expect(lines[1]).toHaveLength(75);
    expect(lines.every((l) => octets(l) <= 75)).toBe(true);
    expect(unfold(folded)).toBe(`${line}\r\nEND:VEVENT\r\n`);
  });

  it('never splits a Vietnamese letter or a surrogate pair, and keeps every line within 75 octets', () => {
    const title = 'Hưởng ứng Ngày Chuyển đổi số quốc gia 🇻🇳 — Đắk Lắk, Kon Tum, Quảng Ngãi '.repeat(4);
    const line = `SUMMARY:${title}`;
    const folded = foldIcalLines(line);
    const lines = folded.split('\r\n');
    expect(lines.length).toBeGreaterThan(4);
    for (const l of lines) {
      expect(octets(l)).toBeLessThanOrEqual(75);
      // A lone surrogate would not survive UTF-8 encoding.
      expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l);
    }
    expect(unfold(folded)).toBe(line);
  });
});
