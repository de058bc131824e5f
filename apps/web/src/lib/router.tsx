import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useMemo, useSyncExternalStore } from 'react';

/** A small History-API router: the app has a dozen pages, which does not warrant a routing library. */

type Listener = () => void;
const listeners = new Set<Listener>();

/** Pages with unsaved work: leaving them (another page of the app, or the tab) asks first. */
const guards = new Set<() => string | null>();

/**
 * While `when` holds, navigating away asks `message` first (a confirm dialog inside the app, the
 * browser's own prompt when the tab is closed or reloaded). Query changes on the same page are not asked.
 */
export function useLeaveGuard(when: boolean, message: string) {
  useEffect(() => {
    if (!when) return;
    const guard = () => message;
    guards.add(guard);
    const beforeUnload = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      guards.delete(guard);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [when, message]);
}

function mayLeave(to: string): boolean {
  if (new URL(to, location.href).pathname === location.pathname) return true;
  for (const guard of guards) {
    const message = guard();
    if (message && !window.confirm(message)) return false;
  }
  return true;
}

/** `force`: the page itself moves on with its work saved (a new story to its own address). */
export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}) {
  if (to === location.pathname + location.search) return;
  if (!options.force && !mayLeave(to)) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  listeners.forEach((l) => l());
  if (!options.replace) window.scrollTo(0, 0);
}

window.addEventListener('popstate', () => listeners.forEach((l) => l()));

export interface Location {
  path: string;
  query: URLSearchParams;
}

const subscribe = (listener: Listener) => {
  listeners.add(listener);
  return () => void listeners.delete(listener);
};
const currentAddress = () => location.pathname + location.search;

/**
 * The current address. Through useSyncExternalStore, a component also sees a navigation made before it
 * subscribed: a child's effect (a `Redirect` on the first render) runs before its parent's.
 */
export function useLocation(): Location {
  const address = useSyncExternalStore(subscribe, currentAddress);
  return useMemo(() => {
    const url = new URL(address, 'http://nhip.invalid');
    return { path: url.pathname, query: url.searchParams };
  }, [address]);
}

/** Replaces query parameters of the current address without a new history entry. */
export function setQuery(changes: Record<string, string | null | undefined>) {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') params.delete(key);
    else params.set(key, value);
  }
  const text = params.toString();
  navigate(`${location.pathname}${text ? `?${text}` : ''}`, { replace: true });
}

/** Matches "/stories/:id" against a path; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].slice(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}

/** Moves to another address once rendered (never during render, which React forbids). */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
