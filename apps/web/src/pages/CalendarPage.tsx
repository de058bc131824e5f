import {
  Calendar,
  type DayHeaderContentArg,
  type EventContentArg,
  type EventDropArg,
  type EventInput,
  type EventSourceFuncArg,
} from '@fullcalendar/core';
import viLocale from '@fullcalendar/core/locales/vi';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type DateClickArg } from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import timeGridPlugin from '@fullcalendar/timegrid';
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, apiPath, messageOf } from '../api/client';
import {
  type CadenceGap,
  type CalendarEntry,
  type Campaign,
  CHANNEL_TYPES,
  type ChannelType,
  type PlanDetail,
  type PlanSummary,
  type Variant,
} from '../api/types';
import { Button, Dialog, ErrorBox, Pagination, StateBadge, useToast } from '../components/ui';
import { compareVi, sortByName } from '../lib/collate';
import { useResource } from '../lib/hooks';
import { CHANNEL_LABELS, CHANNEL_SHORT, KIND_LABELS, STATE_LABELS } from '../lib/labels';
import { Link, setQuery, useLocation } from '../lib/router';
import {
  addDays,
  formatDate,
  formatDateTime,
  formatWeekdayDateTime,
  fromWallDate,
  todayVn,
  toWallString,
  wallDay,
} from '../lib/time';
import { useSession } from '../session';

const VIEWS = { month: 'dayGridMonth', week: 'timeGridWeek', agenda: 'listMonth' } as const;
type ViewKey = keyof typeof VIEWS;
const viewKeyOf = (type: string): ViewKey =>
  (Object.entries(VIEWS).find(([, v]) => v === type)?.[0] as ViewKey) ?? 'month';

/** Colours chosen for contrast (white text on channel colours, dark text on pale task and report fills). */
const CHANNEL_COLORS: Record<ChannelType, string> = {
  portal: '#1d5fa8',
  facebook: '#3b4fc4',
  zalo: '#007a87',
  loudspeaker: '#a24b00',
};
const KIND_COLORS = {
  task: { backgroundColor: '#eef0fb', borderColor: '#5b4bb7', textColor: '#2e2470' },
  report: { backgroundColor: '#fdecea', borderColor: '#b3261e', textColor: '#7d1a14' },
  peakDay: { backgroundColor: '#c62828', borderColor: '#c62828', textColor: '#ffffff' },
  gap: { backgroundColor: '#ffffff', borderColor: '#d98c00', textColor: '#6b4300' },
};

const STATE_MARKS: Record<string, string> = {
  scheduled: '◷',
  publishing: '⟳',
  published: '✓',
  failed: '⚠',
  unknown: '?',
  cancelled: '✕',
  draft: '✎',
  changes_requested: '↩',
  submitted: '◔',
  approved: '◌',
};
/** A scheduled publication past its time is not "Đã lên lịch" any more. */
const OVERDUE_MARK = '⚑';
const OVERDUE_LABEL = 'Quá giờ đăng';
const stateLabelOf = (entry: CalendarEntry) =>
  entry.overdue
    ? OVERDUE_LABEL
    : entry.kind === 'variant' && entry.status === 'approved'
      ? 'Đã duyệt, chưa lên lịch'
      : (STATE_LABELS[entry.status] ?? entry.status);
/** A peak longer than a month is a season (Q2–Q3), drawn as a paler band under the peaks. */
const SEASON_DAYS = 31;

interface Filters {
  agency: string;
  kinds: string[];
  channel: string;
  campaign: string;
  plan: string;
  task: string;
  status: string;
  ongoing: boolean;
  gaps: boolean;
}

type Selection =
  { kind: 'entry'; entry: CalendarEntry } | { kind: 'day'; day: string } | { kind: 'gaps'; day: string } | null;

function readFilters(query: URLSearchParams, defaultAgency: string): Filters {
  return {
    agency: query.get('agency') ?? defaultAgency,
    kinds: (query.get('kinds') ?? 'publication,variant,task,peak,report').split(',').filter((k) => k in KIND_LABELS),
    channel: query.get('channel') ?? '',
    campaign: query.get('campaign') ?? '',
    plan: query.get('plan') ?? '',
    task: query.get('task') ?? '',
    status: query.get('status') ?? '',
    ongoing: query.get('ongoing') === '1',
    gaps: query.get('gaps') !== '0',
  };
}

function dayCount(entry: CalendarEntry) {
  return Math.round((Date.parse(entry.end) - Date.parse(entry.start)) / 86_400_000);
}

/** Calendar entries → the widget's events. Instants become Vietnam wall time, the widget runs in "UTC". */
function toEvents(entries: CalendarEntry[], filters: Filters, canDrag: (e: CalendarEntry) => boolean): EventInput[] {
  const events: EventInput[] = [];
  for (const entry of entries) {
    if (entry.kind === 'task' && entry.status === 'ongoing' && !filters.ongoing) continue;
    // Cancelled occurrences (an edit, a move) only clutter the calendar unless asked for.
    if (entry.kind === 'publication' && entry.status === 'cancelled' && filters.status !== 'cancelled') continue;
    const common = { id: entry.id, title: entry.title, extendedProps: { entry } };
    if (entry.kind === 'peak') {
      const season = dayCount(entry) > SEASON_DAYS;
      events.push({
        ...common,
        id: `${entry.id}#band`,
        start: entry.start,
        end: entry.end,
        allDay: true,
        display: 'background',
        classNames: [season ? 'band-season' : 'band-peak'],
      });
      // The day itself (10/10, 18/5, 01/10) stands out in every view, the agenda included.
      if (!season) {
        const day = addDays(entry.end, -1);
        events.push({
          ...common,
          ...KIND_COLORS.peakDay,
          title: `★ ${entry.title.replace(/^Cao điểm:\s*/, '')}`,
          start: day,
          end: entry.end,
          allDay: true,
          editable: false,
          classNames: ['ev-peak-day'],
        });
      }
      continue;
    }
    if (entry.kind === 'publication') {
      const type = entry.channel?.type;
      const color = type ? CHANNEL_COLORS[type] : '#4f5b6b';
      events.push({
        ...common,
        backgroundColor: color,
        borderColor: color,
        textColor: '#ffffff',
        start: toWallString(entry.start),
        end: toWallString(entry.end),
        allDay: false,
        startEditable: canDrag(entry),
        durationEditable: false,
        classNames: ['ev-publication', `st-${entry.status}`, ...(entry.overdue ? ['st-overdue'] : [])],
      });
      continue;
    }
    if (entry.kind === 'variant') {
      // Not scheduled yet: the channel's colour as an outline only, so it never reads as a publication.
      const type = entry.channel?.type;
      events.push({
        ...common,
        backgroundColor: '#ffffff',
        borderColor: type ? CHANNEL_COLORS[type] : '#4f5b6b',
        textColor: '#1a2330',
        start: toWallString(entry.start),
        end: toWallString(entry.end),
        allDay: false,
        editable: false,
        classNames: ['ev-variant', `st-${entry.status}`],
      });
      continue;
    }
    const colors = entry.kind === 'report' ? KIND_COLORS.report : KIND_COLORS.task;
    events.push({
      ...common,
      ...colors,
      start: entry.start,
      end: entry.end,
      allDay: entry.allDay,
      editable: false,
      classNames: [`ev-${entry.kind}`, `st-${entry.status}`],
    });
  }
  return events;
}

function gapEvents(gaps: CadenceGap[]): EventInput[] {
  const byDay = new Map<string, number>();
  for (const g of gaps) byDay.set(g.date, (byDay.get(g.date) ?? 0) + g.missing);
  return [...byDay].map(([day, missing]) => ({
    id: `gap:${day}`,
    title: `Thiếu ${missing} bài`,
    start: day,
    allDay: true,
    editable: false,
    ...KIND_COLORS.gap,
    classNames: ['ev-gap'],
    extendedProps: { gapDay: day },
  }));
}

const NARROW_WEEKDAY = new Intl.DateTimeFormat('vi', { weekday: 'narrow', timeZone: 'UTC' });

/** A week column on a phone is about 40 px: "T2" over "30/11" fits it, "Thứ 2, 30/11" does not. */
function narrowWeekHeader(arg: DayHeaderContentArg) {
  const weekday = document.createElement('span');
  weekday.className = 'day-head-weekday';
  weekday.textContent = NARROW_WEEKDAY.format(arg.date);
  const date = document.createElement('span');
  date.className = 'day-head-date';
  const iso = arg.date.toISOString();
  date.textContent = `${iso.slice(8, 10)}/${iso.slice(5, 7)}`;
  return { domNodes: [weekday, date] };
}

function renderContent(arg: EventContentArg) {
  const entry = arg.event.extendedProps.entry as CalendarEntry | undefined;
  const el = document.createElement('div');
  el.className = 'ev';
  // Bands are named in the line above the calendar; in the cells they only colour the days.
  if (arg.event.display === 'background') return { domNodes: [] };
  if (entry?.kind === 'publication' || entry?.kind === 'variant') {
    const label = stateLabelOf(entry);
    const mark = document.createElement('span');
    mark.className = 'ev-mark';
    mark.textContent = entry.overdue ? OVERDUE_MARK : (STATE_MARKS[entry.status] ?? '');
    mark.title = label;
    const channel = document.createElement('span');
    channel.className = 'ev-channel';
    channel.textContent = entry.channel ? CHANNEL_SHORT[entry.channel.type] : '';
    const time = document.createElement('span');
    time.className = 'ev-time';
    time.textContent = arg.timeText;
    const title = document.createElement('span');
    title.className = 'ev-title';
    title.textContent = arg.event.title;
    el.append(mark, ' ', time, ' ', channel, ' ', title);
    el.title = `${arg.event.title} — ${label}`;
    el.setAttribute(
      'aria-label',
      `${entry.channel ? CHANNEL_LABELS[entry.channel.type] : ''} ${arg.timeText}: ${arg.event.title} — ${label}`,
    );
    return { domNodes: [el] };
  }
  el.textContent = arg.event.title;
  el.title = arg.event.title;
  return { domNodes: [el] };
}

export default function CalendarPage() {
  const session = useSession();
  const toast = useToast();
  const { query } = useLocation();
  const filters = readFilters(query, session.agency?.id ?? '');
  const filtersKey = JSON.stringify(filters);
  const holder = useRef<HTMLDivElement>(null);
  const calendar = useRef<Calendar | null>(null);
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [gaps, setGaps] = useState<CadenceGap[]>([]);
  const [bands, setBands] = useState<CalendarEntry[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  const [pendingDrop, setPendingDrop] = useState<{ arg: EventDropArg; entry: CalendarEntry } | null>(null);
  const [moving, setMoving] = useState(false);
  const [showFilters, setShowFilters] = useState(false);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const campaigns = useResource(
    () => (filters.agency ? api.get<Campaign[]>(`/agencies/${filters.agency}/campaigns`) : Promise.resolve([])),
    [filters.agency],
  );
  const plans = useResource(() => api.get<PlanSummary[]>('/plans'), []);
  const plan = useResource(
    () => (filters.plan ? api.get<PlanDetail>(`/plans/${filters.plan}`) : Promise.resolve(null)),
    [filters.plan],
  );

  useEffect(() => {
    document.title = 'Lịch biên tập — Nhịp';
  }, []);

  useEffect(() => {
    if (!holder.current) return;
    const narrow = window.matchMedia('(max-width: 700px)').matches;
    const initialView = VIEWS[(query.get('view') as ViewKey) ?? (narrow ? 'agenda' : 'month')] ?? VIEWS.month;
    const cal = new Calendar(holder.current, {
      plugins: [dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin],
      locale: viLocale,
      // Events are handed over as Vietnam wall time and shown as such (see lib/time.ts).
      timeZone: 'UTC',
      now: () => toWallString(new Date()),
      initialView,
      initialDate: query.get('date') ?? todayVn(),
      headerToolbar: { left: 'prev,today,next', center: 'title', right: 'dayGridMonth,timeGridWeek,listMonth' },
      buttonText: { list: 'Lịch biểu' },
      buttonHints: { prev: 'Khoảng trước', next: 'Khoảng sau', today: 'Về hôm nay' },
      noEventsText: 'Không có mục nào trong khoảng thời gian này.',
      height: 'auto',
      dayMaxEvents: narrow ? 2 : 4,
      nowIndicator: true,
      firstDay: 1,
      slotMinTime: '05:00:00',
      slotMaxTime: '23:00:00',
      scrollTime: '07:00:00',
      eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      displayEventEnd: false,
      slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
      listDayFormat: { weekday: 'long', day: '2-digit', month: '2-digit', year: 'numeric' },
      listDaySideFormat: false,
      titleFormat: { month: 'long', year: 'numeric' },
      views: {
        dayGridMonth: { dayHeaderFormat: { weekday: narrow ? 'narrow' : 'short' } },
        timeGridWeek: {
          titleFormat: { day: '2-digit', month: '2-digit', year: 'numeric' },
          dayHeaderFormat: { weekday: 'short', day: '2-digit', month: '2-digit' },
          ...(narrow ? { dayHeaderContent: narrowWeekHeader } : {}),
        },
      },
      editable: true,
      eventDurationEditable: false,
      eventContent: renderContent,
      events: (info: EventSourceFuncArg, success, failure) => {
        loadEntries(info).then(success, (e) => {
          setLoadError(messageOf(e));
          failure(e);
        });
      },
      datesSet: (arg) => {
        const from = wallDay(arg.start);
        const to = addDays(wallDay(arg.end), -1);
        setRange({ from, to });
        const current = wallDay(arg.view.currentStart);
        setQuery({ view: viewKeyOf(arg.view.type), date: current });
      },
      eventClick: (arg) => {
        arg.jsEvent.preventDefault();
        const gapDay = arg.event.extendedProps.gapDay as string | undefined;
        if (gapDay) return setSelection({ kind: 'gaps', day: gapDay });
        const entry = arg.event.extendedProps.entry as CalendarEntry | undefined;
        if (entry) setSelection({ kind: 'entry', entry });
      },
      dateClick: (arg: DateClickArg) => setSelection({ kind: 'day', day: wallDay(arg.date) }),
      eventDrop: (arg) => {
        const entry = arg.event.extendedProps.entry as CalendarEntry;
        setPendingDrop({ arg, entry });
      },
    });
    calendar.current = cal;
    cal.render();
    return () => {
      cal.destroy();
      calendar.current = null;
    };
    // The widget is built once; filters reach it through refs and refetches.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    calendar.current?.refetchEvents();
  }, [filtersKey]);

  async function loadEntries(info: EventSourceFuncArg): Promise<EventInput[]> {
    const f = filtersRef.current;
    const from = wallDay(info.start);
    const to = addDays(wallDay(info.end), -1);
    setLoadError(null);
    const base = { from, to, agency: f.agency || undefined };
    const otherKinds = f.kinds.filter((k) => k !== 'peak');
    const narrowed = {
      channelType: f.channel || undefined,
      campaign: f.campaign || undefined,
      planTask: f.task || undefined,
      status: f.status || undefined,
    };
    const [peaks, others, gapList] = await Promise.all([
      f.kinds.includes('peak')
        ? api.get<{ entries: CalendarEntry[] }>('/calendar', { ...base, kind: 'peak' })
        : { entries: [] },
      otherKinds.length
        ? api.get<{ entries: CalendarEntry[] }>('/calendar', { ...base, kind: otherKinds, ...narrowed })
        : { entries: [] },
      f.gaps ? api.get<{ gaps: CadenceGap[] }>('/calendar/gaps', base) : { gaps: [] },
    ]);
    setGaps(gapList.gaps);
    setBands(peaks.entries);
    const s = sessionRef.current;
    const canDrag = (e: CalendarEntry) =>
      e.status === 'scheduled' && Boolean(e.links.variant) && s.can('officer', e.agency?.id ?? null);
    return [
      ...toEvents(peaks.entries, f, canDrag),
      ...toEvents(others.entries, f, canDrag),
      ...gapEvents(gapList.gaps),
    ];
  }

  async function confirmDrop() {
    if (!pendingDrop) return;
    const { arg } = pendingDrop;
    setMoving(true);
    try {
      const variant = await api.get<Variant>(apiPath(pendingDrop.entry.links.variant));
      // A recurring variant moves as a whole series: its anchor shifts by as much as the dragged occurrence did.
      const shift = Date.parse(fromWallDate(arg.event.start!)) - Date.parse(pendingDrop.entry.start);
      const at = new Date(Date.parse(variant.schedule.at ?? pendingDrop.entry.start) + shift).toISOString();
      const moved = await api.patch<Variant>(`/variants/${variant.id}`, {
        schedule: { at, rrule: variant.schedule.rrule },
        revision: variant.revision,
      });
      toast(
        'ok',
        `Đã dời sang ${formatDateTime(at)}. Nội dung “${pendingDrop.entry.title}” ${moved.state === 'submitted' ? 'quay lại hàng chờ duyệt' : 'đã được cập nhật'}.`,
      );
      setPendingDrop(null);
      calendar.current?.refetchEvents();
    } catch (error) {
      arg.revert();
      setPendingDrop(null);
      toast('error', messageOf(error));
    } finally {
      setMoving(false);
    }
  }

  function cancelDrop() {
    pendingDrop?.arg.revert();
    setPendingDrop(null);
  }

  const update = (changes: Partial<Record<keyof Filters, string | null>>) => setQuery(changes);
  const toggleKind = (kind: string) => {
    const next = filters.kinds.includes(kind) ? filters.kinds.filter((k) => k !== kind) : [...filters.kinds, kind];
    update({ kinds: next.join(',') || 'none' });
  };

  const newAt = pendingDrop?.arg.event.start ? fromWallDate(pendingDrop.arg.event.start) : null;

  return (
    <section className="page page-calendar" aria-labelledby="calendar-title">
      <div className="page-head">
        <h1 id="calendar-title">Lịch biên tập</h1>
        <div className="page-actions">
          <button
            type="button"
            className="btn btn-small filters-toggle"
            aria-expanded={showFilters}
            aria-controls="calendar-filters"
            onClick={() => setShowFilters((s) => !s)}
          >
            Bộ lọc
          </button>
          {session.can('officer') && (
            <Link className="btn btn-primary btn-small" to="/stories/new">
              + Viết tin
            </Link>
          )}
        </div>
      </div>

      <form
        id="calendar-filters"
        className={`filters${showFilters ? ' open' : ''}`}
        aria-label="Bộ lọc lịch"
        onSubmit={(e) => e.preventDefault()}
      >
        <div className="filter">
          <label htmlFor="f-agency">Cơ quan</label>
          <select
            id="f-agency"
            value={filters.agency}
            onChange={(e) => update({ agency: e.target.value || '', campaign: null })}
          >
            <option value="">Tất cả trong phạm vi</option>
            {sortByName(session.agencies, (a) => a.shortName ?? a.name).map((a) => (
              <option key={a.id} value={a.id}>
                {a.shortName ?? a.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="f-channel">Kênh</label>
          <select id="f-channel" value={filters.channel} onChange={(e) => update({ channel: e.target.value })}>
            <option value="">Mọi kênh</option>
            {CHANNEL_TYPES.map((t) => (
              <option key={t} value={t}>
                {CHANNEL_LABELS[t]}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="f-campaign">Chiến dịch</label>
          <select id="f-campaign" value={filters.campaign} onChange={(e) => update({ campaign: e.target.value })}>
            <option value="">Mọi chiến dịch</option>
            {(campaigns.data ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="filter">
          <label htmlFor="f-plan">Kế hoạch</label>
          <select id="f-plan" value={filters.plan} onChange={(e) => update({ plan: e.target.value, task: null })}>
            <option value="">Mọi kế hoạch</option>
            {(plans.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        {filters.plan && (
          <div className="filter">
            <label htmlFor="f-task">Nhiệm vụ</label>
            <select id="f-task" value={filters.task} onChange={(e) => update({ task: e.target.value })}>
              <option value="">Mọi nhiệm vụ của kế hoạch</option>
              {(plan.data?.tasks ?? []).map((t) => (
                <option key={t.id} value={t.id}>
                  {t.number}. {t.name.length > 80 ? `${t.name.slice(0, 79)}…` : t.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="filter">
          <label htmlFor="f-status">Trạng thái</label>
          <select id="f-status" value={filters.status} onChange={(e) => update({ status: e.target.value })}>
            <option value="">Mọi trạng thái</option>
            <optgroup label="Chưa lên lịch">
              {['draft', 'changes_requested', 'submitted', 'approved'].map((s) => (
                <option key={s} value={s}>
                  {s === 'approved' ? 'Đã duyệt, chưa lên lịch' : STATE_LABELS[s]}
                </option>
              ))}
            </optgroup>
            <optgroup label="Bài đăng">
              {['scheduled', 'published', 'failed', 'unknown', 'cancelled'].map((s) => (
                <option key={s} value={s}>
                  {STATE_LABELS[s]}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
        <fieldset className="filter filter-kinds">
          <legend>Hiển thị</legend>
          {(['publication', 'variant', 'task', 'peak', 'report'] as const).map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={filters.kinds.includes(k)} onChange={() => toggleKind(k)} />{' '}
              {KIND_LABELS[k]}
            </label>
          ))}
          <label className="check">
            <input
              type="checkbox"
              checked={filters.ongoing}
              onChange={() => update({ ongoing: filters.ongoing ? null : '1' })}
            />{' '}
            Nhiệm vụ thường xuyên
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={filters.gaps}
              onChange={() => update({ gaps: filters.gaps ? '0' : null })}
            />{' '}
            Ngày còn thiếu bài
          </label>
        </fieldset>
      </form>

      <ErrorBox message={loadError} onRetry={() => calendar.current?.refetchEvents()} />
      <Legend />

      {bands.length > 0 && (
        <p className="bands" aria-live="polite">
          <span className="muted">Đợt cao điểm trong khoảng đang xem:</span>{' '}
          {bands.map((b, i) => (
            <span key={b.id} className={dayCount(b) > SEASON_DAYS ? 'band-chip season' : 'band-chip'}>
              {i > 0 && ' '}
              {b.title.replace(/^Cao điểm:\s*/, '')} ({formatDate(b.start)} – {formatDate(addDays(b.end, -1))})
            </span>
          ))}
        </p>
      )}

      <div className="calendar-layout">
        <div ref={holder} className="calendar-holder" data-testid="calendar" />
        <aside className="calendar-side" aria-live="polite">
          <SelectionPanel selection={selection} gaps={gaps} onClose={() => setSelection(null)} />
        </aside>
      </div>

      {filters.gaps && range && (
        <GapList gaps={gaps} range={range} onPick={(day) => setSelection({ kind: 'gaps', day })} />
      )}

      <Dialog open={pendingDrop !== null} title="Dời lịch đăng?" onClose={cancelDrop}>
        {pendingDrop && (
          <>
            <p>
              Dời <strong>{pendingDrop.entry.title}</strong> (
              {pendingDrop.entry.channel ? CHANNEL_LABELS[pendingDrop.entry.channel.type] : ''}) từ{' '}
              <strong>{formatDateTime(pendingDrop.entry.start)}</strong> sang{' '}
              <strong>{newAt ? formatDateTime(newAt) : ''}</strong>?
            </p>
            <p className="notice">
              Nội dung đã duyệt sẽ quay lại hàng chờ duyệt và chỉ được đăng khi biên tập viên duyệt lại.
            </p>
            <div className="dialog-actions">
              <Button onClick={cancelDrop} disabled={moving}>
                Giữ nguyên
              </Button>
              <Button variant="primary" onClick={() => void confirmDrop()} busy={moving} busyLabel="Đang dời…">
                Dời lịch
              </Button>
            </div>
          </>
        )}
      </Dialog>
    </section>
  );
}

function Legend() {
  return (
    <ul className="legend" aria-label="Chú giải">
      {CHANNEL_TYPES.map((t) => (
        <li key={t}>
          <span className={`swatch ch-${t}`} aria-hidden="true" /> {CHANNEL_LABELS[t]}
        </li>
      ))}
      <li>
        <span className="swatch band-peak" aria-hidden="true" /> Đợt cao điểm
      </li>
      <li>
        <span className="swatch band-season" aria-hidden="true" /> Mùa cao điểm (quý II–III)
      </li>
      <li>
        <span className="swatch ev-task" aria-hidden="true" /> Nhiệm vụ
      </li>
      <li>
        <span className="swatch ev-report" aria-hidden="true" /> Hạn báo cáo
      </li>
      <li>
        <span className="swatch ev-variant" aria-hidden="true" /> Chưa lên lịch
      </li>
      <li className="legend-marks">
        ✎ bản nháp · ↩ cần chỉnh sửa · ◔ chờ duyệt · ◌ đã duyệt, chưa lên lịch · ◷ đã lên lịch · ⚑ quá giờ đăng · ✓ đã
        đăng · ⚠ lỗi · ? chưa rõ · ✕ đã hủy
      </li>
    </ul>
  );
}

function SelectionPanel({
  selection,
  gaps,
  onClose,
}: {
  selection: Selection;
  gaps: CadenceGap[];
  onClose: () => void;
}) {
  const session = useSession();
  if (!selection) {
    return (
      <p className="muted side-hint">
        Chọn một mục hoặc một ngày trên lịch để xem chi tiết. Kéo một bài đã lên lịch sang giờ khác để dời lịch.
      </p>
    );
  }
  const close = (
    <button type="button" className="btn btn-small btn-ghost side-close" onClick={onClose} aria-label="Đóng chi tiết">
      ×
    </button>
  );
  if (selection.kind === 'day' || selection.kind === 'gaps') {
    const dayGaps = gaps.filter((g) => g.date === selection.day);
    return (
      <div className="side-card">
        {close}
        <h2>{formatDate(selection.day)}</h2>
        {dayGaps.length > 0 && (
          <>
            <h3>Còn thiếu so với nhịp cao điểm</h3>
            <ul className="gap-items">
              {dayGaps.map((g) => (
                <li key={`${g.agency.id}-${g.channelType}`}>
                  {g.agency.name} · {CHANNEL_LABELS[g.channelType]}: có {g.scheduled}/{g.expected}, thiếu {g.missing}
                </li>
              ))}
            </ul>
          </>
        )}
        {session.can('officer') && (
          <Link className="btn btn-primary btn-small" to={`/stories/new?date=${selection.day}`}>
            Viết tin cho ngày này
          </Link>
        )}
      </div>
    );
  }
  const e = selection.entry;
  const variantId = e.links.variant ? e.links.variant.split('/').pop() : null;
  const storyId = e.links.story ? e.links.story.split('/').pop() : null;
  return (
    <div className="side-card">
      {close}
      <p className="eyebrow">{KIND_LABELS[e.kind]}</p>
      <h2>{e.title}</h2>
      <dl className="facts">
        <dt>Thời gian</dt>
        <dd>
          {e.allDay
            ? dayCount(e) > 1
              ? `${formatDate(e.start)} – ${formatDate(addDays(e.end, -1))}`
              : formatDate(e.start)
            : formatWeekdayDateTime(e.start)}
        </dd>
        {e.channel && (
          <>
            <dt>Kênh</dt>
            <dd>
              {CHANNEL_LABELS[e.channel.type]} — {e.channel.name}
            </dd>
          </>
        )}
        {e.agency && (
          <>
            <dt>Cơ quan</dt>
            <dd>{e.agency.name}</dd>
          </>
        )}
        <dt>Trạng thái</dt>
        <dd>
          {e.overdue ? (
            <span className="badge state-overdue">{OVERDUE_LABEL}</span>
          ) : e.kind === 'variant' && e.status === 'approved' ? (
            <span className="badge state-approved">Đã duyệt, chưa lên lịch</span>
          ) : (
            <StateBadge state={e.status} />
          )}
        </dd>
      </dl>
      {e.overdue && (
        <p className="notice notice-warn" data-testid="overdue-reason">
          {e.overdue}
        </p>
      )}
      {e.kind === 'variant' && (
        <p className="notice" data-testid="variant-note">
          {e.status === 'submitted'
            ? 'Đang chờ duyệt: chỉ được đăng sau khi biên tập viên duyệt.'
            : e.status === 'approved'
              ? 'Đã duyệt nhưng chưa lên lịch: mở tin bài để chọn thời điểm đăng.'
              : e.status === 'changes_requested'
                ? 'Biên tập viên đã trả lại: sửa rồi gửi duyệt lại.'
                : 'Bản nháp: chưa gửi duyệt.'}
        </p>
      )}
      {e.description && <p className="pre">{e.description}</p>}
      <div className="side-actions">
        {storyId && (
          <Link
            className="btn btn-primary btn-small"
            to={`/stories/${storyId}${variantId ? `?variant=${variantId}` : ''}`}
          >
            Mở tin bài
          </Link>
        )}
        {e.kind === 'publication' && variantId && (
          <Link className="btn btn-small" to={`/publications?variant=${variantId}`}>
            Lượt đăng và lỗi
          </Link>
        )}
        {e.overdue && e.channel && session.can('admin', e.agency?.id ?? null) && (
          <Link className="btn btn-small" to="/admin/channels">
            Xem tài khoản kênh
          </Link>
        )}
        {e.links.external && (
          <a className="btn btn-small" href={e.links.external} target="_blank" rel="noreferrer">
            Xem trên kênh
          </a>
        )}
      </div>
    </div>
  );
}

function GapList({
  gaps,
  range,
  onPick,
}: {
  gaps: CadenceGap[];
  range: { from: string; to: string };
  onPick: (day: string) => void;
}) {
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [range.from, range.to]);
  const sorted = useMemo(
    () => [...gaps].sort((a, b) => a.date.localeCompare(b.date) || compareVi(a.agency.name, b.agency.name)),
    [gaps],
  );
  const limit = 10;
  return (
    <section className="panel gap-list" aria-labelledby="gaps-title">
      <h2 id="gaps-title">Ngày còn thiếu bài trong đợt cao điểm</h2>
      {sorted.length === 0 ? (
        <p className="muted">
          Không có ngày nào thiếu bài từ {formatDate(range.from)} đến {formatDate(range.to)}.
        </p>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Ngày</th>
                <th scope="col">Đợt</th>
                <th scope="col">Cơ quan</th>
                <th scope="col">Kênh</th>
                <th scope="col">Đã có / cần</th>
              </tr>
            </thead>
            <tbody>
              {sorted.slice(offset, offset + limit).map((g) => (
                <tr key={`${g.date}-${g.agency.id}-${g.channelType}`}>
                  <td data-label="Ngày">
                    <button type="button" className="linklike" onClick={() => onPick(g.date)}>
                      {formatDate(g.date)}
                    </button>
                  </td>
                  <td data-label="Đợt">{g.peak.name}</td>
                  <td data-label="Cơ quan">{g.agency.name}</td>
                  <td data-label="Kênh">{CHANNEL_LABELS[g.channelType as ChannelType]}</td>
                  <td data-label="Đã có / cần">
                    {g.scheduled}/{g.expected}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination total={sorted.length} limit={limit} offset={offset} onChange={setOffset} label="khoảng trống" />
        </>
      )}
    </section>
  );
}
