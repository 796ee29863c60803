import type { Middleware } from 'openapi-fetch';
import type { TokenPair, TokenStore } from './tokens';

export const AUTH_PREFIX = '/api/v1/auth/';
const REFRESH_PATH = '/api/v1/auth/refresh';

export interface AuthMiddlewareOptions {
  store: TokenStore;
  /** Called once the session is unrecoverable (no refresh token, or the refresh failed). */
  onAuthFailure: () => void;
}

function isAuthEndpoint(url: string): boolean {
  try {
    return new URL(url, 'http://x').pathname.startsWith(AUTH_PREFIX);
  } catch {
    return url.includes(AUTH_PREFIX);
  }
}

function bearerOf(req: Request): string | null {
  const h = req.headers.get('Authorization');
  return h && h.startsWith('Bearer ') ? h.slice(7) : null;
}

/**
 * openapi-fetch middleware: adds `Authorization: Bearer <access>` and, when a
 * non-auth endpoint answers 401, refreshes the token pair ONCE (one refresh in
 * flight shared by all concurrent requests), stores the new pair and retries
 * the request. When the refresh fails the session is dropped (onAuthFailure).
 */
export function createAuthMiddleware({ store, onAuthFailure }: AuthMiddlewareOptions): Middleware {
  // Clones of outgoing requests, kept to retry them after a refresh (the body is consumed by fetch).
  const pending = new Map<string, Request>();
  let inflight: Promise<string | null> | null = null;

  async function doRefresh(baseUrl: string, fetchFn: typeof fetch): Promise<string | null> {
    const refresh = store.getRefresh();
    if (!refresh) return null;
    try {
      const res = await fetchFn(
        new Request(`${baseUrl}${REFRESH_PATH}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify({ refresh_token: refresh }),
        }),
      );
      if (!res.ok) return null;
      const pair = (await res.json()) as TokenPair;
      if (!pair?.access_token || !pair?.refresh_token) return null;
      store.set(pair);
      return pair.access_token;
    } catch {
      return null;
    }
  }

  /** Single-flight: concurrent callers share one POST /auth/refresh. */
  function refreshOnce(baseUrl: string, fetchFn: typeof fetch): Promise<string | null> {
    if (!inflight) {
      inflight = doRefresh(baseUrl, fetchFn).finally(() => {
        inflight = null;
      });
    }
    return inflight;
  }

  let failed = false;
  function fail() {
    store.clear();
    if (!failed) {
      failed = true;
      // Let every concurrent waiter settle before reporting once.
      queueMicrotask(() => {
        failed = false;
        onAuthFailure();
      });
    }
  }

  return {
    onRequest({ request, id }) {
      if (isAuthEndpoint(request.url)) return undefined;
      const token = store.getAccess();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      pending.set(id, request.clone());
      return request;
    },
    async onResponse({ request, response, options, id }) {
      const original = pending.get(id);
      pending.delete(id);
      if (response.status !== 401 || isAuthEndpoint(request.url) || !original) return undefined;

      const usedToken = bearerOf(original);
      const current = store.getAccess();
      let token: string | null;
      if (current && current !== usedToken) {
        // Another request already refreshed while this one was on the wire.
        token = current;
      } else {
        token = await refreshOnce(options.baseUrl, options.fetch);
      }
      if (!token) {
        fail();
        return undefined;
      }
      const retry = new Request(original, { headers: new Headers(original.headers) });
      retry.headers.set('Authorization', `Bearer ${token}`);
      const second = await options.fetch(retry);
      if (second.status === 401) fail();
      return second;
    },
    onError({ id }) {
      pending.delete(id);
    },
  };
}
