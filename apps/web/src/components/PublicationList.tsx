import { useState } from 'react';
import { api, messageOf } from '../api/client';
import type { Publication } from '../api/types';
import { ACCOUNT_STATUS_LABELS, OUTCOME_LABELS, SANDBOX_LABEL } from '../lib/labels';
import { Link } from '../lib/router';
import { formatDateTime } from '../lib/time';
import { Button, ChannelBadge, StateBadge, useToast } from './ui';

type Busy = 'retry' | 'cancel' | 'published' | 'not-published' | null;

/** What a rehearsal would have sent: the title and the text people would have read or heard. */
function RehearsedContent({ content }: { content: Record<string, unknown> }) {
  const title = typeof content.title === 'string' ? content.title : null;
  const text = [content.message, content.script, content.excerpt, content.description].find(
    (v): v is string => typeof v === 'string' && v !== '',
  );
  return (
    <div className="rehearsed-content" data-testid="rehearsed-content">
      <span className="muted small">Nội dung lẽ ra được gửi:</span>
      {title && <strong> {title}</strong>}
      {text && <p className="small">{text}</p>}
    </div>
  );
}

/**
 * One publication: its state, every attempt with the channel's reason, and what a person may do now.
 * Which actions apply is the API's decision; the buttons only mirror it and the API refuses the rest.
 */
export function PublicationRow({
  publication,
  onChanged,
  showStory = true,
  canAct,
  canSettle,
}: {
  publication: Publication;
  onChanged: (p?: Publication) => void;
  showStory?: boolean;
  canAct: boolean;
  canSettle?: boolean;
}) {
  const toast = useToast();
  const [open, setOpen] = useState(publication.state === 'failed' || publication.state === 'unknown');
  const [busy, setBusy] = useState<Busy>(null);
  const p = publication;
  const reason = p.lastError?.message;
  const retryable = p.state === 'failed' || (p.state === 'unknown' && p.lastError?.needsPerson);

  const run = async (kind: Exclude<Busy, null>, call: () => Promise<Publication>, done: string) => {
    setBusy(kind);
    try {
      const updated = await call();
      toast('ok', done);
      onChanged(updated);
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <li className={`pub pub-${p.state}`} data-testid="publication" data-publication-id={p.id}>
      <div className="pub-main">
        <div className="pub-head">
          <ChannelBadge type={p.channel.type} name={p.channel.name} />
          <StateBadge state={p.state} />
          <span className="pub-time">{formatDateTime(p.occurrenceAt)}</span>
        </div>
        {showStory && (
          <p className="pub-title">
            <Link to={`/stories/${p.story.id}?variant=${p.variantId}`}>{p.story.title}</Link>
          </p>
        )}
        <p className="muted small">
          {p.channel.name}
          {p.channel.accountStatus !== 'active' && (
            <> ({ACCOUNT_STATUS_LABELS[p.channel.accountStatus] ?? p.channel.accountStatus})</>
          )}
          {p.channel.sandbox && <> · {SANDBOX_LABEL}</>} · {p.attemptCount} lượt thử
          {p.nextAttemptAt && p.state === 'scheduled' && <> · lượt kế tiếp {formatDateTime(p.nextAttemptAt)}</>}
          {p.publishedAt && <> · đã đăng lúc {formatDateTime(p.publishedAt)}</>}
        </p>
        {reason && p.state !== 'published' && (
          <p className="pub-error">
            <strong>Lý do:</strong> {reason}
          </p>
        )}
        {p.state === 'rehearsed' && (
          <p className="notice">
            Diễn tập: bài này lẽ ra được gửi lên {p.channel.name} lúc {formatDateTime(p.occurrenceAt)}; không có gì được
            gửi đi. Nội dung dự kiến nằm trong lượt thử.
          </p>
        )}
        {p.externalUrl && (
          <a href={p.externalUrl} target="_blank" rel="noreferrer" className="small">
            Xem bài trên kênh ↗
          </a>
        )}
      </div>
      <div className="pub-actions">
        {p.attempts.length > 0 && (
          <Button small onClick={() => setOpen(!open)} aria-expanded={open}>
            {open ? 'Ẩn các lượt thử' : `Các lượt thử (${p.attempts.length})`}
          </Button>
        )}
        {canAct && retryable && (
          <Button
            small
            variant="primary"
            busy={busy === 'retry'}
            busyLabel="Đang xếp lượt…"
            onClick={() =>
              void run(
                'retry',
                () => api.post(`/publications/${p.id}/retry`),
                'Đã xếp lượt đăng lại; Nhịp sẽ đăng ngay khi kênh sẵn sàng.',
              )
            }
          >
            Thử đăng lại
          </Button>
        )}
        {canAct && p.state === 'scheduled' && (
          <Button
            small
            variant="danger"
            busy={busy === 'cancel'}
            busyLabel="Đang hủy…"
            onClick={() => void run('cancel', () => api.post(`/publications/${p.id}/cancel`), 'Đã hủy lượt đăng.')}
          >
            Hủy lượt đăng
          </Button>
        )}
        {canSettle && p.state === 'unknown' && (
          <>
            <Button
              small
              busy={busy === 'published'}
              onClick={() =>
                void run(
                  'published',
                  () => api.post(`/publications/${p.id}/settle`, { published: true }),
                  'Đã ghi nhận: bài đã lên kênh.',
                )
              }
            >
              Đã thấy bài trên kênh
            </Button>
            <Button
              small
              busy={busy === 'not-published'}
              onClick={() =>
                void run(
                  'not-published',
                  () => api.post(`/publications/${p.id}/settle`, { published: false }),
                  'Đã ghi nhận: bài chưa lên kênh.',
                )
              }
            >
              Bài chưa lên kênh
            </Button>
          </>
        )}
      </div>
      {open && p.attempts.length > 0 && (
        <ol className="attempts" aria-label="Các lượt thử">
          {p.attempts.map((a) => (
            <li key={a.number}>
              <strong>Lượt {a.number}</strong> · {formatDateTime(a.startedAt)}
              {a.outcome && <> · {OUTCOME_LABELS[a.outcome] ?? a.outcome}</>}
              {a.errorMessage && <div className="pub-error">{a.errorMessage}</div>}
              {a.response?.rehearsal && a.response.content && <RehearsedContent content={a.response.content} />}
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
