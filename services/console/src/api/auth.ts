// The bearer token for an api with authentication on, kept in this browser's localStorage.
import { useSyncExternalStore } from 'react';

const KEY = 'stepwise:token';
const EVENT = 'stepwise:auth';

export function getToken(): string | undefined {
  try {
    return localStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function setToken(token: string | undefined): void {
  if (token) localStorage.setItem(KEY, token);
  else localStorage.removeItem(KEY);
  window.dispatchEvent(new Event(EVENT));
}

/** Set when the api answered 401/403: the console asks for a token. */
let needed = false;
export function markAuthNeeded(v: boolean): void {
  if (needed === v) return;
  needed = v;
  window.dispatchEvent(new Event(EVENT));
}

export function useAuth(): { token: string | undefined; needed: boolean } {
  const snap = useSyncExternalStore(
    (cb) => {
      window.addEventListener(EVENT, cb);
      return () => window.removeEventListener(EVENT, cb);
    },
    () => `${needed ? 1 : 0}${getToken() ?? ''}`,
  );
  return { token: snap.slice(1) || undefined, needed: snap.startsWith('1') };
}
