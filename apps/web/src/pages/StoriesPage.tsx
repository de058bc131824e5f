import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Page, Story } from '../api/types';
import { Empty, ErrorBox, Loading, Pagination } from '../components/ui';
import { useResource } from '../lib/hooks';
import { FORMAT_LABELS } from '../lib/labels';
import { Link, setQuery, useLocation } from '../lib/router';
import { formatDateTime } from '../lib/time';
import { useSession } from '../session';

const LIMIT = 20;

export default function StoriesPage() {
  const session = useSession();
  const { query } = useLocation();
  const q = query.get('q') ?? '';
  const offset = Number(query.get('offset') ?? 0) || 0;
  const agency = session.agency?.id;
  const [text, setText] = useState(q);
  const stories = useResource(
    () => api.get<Page<Story>>('/stories', { q: q || undefined, agency, limit: LIMIT, offset }),
    [q, agency, offset],
  );

  useEffect(() => {
    document.title = 'Tin bài — Nhịp';
  }, []);

  const search = (event: FormEvent) => {
    event.preventDefault();
    setQuery({ q: text.trim() || null, offset: null });
  };

  return (
    <section className="page" aria-labelledby="stories-title">
      <div className="page-head">
        <h1 id="stories-title">Tin bài</h1>
        {session.can('officer') && (
          <Link className="btn btn-primary" to="/stories/new">
            + Viết tin mới
          </Link>
        )}
      </div>
      <form className="search" role="search" onSubmit={search}>
        <label htmlFor="story-search" className="sr-only">
          Tìm tin bài
        </label>
        <input
          id="story-search"
          type="search"
          placeholder="Tìm theo tiêu đề, nội dung (có dấu hoặc không dấu)"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <button type="submit" className="btn">
          Tìm
        </button>
      </form>
      <ErrorBox message={stories.error} onRetry={stories.reload} />
      {stories.loading && !stories.data ? (
        <Loading />
      ) : stories.data && stories.data.items.length === 0 ? (
        <Empty>{q ? `Không có tin bài nào khớp “${q}”.` : 'Chưa có tin bài nào. Hãy viết tin đầu tiên.'}</Empty>
      ) : (
        <ul className="card-list">
          {stories.data?.items.map((s) => (
            <li key={s.id} className="card">
              <Link to={`/stories/${s.id}`} className="card-title">
                {s.title}
              </Link>
              <p className="muted small">
                {FORMAT_LABELS[s.format] ?? s.format} · cập nhật {formatDateTime(s.updatedAt)}
              </p>
              {s.summary && <p className="clamp">{s.summary}</p>}
            </li>
          ))}
        </ul>
      )}
      {stories.data && (
        <Pagination
          total={stories.data.total}
          limit={LIMIT}
          offset={offset}
          onChange={(o) => setQuery({ offset: o ? String(o) : null })}
          label="tin bài"
        />
      )}
    </section>
  );
}
