import { countPublications, placeName, sumCounts, taskRows, untiedRow } from './report-assembly';
import type { ReportPublication } from './report.types';

let seq = 0;
function pub(input: Partial<ReportPublication> = {}): ReportPublication {
  seq += 1;
  return {
    id: `p${seq}`,
    storyId: input.storyId ?? `s${seq}`,
    title: `Tin ${seq}`,
    format: 'news',
    agency: { id: 'a', name: 'Cơ quan' },
    unitId: 'a',
    planId: null,
    taskId: null,
    taskNumber: null,
    peakKey: null,
    channelType: 'portal',
    channelAccount: 'Cổng',
    state: 'published',
    occurrenceAt: '2026-03-01T01:00:00.000Z',
    publishedAt: '2026-03-01T01:02:00.000Z',
    url: `https://example.gov.vn/${seq}`,
    ...input,
  };
}

describe('report counts', () => {
  it('counts every publication once by state, and splits the published ones by channel and format', () => {
    const rows = [
      pub({ storyId: 's1', channelType: 'portal', format: 'article' }),
      pub({ storyId: 's1', channelType: 'loudspeaker', format: 'article', url: null }),
      pub({ storyId: 's2', channelType: 'zalo', format: 'video' }),
      pub({ state: 'failed' }),
      pub({ state: 'unknown' }),
      pub({ state: 'scheduled' }),
      pub({ state: 'publishing' }),
    ];
    const c = countPublications(rows);
    expect(c).toMatchObject({ total: 7, published: 3, failed: 1, unknown: 1, pending: 2, stories: 2 });
    expect(c.byChannel).toEqual({ portal: 1, facebook: 0, zalo: 1, loudspeaker: 1 });
    expect(c.byFormat).toEqual({ news: 0, article: 2, feature: 0, video: 1, infographic: 0, broadcast: 0 });
  });

  it('gives every task a row, even without output, and the untied row the rest; the parts add up', () => {
    const rows = [
      pub({ taskId: 't1' }),
      pub({ taskId: 't1', state: 'failed' }),
      pub({ taskId: 't2' }),
      pub(),
      pub({ url: null }),
    ];
    const tasks = taskRows(
      [
        { id: 't1', planId: 'p', number: '1', name: 'Nhiệm vụ một', lead: null },
        { id: 't2', planId: 'p', number: '2', name: 'Nhiệm vụ hai', lead: null },
        { id: 't3', planId: 'p', number: '3', name: 'Nhiệm vụ ba', lead: null },
      ],
      rows,
    );
    expect(tasks.map((t) => [t.number, t.counts.total, t.counts.published, t.links.length])).toEqual([
      ['1', 2, 1, 1],
      ['2', 1, 1, 1],
      ['3', 0, 0, 0],
    ]);
    const untied = untiedRow(rows, new Set(['p']));
    expect([untied.counts.total, untied.links.length]).toEqual([2, 1]);
    expect(sumCounts([...tasks.map((t) => t.counts), untied.counts])).toEqual(countPublications(rows));
  });
});

describe('document wording', () => {
  it('names the place of the date line', () => {
    expect(placeName('Ủy ban nhân dân phường Đăk Bla')).toBe('Đăk Bla');
    expect(placeName('Ủy ban nhân dân tỉnh Quảng Ngãi')).toBe('Quảng Ngãi');
    expect(placeName('UBND thành phố Hà Tĩnh')).toBe('Hà Tĩnh');
  });
});
