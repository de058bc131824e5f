import { useEffect } from 'react';
import { api, apiPath, messageOf } from '../api/client';
import type { Notification, Page } from '../api/types';
import { Button, Empty, ErrorBox, Loading, Pagination, useToast } from '../components/ui';
import { useResource } from '../lib/hooks';
import { NOTIFICATION_LABELS } from '../lib/labels';
import { navigate, setQuery, useLocation } from '../lib/router';
import { formatDateTime } from '../lib/time';

const LIMIT = 20;

/** API links in notifications → the page that shows the thing. */
function pageOf(link: string | null): string | null {
  if (!link) return null;
  const path = apiPath(link);
  if (path.startsWith('/variants/')) return path;
  if (path.startsWith('/queue')) return '/queue';
  if (path.startsWith('/stories/')) return path;
  if (path.startsWith('/publications')) return '/publications';
  return null;
}

export default function NotificationsPage() {
  const toast = useToast();
  const { query } = useLocation();
  const offset = Number(query.get('offset') ?? 0) || 0;
  const unreadOnly = query.get('unread') === '1';
  const list = useResource(
    () =>
      api.get<Page<Notification> & { unread: number }>('/notifications', {
        unread: unreadOnly || undefined,
        limit: LIMIT,
        offset,
      }),
    [offset, unreadOnly],
  );

  useEffect(() => {
    document.title = 'Thông báo — Nhịp';
  }, []);

  const markRead = async (n: Notification) => {
    try {
      if (!n.readAt) await api.post(`/notifications/${n.id}/read`);
      list.reload();
    } catch (e) {
      toast('error', messageOf(e));
    }
  };

  const open = async (n: Notification) => {
    if (!n.readAt) await api.post(`/notifications/${n.id}/read`).catch(() => undefined);
    const target = pageOf(n.link);
    if (target) navigate(target);
    else list.reload();
  };

  return (
    <section className="page" aria-labelledby="notes-title">
      <div className="page-head">
        <h1 id="notes-title">Thông báo</h1>
        <label className="check">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={() => setQuery({ unread: unreadOnly ? null : '1', offset: null })}
          />{' '}
          Chỉ hiện thông báo chưa đọc
          {list.data && <> ({list.data.unread})</>}
        </label>
      </div>
      <ErrorBox message={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && (
        <Empty>{unreadOnly ? 'Không có thông báo chưa đọc.' : 'Chưa có thông báo nào.'}</Empty>
      )}
      <ul className="card-list">
        {list.data?.items.map((n) => (
          <li key={n.id} className={`card note${n.readAt ? '' : ' unread'}`}>
            <p className="eyebrow">
              {NOTIFICATION_LABELS[n.kind] ?? n.kind} · {formatDateTime(n.createdAt)}
              {!n.readAt && <span className="badge badge-new">Mới</span>}
            </p>
            <p className="card-title">{n.title}</p>
            {n.body && <p className="pre">{n.body}</p>}
            <div className="card-actions">
              {pageOf(n.link) && (
                <Button small variant="primary" onClick={() => void open(n)}>
                  Mở
                </Button>
              )}
              {!n.readAt && (
                <Button small onClick={() => void markRead(n)}>
                  Đánh dấu đã đọc
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {list.data && (
        <Pagination
          total={list.data.total}
          limit={LIMIT}
          offset={offset}
          onChange={(o) => setQuery({ offset: o ? String(o) : null })}
          label="thông báo"
        />
      )}
    </section>
  );
}
