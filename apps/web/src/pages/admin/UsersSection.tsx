import { type FormEvent, useState } from 'react';
import { api, messageOf } from '../../api/client';
import type { Invitation, Member, Role, UserCandidate } from '../../api/types';
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

  if (!isAdmin)
    return (
      <>
        <InvitationsToAnswer />
        <NeedsAdmin />
      </>
    );

  const act = async (m: Member, question: string, action: () => Promise<unknown>, done: string) => {
    if (!window.confirm(question)) return;
    setBusy(m.userId);
    try {
      await action();
      toast('ok', done);
      members.reload();
    } catch (e) {
      toast('error', messageOf(e));
    } finally {
      setBusy(null);
    }
  };
  const remove = (m: Member) =>
    act(
      m,
      `Gỡ ${m.displayName} khỏi ${session.agency?.name ?? 'cơ quan'}? Vai trò của họ ở cơ quan khác vẫn giữ nguyên.`,
      () => api.del(`/agencies/${agencyId}/members/${m.userId}`),
      `Đã gỡ ${m.displayName} khỏi cơ quan.`,
    );
  const setActive = (m: Member, active: boolean) =>
    act(
      m,
      active
        ? `Kích hoạt lại tài khoản ${m.username}? Họ đăng nhập lại được; các mã đã thu hồi vẫn không dùng được.`
        : `Vô hiệu hóa tài khoản ${m.username}? Mọi phiên đăng nhập và mã truy cập của họ bị thu hồi ngay.`,
      () => api.post(`/users/${m.userId}/${active ? 'reactivate' : 'deactivate'}`),
      active ? `Đã kích hoạt lại ${m.username}.` : `Đã vô hiệu hóa ${m.username}.`,
    );
  const revokeTokens = (m: Member) =>
    act(
      m,
      `Thu hồi mọi phiên đăng nhập và mã truy cập tích hợp của ${m.username}? Các hệ thống dùng mã của họ sẽ ngừng kết nối.`,
      () => api.post(`/users/${m.userId}/tokens/revoke`, { scope: 'all' }),
      `Đã thu hồi các mã truy cập của ${m.username}.`,
    );

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
      <InvitationsToAnswer />
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
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {list.slice(offset, offset + LIMIT).map((m) => (
              <tr key={m.userId}>
                <td data-label="Họ tên">
                  {m.displayName}
                  {!m.active && <span className="muted small"> (đã vô hiệu hóa)</span>}
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
                <td data-label="Thao tác" className="actions-cell">
                  {m.userId !== session.me.id && (
                    <>
                      <Button small busy={busy === m.userId} onClick={() => void remove(m)}>
                        Gỡ khỏi cơ quan
                      </Button>
                      <Button small busy={busy === m.userId} onClick={() => void setActive(m, !m.active)}>
                        {m.active ? 'Vô hiệu hóa' : 'Kích hoạt lại'}
                      </Button>
                      {m.active && (
                        <Button small busy={busy === m.userId} onClick={() => void revokeTokens(m)}>
                          Thu hồi mã truy cập
                        </Button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination total={list.length} limit={LIMIT} offset={offset} onChange={setOffset} label="thành viên" />
      <SentInvitations agencyId={agencyId} key={`sent-${members.data?.length ?? 0}`} />
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
    if (user.needsInvitation) {
      await api.post(`/agencies/${agencyId}/invitations`, { userId: user.id, role });
      toast(
        'ok',
        `Đã gửi lời mời ${user.displayName} làm ${ROLE_LABELS[role]}; họ hoặc quản trị viên cơ quan của họ cần chấp nhận.`,
      );
    } else {
      await api.put(`/agencies/${agencyId}/members/${user.id}`, { role });
      toast('ok', `Đã thêm ${user.displayName} với vai trò ${ROLE_LABELS[role]}.`);
    }
    setQuery('');
    onAdded();
  });
  return (
    <section className="panel" aria-labelledby="add-existing-title">
      <h2 id="add-existing-title">Thêm người đã có tài khoản</h2>
      <p className="muted small">
        Tìm trong các cơ quan bạn quản trị theo họ tên, tên đăng nhập hoặc email (gõ có dấu hay không dấu đều được);
        người ở cơ quan khác: nhập đúng tên đăng nhập của họ để gửi lời mời (họ hoặc quản trị viên cơ quan của họ chấp
        nhận).
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
                {u.needsInvitation ? 'Gửi lời mời' : 'Thêm'}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Invitations this agency sent that nobody has answered yet; the admin may withdraw one. */
function SentInvitations({ agencyId }: { agencyId: string }) {
  const toast = useToast();
  const sent = useResource(() => api.get<Invitation[]>(`/agencies/${agencyId}/invitations`), [agencyId]);
  const cancel = useAction(async (i: Invitation) => {
    await api.del(`/agencies/${agencyId}/invitations/${i.id}`);
    toast('ok', `Đã hủy lời mời ${i.displayName ?? i.username ?? ''}.`);
    sent.reload();
  });
  if (!sent.data?.length && !sent.error) return null;
  return (
    <section className="panel" aria-labelledby="sent-invitations-title">
      <h2 id="sent-invitations-title">Lời mời đang chờ</h2>
      <ErrorBox message={sent.error ?? cancel.error} onRetry={sent.reload} />
      <ul className="candidates">
        {sortByName(sent.data ?? [], (i) => i.displayName ?? '').map((i) => (
          <li key={i.id}>
            <span>
              {i.displayName} <span className="muted small">({i.username})</span> — {ROLE_LABELS[i.role]}, gửi ngày{' '}
              {formatDate(i.createdAt)}
            </span>
            <Button small busy={cancel.busy} onClick={() => void cancel.run(i)}>
              Hủy lời mời
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Invitations the signed-in person may answer: their own, and those of people in agencies they administer. */
function InvitationsToAnswer() {
  const toast = useToast();
  const session = useSession();
  const pending = useResource(() => api.get<Invitation[]>('/invitations'), []);
  const answer = useAction(async (i: Invitation, accept: boolean) => {
    await api.post(`/invitations/${i.id}/${accept ? 'accept' : 'decline'}`);
    toast('ok', accept ? `Đã chấp nhận lời mời vào ${i.agencyName ?? 'cơ quan'}.` : 'Đã từ chối lời mời.');
    pending.reload();
    if (accept && i.forMe) await session.reloadAgencies();
  });
  if (!pending.data?.length && !pending.error) return null;
  return (
    <section className="panel" aria-labelledby="invitations-title">
      <h2 id="invitations-title">Lời mời cần trả lời</h2>
      <ErrorBox message={pending.error ?? answer.error} onRetry={pending.reload} />
      <ul className="candidates">
        {(pending.data ?? []).map((i) => (
          <li key={i.id}>
            <span>
              {i.forMe ? 'Bạn' : `${i.displayName} (${i.username})`} được mời làm {ROLE_LABELS[i.role]} tại{' '}
              {i.agencyName}
            </span>
            <span className="actions-cell">
              <Button small variant="primary" busy={answer.busy} onClick={() => void answer.run(i, true)}>
                Chấp nhận
              </Button>
              <Button small busy={answer.busy} onClick={() => void answer.run(i, false)}>
                Từ chối
              </Button>
            </span>
          </li>
        ))}
      </ul>
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
