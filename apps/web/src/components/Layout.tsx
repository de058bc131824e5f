import { type ReactNode, useEffect, useState } from 'react';
import { api } from '../api/client';
import { sortByName } from '../lib/collate';
import { ROLE_LABELS } from '../lib/labels';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../session';

const NAV = [
  { to: '/calendar', label: 'Lịch' },
  { to: '/stories', label: 'Tin bài' },
  { to: '/queue', label: 'Hàng chờ duyệt' },
  { to: '/publications', label: 'Xuất bản' },
  { to: '/reports', label: 'Báo cáo' },
  { to: '/notifications', label: 'Thông báo' },
  { to: '/admin', label: 'Quản trị' },
];

function AgencySelect({ id = 'agency-select' }: { id?: string }) {
  const { agencies, agency, setAgency } = useSession();
  if (agencies.length === 0) return null;
  return (
    <div className="agency-select">
      <label htmlFor={id}>Cơ quan</label>
      <select id={id} value={agency?.id ?? ''} onChange={(e) => setAgency(e.target.value)}>
        {sortByName(agencies, (a) => a.shortName ?? a.name).map((a) => (
          <option key={a.id} value={a.id}>
            {a.shortName ?? a.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { me, logout, agency } = useSession();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [unread, setUnread] = useState(0);

  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    let stop = false;
    const load = () =>
      api
        .get<{ unread: number }>('/notifications', { unread: true, limit: 1 })
        .then((r) => !stop && setUnread(r.unread))
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, 60_000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [path]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Bỏ qua thanh điều hướng
      </a>
      <header className="topbar">
        <Link to="/calendar" className="brand" aria-label="Nhịp — về trang lịch">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect width="32" height="32" rx="6" fill="currentColor" />
            <path d="M4 17h6l3-8 5 15 3-7h7" fill="none" stroke="#fff" strokeWidth="3" strokeLinejoin="round" />
          </svg>
          <span>Nhịp</span>
        </Link>
        <button
          type="button"
          className="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="main-nav"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span> Menu
          {unread > 0 && <span className="nav-count">{unread}</span>}
        </button>
        <nav id="main-nav" className={`mainnav${menuOpen ? ' open' : ''}`} aria-label="Điều hướng chính">
          <ul>
            {NAV.map((item) => {
              const active = path === item.to || path.startsWith(`${item.to}/`);
              return (
                <li key={item.to}>
                  <Link
                    to={item.to}
                    aria-current={active ? 'page' : undefined}
                    className={active ? 'active' : undefined}
                  >
                    {item.label}
                    {item.to === '/notifications' && unread > 0 && (
                      <span className="nav-count" aria-label={`${unread} chưa đọc`}>
                        {unread}
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
          <div className="nav-user">
            <AgencySelect />
            <span
              className="user-name"
              title={agency ? `${ROLE_LABELS[agency.myRole ?? 'viewer']} tại ${agency.name}` : undefined}
            >
              {me.displayName}
            </span>
            <button type="button" className="btn btn-small btn-ghost" onClick={() => void logout()}>
              Đăng xuất
            </button>
          </div>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
