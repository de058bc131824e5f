import { useEffect, useState } from 'react';
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

/**
 * Notifications about the same story, one after the other, shown as one card (the newest first): two
 * stories on four channels make two cards, not twelve.
 */
function groupByStory(items: Notification[]): Notification[][] {
  const groups: Notification[][] = [];
  for (const n of items) {
    const story = (n.data as { storyId?: string } | null)?.storyId;
    const last = groups[groups.length - 1];
    const lastStory = last && (last[0].data as { storyId?: string } | null)?.storyId;
    if (story && last && lastStory === story) last.push(n);
    else groups.push([n]);
  }
  return groups;
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

  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const markRead = async (ns: Notification[]) => {
    try {
      for (const n of ns) if (!n.readAt) await api.post(`/notifications/${n.id}/read`);
      list.reload();
    } catch (e) {
      toast('error', messageOf(e));
    }
  };
  const markAll = async () => {
    try {
      const { marked } = await api.post<{ marked: number }>('/notifications/read-all');
      toast('ok', `Đã đánh dấu ${marked} thông báo là đã đọc.`);
      list.reload();
    } catch (e) {
      toast('error', messageOf(e));
    }
  };

  const open = async (ns: Notification[]) => {
    for (const n of ns) if (!n.readAt) await api.post(`/notifications/${n.id}/read`).catch(() => undefined);
    const target = pageOf(ns[0].link);
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
        {(list.data?.unread ?? 0) > 0 && (
          <Button small onClick={() => void markAll()}>
            Đánh dấu tất cả đã đọc
          </Button>
        )}
      </div>
      <ErrorBox message={list.error} onRetry={list.reload} />
      {list.loading && !list.data && <Loading />}
      {list.data && list.data.items.length === 0 && (
        <Empty>{unreadOnly ? 'Không có thông báo chưa đọc.' : 'Chưa có thông báo nào.'}</Empty>
      )}
      <ul className="card-list">
        {groupByStory(list.data?.items ?? []).map((group) => {
          const [n, ...older] = group;
          const unread = group.filter((x) => !x.readAt);
          const isOpen = expanded.has(n.id);
          return (
            <li key={n.id} className={`card note${unread.length ? ' unread' : ''}`} data-testid="notification">
              <p className="eyebrow">
                {NOTIFICATION_LABELS[n.kind] ?? 'Thông báo'} · {formatDateTime(n.createdAt)}
                {unread.length > 0 && <span className="badge badge-new">Mới</span>}
              </p>
              <p className="card-title">{n.title}</p>
              {n.body && <p className="pre">{n.body}</p>}
              {older.length > 0 && (
                <>
                  <button
                    type="button"
                    className="linklike small"
                    aria-expanded={isOpen}
                    onClick={() =>
                      setExpanded((s) => {
                        const next = new Set(s);
                        if (isOpen) next.delete(n.id);
                        else next.add(n.id);
                        return next;
                      })
                    }
                  >
                    {isOpen ? 'Ẩn' : `Và ${older.length} thông báo trước về cùng tin bài`}
                  </button>
                  {isOpen && (
                    <ul className="note-older">
                      {older.map((o) => (
                        <li key={o.id} className="small">
                          {NOTIFICATION_LABELS[o.kind] ?? 'Thông báo'} · {formatDateTime(o.createdAt)}: {o.title}
                          {o.body && <span className="muted"> — {o.body.split('\n')[0]}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              )}
              <div className="card-actions">
                {pageOf(n.link) && (
                  <Button small variant="primary" onClick={() => void open(group)}>
                    Mở
                  </Button>
                )}
                {unread.length > 0 && (
                  <Button small onClick={() => void markRead(group)}>
                    Đánh dấu đã đọc
                  </Button>
                )}
              </div>
            </li>
          );
        })}
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
