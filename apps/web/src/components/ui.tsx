import { createContext, type ReactNode, useCallback, useContext, useEffect, useId, useRef, useState } from 'react';
import { onPendingChange } from '../api/client';
import { CHANNEL_LABELS, STATE_LABELS } from '../lib/labels';
import type { ChannelType } from '../api/types';

export function ErrorBox({ message, onRetry }: { message: string | null | undefined; onRetry?: () => void }) {
  if (!message) return null;
  return (
    <div className="error-box" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Thử lại
        </button>
      )}
    </div>
  );
}

export function Loading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function StateBadge({ state }: { state: string }) {
  return <span className={`badge state-${state}`}>{STATE_LABELS[state] ?? state}</span>;
}

export function ChannelBadge({ type, name }: { type: ChannelType; name?: string }) {
  return (
    <span className={`channel-badge ch-${type}`} title={name}>
      {CHANNEL_LABELS[type] ?? type}
    </span>
  );
}

/** A button that says what it is doing while its action runs. */
export function Button({
  busy,
  busyLabel,
  children,
  variant = 'default',
  small,
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & {
  busy?: boolean;
  busyLabel?: string;
  variant?: 'default' | 'primary' | 'danger' | 'ghost';
  small?: boolean;
}) {
  return (
    <button
      type="button"
      {...rest}
      className={`btn btn-${variant}${small ? ' btn-small' : ''} ${rest.className ?? ''}`}
      disabled={busy || rest.disabled}
      aria-busy={busy || undefined}
    >
      {busy ? (
        <>
          <span className="spinner spinner-inline" aria-hidden="true" />
          {busyLabel ?? children}
        </>
      ) : (
        children
      )}
    </button>
  );
}

export function Pagination({
  total,
  limit,
  offset,
  onChange,
  label = 'mục',
}: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.floor(offset / limit) + 1;
  if (total <= limit)
    return total ? (
      <p className="pager-info">
        {total} {label}
      </p>
    ) : null;
  return (
    <nav className="pager" aria-label="Phân trang">
      <button
        type="button"
        className="btn btn-small"
        disabled={page <= 1}
        onClick={() => onChange(Math.max(0, offset - limit))}
      >
        ‹ Trang trước
      </button>
      <span aria-live="polite">
        Trang {page}/{pages} · {total} {label}
      </span>
      <button type="button" className="btn btn-small" disabled={page >= pages} onClick={() => onChange(offset + limit)}>
        Trang sau ›
      </button>
    </nav>
  );
}

/** A labelled form field; the counter, when given, is announced with the field. */
export function Field({
  label,
  hint,
  counter,
  error,
  children,
  id,
}: {
  label: string;
  hint?: ReactNode;
  counter?: { value: number; max: number; unit?: string };
  error?: string | null;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
  id?: string;
}) {
  const auto = useId();
  const fieldId = id ?? auto;
  const describedBy =
    [hint && `${fieldId}-hint`, counter && `${fieldId}-count`, error && `${fieldId}-error`].filter(Boolean).join(' ') ||
    undefined;
  const over = counter && counter.value > counter.max;
  return (
    <div className={`field${over || error ? ' field-invalid' : ''}`}>
      <div className="field-head">
        <label htmlFor={fieldId}>{label}</label>
        {counter && (
          <span
            id={`${fieldId}-count`}
            className={`counter${over ? ' counter-over' : ''}`}
            data-testid={`count-${fieldId}`}
          >
            {counter.value.toLocaleString('vi-VN')}/{counter.max.toLocaleString('vi-VN')} {counter.unit ?? 'ký tự'}
          </span>
        )}
      </div>
      {children({ id: fieldId, 'aria-describedby': describedBy, 'aria-invalid': over || Boolean(error) || undefined })}
      {hint && (
        <p id={`${fieldId}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${fieldId}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** A thin bar at the top while any request has been running for more than a moment. */
export function GlobalProgress() {
  const [visible, setVisible] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(
    () =>
      onPendingChange((pending) => {
        clearTimeout(timer.current);
        if (pending > 0) timer.current = setTimeout(() => setVisible(true), 300);
        else setVisible(false);
      }),
    [],
  );
  return (
    <div
      className={`global-progress${visible ? ' on' : ''}`}
      role="progressbar"
      aria-label="Đang xử lý"
      aria-hidden={!visible}
      aria-busy={visible}
    >
      <div />
    </div>
  );
}

interface Toast {
  id: number;
  kind: 'ok' | 'warn' | 'error' | 'info';
  text: string;
}
const ToastContext = createContext<(kind: Toast['kind'], text: string) => void>(() => undefined);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const seq = useRef(0);
  const push = useCallback((kind: Toast['kind'], text: string) => {
    const id = ++seq.current;
    setToasts((t) => [...t.slice(-3), { id, kind, text }]);
    setTimeout(
      () => setToasts((t) => t.filter((x) => x.id !== id)),
      kind === 'error' || kind === 'warn' ? 12000 : 5000,
    );
  }, []);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts" aria-live="polite" role="status">
        {toasts.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`}>
            {t.text}
            <button
              type="button"
              className="toast-close"
              aria-label="Đóng thông báo"
              onClick={() => setToasts((all) => all.filter((x) => x.id !== t.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);

/** A modal dialog (the native <dialog>: focus is trapped and Escape closes it). */
export function Dialog({
  open,
  title,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}

export function Tabs<T extends string>({
  tabs,
  active,
  onChange,
  label,
}: {
  tabs: Array<{ id: T; label: ReactNode }>;
  active: T;
  onChange: (id: T) => void;
  label: string;
}) {
  const onKey = (event: React.KeyboardEvent, index: number) => {
    const delta = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    const next = tabs[(index + delta + tabs.length) % tabs.length];
    onChange(next.id);
    (document.getElementById(`tab-${next.id}`) as HTMLElement | null)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((tab, i) => (
        <button
          key={tab.id}
          id={`tab-${tab.id}`}
          type="button"
          role="tab"
          aria-selected={tab.id === active}
          aria-controls={`panel-${tab.id}`}
          tabIndex={tab.id === active ? 0 : -1}
          className={`tab${tab.id === active ? ' tab-active' : ''}`}
          onClick={() => onChange(tab.id)}
          onKeyDown={(e) => onKey(e, i)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

export function CopyButton({ text, label = 'Sao chép' }: { text: string; label?: string }) {
  const [done, setDone] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = document.createElement('textarea');
      area.value = text;
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setDone(true);
    setTimeout(() => setDone(false), 2000);
  };
  return (
    <button type="button" className="btn btn-small" onClick={copy} aria-live="polite">
      {done ? 'Đã sao chép' : label}
    </button>
  );
}
