import { api } from '../../api/client';
import type { PlanDetail, PlanSummary } from '../../api/types';
import { Field } from '../../components/ui';
import { useResource } from '../../lib/hooks';
import { formatDate } from '../../lib/time';

/**
 * What the story serves: a task of a plan in reach and a peak of one (a national day or the plan's own
 * window). Linked, the story counts under that task and peak in the calendar, the gaps and the report.
 */
export function PlanLinkFields({
  planTaskId,
  peakId,
  onChange,
}: {
  planTaskId: string;
  peakId: string;
  onChange: (link: { planTaskId?: string; peakId?: string }) => void;
}) {
  const plans = useResource(async () => {
    const list = await api.get<PlanSummary[]>('/plans');
    return Promise.all(
      list.map((p) => api.get<PlanDetail>(`/plans/${p.id}`).then((d) => ({ ...d, number: p.number }))),
    );
  }, []);
  const label = (p: Pick<PlanSummary, 'number' | 'title'>) =>
    p.number ?? (p.title.length > 60 ? `${p.title.slice(0, 59)}…` : p.title);
  return (
    <>
      <Field label="Nhiệm vụ kế hoạch" id="story-plan-task">
        {(p) => (
          <select {...p} value={planTaskId} onChange={(e) => onChange({ planTaskId: e.target.value })}>
            <option value="">Không gắn nhiệm vụ</option>
            {(plans.data ?? []).map((plan) => (
              <optgroup key={plan.id} label={label(plan)}>
                {plan.tasks.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.number}. {t.name.length > 90 ? `${t.name.slice(0, 89)}…` : t.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        )}
      </Field>
      <Field label="Đợt cao điểm" id="story-peak">
        {(p) => (
          <select {...p} value={peakId} onChange={(e) => onChange({ peakId: e.target.value })}>
            <option value="">Không gắn đợt cao điểm</option>
            {(plans.data ?? [])
              .filter((plan) => plan.peaks.length > 0)
              .map((plan) => (
                <optgroup key={plan.id} label={label(plan)}>
                  {plan.peaks.map((k) => (
                    <option key={k.id} value={k.id}>
                      {k.name} (
                      {k.startsOn === k.endsOn
                        ? formatDate(k.startsOn)
                        : `${formatDate(k.startsOn)} – ${formatDate(k.endsOn)}`}
                      )
                    </option>
                  ))}
                </optgroup>
              ))}
          </select>
        )}
      </Field>
    </>
  );
}
