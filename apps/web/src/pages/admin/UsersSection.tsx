import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client';
import type { Member, Role, UserCandidate } from '../../api/types';
import { Button, Empty, ErrorBox, Field, Loading, Pagination, useToast } from '../../components/ui';
import { sortByName } from '../../lib/collate';
import { useAction, useDebounced, useResource } from '../../lib/hooks';
import { ROLE_LABELS, ROLES } from '../../lib/labels';
import { formatDate } from '../../lib/time';
import { useSession } from '../../session';

const LIMIT = 20;

function RoleOptions() {
  return (
    <>
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABELS[r]}
        </option>
      ))}
    </>
  );
}

function NeedsAdmin() {
  return <p className="notice">Chỉ quản trị viên của cơ quan này (hoặc cấp trên) mới xem và đổi được thành viên.</p>;
}

export function UsersSection({ agencyId }: { agencyId: string }) {
  const session = useSession();
  const toast = useToast();
  const isAdmin = session.can('admin', agencyId);
  const members = useResource(
    () => (isAdmin ? api.get<Member[]>(`/agencies/${agencyId}/members`) : Promise.resolve([])),
    [agencyId, isAdmin],
  );
  const [offset, setOffset] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);

  if (!isAdmin) return <NeedsAdmin />;

  const setRole = async (m: Member, role: Role) => {
    setBusy(m.userId);
    try {
      await api.put(`/agencies/${agencyId}/members/${m.userId}`, { role });
      toast('ok', `${m.displayName} giờ là ${ROLE_LABELS[role]}.`);
      members.reload();
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  const list = sortByName(members.data ?? [], (m) => m.displayName);
  return (
    <div className="admin-section">
      <h2>Thành viên của {session.agency?.name}</h2>
      <p className="muted small">
        Vai trò ở một cơ quan áp dụng cho cả các cơ quan trực thuộc. Vai trò mạnh nhất trên đường từ cấp trên xuống được
        dùng.
      </p>
      <ErrorBox message={members.error} onRetry={members.reload} />
      {members.loading && !members.data && <Loading />}
      {members.data && list.length === 0 && (
        <Empty>Cơ quan chưa có thành viên riêng (quyền có thể đến từ cơ quan cấp trên).</Empty>
      )}
      {list.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Họ tên</th>
              <th scope="col">Tên đăng nhập</th>
              <th scope="col">Từ ngày</th>
              <th scope="col">Vai trò</th>
            </tr>
          </thead>
          <tbody>
            {list.slice(offset, offset + LIMIT).map((m) => (
              <tr key={m.userId}>
                <td data-label="Họ tên">
                  {m.displayName}
                  {m.email && <div className="muted small">{m.email}</div>}
                </td>
                <td data-label="Tên đăng nhập">{m.username}</td>
                <td data-label="Từ ngày">{formatDate(m.since)}</td>
                <td data-label="Vai trò">
                  <label className="sr-only" htmlFor={`role-${m.userId}`}>
                    Vai trò của {m.displayName}
                  </label>
                  <select
                    id={`role-${m.userId}`}
                    value={m.role}
                    disabled={busy === m.userId || m.userId === session.me.id}
                    onChange={(e) => void setRole(m, e.target.value as Role)}
                  >
                    <RoleOptions />
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination total={list.length} limit={LIMIT} offset={offset} onChange={setOffset} label="thành viên" />
      <AddExistingUser agencyId={agencyId} onAdded={members.reload} />
      <CreateUser agencyId={agencyId} onCreated={members.reload} />
    </div>
  );
}

/** Finds people who already have an account (by name, username or email) and gives them a role here. */
function AddExistingUser({ agencyId, onAdded }: { agencyId: string; onAdded: () => void }) {
  const toast = useToast();
  const [query, setQuery] = useState('');
  const [role, setRole] = useState<Role>('officer');
  const q = useDebounced(query.trim(), 300);
  const found = useResource(
    () =>
      q.length >= 2
        ? api.get<UserCandidate[]>(`/agencies/${agencyId}/user-candidates?q=${encodeURIComponent(q)}`)
        : Promise.resolve(null),
    [agencyId, q],
  );
  const add = useAction(async (user: UserCandidate) => {
    await api.put(`/agencies/${agencyId}/members/${user.id}`, { role });
    toast('ok', `Đã thêm ${user.displayName} với vai trò ${ROLE_LABELS[role]}.`);
    setQuery('');
    onAdded();
  });
  return (
    <section className="panel" aria-labelledby="add-existing-title">
      <h2 id="add-existing-title">Thêm người đã có tài khoản</h2>
      <p className="muted small">
        Tìm trong các cơ quan bạn quản trị theo họ tên, tên đăng nhập hoặc email (gõ có dấu hay không dấu đều được);
        người ở cơ quan khác: nhập đúng tên đăng nhập của họ.
      </p>
      <ErrorBox message={found.error ?? add.error} />
      <div className="two">
        <Field label="Tìm người dùng">
          {(p) => (
            <input {...p} type="search" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
          )}
        </Field>
        <Field label="Vai trò khi thêm">
          {(p) => (
            <select {...p} value={role} onChange={(e) => setRole(e.target.value as Role)}>
              <RoleOptions />
            </select>
          )}
        </Field>
      </div>
      {found.data && found.data.length === 0 && <Empty>Không tìm thấy ai chưa là thành viên của cơ quan này.</Empty>}
      {found.data && found.data.length > 0 && (
        <ul className="candidates">
          {found.data.map((u) => (
            <li key={u.id}>
              <span>
                {u.displayName} <span className="muted small">({u.username})</span>
              </span>
              <Button small busy={add.busy} onClick={() => void add.run(u)}>
                Thêm
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CreateUser({ agencyId, onCreated }: { agencyId: string; onCreated: () => void }) {
  const toast = useToast();
  const empty = { username: '', displayName: '', email: '', password: '', role: 'officer' as Role };
  const [form, setForm] = useState(empty);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof typeof form>(k: K, v: (typeof form)[K]) => setForm((f) => ({ ...f, [k]: v }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/users', {
        username: form.username,
        displayName: form.displayName,
        password: form.password,
        role: form.role,
        agencyId,
        ...(form.email ? { email: form.email } : {}),
      });
      toast('ok', `Đã tạo tài khoản ${form.username}. Hãy trao mật khẩu cho người dùng qua kênh an toàn.`);
      setForm(empty);
      onCreated();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel" onSubmit={submit} aria-labelledby="new-user-title">
      <h2 id="new-user-title">Thêm người dùng</h2>
      <ErrorBox message={error} />
      <div className="two">
        <Field label="Họ tên">
          {(p) => (
            <input
              {...p}
              value={form.displayName}
              onChange={(e) => set('displayName', e.target.value)}
              required
              minLength={2}
            />
          )}
        </Field>
        <Field label="Tên đăng nhập" hint="3–60 ký tự không dấu: chữ, số, dấu chấm, gạch.">
          {(p) => (
            <input
              {...p}
              value={form.username}
              onChange={(e) => set('username', e.target.value)}
              required
              autoComplete="off"
            />
          )}
        </Field>
      </div>
      <div className="two">
        <Field label="Email">
          {(p) => <input {...p} type="email" value={form.email} onChange={(e) => set('email', e.target.value)} />}
        </Field>
        <Field label="Mật khẩu ban đầu" hint="Ít nhất 10 ký tự.">
          {(p) => (
            <input
              {...p}
              type="password"
              value={form.password}
              onChange={(e) => set('password', e.target.value)}
              required
              minLength={10}
              autoComplete="new-password"
            />
          )}
        </Field>
      </div>
      <Field label="Vai trò">
        {(p) => (
          <select {...p} value={form.role} onChange={(e) => set('role', e.target.value as Role)}>
            <RoleOptions />
          </select>
        )}
      </Field>
      <Button type="submit" variant="primary" busy={busy} busyLabel="Đang tạo…">
        Tạo tài khoản
      </Button>
    </form>
  );
}
