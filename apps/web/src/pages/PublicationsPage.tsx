import { useEffect, useState } from 'react';
import { api, messageOf } from '../api/client';
import type { ChannelAccount, Page, Publication } from '../api/types';
import { PublicationRow } from '../components/PublicationList';
import { Button, ChannelBadge, Empty, ErrorBox, Loading, Pagination, useToast } from '../components/ui';
import { useResource } from '../lib/hooks';
import { AccountBadges, SandboxFeedLink } from '../components/AccountBadges';
import { STATE_LABELS } from '../lib/labels';
import { setQuery, useLocation } from '../lib/router';
import { useSession } from '../session';

const LIMIT = 20;
const STATES = ['failed', 'unknown', 'scheduled', 'publishing', 'published', 'rehearsed', 'cancelled'];

/** Pausing an account holds its publications; resuming sends what is due. */
function AccountStatusList({ agencyId }: { agencyId: string }) {
  const session = useSession();
  const toast = useToast();
  const accounts = useResource(() => api.get<ChannelAccount[]>(`/agencies/${agencyId}/channel-accounts`), [agencyId]);
  const [busy, setBusy] = useState<string | null>(null);
  const canPause = session.can('editor', agencyId);
  const toggle = async (a: ChannelAccount) => {
    setBusy(a.id);
    try {
      await api.post(`/channel-accounts/${a.id}/${a.status === 'paused' ? 'resume' : 'pause'}`);
      toast('ok', a.status === 'paused' ? `Đã tiếp tục đăng lên ${a.name}.` : `Đã tạm dừng đăng lên ${a.name}.`);
      accounts.reload();
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <section className="panel" aria-labelledby="accounts-title">
      <h2 id="accounts-title">Tài khoản kênh</h2>
      <ErrorBox message={accounts.error} onRetry={accounts.reload} />
      <ul className="account-list">
        {accounts.data?.map((a) => (
          <li key={a.id} className={`account account-${a.status}`}>
            <ChannelBadge type={a.type} />
            <span className="account-name">{a.name}</span>
            <AccountBadges account={a} />
            {a.statusReason && <span className="muted small">{a.statusReason}</span>}
            <SandboxFeedLink account={a} />
            {canPause && a.status !== 'needs_reconnection' && a.status !== 'not_connected' && (
              <Button small busy={busy === a.id} onClick={() => void toggle(a)}>
                {a.status === 'paused' ? 'Tiếp tục đăng' : 'Tạm dừng'}
              </Button>
            )}
          </li>
        ))}
      </ul>
      {accounts.data?.length === 0 && <p className="muted">Cơ quan chưa có tài khoản kênh.</p>}
    </section>
  );
}

export default function PublicationsPage() {
  const session = useSession();
  const { query } = useLocation();
  const offset = Number(query.get('offset') ?? 0) || 0;
  const state = query.get('state') ?? '';
  const variant = query.get('variant');
  const agencyId = session.agency?.id;
  const list = useResource(
    () =>
      variant
        ? api.get<Publication[]>(`/variants/${variant}/publications`).then((items) => ({ total: items.length, items }))
        : api.get<Page<Publication>>('/publications', {
            agency: agencyId,
            state: state || undefined,
            limit: LIMIT,
            offset,
          }),
    [agencyId, state, offset, variant],
  );

  useEffect(() => {
    document.title = 'Xuất bản — Nhịp';
  }, []);

  return (
    <section className="page" aria-labelledby="pubs-title">
      <div className="page-head">
        <div>
          <h1 id="pubs-title">Xuất bản</h1>
          <p className="muted small">Từng lượt đăng lên từng kênh, các lần thử và lý do lỗi do kênh trả về.</p>
        </div>
        <Button small onClick={list.reload}>
          Tải lại
        </Button>
      </div>
      <div className="filters open" role="group" aria-label="Lọc lượt đăng">
        {variant ? (
          <p>
            Đang xem lượt đăng của một nội dung.{' '}
            <button type="button" className="linklike" onClick={() => setQuery({ variant: null })}>
              Xem tất cả
            </button>
          </p>
        ) : (
          <div className="filter">
            <label htmlFor="pub-state">Trạng thái</label>
            <select
              id="pub-state"
              value={state}
              onChange={(e) => setQuery({ state: e.target.value || null, offset: null })}
            >
              <option value="">Tất cả</option>
              {STATES.map((s) => (
                <option key={s} value={s}>
                  {STATE_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      <ErrorBox message={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && (
        <Empty>Không có lượt đăng nào{state ? ` ở trạng thái “${STATE_LABELS[state]}”` : ''}.</Empty>
      )}
      <ul className="pub-list">
        {list.data?.items.map((p) => (
          <PublicationRow
            key={`${p.id}-${p.version}`}
            publication={p}
            canAct={session.can('officer', p.agencyId)}
            canSettle={session.can('editor', p.agencyId)}
            onChanged={list.reload}
          />
        ))}
      </ul>
      {list.data && !variant && (
        <Pagination
          total={list.data.total}
          limit={LIMIT}
          offset={offset}
          onChange={(o) => setQuery({ offset: o ? String(o) : null })}
          label="lượt đăng"
        />
      )}
      {agencyId && <AccountStatusList agencyId={agencyId} />}
    </section>
  );
}
