import { useEffect } from 'react';
import { Link } from '../../lib/router';
import { useSession } from '../../session';
import { AgenciesSection } from './AgenciesSection';
import { ChannelsSection } from './ChannelsSection';
import { FeedsSection } from './FeedsSection';
import { UsersSection } from './UsersSection';

const SECTIONS = [
  { id: 'agencies', label: 'Cơ quan' },
  { id: 'users', label: 'Người dùng và vai trò' },
  { id: 'channels', label: 'Tài khoản kênh' },
  { id: 'feeds', label: 'Lịch đăng ký (iCalendar)' },
];

export default function AdminPage({ section }: { section: string }) {
  const session = useSession();
  const agency = session.agency;
  useEffect(() => {
    document.title = 'Quản trị — Nhịp';
  }, []);
  const current = SECTIONS.find((s) => s.id === section) ?? SECTIONS[0];
  return (
    <section className="page" aria-labelledby="admin-title">
      <div className="page-head">
        <div>
          <h1 id="admin-title">Quản trị</h1>
          <p className="muted small">
            Đang quản trị: <strong>{agency?.name ?? '—'}</strong> (đổi cơ quan ở thanh trên cùng).
          </p>
        </div>
      </div>
      <nav className="subnav" aria-label="Mục quản trị">
        {SECTIONS.map((s) => (
          <Link
            key={s.id}
            to={`/admin/${s.id}`}
            aria-current={s.id === current.id ? 'page' : undefined}
            className={s.id === current.id ? 'active' : undefined}
          >
            {s.label}
          </Link>
        ))}
      </nav>
      {!agency ? (
        <p className="muted">Bạn chưa thuộc cơ quan nào.</p>
      ) : current.id === 'agencies' ? (
        <AgenciesSection />
      ) : current.id === 'users' ? (
        <UsersSection agencyId={agency.id} />
      ) : current.id === 'channels' ? (
        <ChannelsSection agencyId={agency.id} />
      ) : (
        <FeedsSection agencyId={agency.id} />
      )}
    </section>
  );
}
