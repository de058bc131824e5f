import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client';
import { CHANNEL_TYPES, type Feed } from '../../api/types';
import { Button, CopyButton, Empty, ErrorBox, Field, Loading, useToast } from '../../components/ui';
import { useResource } from '../../lib/hooks';
import { CHANNEL_LABELS, KIND_LABELS } from '../../lib/labels';
import { formatDateTime } from '../../lib/time';
import { useSession } from '../../session';

export function FeedsSection({ agencyId }: { agencyId: string }) {
  const session = useSession();
  const toast = useToast();
  const isAdmin = session.can('admin', agencyId);
  const feeds = useResource(() => api.get<Feed[]>(`/agencies/${agencyId}/feeds`), [agencyId]);
  const [created, setCreated] = useState<Feed | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const revoke = async (feed: Feed) => {
    if (!window.confirm(`Thu hồi liên kết “${feed.name}”? Lịch đã đăng ký bằng liên kết này sẽ ngừng cập nhật.`))
      return;
    setBusy(feed.id);
    try {
      await api.del(`/agencies/${agencyId}/feeds/${feed.id}`);
      toast('ok', 'Đã thu hồi liên kết lịch.');
      feeds.reload();
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="admin-section">
      <p className="muted small">
        Cơ quan phối hợp đăng ký lịch của {session.agency?.name} từ ứng dụng lịch của họ (Google Calendar, Outlook, Lịch
        trên điện thoại) bằng một liên kết bí mật. Liên kết chỉ hiện một lần khi tạo; hãy giữ như mật khẩu và thu hồi
        khi không dùng nữa.
      </p>
      {created?.url && (
        <div className="notice notice-ok" role="status">
          <p>
            <strong>Liên kết lịch “{created.name}”</strong> — sao chép ngay, liên kết sẽ không hiện lại:
          </p>
          <div className="copy-row">
            <input readOnly value={created.url} aria-label="Liên kết iCalendar" onFocus={(e) => e.target.select()} />
            <CopyButton text={created.url} />
          </div>
        </div>
      )}
      <ErrorBox message={feeds.error} onRetry={feeds.reload} />
      {feeds.loading && !feeds.data && <Loading />}
      {feeds.data && feeds.data.length === 0 && <Empty>Chưa có liên kết lịch nào.</Empty>}
      {feeds.data && feeds.data.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Tên</th>
              <th scope="col">Nội dung</th>
              <th scope="col">Tạo lúc</th>
              <th scope="col">Lần dùng gần nhất</th>
              <th scope="col">
                <span className="sr-only">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {feeds.data.map((f) => {
              const kinds = (f.filters.kinds as string[] | undefined) ?? [];
              const channels = (f.filters.channelTypes as string[] | undefined) ?? [];
              return (
                <tr key={f.id}>
                  <td data-label="Tên">{f.name}</td>
                  <td data-label="Nội dung">
                    {kinds.length ? kinds.map((k) => KIND_LABELS[k] ?? k).join(', ') : 'Mọi loại mục'}
                    {channels.length > 0 && (
                      <> · {channels.map((c) => CHANNEL_LABELS[c as keyof typeof CHANNEL_LABELS] ?? c).join(', ')}</>
                    )}
                    {f.filters.includeSubordinates === false && <> · chỉ cơ quan này</>}
                  </td>
                  <td data-label="Tạo lúc">{formatDateTime(f.createdAt)}</td>
                  <td data-label="Lần dùng gần nhất">{f.lastUsedAt ? formatDateTime(f.lastUsedAt) : 'Chưa dùng'}</td>
                  <td className="actions-cell">
                    {isAdmin && (
                      <Button small variant="danger" busy={busy === f.id} onClick={() => void revoke(f)}>
                        Thu hồi
                      </Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {isAdmin && (
        <CreateFeed
          agencyId={agencyId}
          onCreated={(feed) => {
            setCreated(feed);
            feeds.reload();
          }}
        />
      )}
    </div>
  );
}

function CreateFeed({ agencyId, onCreated }: { agencyId: string; onCreated: (feed: Feed) => void }) {
  const [name, setName] = useState('');
  const [kinds, setKinds] = useState<string[]>([]);
  const [channels, setChannels] = useState<string[]>([]);
  const [subordinates, setSubordinates] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = (list: string[], set: (l: string[]) => void, value: string) =>
    set(list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const feed = await api.post<Feed>(`/agencies/${agencyId}/feeds`, {
        name,
        includeSubordinates: subordinates,
        ...(kinds.length ? { kinds } : {}),
        ...(channels.length ? { channelTypes: channels } : {}),
      });
      setName('');
      onCreated(feed);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-feed-title">
      <h2 id="new-feed-title">Tạo liên kết lịch</h2>
      <ErrorBox message={error} />
      <Field label="Tên (ai dùng, để làm gì)">
        {(p) => (
          <input
            {...p}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            minLength={2}
            placeholder="Lịch truyền thông cho Sở VHTTDL"
          />
        )}
      </Field>
      <fieldset>
        <legend>Loại mục (để trống: tất cả)</legend>
        {Object.entries(KIND_LABELS).map(([k, v]) => (
          <label key={k} className="check">
            <input type="checkbox" checked={kinds.includes(k)} onChange={() => toggle(kinds, setKinds, k)} /> {v}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Kênh (để trống: tất cả)</legend>
        {CHANNEL_TYPES.map((c) => (
          <label key={c} className="check">
            <input type="checkbox" checked={channels.includes(c)} onChange={() => toggle(channels, setChannels, c)} />{' '}
            {CHANNEL_LABELS[c]}
          </label>
        ))}
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={subordinates} onChange={(e) => setSubordinates(e.target.checked)} /> Gồm cả các
        cơ quan trực thuộc
      </label>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={busy} busyLabel="Đang tạo…">
          Tạo liên kết
        </Button>
      </div>
    </form>
  );
}
