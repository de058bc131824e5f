import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { type PlanFile, parseDuePhrase, parsePlanFile } from '@nhip/calendar';

interface AgencyRow {
  code: string;
  parent: string | null;
}

const agencies: AgencyRow[] = parse(readFileSync(join(__dirname, '../data/agencies.yaml'), 'utf8')).agencies;
const agencyCodes = new Set(agencies.map((a) => a.code));
const files = readdirSync(__dirname)
  .filter((f) => f.endsWith('.plan.yaml'))
  .sort();

function load(file: string): PlanFile {
  const result = parsePlanFile(readFileSync(join(__dirname, file), 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems, null, 2)}`);
  return result.plan;
}

describe('seed plans', () => {
  it('are the five source documents', () => {
    expect(files).toEqual([
      'dak-bla-2025.plan.yaml',
      'dong-nai-2025.plan.yaml',
      'ha-tinh-2025.plan.yaml',
      'thanh-hoa-2025.plan.yaml',
      'tuyen-quang-2026.plan.yaml',
    ]);
  });

  it.each(files)('%s parses without problems', (file) => {
    const result = parsePlanFile(readFileSync(join(__dirname, file), 'utf8'));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it.each(files)('%s names only agencies from agencies.yaml', (file) => {
    const plan = load(file);
    const used = [
      plan.issuer,
      ...plan.tasks.flatMap((t) => [t.lead, ...t.coLeads, ...t.coordinators]),
      ...plan.reports.flatMap((r) => [...r.submitters, ...(r.recipient ? [r.recipient] : [])]),
    ];
    expect(used.filter((code) => !agencyCodes.has(code))).toEqual([]);
  });

  it.each(files)('%s has due phrases the calendar understands', (file) => {
    const plan = load(file);
    const year = Number(plan.period.start.slice(0, 4));
    const phrases = [...plan.tasks.map((t) => t.due), ...plan.reports.map((r) => r.due)].filter(
      (p): p is string => p !== undefined,
    );
    expect(phrases.filter((p) => parseDuePhrase(p, { year }).kind === 'unknown')).toEqual([]);
  });

  it('keep the appendix tasks of each document', () => {
    const tasks = Object.fromEntries(files.map((f) => [f, load(f).tasks.map((t) => t.number)]));
    expect(tasks).toEqual({
      'dak-bla-2025.plan.yaml': ['1', '2', '3', '4', '5', '6'],
      'dong-nai-2025.plan.yaml': ['1', '2', '2.1', '2.2', '2.3', '3', '4'],
      'ha-tinh-2025.plan.yaml': ['1', '2', '3', '4', '5', '6', '7', '8'],
      'thanh-hoa-2025.plan.yaml': ['1.1', '1.2', '1.3', '1.4', '2.2', '2.3', '2.4', '2.5', '2.6', '3.1', '3.2'],
      'tuyen-quang-2026.plan.yaml': ['1', '2', '3', '4', '5', '6'],
    });
  });

  it('carry the peaks, targets and report deadlines the documents state', () => {
    const tuyenQuang = load('tuyen-quang-2026.plan.yaml');
    expect(tuyenQuang.peaks.map((p) => p.key)).toEqual([
      'science-technology-day',
      'innovation-day',
      'digital-transformation-day',
      'cao-diem-quy-2-3-2026',
    ]);
    expect(tuyenQuang.targets.map((t) => [t.value, t.year])).toEqual([
      [100, 2026],
      [100, 2026],
      [100, 2026],
      [100, 2030],
      [80, 2030],
      [70, 2030],
    ]);
    const dakBla = load('dak-bla-2025.plan.yaml');
    expect(dakBla.number).toBe('662/KH-UBND');
    // Mục II.2 sets eight targets: two for 2025, three by 2027 and three by 2030; four have no figure.
    expect(dakBla.targets.map((t) => [t.year, t.value ?? null])).toEqual([
      [2025, null],
      [2025, 100],
      [2027, null],
      [2027, null],
      [2027, null],
      [2030, 100],
      [2030, 80],
      [2030, 100],
    ]);
    expect(dakBla.issued).toBe('2025-11-26');
    expect(parseDuePhrase(dakBla.reports[0].due!, { year: 2026 })).toEqual({
      kind: 'recurring',
      rrule: 'FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=15',
      before: true,
    });
    expect(load('thanh-hoa-2025.plan.yaml').reports[0].due).toBe(
      'trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm',
    );
    expect(load('dong-nai-2025.plan.yaml').reports[0].due).toBe('trước ngày 25/11/2025');
  });

  it('have unique codes', () => {
    const codes = files.map((f) => load(f).code);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
