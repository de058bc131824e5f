import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client';
import { CHANNEL_TYPES, type ChannelType } from '../../api/types';
import { Button, ErrorBox, useToast } from '../../components/ui';
import { useResource } from '../../lib/hooks';
import { CHANNEL_LABELS } from '../../lib/labels';
import { formatDateTime, fromWallDate, toWallString } from '../../lib/time';

type RecipientState = 'offered' | 'adopted' | 'declined';

interface CoverageChannel {
  channelType: ChannelType;
  accountName: string;
  variantState: string;
  publicationState: string | null;
  url: string | null;
  reason: string | null;
}

interface Coverage {
  relay: { id: string; window: { from: string; to: string }; channels: ChannelType[]; level: string; locked: boolean };
  summary: {
    offered: number;
    adopted: number;
    declined: number;
    waiting: number;
    byChannel: Record<ChannelType, { agencies: number; published: number; scheduled: number; failed: number }>;
  };
  agencies: Array<{
    agency: { id: string; name: string };
    state: RecipientState;
    reason: string | null;
    channels: CoverageChannel[];
  }>;
}

export const RELAY_LEVEL_LABELS: Record<string, string> = {
  normal: 'Thông thường',
  priority: 'Ưu tiên',
  emergency: 'Khẩn cấp',
};

const ANSWER_LABELS: Record<RecipientState, string> = {
  offered: 'Chưa trả lời',
  adopted: 'Đã tiếp nhận',
  declined: 'Không sử dụng',
};

/** Where one channel of one agency stands, in words. */
function channelStatus(c: CoverageChannel): string {
  if (c.publicationState === 'published') return 'Đã đăng';
  if (c.publicationState === 'failed' || c.publicationState === 'unknown') return 'Lỗi';
  if (c.publicationState === 'scheduled' || c.publicationState === 'publishing') return 'Đã lên lịch';
  if (c.variantState === 'submitted') return 'Chờ duyệt';
  if (c.variantState === 'approved') return 'Đã duyệt';
  return 'Đang soạn';
}

const hoursFromNow = (h: number) => toWallString(new Date(Date.now() + h * 3600_000)).slice(0, 16);

/**
 * On a story of an agency with subordinates: offer it to them ("Chuyển cho cấp dưới") and, once offered,
 * see who carried it on which channel.
 */
export function RelayPanel({ storyId, canOffer }: { storyId: string; canOffer: boolean }) {
  const toast = useToast();
  const coverage = useResource(
    () =>
      api.get<Coverage>(`/stories/${storyId}/relay`).catch((e: unknown) => {
        if ((e as { status?: number }).status === 404) return null;
        throw e;
      }),
    [storyId],
  );
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<'communes' | 'subordinates'>('communes');
  const [from, setFrom] = useState(hoursFromNow(1));
  const [to, setTo] = useState(hoursFromNow(24));
  const [channels, setChannels] = useState<ChannelType[]>(['portal', 'facebook', 'zalo']);
  const [level, setLevel] = useState('normal');
  const [locked, setLocked] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const offer = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/stories/${storyId}/relay`, {
        scope,
        window: { from: fromWallDate(new Date(`${from}:00Z`)), to: fromWallDate(new Date(`${to}:00Z`)) },
        channels,
        level,
        locked,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      toast('ok', 'Đã chuyển tin cho cấp dưới.');
      setOpen(false);
      coverage.reload();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  const c = coverage.data;
  return (
    <section className="panel" aria-labelledby="relay-title">
      <h2 id="relay-title">Chuyển cho cấp dưới</h2>
      <ErrorBox message={coverage.error} onRetry={coverage.reload} />
      {c === null && !open && (
        <p className="muted small">
          Đề nghị các xã, phường (hoặc đơn vị trực thuộc) đăng tin này trên kênh của mình; mỗi nơi tự quyết định dùng
          hay không, và bạn thấy nơi nào đã đăng.
        </p>
      )}
      {canOffer && !open && (
        <Button small onClick={() => setOpen(true)}>
          {c ? 'Chuyển thêm / sửa đề nghị' : 'Chuyển cho cấp dưới'}
        </Button>
      )}
      {open && (
        <form className="relay-form" onSubmit={offer} aria-label="Đề nghị cấp dưới sử dụng tin">
          <ErrorBox message={error} />
          <label className="stacked">
            Gửi tới
            <select value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
              <option value="communes">Tất cả xã, phường</option>
              <option value="subordinates">Các đơn vị trực thuộc trực tiếp</option>
            </select>
          </label>
          <div className="row">
            <label className="stacked">
              Đăng từ
              <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} required />
            </label>
            <label className="stacked">
              đến
              <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} required />
            </label>
          </div>
          <fieldset>
            <legend>Kênh đề nghị</legend>
            {CHANNEL_TYPES.map((t) => (
              <label key={t} className="check">
                <input
                  type="checkbox"
                  checked={channels.includes(t)}
                  onChange={(e) => setChannels((cs) => (e.target.checked ? [...cs, t] : cs.filter((x) => x !== t)))}
                />{' '}
                {CHANNEL_LABELS[t]}
              </label>
            ))}
          </fieldset>
          {channels.includes('loudspeaker') && (
            <label className="stacked">
              Mức bản tin truyền thanh
              <select value={level} onChange={(e) => setLevel(e.target.value)}>
                {Object.entries(RELAY_LEVEL_LABELS).map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="check">
            <input type="checkbox" checked={locked} onChange={(e) => setLocked(e.target.checked)} /> Giữ nguyên văn (cấp
            dưới không được sửa tiêu đề, tóm tắt, nội dung)
          </label>
          <label className="stacked">
            Ghi chú cho cấp dưới
            <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={busy} busyLabel="Đang chuyển…">
              Chuyển tin
            </Button>
            <Button variant="ghost" onClick={() => setOpen(false)}>
              Thôi
            </Button>
          </div>
        </form>
      )}
      {c && (
        <div data-testid="relay-coverage">
          <p>
            Gửi {c.summary.offered} nơi, {formatDateTime(c.relay.window.from)} – {formatDateTime(c.relay.window.to)}:{' '}
            <strong>{c.summary.adopted}</strong> đã tiếp nhận, <strong>{c.summary.declined}</strong> không sử dụng,{' '}
            <strong>{c.summary.waiting}</strong> chưa trả lời.
            {c.relay.locked && <span className="badge"> Giữ nguyên văn</span>}
          </p>
          <ul className="relay-channels">
            {c.relay.channels.map((t) => (
              <li key={t}>
                {CHANNEL_LABELS[t]}: {c.summary.byChannel[t].published}/{c.summary.byChannel[t].agencies} đã đăng,{' '}
                {c.summary.byChannel[t].scheduled} đã lên lịch
                {c.summary.byChannel[t].failed > 0 && `, ${c.summary.byChannel[t].failed} lỗi`}
              </li>
            ))}
          </ul>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Cơ quan</th>
                <th scope="col">Trả lời</th>
                {c.relay.channels.map((t) => (
                  <th scope="col" key={t}>
                    {CHANNEL_LABELS[t]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {c.agencies.map((a) => (
                <tr key={a.agency.id}>
                  <td data-label="Cơ quan">{a.agency.name}</td>
                  <td data-label="Trả lời">
                    {ANSWER_LABELS[a.state]}
                    {a.reason && <span className="muted small">: {a.reason}</span>}
                  </td>
                  {c.relay.channels.map((t) => {
                    const ch = a.channels.filter((x) => x.channelType === t);
                    return (
                      <td key={t} data-label={CHANNEL_LABELS[t]}>
                        {ch.length === 0
                          ? '—'
                          : ch.map((x) =>
                              x.url ? (
                                <a key={x.accountName} href={x.url} target="_blank" rel="noreferrer">
                                  {channelStatus(x)}
                                </a>
                              ) : (
                                <span key={x.accountName} title={x.reason ?? undefined}>
                                  {channelStatus(x)}
                                </span>
                              ),
                            )}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
