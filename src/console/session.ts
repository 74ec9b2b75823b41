// The signed-in user. The access token lives in sessionStorage (this tab only, gone when it closes) so a reload
// keeps the session; nothing else is stored, and never a NIK.
import type { components } from './api-types';

type LoginUser = components['schemas']['LoginUserResponse'];
export type Role = LoginUser['role'];

/** The user of the login answer, as kept in the session. */
export type SessionUser = Pick<LoginUser, 'id' | 'email' | 'role' | 'cooperativeId'> & {
  /** Absent in sessions from before the API gave it. */
  cooperativeName?: string | null;
};

export interface Session {
  token: string;
  expiresAt: number;
  user: SessionUser;
}

const KEY = 'kcx.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const session = JSON.parse(raw) as Session;
    return session.expiresAt > Date.now() ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}
