import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { createAuthMiddleware } from './authMiddleware';
import { localTokenStore } from './tokens';

let authFailureHandler: () => void = () => {
  window.location.assign('/login');
};

/** The app installs its own handler (clear cache, navigate to the login page). */
export function setAuthFailureHandler(fn: () => void) {
  authFailureHandler = fn;
}

/** The typed API client. URLs are relative: the SPA is served by the API server. */
export const api = createClient<paths>({
  baseUrl: '',
  // Looked up on each call (not captured once) so tests can stub the global fetch.
  fetch: (input) => globalThis.fetch(input),
});

api.use(
  createAuthMiddleware({
    store: localTokenStore,
    onAuthFailure: () => authFailureHandler(),
  }),
);
