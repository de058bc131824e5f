import { useState } from 'react';
import { api, messageOf } from '../../api/client';
import type { ChannelType } from '../../api/types';
import { Button, ErrorBox, useToast } from '../../components/ui';
import { useResource } from '../../lib/hooks';
import { CHANNEL_LABELS } from '../../lib/labels';
import { Link } from '../../lib/router';
import { formatDateTime } from '../../lib/time';
import { RELAY_LEVEL_LABELS } from './RelayPanel';

interface InboxItem {
  relay: {
    id: string;
    window: { from: string; to: string };
    channels: ChannelType[];
    level: string;
    locked: boolean;
    note: string;
  };
  from: { id: string; name: string };
  story: { id: string; title: string; summary: string };
  state: 'offered' | 'adopted' | 'declined';
  adoptedStoryId: string | null;
}

/**
 * "Tin dùng chung từ cấp trên": what agencies above offered this one. Using an offer drafts the agency's
 * own story and variants (its approval rules then apply); declining says why. The agency decides.
 */
export function RelayInbox({ agencyId, canAnswer }: { agencyId: string; canAnswer: boolean }) {
  const inbox = useResource(() => api.get<InboxItem[]>(`/agencies/${agencyId}/relay-offers`), [agencyId]);
  const items = inbox.data ?? [];
  if (!inbox.error && items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="relay-inbox-title">
      <h2 id="relay-inbox-title">Tin dùng chung từ cấp trên</h2>
      <ErrorBox message={inbox.error} onRetry={inbox.reload} />
      <ul className="relay-inbox">
        {items.map((item) => (
          <Offer key={item.relay.id} item={item} agencyId={agencyId} canAnswer={canAnswer} onAnswered={inbox.reload} />
        ))}
      </ul>
    </section>
  );
}

function Offer({
  item,
  agencyId,
  canAnswer,
  onAnswered,
}: {
  item: InboxItem;
  agencyId: string;
  canAnswer: boolean;
  onAnswered: () => void;
}) {
  const toast = useToast();
  const [mode, setMode] = useState<'idle' | 'edit' | 'decline'>('idle');
  const [title, setTitle] = useState(item.story.title);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/relays/${item.relay.id}/agencies/${agencyId}`;

  const answer = async (kind: 'adopt' | 'decline') => {
    setBusy(true);
    setError(null);
    try {
      if (kind === 'adopt')
        await api.post(
          `${base}/adopt`,
          mode === 'edit' && title.trim() !== item.story.title ? { edits: { title } } : {},
        );
      else await api.post(`${base}/decline`, { reason });
      toast(
        'ok',
        kind === 'adopt' ? 'Đã tạo tin của đơn vị từ tin dùng chung; mở tin để duyệt và đăng.' : 'Đã ghi nhận.',
      );
      onAnswered();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="relay-offer" data-testid="relay-offer">
      <p className="eyebrow">
        {item.from.name} · đăng {formatDateTime(item.relay.window.from)} – {formatDateTime(item.relay.window.to)}
      </p>
      <h3>{item.story.title}</h3>
      {item.story.summary && <p className="small">{item.story.summary}</p>}
      <p className="small">
        Kênh: {item.relay.channels.map((c) => CHANNEL_LABELS[c]).join(', ')}
        {item.relay.channels.includes('loudspeaker') && ` · bản tin ${RELAY_LEVEL_LABELS[item.relay.level]}`}
        {item.relay.locked && <span className="badge"> Giữ nguyên văn</span>}
      </p>
      {item.relay.note && <p className="notice">{item.relay.note}</p>}
      <ErrorBox message={error} />
      {item.state === 'adopted' && (
        <p className="small">
          Đã tiếp nhận. {item.adoptedStoryId && <Link to={`/stories/${item.adoptedStoryId}`}>Mở tin của đơn vị</Link>}
        </p>
      )}
      {item.state === 'declined' && <p className="small muted">Đã chọn không sử dụng.</p>}
      {item.state === 'offered' && canAnswer && (
        <>
          {mode === 'edit' && (
            <label className="stacked">
              Tiêu đề cho đơn vị
              <input value={title} onChange={(e) => setTitle(e.target.value)} />
            </label>
          )}
          {mode === 'decline' && (
            <label className="stacked">
              Lý do không sử dụng
              <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
            </label>
          )}
          <div className="form-actions">
            {mode !== 'decline' && (
              <Button small variant="primary" busy={busy} onClick={() => void answer('adopt')}>
                Dùng tin này
              </Button>
            )}
            {mode === 'idle' && !item.relay.locked && (
              <Button small onClick={() => setMode('edit')}>
                Sửa tiêu đề rồi dùng
              </Button>
            )}
            {mode === 'idle' && (
              <Button small variant="ghost" onClick={() => setMode('decline')}>
                Không dùng
              </Button>
            )}
            {mode === 'decline' && (
              <Button small variant="danger" busy={busy} onClick={() => void answer('decline')}>
                Xác nhận không dùng
              </Button>
            )}
            {mode !== 'idle' && (
              <Button small variant="ghost" onClick={() => setMode('idle')}>
                Thôi
              </Button>
            )}
          </div>
        </>
      )}
    </li>
  );
}
