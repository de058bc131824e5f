import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client';
import { Button, ErrorBox, Field } from '../components/ui';
import { useAction } from '../lib/hooks';

/**
 * The first sign-in of a person whose password an administrator chose: they choose their own before
 * anything else opens (the api refuses every other call with PASSWORD_CHANGE_REQUIRED meanwhile).
 */
export function ChangePasswordPage({
  displayName,
  onChanged,
  onLogout,
}: {
  displayName: string;
  onChanged: () => Promise<void>;
  onLogout: () => void;
}) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const { run, busy, error } = useAction(async () => {
    await api.post('/auth/password', { currentPassword: current, newPassword: next });
    await onChanged();
  });
  useEffect(() => {
    document.title = 'Đổi mật khẩu — Nhịp';
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (next !== again) return setMismatch('Hai lần nhập mật khẩu mới không khớp.');
    setMismatch(null);
    void run();
  };
  return (
    <div className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="password-title">
        <h1 id="password-title">Đổi mật khẩu</h1>
        <p className="muted">
          Chào {displayName}. Mật khẩu hiện tại do quản trị viên đặt; hãy chọn mật khẩu của riêng bạn (ít nhất 10 ký tự)
          trước khi bắt đầu.
        </p>
        <ErrorBox message={mismatch ?? error} />
        <Field label="Mật khẩu hiện tại">
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              required
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
              autoFocus
            />
          )}
        </Field>
        <Field label="Mật khẩu mới">
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              required
              minLength={10}
              value={next}
              onChange={(e) => setNext(e.target.value)}
            />
          )}
        </Field>
        <Field label="Nhập lại mật khẩu mới">
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="new-password"
              required
              value={again}
              onChange={(e) => setAgain(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" busy={busy} busyLabel="Đang lưu…" className="btn-block">
          Đổi mật khẩu
        </Button>
        <Button variant="ghost" className="btn-block" onClick={onLogout}>
          Đăng xuất
        </Button>
      </form>
    </div>
  );
}
