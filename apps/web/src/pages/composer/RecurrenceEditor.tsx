import { useEffect, useId, useState } from 'react';
import { api, messageOf } from '../../api/client';
import { useDebounced } from '../../lib/hooks';
import { addDays, formatWeekdayDateTime, parseVnDate, todayVn, wallMinutes } from '../../lib/time';

/** The friendly form of an RRULE: what people mean by "every Monday and Thursday, ten times". */
export interface RecurrenceForm {
  freq: 'none' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'custom';
  interval: number;
  byDay: string[];
  byMonthDay: number | null;
  end: 'count' | 'until' | 'never';
  count: number;
  until: string;
  custom: string;
}

const DAYS: Array<[string, string]> = [
  ['MO', 'T2'],
  ['TU', 'T3'],
  ['WE', 'T4'],
  ['TH', 'T5'],
  ['FR', 'T6'],
  ['SA', 'T7'],
  ['SU', 'CN'],
];
const DAY_NAMES: Record<string, string> = {
  MO: 'thứ Hai',
  TU: 'thứ Ba',
  WE: 'thứ Tư',
  TH: 'thứ Năm',
  FR: 'thứ Sáu',
  SA: 'thứ Bảy',
  SU: 'Chủ nhật',
};

export function parseRrule(rrule: string | null): RecurrenceForm {
  const form: RecurrenceForm = {
    freq: 'none',
    interval: 1,
    byDay: [],
    byMonthDay: null,
    end: 'count',
    count: 4,
    until: '',
    custom: rrule ?? '',
  };
  if (!rrule) return form;
  const parts = Object.fromEntries(rrule.split(';').map((p) => p.split('=') as [string, string]));
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL']);
  if (
    !['DAILY', 'WEEKLY', 'MONTHLY'].includes(parts.FREQ) ||
    Object.keys(parts).some((k) => !known.has(k)) ||
    (parts.BYDAY && /\d/.test(parts.BYDAY))
  ) {
    return { ...form, freq: 'custom' };
  }
  form.freq = parts.FREQ as RecurrenceForm['freq'];
  form.interval = Number(parts.INTERVAL ?? 1) || 1;
  form.byDay = parts.BYDAY ? parts.BYDAY.split(',') : [];
  form.byMonthDay = parts.BYMONTHDAY ? Number(parts.BYMONTHDAY) : null;
  if (parts.COUNT) {
    form.end = 'count';
    form.count = Number(parts.COUNT);
  } else if (parts.UNTIL) {
    form.end = 'until';
    const u = parts.UNTIL.slice(0, 8);
    form.until = `${u.slice(6, 8)}/${u.slice(4, 6)}/${u.slice(0, 4)}`;
  } else form.end = 'never';
  return form;
}

/** The RRULE the form describes; null for no recurrence, or a Vietnamese reason when it is incomplete. */
export function buildRrule(form: RecurrenceForm): { rrule: string | null; error?: string } {
  if (form.freq === 'none') return { rrule: null };
  if (form.freq === 'custom')
    return form.custom.trim()
      ? { rrule: form.custom.trim().replace(/^RRULE:/i, '') }
      : { rrule: null, error: 'Nhập quy tắc lặp (RRULE).' };
  const parts = [`FREQ=${form.freq}`];
  if (form.interval > 1) parts.push(`INTERVAL=${form.interval}`);
  if (form.freq === 'WEEKLY' && form.byDay.length)
    parts.push(
      `BYDAY=${DAYS.map(([d]) => d)
        .filter((d) => form.byDay.includes(d))
        .join(',')}`,
    );
  if (form.freq === 'MONTHLY' && form.byMonthDay) parts.push(`BYMONTHDAY=${form.byMonthDay}`);
  if (form.end === 'count') {
    if (!(form.count >= 1)) return { rrule: null, error: 'Số lần lặp phải từ 1 trở lên.' };
    parts.push(`COUNT=${form.count}`);
  } else if (form.end === 'until') {
    const day = parseVnDate(form.until);
    if (!day) return { rrule: null, error: 'Ngày kết thúc phải có dạng dd/mm/yyyy.' };
    parts.push(`UNTIL=${day.replace(/-/g, '')}`);
  }
  return { rrule: parts.join(';') };
}

export function describeRrule(form: RecurrenceForm): string {
  if (form.freq === 'none') return 'Không lặp lại';
  if (form.freq === 'custom') return `Quy tắc tùy chỉnh: ${form.custom}`;
  const unit = { DAILY: 'ngày', WEEKLY: 'tuần', MONTHLY: 'tháng' }[form.freq];
  let text = form.interval > 1 ? `Mỗi ${form.interval} ${unit}` : `Hằng ${unit}`;
  if (form.freq === 'WEEKLY' && form.byDay.length)
    text += ` vào ${DAYS.filter(([d]) => form.byDay.includes(d))
      .map(([d]) => DAY_NAMES[d])
      .join(', ')}`;
  if (form.freq === 'MONTHLY' && form.byMonthDay) text += ` vào ngày ${form.byMonthDay}`;
  if (form.end === 'count') text += `, ${form.count} lần`;
  if (form.end === 'until' && form.until) text += `, đến hết ngày ${form.until}`;
  return text;
}

export function RecurrenceEditor({
  value,
  onChange,
  startAt,
  disabled,
}: {
  value: RecurrenceForm;
  onChange: (form: RecurrenceForm) => void;
  startAt: string | null;
  disabled?: boolean;
}) {
  const id = useId();
  const set = (changes: Partial<RecurrenceForm>) => onChange({ ...value, ...changes });
  const built = buildRrule(value);
  const settled = useDebounced(`${built.rrule ?? ''}|${startAt ?? ''}`, 400);
  const [preview, setPreview] = useState<{ occurrences: string[]; error: string | null; loading: boolean }>({
    occurrences: [],
    error: null,
    loading: false,
  });

  useEffect(() => {
    const [rrule, at] = settled.split('|');
    if (!rrule || !at) return setPreview({ occurrences: [], error: null, loading: false });
    let stale = false;
    const from = todayVn();
    setPreview((p) => ({ ...p, loading: true }));
    api
      .post<{ occurrences: string[] }>('/recurrence/preview', {
        rrule,
        dtstart: wallMinutes(at),
        from,
        to: addDays(addDays(from, 365), -1),
        maxCount: 6,
      })
      .then(
        (r) => !stale && setPreview({ occurrences: r.occurrences, error: null, loading: false }),
        (e) => !stale && setPreview({ occurrences: [], error: messageOf(e), loading: false }),
      );
    return () => {
      stale = true;
    };
  }, [settled]);

  return (
    <fieldset className="recurrence" disabled={disabled}>
      <legend>Lặp lại</legend>
      <div className="row">
        <label htmlFor={`${id}-freq`} className="sr-only">
          Kiểu lặp
        </label>
        <select
          id={`${id}-freq`}
          value={value.freq}
          onChange={(e) => set({ freq: e.target.value as RecurrenceForm['freq'] })}
        >
          <option value="none">Không lặp lại</option>
          <option value="DAILY">Hằng ngày</option>
          <option value="WEEKLY">Hằng tuần</option>
          <option value="MONTHLY">Hằng tháng</option>
          <option value="custom">Tùy chỉnh (RRULE)</option>
        </select>
        {['DAILY', 'WEEKLY', 'MONTHLY'].includes(value.freq) && (
          <label className="inline">
            mỗi
            <input
              type="number"
              min={1}
              max={99}
              className="input-num"
              value={value.interval}
              onChange={(e) => set({ interval: Math.max(1, Number(e.target.value) || 1) })}
            />
            {{ DAILY: 'ngày', WEEKLY: 'tuần', MONTHLY: 'tháng' }[value.freq as 'DAILY']}
          </label>
        )}
      </div>
      {value.freq === 'WEEKLY' && (
        <div className="weekdays" role="group" aria-label="Các ngày trong tuần">
          {DAYS.map(([code, short]) => (
            <label key={code} className="chip-check">
              <input
                type="checkbox"
                checked={value.byDay.includes(code)}
                onChange={() =>
                  set({
                    byDay: value.byDay.includes(code) ? value.byDay.filter((d) => d !== code) : [...value.byDay, code],
                  })
                }
              />
              <span aria-label={DAY_NAMES[code]}>{short}</span>
            </label>
          ))}
        </div>
      )}
      {value.freq === 'MONTHLY' && (
        <label className="inline">
          vào ngày
          <input
            type="number"
            min={1}
            max={31}
            className="input-num"
            value={value.byMonthDay ?? ''}
            placeholder="như ngày bắt đầu"
            onChange={(e) => set({ byMonthDay: e.target.value ? Number(e.target.value) : null })}
          />
          hằng tháng
        </label>
      )}
      {value.freq === 'custom' && (
        <label className="block">
          Quy tắc RRULE (giờ Việt Nam)
          <input
            type="text"
            value={value.custom}
            placeholder="FREQ=WEEKLY;BYDAY=MO,TH;COUNT=8"
            onChange={(e) => set({ custom: e.target.value })}
            spellCheck={false}
          />
        </label>
      )}
      {['DAILY', 'WEEKLY', 'MONTHLY'].includes(value.freq) && (
        <div className="row end-row">
          <span>Kết thúc:</span>
          <label className="inline">
            <input
              type="radio"
              name={`${id}-end`}
              checked={value.end === 'count'}
              onChange={() => set({ end: 'count' })}
            />{' '}
            sau
            <input
              type="number"
              min={1}
              max={366}
              className="input-num"
              value={value.count}
              onChange={(e) => set({ count: Number(e.target.value) || 1, end: 'count' })}
              aria-label="Số lần lặp"
            />{' '}
            lần
          </label>
          <label className="inline">
            <input
              type="radio"
              name={`${id}-end`}
              checked={value.end === 'until'}
              onChange={() => set({ end: 'until' })}
            />{' '}
            đến ngày
            <input
              type="text"
              inputMode="numeric"
              className="input-date"
              placeholder="dd/mm/yyyy"
              value={value.until}
              onChange={(e) => set({ until: e.target.value, end: 'until' })}
              aria-label="Ngày kết thúc lặp"
            />
          </label>
        </div>
      )}
      {value.freq !== 'none' && (
        <div className="recurrence-summary" aria-live="polite">
          <p>
            <strong>{describeRrule(value)}</strong>
            {built.rrule && (
              <>
                {' '}
                · <code>{built.rrule}</code>
              </>
            )}
          </p>
          {built.error && <p className="field-error">{built.error}</p>}
          {!startAt && <p className="hint">Chọn ngày giờ đăng lần đầu để xem các lần lặp.</p>}
          {preview.error && <p className="field-error">{preview.error}</p>}
          {preview.occurrences.length > 0 && (
            <>
              <p className="hint">Các lần đăng tới:</p>
              <ol className="occurrences">
                {preview.occurrences.map((o) => (
                  <li key={o}>{formatWeekdayDateTime(o)}</li>
                ))}
              </ol>
            </>
          )}
        </div>
      )}
    </fieldset>
  );
}
