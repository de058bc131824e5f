import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api/client';
import { Button, ErrorBox, Field } from '../components/ui';
import { useAction } from '../lib/hooks';

export function LoginPage({ onLoggedIn }: { onLoggedIn: () => Promise<void> }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { run, busy, error } = useAction(async () => {
    // The API answers with the session cookie (HttpOnly); the body holds no token for the web client.
    await api.post('/auth/login', { username: username.trim(), password });
    await onLoggedIn();
  });
  useEffect(() => {
    document.title = 'Đăng nhập — Nhịp';
  }, []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run();
  };
  return (
    <div className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-brand" aria-hidden="true">
          <svg viewBox="0 0 32 32" width="44" height="44">
            <rect width="32" height="32" rx="6" fill="currentColor" />
            <path d="M4 17h6l3-8 5 15 3-7h7" fill="none" stroke="#fff" strokeWidth="3" strokeLinejoin="round" />
          </svg>
        </div>
        <h1 id="login-title">Đăng nhập Nhịp</h1>
        <p className="muted">Lịch biên tập và xuất bản đa kênh cho truyền thông Nghị quyết 57-NQ/TW.</p>
        <ErrorBox message={error} />
        <Field label="Tên đăng nhập">
          {(p) => (
            <input
              {...p}
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.target.value)}
              autoFocus
            />
          )}
        </Field>
        <Field label="Mật khẩu">
          {(p) => (
            <input
              {...p}
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" variant="primary" busy={busy} busyLabel="Đang đăng nhập…" className="btn-block">
          Đăng nhập
        </Button>
      </form>
    </div>
  );
}
