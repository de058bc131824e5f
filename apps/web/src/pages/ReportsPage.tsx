import { type FormEvent, useEffect, useState } from 'react';
import { api, download, messageOf } from '../api/client';
import { CHANNEL_TYPES, type ChannelType, type PlanSummary } from '../api/types';
import { Button, Empty, ErrorBox, Loading, useToast } from '../components/ui';
import { useAction, useResource } from '../lib/hooks';
import { CHANNEL_LABELS, STATE_LABELS } from '../lib/labels';
import { setQuery, useLocation } from '../lib/router';
import { formatDate, formatDateTime, parseVnDate, todayVn } from '../lib/time';
import { useSession } from '../session';
import { REPORT_STATE_LABELS, ReportState, ReportWorkflow, type WorkflowReport } from './ReportWorkflow';

interface Counts {
  total: number;
  published: number;
  failed: number;
  unknown: number;
  pending: number;
  stories: number;
  byChannel: Record<ChannelType, number>;
}

interface ReportSummary {
  id: string;
  number: string;
  state: ReportState;
  period: { key: string; from: string; to: string };
  createdAt: string;
}

/** The parts of a report snapshot the preview shows; the documents carry the rest. */
interface Report extends Omit<WorkflowReport, 'plans' | 'agency' | 'document'> {
  id: string;
  number: string;
  generatedAt: string;
  generatedBy: { name: string } | null;
  agency: { id: string; name: string };
  period: { key: string; label: string; from: string; to: string };
  agencyCount: number;
  notice: string | null;
  totals: Counts;
  plans: Array<{
    id: string;
    reference: string;
    totals: Counts;
    tasks: Array<{ taskId: string | null; number: string; name: string; counts: Counts }>;
  }>;
  peaks: Array<{
    key: string;
    name: string;
    from: string;
    to: string;
    published: number;
    covered: boolean;
    missing: number;
  }>;
  failures: Array<{
    publicationId: string;
    title: string;
    channelType: ChannelType;
    at: string;
    state: string;
    reason: string | null;
  }>;
  targets: Array<{
    key: string;
    planId: string | null;
    measurement: 'automatic' | 'manual';
    description: string;
    value: number | null;
    goal: number | null;
    unit: string;
    status: string;
    source: string | null;
  }>;
  document: { title: string } & WorkflowReport['document'];
}

/**
 * A value Nhịp cannot count, entered with its source (the api refuses one without). The report on screen
 * is the stored snapshot, so the value reaches the documents in the next report made for the period.
 */
function TargetEntry({
  agencyId,
  planId,
  target,
  period,
}: {
  agencyId: string;
  planId: string;
  target: { key: string; description: string; value: number | null; source: string | null; unit: string };
  period: { from: string; to: string };
}) {
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(target.value === null ? '' : String(target.value));
  const [source, setSource] = useState(target.source ?? '');
  const [saved, setSaved] = useState<string | null>(null);
  const save = useAction(async () => {
    await api.put('/target-values', {
      agency: agencyId,
      plan: planId,
      target: target.key,
      period,
      value: value.trim() === '' ? null : Number(value.replace(',', '.')),
      source,
    });
    const text = `Đã lưu ${value}${target.unit === 'percent' ? '%' : ''} (nguồn: ${source.trim()}). Bấm "Cập nhật số liệu" của dự thảo để đưa số liệu vào văn bản.`;
    setSaved(text);
    toast('ok', text);
    setOpen(false);
  });
  const id = `tv-${planId.slice(0, 8)}-${target.key}`;
  if (!open)
    return (
      <>
        {' '}
        <Button small onClick={() => setOpen(true)}>
          {target.value === null ? 'Nhập số liệu' : 'Sửa số liệu'}
        </Button>
        {saved && (
          <p className="notice notice-ok" role="status">
            {saved}
          </p>
        )}
      </>
    );
  return (
    <form
      className="target-entry"
      aria-label={`Nhập số liệu: ${target.description}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save.run();
      }}
    >
      <label htmlFor={`${id}-value`}>Giá trị{target.unit === 'percent' ? ' (%)' : ''}</label>
      <input
        id={`${id}-value`}
        inputMode="decimal"
        className="input-num"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <label htmlFor={`${id}-source`}>Nguồn số liệu (bắt buộc)</label>
      <input
        id={`${id}-source`}
        value={source}
        placeholder="Ví dụ: Kết quả khảo sát của Phòng Văn hóa - Xã hội, tháng 6/2026"
        onChange={(e) => setSource(e.target.value)}
      />
      <ErrorBox message={save.error} />
      <div className="form-actions">
        <Button type="submit" variant="primary" small busy={save.busy} busyLabel="Đang lưu…">
          Lưu số liệu
        </Button>
        <Button small variant="ghost" onClick={() => setOpen(false)}>
          Hủy
        </Button>
      </div>
    </form>
  );
}

const TARGET_STATUS: Record<string, string> = {
  met: 'Đạt',
  not_met: 'Chưa đạt',
  in_progress: 'Đang thực hiện',
  not_entered: 'Chưa nhập số liệu',
  counted: 'Nhịp tự đếm',
};

function periodOptions() {
  const year = Number(todayVn().slice(0, 4));
  return [year, year - 1].flatMap((y) => [
    { value: `${y}-H1`, label: `6 tháng đầu năm ${y}` },
    { value: `${y}-H2`, label: `6 tháng cuối năm ${y}` },
    { value: `${y}`, label: `Cả năm ${y}` },
  ]);
}

export default function ReportsPage() {
  const session = useSession();
  const toast = useToast();
  const { query } = useLocation();
  const agencyId = session.agency?.id ?? '';
  const selected = query.get('report');
  const list = useResource(
    () => (agencyId ? api.get<ReportSummary[]>('/reports', { agency: agencyId }) : Promise.resolve([])),
    [agencyId],
  );
  const report = useResource(
    () => (selected ? api.get<Report>(`/reports/${selected}`) : Promise.resolve(null)),
    [selected],
  );
  const plans = useResource(() => api.get<PlanSummary[]>('/plans'), []);
  const [period, setPeriod] = useState(periodOptions()[0].value);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [plan, setPlan] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Báo cáo — Nhịp';
  }, []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    let body: unknown = period;
    if (period === 'custom') {
      const f = parseVnDate(from);
      const t = parseVnDate(to);
      if (!f || !t) return setError('Nhập ngày bắt đầu và kết thúc dạng dd/mm/yyyy.');
      body = { from: f, to: t };
    }
    setBusy(true);
    try {
      const created = await api.post<Report>('/reports', { agency: agencyId, period: body, ...(plan ? { plan } : {}) });
      toast('ok', `Đã lập báo cáo số ${created.number}.`);
      list.reload();
      setQuery({ report: created.id });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const save = async (format: 'docx' | 'xlsx' | 'csv') => {
    if (!selected) return;
    try {
      await download(`/reports/${selected}.${format}`, `bao-cao.${format}`);
    } catch (e) {
      toast('error', messageOf(e));
    }
  };

  const r = report.data;
  return (
    <section className="page" aria-labelledby="reports-title">
      <div className="page-head">
        <div>
          <h1 id="reports-title">Báo cáo</h1>
          <p className="muted small">
            Báo cáo kết quả thực hiện kế hoạch theo kỳ (6 tháng, cả năm), lập từ số liệu đăng bài của{' '}
            {session.agency?.name} và các cơ quan trực thuộc.
          </p>
        </div>
      </div>
      {session.can('officer', agencyId) && (
        <form className="panel" onSubmit={create} aria-labelledby="new-report-title">
          <h2 id="new-report-title">Lập báo cáo</h2>
          <ErrorBox message={error} />
          <div className="row">
            <label className="inline">
              Kỳ báo cáo
              <select value={period} onChange={(e) => setPeriod(e.target.value)}>
                {periodOptions().map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
                <option value="custom">Khoảng ngày khác…</option>
              </select>
            </label>
            {period === 'custom' && (
              <>
                <label className="inline">
                  Từ ngày
                  <input
                    className="input-date"
                    placeholder="dd/mm/yyyy"
                    inputMode="numeric"
                    value={from}
                    onChange={(e) => setFrom(e.target.value)}
                  />
                </label>
                <label className="inline">
                  đến ngày
                  <input
                    className="input-date"
                    placeholder="dd/mm/yyyy"
                    inputMode="numeric"
                    value={to}
                    onChange={(e) => setTo(e.target.value)}
                  />
                </label>
              </>
            )}
            <label className="inline">
              Kế hoạch
              <select value={plan} onChange={(e) => setPlan(e.target.value)}>
                <option value="">Mọi kế hoạch trong kỳ</option>
                {(plans.data ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title.length > 70 ? `${p.title.slice(0, 69)}…` : p.title}
                  </option>
                ))}
              </select>
            </label>
            <Button type="submit" variant="primary" busy={busy} busyLabel="Đang lập báo cáo…">
              Lập báo cáo
            </Button>
          </div>
        </form>
      )}

      <div className="reports-layout">
        <section className="panel" aria-labelledby="report-list-title">
          <h2 id="report-list-title">Đã lập</h2>
          <ErrorBox message={list.error} onRetry={list.reload} />
          {list.loading && !list.data && <Loading />}
          {list.data && list.data.length === 0 && <Empty>Chưa có báo cáo nào.</Empty>}
          <ul className="report-list">
            {list.data?.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  className={`linklike${item.id === selected ? ' current' : ''}`}
                  aria-current={item.id === selected || undefined}
                  onClick={() => setQuery({ report: item.id })}
                >
                  Số {item.number}: {formatDate(item.period.from)} – {formatDate(item.period.to)}
                </button>
                <span className="muted small">
                  {' '}
                  · {REPORT_STATE_LABELS[item.state] ?? item.state} · lập {formatDateTime(item.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        </section>

        <section className="panel report-preview" aria-label="Xem trước báo cáo">
          {!selected && <p className="muted">Chọn một báo cáo để xem trước và tải về.</p>}
          <ErrorBox message={report.error} onRetry={report.reload} />
          {selected && report.loading && <Loading label="Đang mở báo cáo…" />}
          {r && (
            <>
              <p className="eyebrow">
                Số {r.number} · {r.period.label}
              </p>
              <h2>{r.document.title}</h2>
              <p className="muted small">
                {r.agency.name} và {r.agencyCount - 1} cơ quan trực thuộc · lập {formatDateTime(r.generatedAt)}
                {r.generatedBy && <> bởi {r.generatedBy.name}</>}
              </p>
              <div className="form-actions">
                <Button small variant="primary" onClick={() => void save('docx')}>
                  {r.lifecycle.state === 'approved' ? 'Tải văn bản đã duyệt (.docx)' : 'Tải dự thảo Word (.docx)'}
                </Button>
                <Button small onClick={() => void save('xlsx')}>
                  Tải Excel (.xlsx)
                </Button>
                <Button small onClick={() => void save('csv')}>
                  Tải CSV
                </Button>
              </div>
              <ReportWorkflow
                report={r}
                onChanged={() => {
                  report.reload();
                  list.reload();
                }}
              />
              {r.notice && <p className="notice">{r.notice}</p>}
              <h3>Tổng hợp</h3>
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Lượt đăng</th>
                    <th scope="col">Đã đăng</th>
                    <th scope="col">Đang chờ</th>
                    <th scope="col">Lỗi</th>
                    <th scope="col">Chưa rõ</th>
                    {CHANNEL_TYPES.map((c) => (
                      <th scope="col" key={c}>
                        {CHANNEL_LABELS[c]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <td data-label="Lượt đăng">{r.totals.total}</td>
                    <td data-label="Đã đăng">{r.totals.published}</td>
                    <td data-label="Đang chờ">{r.totals.pending}</td>
                    <td data-label="Lỗi">{r.totals.failed}</td>
                    <td data-label="Chưa rõ">{r.totals.unknown}</td>
                    {CHANNEL_TYPES.map((c) => (
                      <td key={c} data-label={CHANNEL_LABELS[c]}>
                        {r.totals.byChannel[c] ?? 0}
                      </td>
                    ))}
                  </tr>
                </tbody>
              </table>
              {r.plans.map((p) => (
                <details key={p.id} className="report-plan">
                  <summary>
                    {p.reference} — {p.totals.published} bài đã đăng
                  </summary>
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">Nhiệm vụ</th>
                        <th scope="col">Đã đăng</th>
                        <th scope="col">Đang chờ</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.tasks.map((t) => (
                        <tr key={t.taskId ?? 'untied'}>
                          <td data-label="Nhiệm vụ">
                            {t.number}. {t.name}
                          </td>
                          <td data-label="Đã đăng">{t.counts.published}</td>
                          <td data-label="Đang chờ">{t.counts.pending}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              ))}
              {r.peaks.length > 0 && (
                <>
                  <h3>Đợt cao điểm</h3>
                  <ul>
                    {r.peaks.map((p) => (
                      <li key={p.key}>
                        {p.name} ({p.from} – {p.to}): {p.published} bài đã đăng
                        {p.missing > 0 ? `, còn thiếu ${p.missing} bài so với nhịp` : ''}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {r.targets.length > 0 && (
                <>
                  <h3>Chỉ tiêu</h3>
                  <ul>
                    {r.targets.map((t) => (
                      <li key={`${t.planId ?? ''}-${t.key}`} data-testid="report-target">
                        {t.description}: {t.value ?? '—'}
                        {t.unit === 'percent' ? '%' : ''}
                        {t.goal !== null && ` / ${t.goal}${t.unit === 'percent' ? '%' : ''}`} —{' '}
                        {TARGET_STATUS[t.status] ?? t.status}
                        {t.source && t.measurement === 'manual' && <span className="muted"> (nguồn: {t.source})</span>}
                        {t.measurement === 'manual' &&
                          t.planId &&
                          r.lifecycle.state === 'draft' &&
                          session.can('officer', r.agency.id) && (
                            <TargetEntry
                              agencyId={r.agency.id}
                              planId={t.planId}
                              target={t}
                              period={{ from: r.period.from, to: r.period.to }}
                            />
                          )}
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {r.failures.length > 0 && (
                <>
                  <h3>Lượt đăng lỗi</h3>
                  <ul>
                    {r.failures.map((f) => (
                      <li key={f.publicationId}>
                        {f.at} · {CHANNEL_LABELS[f.channelType]} · {f.title} — {STATE_LABELS[f.state] ?? f.state}
                        {f.reason && `: ${f.reason}`}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </section>
      </div>
    </section>
  );
}
