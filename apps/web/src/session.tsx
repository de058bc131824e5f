import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, setUnauthorizedHandler } from './api/client';
import type { Agency, Me, Role } from './api/types';
import { sortByName } from './lib/collate';
import { atLeast } from './lib/labels';
import { navigate } from './lib/router';

const AGENCY_KEY = 'nhip.agency';

export interface Session {
  me: Me;
  agencies: Agency[];
  /** The agency the screens work in (stories, channels, administration). */
  agency: Agency | null;
  setAgency: (id: string) => void;
  /** The caller's role at an agency, as the API reported it. */
  roleAt: (agencyId: string | undefined | null) => Role | undefined;
  can: (minimum: Role, agencyId?: string | null) => boolean;
  logout: () => Promise<void>;
  reloadAgencies: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The agency a person most likely works in: where they hold their own membership, the lowest level first. */
function defaultAgency(me: Me, agencies: Agency[]): Agency | null {
  const stored = localStorage.getItem(AGENCY_KEY);
  const found = stored && agencies.find((a) => a.id === stored);
  if (found) return found;
  const own = me.memberships
    .map((m) => agencies.find((a) => a.id === m.agencyId))
    .filter((a): a is Agency => Boolean(a));
  const rank = ['ward', 'commune', 'department', 'other', 'province'];
  own.sort((a, b) => rank.indexOf(a.kind) - rank.indexOf(b.kind));
  return own[0] ?? agencies[0] ?? null;
}

export function SessionProvider({
  me,
  initialAgencies,
  onLogout,
  children,
}: {
  me: Me;
  initialAgencies: Agency[];
  onLogout: () => void;
  children: ReactNode;
}) {
  const [agencies, setAgencies] = useState(() => sortByName(initialAgencies, (a) => a.name));
  const [agencyId, setAgencyId] = useState<string | null>(() => defaultAgency(me, initialAgencies)?.id ?? null);

  const setAgency = useCallback((id: string) => {
    localStorage.setItem(AGENCY_KEY, id);
    setAgencyId(id);
  }, []);

  const reloadAgencies = useCallback(async () => {
    setAgencies(sortByName(await api.get<Agency[]>('/agencies'), (a) => a.name));
  }, []);

  const logout = useCallback(async () => {
    // The API revokes the session and clears its cookie.
    await api.post('/auth/logout').catch(() => undefined);
    navigate('/login', { replace: true });
    onLogout();
  }, [onLogout]);

  const value = useMemo<Session>(() => {
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const roleAt = (id: string | undefined | null) => (id ? byId.get(id)?.myRole : undefined);
    const agency = (agencyId && byId.get(agencyId)) || null;
    return {
      me,
      agencies,
      agency,
      setAgency,
      roleAt,
      can: (minimum, id) => atLeast(roleAt(id === undefined ? agency?.id : id), minimum),
      logout,
      reloadAgencies,
    };
  }, [me, agencies, agencyId, setAgency, logout, reloadAgencies]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** Sends the person to the login page when the API says the session is gone. */
export function useUnauthorizedRedirect(onExpired: () => void) {
  useEffect(() => {
    setUnauthorizedHandler(() => {
      onExpired();
      // Already at the login page (a first visit asks whether a session exists): keep its `?next=`.
      if (location.pathname === '/login') return;
      const back = location.pathname + location.search;
      navigate(
        `/login${back && back !== '/' && !back.startsWith('/login') ? `?next=${encodeURIComponent(back)}` : ''}`,
        { replace: true },
      );
    });
  }, [onExpired]);
}
