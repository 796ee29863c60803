import type { components } from './schema';

export type TokenPair = components['schemas']['TokenPair'];

const ACCESS = 'zcps.access_token';
const REFRESH = 'zcps.refresh_token';

export interface TokenStore {
  getAccess(): string | null;
  getRefresh(): string | null;
  set(pair: Pick<TokenPair, 'access_token' | 'refresh_token'>): void;
  clear(): void;
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Access and refresh token kept in localStorage (survives reloads, shared by tabs). */
export const localTokenStore: TokenStore = {
  getAccess: () => localStorage.getItem(ACCESS),
  getRefresh: () => localStorage.getItem(REFRESH),
  set(pair) {
    localStorage.setItem(ACCESS, pair.access_token);
    localStorage.setItem(REFRESH, pair.refresh_token);
    listeners.forEach((l) => l());
  },
  clear() {
    localStorage.removeItem(ACCESS);
    localStorage.removeItem(REFRESH);
    listeners.forEach((l) => l());
  },
};

export function onTokensChange(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** In-memory store (tests). */
export function memoryTokenStore(initial?: { access?: string; refresh?: string }): TokenStore {
  let access = initial?.access ?? null;
  let refresh = initial?.refresh ?? null;
  return {
    getAccess: () => access,
    getRefresh: () => refresh,
    set(pair) {
      access = pair.access_token;
      refresh = pair.refresh_token;
    },
    clear() {
      access = null;
      refresh = null;
    },
  };
}
