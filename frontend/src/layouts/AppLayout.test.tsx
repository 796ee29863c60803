import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { renderRoutes } from '../test/render';
import { AppLayout } from './AppLayout';
import { RequireAuth } from '../features/auth/components/guards';
import { localTokenStore } from '../api/tokens';

afterEach(() => vi.unstubAllGlobals());

const admin = {
  id: '1',
  role: 'admin',
  username: 'admin',
  name: '管理员',
  status: 'active',
  created_at: '2026-01-01T00:00:00Z',
  phone_masked: null,
  id_number_masked: null,
  gender: null,
  birth_date: null,
  org_unit: null,
};

function serve() {
  localTokenStore.set({ access_token: 'a', refresh_token: 'r' });
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      if (path === '/api/v1/me') return Response.json(admin);
      if (path === '/api/v1/notifications') return Response.json({ items: [], total: 0, unread: 0 });
      return Response.json({ type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: '未找到' }, { status: 404 });
    }),
  );
}

const selected = () => Array.from(document.querySelectorAll('.ant-menu-item-selected')).map((el) => el.textContent);

describe('side menu highlight', () => {
  it('follows the route and is empty on pages off the menu', async () => {
    serve();
    const { router } = renderRoutes(
      [
        {
          path: '/',
          element: (
            <RequireAuth>
              <AppLayout />
            </RequireAuth>
          ),
          children: [
            { path: 'user-center', element: <div>home</div> },
            { path: 'admin/org-units', element: <div>units</div> },
            { path: 'messages', element: <div>messages</div> },
          ],
        },
      ],
      '/admin/org-units',
    );
    expect(await screen.findByText('units')).toBeInTheDocument();
    await waitFor(() => expect(selected()).toEqual(['组织机构']));
    await act(() => router.navigate('/messages'));
    expect(await screen.findByText('messages')).toBeInTheDocument();
    await waitFor(() => expect(selected()).toEqual([]));
    await act(() => router.navigate('/user-center'));
    await waitFor(() => expect(selected()).toEqual(['用户中心']));
  });
});
