import { emptyCounts } from '../model/report-assembly';
import type { ReportSnapshot } from '../model/report.types';
import { automaticIndicators, isAutomaticTarget, measure, targetStatus } from './target-measures';

describe('target status', () => {
  it('compares with the goal; a later year not yet reached is in progress', () => {
    expect(targetStatus({ goal: 80, comparator: '>=', year: 2030 }, 81, 2026)).toBe('met');
    expect(targetStatus({ goal: 80, comparator: '>=', year: 2030 }, 64.5, 2026)).toBe('in_progress');
    expect(targetStatus({ goal: 100, comparator: '>=', year: 2026 }, 90, 2026)).toBe('not_met');
    expect(targetStatus({ goal: 100, comparator: '=', year: 2026 }, 100, 2026)).toBe('met');
    expect(targetStatus({ goal: 100, comparator: '>=', year: 2026 }, null, 2026)).toBe('not_entered');
    expect(targetStatus({ goal: null, comparator: null, year: null }, 12, 2026)).toBe('counted');
  });

  it('binds a plan target to a figure Nhịp counts only through a known metric', () => {
    const base = {
      key: 'k',
      description: 'd',
      value: 1,
      unit: 'count' as const,
      year: 2026,
      comparator: '>=' as const,
    };
    expect(isAutomaticTarget({ ...base, metric: 'broadcasts-aired' })).toBe(true);
    expect(isAutomaticTarget({ ...base, metric: 'toString' })).toBe(false);
    expect(isAutomaticTarget(base)).toBe(false);
  });
});

describe('automatic measures', () => {
  const counts = (published: number, loudspeaker = 0) => ({
    ...emptyCounts(),
    published,
    total: published,
    byChannel: { ...emptyCounts().byChannel, loudspeaker },
  });
  const task = (published: number) => ({
    taskId: 't',
    number: '1',
    name: 'n',
    lead: null,
    counts: counts(published),
    links: [],
  });
  const report = {
    totals: counts(12, 5),
    plans: [
      { id: 'p1', totals: counts(10, 5), tasks: [task(4), task(0), task(6)] },
      { id: 'p2', totals: counts(2), tasks: [] },
    ],
    peaks: [{ published: 3 }, { published: 0 }],
  } as unknown as Pick<ReportSnapshot, 'totals' | 'plans' | 'peaks'>;

  it('counts items, broadcasts, tasks with output and covered peaks', () => {
    expect(measure('items-published', report)).toBe(12);
    expect(measure('items-published', report, 'p2')).toBe(2);
    expect(measure('broadcasts-aired', report)).toBe(5);
    expect(measure('tasks-with-output', report)).toBe(66.67);
    expect(measure('tasks-with-output', report, 'p2')).toBeNull();
    expect(measure('peaks-covered', report)).toBe(50);
    expect(automaticIndicators(report).map((t) => [t.key, t.value, t.measurement])).toEqual([
      ['nhip.items-published', 12, 'automatic'],
      ['nhip.broadcasts-aired', 5, 'automatic'],
      ['nhip.tasks-with-output', 66.67, 'automatic'],
      ['nhip.peaks-covered', 50, 'automatic'],
    ]);
  });
});
