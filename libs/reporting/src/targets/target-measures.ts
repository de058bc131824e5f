import type { PlanTarget } from '@nhip/calendar';
import type { ReportSnapshot, ReportTarget, TargetStatus } from '../model/report.types';

/** What Nhịp counts itself from the publications table; anything else is entered by hand with a source. */
export const AUTOMATIC_METRICS = {
  'items-published': {
    description: 'Số tin, bài, sản phẩm truyền thông đã đăng, phát trên các kênh',
    unit: 'count',
    source: 'Nhịp tự động đếm các lượt đăng thành công trong kỳ',
  },
  'broadcasts-aired': {
    description: 'Số lượt phát bản tin trên hệ thống truyền thanh cơ sở',
    unit: 'count',
    source: 'Nhịp tự động đếm các lượt phát thành công trên kênh truyền thanh cơ sở trong kỳ',
  },
  'tasks-with-output': {
    description: 'Tỷ lệ nhiệm vụ của kế hoạch có sản phẩm truyền thông đã đăng trong kỳ',
    unit: 'percent',
    source: 'Nhịp tự động tính: số nhiệm vụ có ít nhất một lượt đăng thành công / tổng số nhiệm vụ',
  },
  'peaks-covered': {
    description: 'Tỷ lệ đợt cao điểm trong kỳ có tin, bài được đăng',
    unit: 'percent',
    source: 'Nhịp tự động tính: số đợt cao điểm có lượt đăng thành công / số đợt cao điểm trong kỳ',
  },
} as const;

export type AutomaticMetric = keyof typeof AUTOMATIC_METRICS;

export function isAutomaticMetric(value: unknown): value is AutomaticMetric {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(AUTOMATIC_METRICS, value);
}

/** A plan's target as stored on the plan; `metric` binds it to a figure Nhịp counts. */
export type StoredTarget = PlanTarget & { metric?: string };

export function isAutomaticTarget(target: StoredTarget): boolean {
  return isAutomaticMetric(target.metric);
}

type Counted = Pick<ReportSnapshot, 'totals' | 'plans' | 'peaks'>;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** A metric's value over the report's data, or null when it has nothing to divide by. */
export function measure(metric: AutomaticMetric, report: Counted, planId?: string): number | null {
  const plans = planId ? report.plans.filter((p) => p.id === planId) : report.plans;
  switch (metric) {
    case 'items-published':
      return planId ? plans.reduce((n, p) => n + p.totals.published, 0) : report.totals.published;
    case 'broadcasts-aired':
      return planId
        ? plans.reduce((n, p) => n + p.totals.byChannel.loudspeaker, 0)
        : report.totals.byChannel.loudspeaker;
    case 'tasks-with-output': {
      const tasks = plans.flatMap((p) => p.tasks);
      return tasks.length ? round2((100 * tasks.filter((t) => t.counts.published > 0).length) / tasks.length) : null;
    }
    case 'peaks-covered':
      return report.peaks.length
        ? round2((100 * report.peaks.filter((p) => p.published > 0).length) / report.peaks.length)
        : null;
  }
}

/** Whether a value reaches a goal; a goal of a later year not yet reached is still in progress. */
export function targetStatus(
  target: { goal: number | null; comparator: '>=' | '=' | null; year: number | null },
  value: number | null,
  periodYear: number,
): TargetStatus {
  if (target.goal === null || target.comparator === null) return value === null ? 'not_entered' : 'counted';
  if (value === null) return 'not_entered';
  const met = target.comparator === '=' ? value === target.goal : value >= target.goal;
  if (met) return 'met';
  return target.year !== null && target.year > periodYear ? 'in_progress' : 'not_met';
}

/** Nhịp's own indicators, which every report carries whatever its plans say. */
export function automaticIndicators(report: Counted): ReportTarget[] {
  return (Object.keys(AUTOMATIC_METRICS) as AutomaticMetric[]).map((metric) => {
    const def = AUTOMATIC_METRICS[metric];
    const value = measure(metric, report);
    return {
      key: `nhip.${metric}`,
      planId: null,
      planCode: null,
      description: def.description,
      unit: def.unit,
      comparator: null,
      goal: null,
      year: null,
      measurement: 'automatic' as const,
      value,
      source: def.source,
      note: null,
      valueId: null,
      enteredBy: null,
      enteredAt: null,
      status: value === null ? ('not_entered' as const) : ('counted' as const),
    };
  });
}

export const TARGET_STATUS_LABELS: Record<TargetStatus, string> = {
  met: 'Đạt',
  not_met: 'Chưa đạt',
  in_progress: 'Đang thực hiện',
  not_entered: 'Chưa có số liệu',
  counted: 'Tự động đếm',
};
