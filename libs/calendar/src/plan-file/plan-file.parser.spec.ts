import { MAX_PLAN_TASKS, parsePlanFile } from './plan-file.parser';
import { PlanFileProblem, PlanFileResult } from './plan-file.types';

const yaml = (lines: string[]) => lines.join('\n') + '\n';

function problemsOf(result: PlanFileResult): PlanFileProblem[] {
  if (result.ok) throw new Error('expected problems, got a plan');
  return result.problems;
}

const GOOD = yaml([
  'version: 1',
  'code: thu-nghiem-2026',
  'title: Kế hoạch thử nghiệm',
  'number: 12/KH-UBND',
  'issued: 2026-03-02',
  'issuer: tinh-thu-nghiem',
  'period:',
  '  start: 2026',
  '  end: 2026-06',
  'tasks:',
  '  - number: "1.1"',
  '    name: Tuyên truyền trên Cổng thông tin điện tử',
  '    lead: so-khcn',
  '    coordinators: [so-vhttdl, ubnd-cac-xa-phuong]',
  '    deliverable: Báo cáo UBND tỉnh kết quả triển khai thực hiện',
  '    due: Quý II năm 2026',
  '  - number: "1.2"',
  '    name: Phát thanh trên loa truyền thanh cơ sở',
  '    lead: ubnd-cac-xa-phuong',
  'peaks:',
  '  - national: digital-transformation-day',
  '    leadUpDays: 10',
  '    cadence: { portal: 1, loudspeaker: 3 }',
  '  - key: ngay-hoi-so',
  '    name: Ngày hội công dân số',
  '    day: 2026-04-15',
  '    leadUpDays: 3',
  '  - key: cao-diem-quy-2',
  '    name: Cao điểm quý II',
  '    window: { start: 2026-04-01, end: 2026-06-30 }',
  'targets:',
  '  - key: nguoi-dan-tiep-can',
  '    description: Ít nhất 80% người dân tiếp cận thông tin qua hệ thống thông tin cơ sở',
  '    value: 80',
  '    unit: percent',
  '    year: 2030',
  'reports:',
  '  - key: bao-cao-6-thang',
  '    name: Báo cáo 6 tháng',
  '    submitters: [so-khcn]',
  '    recipient: tinh-thu-nghiem',
  '    due: trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm',
  '  - key: bao-cao-quy',
  '    name: Báo cáo quý',
  '    rrule: FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=25',
]);

describe('parsePlanFile', () => {
  it('reads a complete file and applies defaults', () => {
    const result = parsePlanFile(GOOD);
    expect(result.ok ? [] : result.problems).toEqual([]);
    if (!result.ok) return;
    const { plan } = result;
    expect(plan).toMatchObject({
      version: 1,
      code: 'thu-nghiem-2026',
      documentType: 'plan',
      number: '12/KH-UBND',
      issued: '2026-03-02',
      issuer: 'tinh-thu-nghiem',
      period: { start: '2026-01-01', end: '2026-06-30' },
    });
    expect(plan.tasks[0]).toEqual({
      number: '1.1',
      name: 'Tuyên truyền trên Cổng thông tin điện tử',
      lead: 'so-khcn',
      coLeads: [],
      coordinators: ['so-vhttdl', 'ubnd-cac-xa-phuong'],
      deliverable: 'Báo cáo UBND tỉnh kết quả triển khai thực hiện',
      due: 'Quý II năm 2026',
    });
    expect(plan.tasks[1]).toEqual({
      number: '1.2',
      name: 'Phát thanh trên loa truyền thanh cơ sở',
      lead: 'ubnd-cac-xa-phuong',
      coLeads: [],
      coordinators: [],
    });
    expect(plan.peaks).toEqual([
      { type: 'national', key: 'digital-transformation-day', leadUpDays: 10, cadence: { portal: 1, loudspeaker: 3 } },
      {
        type: 'custom',
        key: 'ngay-hoi-so',
        name: 'Ngày hội công dân số',
        start: '2026-04-15',
        end: '2026-04-15',
        leadUpDays: 3,
        cadence: {},
      },
      {
        type: 'custom',
        key: 'cao-diem-quy-2',
        name: 'Cao điểm quý II',
        start: '2026-04-01',
        end: '2026-06-30',
        leadUpDays: 0,
        cadence: {},
      },
    ]);
    expect(plan.targets).toEqual([
      {
        key: 'nguoi-dan-tiep-can',
        description: 'Ít nhất 80% người dân tiếp cận thông tin qua hệ thống thông tin cơ sở',
        value: 80,
        unit: 'percent',
        year: 2030,
        comparator: '>=',
      },
    ]);
    expect(plan.reports.map((r) => [r.key, r.due ?? r.rrule, r.submitters])).toEqual([
      ['bao-cao-6-thang', 'trước ngày 20 tháng 6 và trước ngày 20 tháng 12 hằng năm', ['so-khcn']],
      ['bao-cao-quy', 'FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=25', []],
    ]);
  });

  it('does not check that agency codes exist (the importer does)', () => {
    const result = parsePlanFile(GOOD.replace('lead: so-khcn', 'lead: co-quan-khong-ton-tai'));
    expect(result.ok).toBe(true);
  });

  it('accepts a file with only the required fields', () => {
    const result = parsePlanFile(
      yaml([
        'code: toi-thieu',
        'title: Tối thiểu',
        'issued: 2025',
        'issuer: tinh-a',
        'period: { start: 2025, end: 2025 }',
      ]),
    );
    expect(result).toEqual({
      ok: true,
      plan: {
        version: 1,
        code: 'toi-thieu',
        documentType: 'plan',
        title: 'Tối thiểu',
        issued: '2025',
        issuer: 'tinh-a',
        period: { start: '2025-01-01', end: '2025-12-31' },
        tasks: [],
        peaks: [],
        targets: [],
        reports: [],
      },
    });
  });

  it('takes up to 300 tasks and refuses a longer list whole, with one problem', () => {
    const file = (n: number) =>
      yaml([
        'code: nhieu-nhiem-vu',
        'title: Nhiều nhiệm vụ',
        'issued: 2025',
        'issuer: tinh-a',
        'period: { start: 2025, end: 2025 }',
        'tasks:',
        ...Array.from({ length: n }, (_, i) => `  - { number: "${i + 1}", name: Nhiệm vụ ${i + 1}, lead: tinh-a }`),
      ]);
    const most = parsePlanFile(file(MAX_PLAN_TASKS));
    expect(most.ok && most.plan.tasks.length).toBe(300);
    expect(problemsOf(parsePlanFile(file(MAX_PLAN_TASKS + 1)))).toEqual([
      expect.objectContaining({
        path: 'tasks',
        message: 'Trường "tasks" có 301 mục, nhiều hơn mức tối đa 300 của một văn bản.',
      }),
    ]);
  });

  it('reports a YAML syntax error with its line and a Vietnamese message', () => {
    const problems = problemsOf(
      parsePlanFile(yaml(['code: loi-cu-phap', 'title: "Chưa đóng nháy', 'issued: 2025', 'issuer: tinh-a'])),
    );
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ path: '', line: 2, column: 8 });
    expect(problems[0].message).toMatch(/^Thiếu ký tự đóng/);
  });

  it('reports tab indentation', () => {
    const problems = problemsOf(parsePlanFile('code: a\nperiod:\n\tstart: 2025\n'));
    expect(problems.some((p) => p.line === 3 && p.message.includes('Tab'))).toBe(true);
  });

  it('reports a duplicate key and still checks the rest of the file', () => {
    const problems = problemsOf(
      parsePlanFile(
        yaml([
          'code: lap-khoa',
          'title: Lặp khóa',
          'title: Lặp lần hai',
          'issued: 2025',
          'issuer: tinh-a',
          'period: { start: 2025, end: 2024 }',
        ]),
      ),
    );
    expect(problems).toEqual([
      { path: '', line: 3, column: 1, message: 'Khóa bị khai báo hai lần trong cùng một khối (DUPLICATE_KEY).' },
      { path: 'period.end', line: 6, column: 29, message: 'Ngày kết thúc của kế hoạch phải sau ngày bắt đầu.' },
    ]);
  });

  it('reads a mapping of 30,000 keys in time linear in its size (no pairwise duplicate check)', () => {
    const text = ['code: nhieu-khoa', ...Array.from({ length: 30_000 }, (_, i) => `k${i}: ${i}`), 'code: lan-hai'].join(
      '\n',
    );
    const start = performance.now();
    const problems = problemsOf(parsePlanFile(text));
    expect(performance.now() - start).toBeLessThan(10_000);
    expect(problems).toContainEqual({
      path: '',
      line: 30_002,
      column: 1,
      message: 'Khóa bị khai báo hai lần trong cùng một khối (DUPLICATE_KEY).',
    });
  });

  it('reports every problem of a badly filled file with its path and line', () => {
    const text = yaml([
      'code: Ma Sai', // 1
      'issued: 26/11/2025', // 2
      'issuer: tinh-a', // 3
      'period:', // 4
      '  start: 2025-02-30', // 5
      '  end: 2030', // 6
      'owner: ai-do', // 7
      'tasks:', // 8
      '  - number: 1.1', // 9
      '    name: Nhiệm vụ thiếu chủ trì', // 10
      '    coordinators: so-khcn', // 11
      '  - number: "2"', // 12
      '    name: Nhiệm vụ hai', // 13
      '    lead: so-khcn', // 14
      '    coordinators: [so-vhttdl, so-khcn, so-vhttdl]', // 15
      '  - number: "2"', // 16
      '    name: Trùng số', // 17
      '    lead: so-a', // 18
      'peaks:', // 19
      '  - national: ngay-quoc-khanh', // 20
      '  - key: ca-hai', // 21
      '    name: Có cả day và window', // 22
      '    day: 2026-10-10', // 23
      '    window: { start: 2026-10-01, end: 2026-10-10 }', // 24
      '  - key: nguoc', // 25
      '    name: Khoảng ngược', // 26
      '    window: { start: 2026-10-10, end: 2026-10-01 }', // 27
      '    cadence: { portal: 1, tiktok: 2 }', // 28
      'targets:', // 29
      '  - key: qua-tram', // 30
      '    description: Chỉ tiêu vượt 100%', // 31
      '    value: 120', // 32
      '    unit: percent', // 33
      '    year: 2030', // 34
      'reports:', // 35
      '  - key: ca-hai', // 36
      '    name: Có cả due và rrule', // 37
      '    due: Hằng năm', // 38
      '    rrule: FREQ=YEARLY', // 39
      '  - key: qua-day', // 40
      '    name: Lặp từng giây', // 41
      '    rrule: FREQ=SECONDLY', // 42
    ]);
    const problems = problemsOf(parsePlanFile(text));
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['title', 1],
      ['code', 1],
      ['issued', 2],
      ['period.start', 5],
      ['owner', 7],
      ['tasks[0].lead', 9],
      ['tasks[0].number', 9],
      ['tasks[0].coordinators', 11],
      ['tasks[1].coordinators[1]', 15],
      ['tasks[1].coordinators[2]', 15],
      ['tasks[2].number', 16],
      ['peaks[0].national', 20],
      ['peaks[1]', 21],
      ['peaks[2].window.end', 27],
      ['peaks[2].cadence.tiktok', 28],
      ['targets[0].value', 32],
      ['reports[0]', 36],
      ['reports[1].rrule', 42],
    ]);
    const message = (path: string) => problems.find((p) => p.path === path)?.message;
    expect(message('title')).toBe('Thiếu trường bắt buộc "title".');
    expect(message('tasks[0].number')).toBe('Trường "number" phải là chuỗi; hãy đặt giá trị 1.1 trong dấu nháy kép.');
    expect(message('tasks[1].coordinators[1]')).toBe('Cơ quan "so-khcn" vừa chủ trì vừa phối hợp.');
    expect(message('tasks[1].coordinators[2]')).toBe('Mã cơ quan "so-vhttdl" bị lặp lại trong "coordinators".');
    expect(message('tasks[2].number')).toBe('Số thứ tự nhiệm vụ "2" bị lặp lại.');
    expect(message('owner')).toContain('không có trong định dạng kế hoạch');
    expect(message('peaks[0].national')).toContain('digital-transformation-day (10/10)');
    expect(message('reports[1].rrule')).toContain('SECONDLY');
  });

  it('reports a root that is not a mapping', () => {
    expect(problemsOf(parsePlanFile('- code: a\n'))).toEqual([
      { path: '', line: 1, column: 1, message: 'Tệp kế hoạch phải là một khối "khóa: giá trị".' },
    ]);
  });

  it('reports an empty file', () => {
    expect(problemsOf(parsePlanFile('# chỉ có chú thích\n'))).toEqual([
      { path: '', line: 1, column: 1, message: 'Tệp kế hoạch đang trống.' },
    ]);
  });

  it('reports lists written as scalars and an unsupported version', () => {
    const problems = problemsOf(
      parsePlanFile(
        yaml([
          'version: 2',
          'code: a',
          'title: T',
          'issued: 2025',
          'issuer: b',
          'period: { start: 2025, end: 2025 }',
          'tasks: nhiều việc',
        ]),
      ),
    );
    expect(problems.map((p) => [p.path, p.line])).toEqual([
      ['version', 1],
      ['tasks', 7],
    ]);
  });
});
