import type { Request, Response } from 'express';

/**
 * The web app's session: the login token in an HttpOnly cookie the page's scripts cannot read, sent only to
 * the api (`Path=/api`) and only from Nhịp's own pages (`SameSite=Strict`), `Secure` when served over https.
 * A request authenticated by this cookie that changes something must also carry `X-Nhip-Client: web`: a
 * page of another site can neither send the cookie (SameSite) nor add a custom header without a CORS
 * preflight the api never grants. Integrations keep using `Authorization: Bearer`.
 */
const SESSION_COOKIE = 'nhip_session';
const CLIENT_HEADER = 'x-nhip-client';
const WEB_CLIENT = 'web';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isWebClient = (req: Request) => req.headers[CLIENT_HEADER] === WEB_CLIENT;

export const needsClientHeader = (req: Request) => !SAFE_METHODS.has(req.method) && !isWebClient(req);

/** The session cookie's value, if the request carries one. */
export function readSessionCookie(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim() || null;
  }
  return null;
}

function options(req: Request, publicUrl: string) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: req.secure || publicUrl.startsWith('https:'),
    path: '/api',
  };
}

export function setSessionCookie(
  req: Request,
  res: Response,
  publicUrl: string,
  token: string,
  expiresAt: Date | null,
) {
  res.cookie(SESSION_COOKIE, token, {
    ...options(req, publicUrl),
    ...(expiresAt ? { expires: expiresAt } : {}),
  });
}

export function clearSessionCookie(req: Request, res: Response, publicUrl: string) {
  res.clearCookie(SESSION_COOKIE, options(req, publicUrl));
}
