import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { api, isUnauthenticated, messageOf } from './api/client';
import type { Agency, Me, Variant } from './api/types';
import { Layout } from './components/Layout';
import { ErrorBox, GlobalProgress, Loading, ToastProvider } from './components/ui';
import { match, navigate, Redirect, useLocation } from './lib/router';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { LoginPage } from './pages/LoginPage';
import { SessionProvider, useUnauthorizedRedirect } from './session';
import './styles.css';

// Each page is its own chunk: the calendar (FullCalendar) is the heaviest and loads only when opened.
const CalendarPage = lazy(() => import('./pages/CalendarPage'));
const StoriesPage = lazy(() => import('./pages/StoriesPage'));
const ComposerPage = lazy(() => import('./pages/ComposerPage'));
const QueuePage = lazy(() => import('./pages/QueuePage'));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage'));
const PublicationsPage = lazy(() => import('./pages/PublicationsPage'));
const AdminPage = lazy(() => import('./pages/admin/AdminPage'));
const ReportsPage = lazy(() => import('./pages/ReportsPage'));

/** A notification links to a variant by its API address; show it in its story. */
function VariantRedirect({ id }: { id: string }) {
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Variant>(`/variants/${id}`).then(
      (v) => navigate(`/stories/${v.storyId}?variant=${v.id}`, { replace: true }),
      (e) => setError(messageOf(e)),
    );
  }, [id]);
  return error ? <ErrorBox message={error} /> : <Loading />;
}

function Routes() {
  const { path } = useLocation();
  let params: Record<string, string> | null;
  if (path === '/' || path === '') return <Redirect to="/calendar" />;
  if (path === '/calendar') return <CalendarPage />;
  if (path === '/stories') return <StoriesPage />;
  if (path === '/stories/new') return <ComposerPage key="new" />;
  if ((params = match('/stories/:id', path))) return <ComposerPage key={params.id} storyId={params.id} />;
  if ((params = match('/variants/:id', path))) return <VariantRedirect id={params.id} />;
  if (path === '/queue') return <QueuePage />;
  if (path === '/publications') return <PublicationsPage />;
  if (path === '/notifications') return <NotificationsPage />;
  if (path === '/reports') return <ReportsPage />;
  if (path === '/admin') return <AdminPage section="agencies" />;
  if ((params = match('/admin/:section', path))) return <AdminPage section={params.section} />;
  return (
    <section className="page">
      <h1>Không tìm thấy trang</h1>
      <p>
        Địa chỉ này không có trong Nhịp. <a href="/calendar">Về trang lịch</a>.
      </p>
    </section>
  );
}

/** Where to go after login: only an address of this app (never another site through `?next=//…`). */
function afterLogin(query: URLSearchParams): string {
  const next = query.get('next');
  // The URL parser reads "/\host" as "//host": a backslash right after the first slash is refused as well.
  return next && /^\/(?![/\\])/.test(next) && !next.startsWith('/login') ? next : '/calendar';
}

type Boot =
  | { state: 'loading' }
  | { state: 'anonymous' }
  | { state: 'ready'; me: Me; agencies: Agency[] }
  | { state: 'password'; me: Me }
  | { state: 'error'; message: string };

function App() {
  // Whether a session exists only the API knows (its cookie is out of the page's reach): ask it.
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const { path, query } = useLocation();

  const load = useCallback(async () => {
    setBoot({ state: 'loading' });
    try {
      const me = await api.get<Me>('/auth/me');
      if (me.mustChangePassword) return setBoot({ state: 'password', me });
      setBoot({ state: 'ready', me, agencies: await api.get<Agency[]>('/agencies') });
    } catch (error) {
      if (isUnauthenticated(error)) setBoot({ state: 'anonymous' });
      else setBoot({ state: 'error', message: messageOf(error) });
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const expired = useCallback(() => setBoot({ state: 'anonymous' }), []);
  useUnauthorizedRedirect(expired);

  if (boot.state === 'anonymous' || path === '/login') {
    if (boot.state === 'ready' && path === '/login') return <Redirect to={afterLogin(query)} />;
    if (path !== '/login') {
      const back = path + location.search;
      return <Redirect to={`/login${back !== '/' ? `?next=${encodeURIComponent(back)}` : ''}`} />;
    }
    return (
      <LoginPage
        onLoggedIn={async () => {
          await load();
          navigate(afterLogin(query), { replace: true });
        }}
      />
    );
  }
  if (boot.state === 'loading') return <Loading label="Đang mở phiên làm việc…" />;
  if (boot.state === 'password')
    return (
      <ChangePasswordPage
        displayName={boot.me.displayName}
        onChanged={load}
        onLogout={() => void api.post('/auth/logout').finally(expired)}
      />
    );
  if (boot.state === 'error') return <ErrorBox message={boot.message} onRetry={load} />;
  return (
    <SessionProvider me={boot.me} initialAgencies={boot.agencies} onLogout={expired}>
      <Layout>
        <Suspense fallback={<Loading />}>
          <Routes />
        </Suspense>
      </Layout>
    </SessionProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <ToastProvider>
    <GlobalProgress />
    <App />
  </ToastProvider>,
);
