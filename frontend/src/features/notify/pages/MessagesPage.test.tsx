import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderRoutes } from '../../../test/render';
import { MessagesPage } from './MessagesPage';
import { NotificationBell } from '../components/NotificationBell';
import { NOTIFICATIONS_KEY } from '../api';
import { localTokenStore } from '../../../api/tokens';
import type { Notification } from '../../../api/types';

afterEach(() => vi.unstubAllGlobals());

const note = (id: string, read: boolean): Notification => ({
  id,
  read,
  title: `消息 ${id}`,
  body: '正文',
  created_at: '2026-01-01T00:00:00Z',
});

/** A tiny notification server: GET lists, POST read-all marks everything read. */
function serveNotifications(items: Notification[]) {
  localTokenStore.set({ access_token: 'a', refresh_token: 'r' });
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      calls.push(`${req.method} ${path}`);
      if (req.method === 'GET' && path === '/api/v1/notifications') {
        const unread = items.filter((n) => !n.read).length;
        return Response.json({ items, page: 1, per_page: 10, total: items.length, unread });
      }
      if (req.method === 'POST' && path === '/api/v1/notifications/read-all') {
        const updated = items.filter((n) => !n.read).length;
        items = items.map((n) => ({ ...n, read: true }));
        return Response.json({ updated });
      }
      return Response.json({ type: 'about:blank', title: 'Not Found', status: 404, code: 'not_found', detail: '未找到' }, { status: 404 });
    }),
  );
  return calls;
}

const page = (
  <>
    <NotificationBell />
    <MessagesPage />
  </>
);

describe('我的消息', () => {
  it('全部标为已读 marks every message read and refreshes the list and the bell', async () => {
    const calls = serveNotifications([note('1', false), note('2', false), note('3', true)]);
    const { client } = renderRoutes([{ path: '/messages', element: page }], '/messages');
    const bellCount = () => client.getQueryData([...NOTIFICATIONS_KEY, 'unread']);
    expect(await screen.findAllByTestId('message-item')).toHaveLength(3);
    await waitFor(() => expect(bellCount()).toBe(2));
    const all = screen.getByRole('button', { name: '全部标为已读' });
    await waitFor(() => expect(all).toBeEnabled());
    expect(screen.getAllByRole('button', { name: '标为已读' })).toHaveLength(2);

    fireEvent.click(all);
    await waitFor(() => expect(calls).toContain('POST /api/v1/notifications/read-all'));
    // (the name may still carry the leaving loading icon's label in jsdom)
    await waitFor(() => expect(screen.getByRole('button', { name: /全部标为已读/ })).toBeDisabled());
    expect(calls.filter((c) => c.startsWith('POST')).every((c) => c.endsWith('/read-all'))).toBe(true);
    await waitFor(() => expect(screen.queryByRole('button', { name: '标为已读' })).toBeNull());
    // the bell's count is refetched (its badge's leave animation never ends in jsdom)
    await waitFor(() => expect(bellCount()).toBe(0));
  });

  it('disables 全部标为已读 when nothing is unread', async () => {
    serveNotifications([note('1', true)]);
    renderRoutes([{ path: '/messages', element: page }], '/messages');
    expect(await screen.findAllByTestId('message-item')).toHaveLength(1);
    await waitFor(() => expect(screen.getByRole('button', { name: '全部标为已读' })).toBeDisabled());
  });
});
