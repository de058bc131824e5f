/**
 * The only way the web app talks to the API: JSON over /api/v1. The session is an HttpOnly cookie the
 * browser sends by itself (no script here ever sees the token); every request names the web client in
 * `X-Nhip-Client`, which the API requires on changes made with that cookie (CSRF).
 */

const CLIENT_HEADERS = { 'X-Nhip-Client': 'web' } as const;

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let onUnauthorized: () => void = () => undefined;

/** The API said there is no valid session (none yet, expired, revoked, or the person was deactivated). */
export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

/** Requests in flight, so the page can show progress for anything slow. */
type Listener = (pending: number) => void;
const listeners = new Set<Listener>();
let pending = 0;
function track(delta: number) {
  pending += delta;
  listeners.forEach((l) => l(pending));
}
export function onPendingChange(listener: Listener) {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | undefined | null | string[]>;

function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...CLIENT_HEADERS };
  // A form (a file upload) carries its own multipart boundary in the type the browser sets.
  const form = body instanceof FormData;
  if (body !== undefined && !form) headers['Content-Type'] = 'application/json';
  track(1);
  let res: Response;
  try {
    res = await fetch(`/api/v1${withQuery(path, query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ Nhịp. Kiểm tra mạng và thử lại.');
  } finally {
    track(-1);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: ({ code?: unknown; message?: unknown; details?: unknown } & object) | null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    if (res.status === 401 && path !== '/auth/login') onUnauthorized();
    const message =
      typeof data?.message === 'string' ? data.message : `Máy chủ trả lỗi ${res.status}. Vui lòng thử lại sau.`;
    throw new ApiError(
      res.status,
      typeof data?.code === 'string' ? data.code : `HTTP_${res.status}`,
      message,
      data?.details,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  del: <T = void>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, form),
};

/** The message to show a person for anything thrown. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = (error.details as { fields?: Array<{ problems?: string[] }> } | undefined)?.fields;
    const extra = Array.isArray(fields)
      ? fields.flatMap((f) => f.problems ?? []).filter((m) => !error.message.includes(m))
      : [];
    return extra.length ? `${error.message} ${extra.join(' ')}` : error.message;
  }
  return 'Đã có lỗi không mong muốn. Vui lòng thử lại.';
}

/** "/api/v1/stories/…" as returned in links → the path for `api.get`. */
export function apiPath(link: string): string {
  return link.startsWith('/api/v1') ? link.slice('/api/v1'.length) : link;
}

/** A file the API answers to a POST (an audio preview), as a blob for the page to play. */
export async function postForBlob(path: string, body: unknown): Promise<Blob> {
  track(1);
  try {
    const res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      headers: { ...CLIENT_HEADERS, 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      const data = await res.json().catch(() => null);
      throw new ApiError(
        res.status,
        data?.code ?? `HTTP_${res.status}`,
        data?.message ?? `Máy chủ trả lỗi ${res.status}.`,
        data?.details,
      );
    }
    return await res.blob();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ Nhịp. Kiểm tra mạng và thử lại.');
  } finally {
    track(-1);
  }
}

/** Downloads a file the API serves behind the session, keeping the page (and its error messages) in place. */
export async function download(path: string, fallbackName: string): Promise<void> {
  track(1);
  try {
    const res = await fetch(`/api/v1${path}`, { headers: CLIENT_HEADERS, credentials: 'same-origin' });
    if (!res.ok) {
      const data = await res.json().catch(() => null);
      throw new ApiError(
        res.status,
        data?.code ?? `HTTP_${res.status}`,
        data?.message ?? `Máy chủ trả lỗi ${res.status}.`,
      );
    }
    const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? fallbackName;
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, 'NETWORK', 'Không tải được tệp. Kiểm tra mạng và thử lại.');
  } finally {
    track(-1);
  }
}
