import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/client';
import type { BulkResult, FieldChange, Page, QueueItem } from '../api/types';
import { Button, ChannelBadge, Empty, ErrorBox, Loading, Pagination, useToast } from '../components/ui';
import { useResource } from '../lib/hooks';
import { fieldLabel } from '../lib/labels';
import { Link, setQuery, useLocation } from '../lib/router';
import { formatDateTime, formatWeekdayDateTime, relativeFromNow } from '../lib/time';
import { useSession } from '../session';
import { describeRrule, parseRrule } from './composer/RecurrenceEditor';
import { RelayInbox } from './relay/RelayInbox';

const LIMIT = 20;

/** What a bulk action did to one variant, in the words of its new state. */
function bulkOutcome(r: BulkResult): string {
  if (r.state === 'scheduled') return 'đã duyệt và lên lịch.';
  if (r.state === 'approved') return 'đã duyệt nhưng chưa có thời điểm đăng.';
  if (r.state === 'submitted') return 'đã ghi nhận lượt duyệt, chờ lượt duyệt tiếp theo.';
  if (r.state === 'changes_requested') return 'đã trả lại kèm ý kiến.';
  return 'đã xử lý.';
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(trống)';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? formatDateTime(value) : value;
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  if (Array.isArray(value))
    return (
      value
        .map((v) =>
          typeof v === 'object' && v
            ? ((v as { content?: string; url?: string }).content ?? (v as { url?: string }).url ?? JSON.stringify(v))
            : String(v),
        )
        .join(' · ') || '(trống)'
    );
  if (typeof value === 'object') return (value as { url?: string }).url ?? JSON.stringify(value);
  return String(value);
}

function Changes({ changes }: { changes: FieldChange[] }) {
  return (
    <dl className="changes">
      {changes.map((c) => (
        <div key={c.field} className="change">
          <dt>{fieldLabel(c.field)}</dt>
          <dd>
            <del aria-label="Trước">{show(c.before)}</del>
            <ins aria-label="Sau">{show(c.after)}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}

function summaryOf(item: QueueItem): string {
  const c = item.content;
  const text = c.message ?? c.description ?? c.excerpt ?? c.script ?? '';
  return String(text).slice(0, 280);
}

function QueueCard({
  item,
  selected,
  onSelect,
  onDone,
}: {
  item: QueueItem;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onDone: (message: string, kind: 'ok' | 'warn') => void;
}) {
  const [mode, setMode] = useState<'idle' | 'return' | 'approve'>('idle');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const title = item.content.title ?? item.storyTitle;

  const act = async (kind: 'approve' | 'return') => {
    setBusy(true);
    setError(null);
    try {
      const res = await api.post<{ state: string; warnings?: Array<{ message: string }> }>(
        `/variants/${item.variantId}/${kind}`,
        kind === 'return' ? { comment } : comment ? { comment } : {},
      );
      const warn = res.warnings?.map((w) => w.message).join(' ');
      onDone(
        kind === 'return'
          ? `Đã trả lại “${title}” kèm ý kiến.`
          : `Đã duyệt “${title}”${res.state === 'scheduled' ? ' và lên lịch đăng' : res.state === 'submitted' ? ' (chờ lượt duyệt tiếp theo)' : ''}.${warn ? ` ${warn}` : ''}`,
        warn ? 'warn' : 'ok',
      );
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className={`queue-item${selected ? ' selected' : ''}`} data-testid="queue-item">
      <div className="queue-select">
        <input
          type="checkbox"
          id={`pick-${item.variantId}`}
          checked={selected}
          onChange={(e) => onSelect(e.target.checked)}
          disabled={!item.canApprove}
          aria-label={`Chọn “${title}” (${item.channel.name})`}
        />
      </div>
      <div className="queue-body">
        <div className="queue-head">
          <ChannelBadge type={item.channel.type} name={item.channel.name} />
          <span className="queue-when">
            {item.scheduledAt ? (
              <>
                <strong>{formatWeekdayDateTime(item.scheduledAt)}</strong>{' '}
                <span className="muted">({relativeFromNow(item.scheduledAt)})</span>
              </>
            ) : item.nextFreeSlot ? (
              'Khung giờ trống kế tiếp'
            ) : (
              'Chưa đặt giờ'
            )}
            {item.rrule && <span className="muted"> · {describeRrule(parseRrule(item.rrule))}</span>}
          </span>
        </div>
        <h3 className="queue-title">
          <Link to={`/stories/${item.storyId}?variant=${item.variantId}`}>{title}</Link>
        </h3>
        <p className="muted small">
          {item.agency.name} · {item.channel.name}
          {item.submittedBy && (
            <>
              {' '}
              · gửi bởi {item.submittedBy.name}
              {item.submittedAt && <> lúc {formatDateTime(item.submittedAt)}</>}
            </>
          )}{' '}
          · phiên bản {item.revision}
        </p>
        {item.approvals.required > 1 && (
          <p className="small">
            Duyệt {item.approvals.given.length}/{item.approvals.required} bước
            {item.approvals.given.map((g) => (
              <span key={g.step}>
                {' '}
                · bước {g.step}: {g.name}
              </span>
            ))}
          </p>
        )}
        {item.firstReview ? (
          <details className="queue-content">
            <summary>Duyệt lần đầu — xem nội dung</summary>
            <p className="pre">{summaryOf(item)}</p>
          </details>
        ) : (
          <div className="queue-changes">
            <p className="changes-title">Thay đổi từ lần duyệt trước ({item.changes.length}):</p>
            <Changes changes={item.changes} />
          </div>
        )}
        <ErrorBox message={error} />
        {mode !== 'idle' && (
          <div className="queue-comment">
            <label htmlFor={`c-${item.variantId}`}>
              {mode === 'return' ? 'Cần chỉnh sửa gì? (bắt buộc)' : 'Nhận xét (không bắt buộc)'}
            </label>
            <textarea
              id={`c-${item.variantId}`}
              rows={2}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              autoFocus
            />
          </div>
        )}
        <div className="queue-actions">
          {!item.canApprove && (
            <span className="muted small">Bạn không duyệt được nội dung do chính mình soạn hoặc đã duyệt.</span>
          )}
          {mode === 'idle' && (
            <>
              <Button
                variant="primary"
                onClick={() => void act('approve')}
                busy={busy}
                busyLabel="Đang duyệt…"
                disabled={!item.canApprove}
              >
                Duyệt
              </Button>
              <Button onClick={() => setMode('approve')} disabled={!item.canApprove}>
                Duyệt kèm nhận xét
              </Button>
              <Button onClick={() => setMode('return')}>Trả lại</Button>
            </>
          )}
          {mode !== 'idle' && (
            <>
              <Button
                variant={mode === 'return' ? 'danger' : 'primary'}
                onClick={() => void act(mode === 'return' ? 'return' : 'approve')}
                busy={busy}
                busyLabel="Đang gửi…"
                disabled={mode === 'return' && comment.trim().length < 2}
              >
                {mode === 'return' ? 'Gửi yêu cầu chỉnh sửa' : 'Duyệt'}
              </Button>
              <Button variant="ghost" onClick={() => setMode('idle')}>
                Thôi
              </Button>
            </>
          )}
        </div>
      </div>
    </li>
  );
}

export default function QueuePage() {
  const toast = useToast();
  const session = useSession();
  const agencyId = session.agency?.id ?? '';
  const { query } = useLocation();
  const offset = Number(query.get('offset') ?? 0) || 0;
  const queue = useResource(() => api.get<Page<QueueItem>>('/queue', { limit: LIMIT, offset }), [offset]);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkMode, setBulkMode] = useState<'approve' | 'return' | null>(null);
  const [bulkComment, setBulkComment] = useState('');
  const [bulkBusy, setBulkBusy] = useState(false);
  const [bulkResults, setBulkResults] = useState<Array<BulkResult & { title: string; storyId?: string }> | null>(null);

  useEffect(() => {
    document.title = 'Hàng chờ duyệt — Nhịp';
  }, []);
  useEffect(() => setSelected(new Set()), [queue.data]);

  const items = queue.data?.items ?? [];
  const approvable = items.filter((i) => i.canApprove);
  const allSelected = approvable.length > 0 && approvable.every((i) => selected.has(i.variantId));

  const runBulk = async (kind: 'approve' | 'return') => {
    setBulkBusy(true);
    try {
      const ids = [...selected];
      const res = await api.post<{ results: BulkResult[] }>(`/queue/${kind}`, {
        variantIds: ids,
        ...(bulkComment.trim() ? { comment: bulkComment.trim() } : {}),
      });
      const titleOf = (id: string) => {
        const item = items.find((i) => i.variantId === id);
        return item ? `${item.content.title ?? item.storyTitle} (${item.channel.name})` : id;
      };
      setBulkResults(
        res.results.map((r) => ({
          ...r,
          title: titleOf(r.variantId),
          storyId: items.find((i) => i.variantId === r.variantId)?.storyId,
        })),
      );
      const ok = res.results.filter((r) => r.ok).length;
      const warned = res.results.filter((r) => r.ok && (r.warnings?.length ?? 0) > 0).length;
      toast(
        ok < res.results.length ? 'error' : warned > 0 ? 'warn' : 'ok',
        `${kind === 'approve' ? 'Đã duyệt' : 'Đã trả lại'} ${ok}/${res.results.length} nội dung${warned > 0 ? `; ${warned} nội dung chưa lên lịch được, xem kết quả` : ''}.`,
      );
      setBulkMode(null);
      setBulkComment('');
      queue.reload();
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBulkBusy(false);
    }
  };

  return (
    <section className="page" aria-labelledby="queue-title">
      <div className="page-head">
        <div>
          <h1 id="queue-title">Hàng chờ duyệt</h1>
          <p className="muted small">
            Sắp theo giờ đăng, sớm nhất trước. Nội dung đã duyệt mà bị sửa sẽ quay lại đây, kèm những gì đã thay đổi.
          </p>
        </div>
        <Button small onClick={queue.reload}>
          Tải lại
        </Button>
      </div>
      {agencyId && <RelayInbox agencyId={agencyId} canAnswer={session.can('officer', agencyId)} />}
      <ErrorBox message={queue.error} onRetry={queue.reload} />
      {queue.loading && !queue.data && <Loading />}
      {queue.data && items.length === 0 && <Empty>Không có nội dung nào chờ duyệt.</Empty>}

      {items.length > 0 && (
        <div className="bulkbar" role="region" aria-label="Thao tác hàng loạt">
          <label className="check">
            <input
              type="checkbox"
              checked={allSelected}
              onChange={() => setSelected(allSelected ? new Set() : new Set(approvable.map((i) => i.variantId)))}
            />{' '}
            Chọn tất cả trên trang ({approvable.length})
          </label>
          <span className="muted small" aria-live="polite">
            Đã chọn {selected.size}
          </span>
          <Button
            variant="primary"
            small
            disabled={selected.size === 0 || bulkBusy}
            onClick={() => setBulkMode('approve')}
          >
            Duyệt các mục đã chọn
          </Button>
          <Button small disabled={selected.size === 0 || bulkBusy} onClick={() => setBulkMode('return')}>
            Trả lại các mục đã chọn
          </Button>
        </div>
      )}
      {bulkMode && (
        <div
          className="panel bulk-confirm"
          role="dialog"
          aria-label={bulkMode === 'approve' ? 'Duyệt hàng loạt' : 'Trả lại hàng loạt'}
        >
          <label htmlFor="bulk-comment">
            {bulkMode === 'return'
              ? `Cần chỉnh sửa gì? (gửi cho ${selected.size} nội dung, bắt buộc)`
              : `Nhận xét cho ${selected.size} nội dung (không bắt buộc)`}
          </label>
          <textarea id="bulk-comment" rows={2} value={bulkComment} onChange={(e) => setBulkComment(e.target.value)} />
          <div className="form-actions">
            <Button
              variant={bulkMode === 'return' ? 'danger' : 'primary'}
              busy={bulkBusy}
              busyLabel="Đang xử lý…"
              disabled={bulkMode === 'return' && bulkComment.trim().length < 2}
              onClick={() => void runBulk(bulkMode)}
            >
              {bulkMode === 'approve' ? `Duyệt ${selected.size} nội dung` : `Trả lại ${selected.size} nội dung`}
            </Button>
            <Button variant="ghost" onClick={() => setBulkMode(null)}>
              Thôi
            </Button>
          </div>
        </div>
      )}
      {bulkResults && (
        <div className="panel bulk-results" role="status">
          <h2>Kết quả</h2>
          <ul>
            {bulkResults.map((r) => {
              const warned = r.ok && (r.warnings?.length ?? 0) > 0;
              return (
                <li
                  key={r.variantId}
                  className={!r.ok ? 'field-error' : warned ? 'warn-line' : 'ok-line'}
                  data-testid="bulk-result"
                >
                  {!r.ok ? '✕' : warned ? '⚠' : '✓'} {r.title}:{' '}
                  {!r.ok ? r.error?.message : warned ? r.warnings!.map((w) => w.message).join(' ') : bulkOutcome(r)}
                  {warned && (
                    <>
                      {' '}
                      <Link to={`/stories/${r.storyId}?variant=${r.variantId}`}>Chọn thời điểm đăng</Link>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          <Button small variant="ghost" onClick={() => setBulkResults(null)}>
            Đóng
          </Button>
        </div>
      )}

      <ul className="queue-list">
        {items.map((item) => (
          <QueueCard
            key={`${item.variantId}-${item.revision}`}
            item={item}
            selected={selected.has(item.variantId)}
            onSelect={(on) =>
              setSelected((s) => {
                const next = new Set(s);
                if (on) next.add(item.variantId);
                else next.delete(item.variantId);
                return next;
              })
            }
            onDone={(message, kind) => {
              toast(kind, message);
              queue.reload();
            }}
          />
        ))}
      </ul>
      {queue.data && (
        <Pagination
          total={queue.data.total}
          limit={LIMIT}
          offset={offset}
          onChange={(o) => setQuery({ offset: o ? String(o) : null })}
          label="nội dung chờ duyệt"
        />
      )}
    </section>
  );
}
