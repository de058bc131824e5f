import { useState } from 'react';
import { api, messageOf } from '../api/client';
import type { Publication, PublicationAttempt } from '../api/types';
import { CHANNEL_LABELS, OUTCOME_LABELS } from '../lib/labels';
import { Link } from '../lib/router';
import { formatDateTime } from '../lib/time';
import { Button, ChannelBadge, StateBadge, useToast } from './ui';

/** The publications API answers with a list or a page; both read the same here. */
export function itemsOf<T>(data: T[] | { items: T[] } | undefined): T[] {
  if (!data) return [];
  return Array.isArray(data) ? data : data.items;
}

const RETRYABLE = new Set(['failed', 'unknown']);

export function PublicationRow({ publication, onChanged, showStory = true, canAct }: { publication: Publication; onChanged: (p?: Publication) => void; showStory?: boolean; canAct: boolean }) {
  const toast = useToast();
  const [open, setOpen] = useState(publication.state === 'failed');
  const [attempts, setAttempts] = useState<PublicationAttempt[] | null>(publication.attempts ?? null);
  const [busy, setBusy] = useState<'retry' | 'cancel' | 'load' | null>(null);
  const type = publication.channel?.type ?? publication.channelType;
  const reason = publication.lastError?.message;

  const toggle = async () => {
    setOpen(!open);
    if (!open && attempts === null) {
      setBusy('load');
      try {
        const full = await api.get<Publication>(`/publications/${publication.id}`);
        setAttempts(full.attempts ?? []);
      } catch (e) {
        toast('error', messageOf(e));
      } finally {
        setBusy(null);
      }
    }
  };

  const act = async (action: 'retry' | 'cancel') => {
    setBusy(action);
    try {
      const updated = await api.post<Publication>(`/publications/${publication.id}/${action}`);
      toast('ok', action === 'retry' ? 'Đã xếp lượt đăng lại. Nhịp sẽ đăng ngay khi kênh sẵn sàng.' : 'Đã hủy lượt đăng.');
      onChanged(updated && typeof updated === 'object' ? updated : undefined);
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <li className={`pub pub-${publication.state}`} data-testid="publication">
      <div className="pub-main">
        <div className="pub-head">
          {type && <ChannelBadge type={type} name={publication.channel?.name} />}
          <StateBadge state={publication.state} />
          <span className="pub-time">{formatDateTime(publication.occurrenceAt)}</span>
        </div>
        {showStory && publication.storyTitle && (
          <p className="pub-title">
            {publication.storyId ? <Link to={`/stories/${publication.storyId}?variant=${publication.variantId}`}>{publication.storyTitle}</Link> : publication.storyTitle}
          </p>
        )}
        <p className="muted small">
          {publication.channel?.name ?? (type ? CHANNEL_LABELS[type] : '')} · {publication.attemptCount} lượt thử
          {publication.nextAttemptAt && <> · thử lại lúc {formatDateTime(publication.nextAttemptAt)}</>}
          {publication.publishedAt && <> · đăng lúc {formatDateTime(publication.publishedAt)}</>}
        </p>
        {reason && (
          <p className="pub-error" role={publication.state === 'failed' ? 'alert' : undefined}>
            <strong>Lý do:</strong> {reason}
          </p>
        )}
        {publication.externalUrl && (
          <a href={publication.externalUrl} target="_blank" rel="noreferrer" className="small">
            Xem bài trên kênh ↗
          </a>
        )}
      </div>
      <div className="pub-actions">
        <Button small onClick={() => void toggle()} aria-expanded={open} busy={busy === 'load'}>
          {open ? 'Ẩn các lượt thử' : 'Các lượt thử'}
        </Button>
        {canAct && RETRYABLE.has(publication.state) && (
          <Button small variant="primary" onClick={() => void act('retry')} busy={busy === 'retry'} busyLabel="Đang xếp lượt…">
            Thử lại
          </Button>
        )}
        {canAct && publication.state === 'scheduled' && (
          <Button small variant="danger" onClick={() => void act('cancel')} busy={busy === 'cancel'} busyLabel="Đang hủy…">
            Hủy lượt đăng
          </Button>
        )}
      </div>
      {open && attempts && (
        <ol className="attempts" aria-label="Các lượt thử">
          {attempts.length === 0 && <li className="muted">Chưa có lượt thử nào.</li>}
          {attempts.map((a) => (
            <li key={a.id ?? a.number}>
              <strong>Lượt {a.number}</strong> · {formatDateTime(a.startedAt)}
              {a.outcome && <> · {OUTCOME_LABELS[a.outcome] ?? a.outcome}</>}
              {a.errorMessage && <div className="pub-error">{a.errorMessage}</div>}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
