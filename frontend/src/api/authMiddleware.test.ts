// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import createClient from 'openapi-fetch';
import type { paths } from './schema';
import { createAuthMiddleware } from './authMiddleware';
import { memoryTokenStore } from './tokens';

const BASE = 'http://api.test';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

const unauthorized = () =>
  json(401, { type: 'about:blank', title: 'Unauthorized', status: 401, detail: '登录已过期', code: 'unauthorized' });

const account = {
  id: '00000000-0000-0000-0000-000000000001',
  role: 'admin',
  username: 'admin',
  name: '管理员',
  phone_masked: '157****6340',
  created_at: '2026-01-01T00:00:00Z',
};

/** A fake server: access token `valid-N` is good for generation N; refresh rotates. */
function fakeServer(opts: { refreshFails?: boolean; slowPath?: string } = {}) {
  let generation = 1;
  const calls = { refresh: 0, byPath: new Map<string, number>() };
  const fetchMock = vi.fn(async (input: Request | string | URL) => {
    const req = input instanceof Request ? input : new Request(input);
    const path = new URL(req.url).pathname;
    calls.byPath.set(path, (calls.byPath.get(path) ?? 0) + 1);
    if (path === '/api/v1/auth/refresh') {
      calls.refresh++;
      const body = (await req.json()) as { refresh_token: string };
      await new Promise((r) => setTimeout(r, 20));
      if (opts.refreshFails || body.refresh_token !== `refresh-${generation}`) return unauthorized();
      generation++;
      return json(200, {
        access_token: `valid-${generation}`,
        refresh_token: `refresh-${generation}`,
        token_type: 'Bearer',
        expires_in: 900,
      });
    }
    if (path === '/api/v1/auth/login') return unauthorized();
    const authorized = req.headers.get('Authorization') === `Bearer valid-${generation}`;
    if (path === opts.slowPath) await new Promise((r) => setTimeout(r, 100));
    if (!authorized) return unauthorized();
    if (req.headers.get('Authorization') !== `Bearer valid-${generation}`) return unauthorized();
    if (path === '/api/v1/org-units' && req.method === 'POST') {
      const body = (await req.json()) as { name: string };
      return json(201, { id: 'u1', name: body.name, kind: 'hrss', parent_id: null, credit_code: null, level: 1, created_at: 'x' });
    }
    return json(200, account);
  });
  return { fetchMock, calls };
}

function setup(opts: { refreshFails?: boolean; slowPath?: string } = {}) {
  const server = fakeServer(opts);
  // The stored access token is stale: the server is already at generation 1 but the
  // client holds an expired token.
  const store = memoryTokenStore({ access: 'expired', refresh: 'refresh-1' });
  const onAuthFailure = vi.fn();
  const client = createClient<paths>({ baseUrl: BASE, fetch: server.fetchMock });
  client.use(createAuthMiddleware({ store, onAuthFailure }));
  return { ...server, store, onAuthFailure, client };
}

describe('auth middleware', () => {
  it('adds the bearer token', async () => {
    const { client, store, fetchMock } = setup();
    store.set({ access_token: 'valid-1', refresh_token: 'refresh-1' });
    const r = await client.GET('/api/v1/me');
    expect(r.data?.username).toBe('admin');
    const sent = fetchMock.mock.calls[0][0] as Request;
    expect(sent.headers.get('Authorization')).toBe('Bearer valid-1');
  });

  it('refreshes once for concurrent 401s and retries every request', async () => {
    const { client, store, calls, onAuthFailure } = setup();
    const results = await Promise.all([
      client.GET('/api/v1/me'),
      client.GET('/api/v1/me'),
      client.GET('/api/v1/org-units', { params: { query: { page: 1 } } }),
      client.GET('/api/v1/me'),
    ]);
    expect(calls.refresh).toBe(1);
    for (const r of results) {
      expect(r.response.status).toBe(200);
      expect(r.error).toBeUndefined();
    }
    expect(store.getAccess()).toBe('valid-2');
    expect(store.getRefresh()).toBe('refresh-2');
    expect(onAuthFailure).not.toHaveBeenCalled();
  });

  it('retries a request with its body intact', async () => {
    const { client, calls } = setup();
    const r = await client.POST('/api/v1/org-units', { body: { name: '浙江省人力资源和社会保障厅', kind: 'hrss', parent_id: null } });
    expect(calls.refresh).toBe(1);
    expect(r.response.status).toBe(201);
    expect(r.data?.name).toBe('浙江省人力资源和社会保障厅');
  });

  it('uses a token refreshed meanwhile instead of refreshing again', async () => {
    // The org-units 401 (sent with the stale token) arrives after the /me refresh finished.
    const { client, calls, store } = setup({ slowPath: '/api/v1/org-units' });
    const [slow, fast] = await Promise.all([client.GET('/api/v1/org-units'), client.GET('/api/v1/me')]);
    expect(fast.response.status).toBe(200);
    expect(slow.response.status).toBe(200);
    expect(calls.refresh).toBe(1);
    expect(store.getAccess()).toBe('valid-2');
  });

  it('logs out once when the refresh fails', async () => {
    const { client, store, calls, onAuthFailure } = setup({ refreshFails: true });
    const results = await Promise.all([client.GET('/api/v1/me'), client.GET('/api/v1/me'), client.GET('/api/v1/me')]);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.refresh).toBe(1);
    for (const r of results) expect(r.response.status).toBe(401);
    expect(store.getAccess()).toBeNull();
    expect(store.getRefresh()).toBeNull();
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
  });

  it('never refreshes for auth endpoints', async () => {
    const { client, calls, onAuthFailure, fetchMock } = setup();
    const r = await client.POST('/api/v1/auth/login', {
      body: { account_kind: 'individual', username: 'x', password: 'y' },
    });
    expect(r.response.status).toBe(401);
    expect(r.error?.detail).toBe('登录已过期');
    expect(calls.refresh).toBe(0);
    expect(onAuthFailure).not.toHaveBeenCalled();
    expect((fetchMock.mock.calls[0][0] as Request).headers.get('Authorization')).toBeNull();
  });

  it('gives up without a refresh token', async () => {
    const { client, store, calls, onAuthFailure } = setup();
    store.clear();
    const r = await client.GET('/api/v1/me');
    await new Promise((r) => setTimeout(r, 0));
    expect(r.response.status).toBe(401);
    expect(calls.refresh).toBe(0);
    expect(onAuthFailure).toHaveBeenCalledTimes(1);
  });
});
