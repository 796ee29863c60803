import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { ProTable } from '@ant-design/pro-components';
import { AppProviders } from '../AppProviders';
import { createQueryClient } from '../appConfig';
import { ApiError } from '../api/problem';
import { useTabbedTable, type TabbedPage } from './useTabbedTable';

type Tab = 'pending' | 'approved' | 'all';
const TABS: Tab[] = ['pending', 'approved', 'all'];
const LABELS: Record<Tab, string> = { pending: '待审核', approved: '通过', all: '全部' };
interface Row {
  id: string;
  name: string;
}

const wrapper = ({ children }: { children: ReactNode }) => <AppProviders client={createQueryClient()}>{children}</AppProviders>;

const page = (counts: TabbedPage<Row, Tab>['counts']): TabbedPage<Row, Tab> => ({
  items: [{ id: '1', name: '徐晓丽' }],
  total: 29,
  counts,
});

describe('useTabbedTable', () => {
  it('passes filters, tab and paging to the loader and returns {data, total}', async () => {
    const load = vi.fn(async () => page({ pending: 1, approved: 26, all: 29 }));
    const { result } = renderHook(
      () => useTabbedTable<Row, Tab, { category: string; q: string }>({ tabs: TABS, labels: LABELS, initialTab: 'pending', load }),
      { wrapper },
    );
    let answer: Awaited<ReturnType<typeof result.current.request>> | undefined;
    await act(async () => {
      answer = await result.current.request({ category: 'education', q: '徐', tab: 'approved', current: 3, pageSize: 20 });
    });
    expect(load).toHaveBeenCalledWith({ category: 'education', q: '徐', tab: 'approved', page: 3, perPage: 20 });
    expect(answer).toEqual({ data: [{ id: '1', name: '徐晓丽' }], total: 29, success: true });
    // Counts of the last page label the tabs.
    expect(TABS.map(result.current.tabLabel)).toEqual(['待审核 (1)', '通过 (26)', '全部 (29)']);
  });

  it('labels tabs without counts until a page arrived, and defaults the paging', async () => {
    const load = vi.fn(async () => page({ pending: 0, approved: 3, all: 3 }));
    const { result } = renderHook(() => useTabbedTable<Row, Tab>({ tabs: TABS, labels: LABELS, initialTab: 'all', load }), { wrapper });
    expect(TABS.map(result.current.tabLabel)).toEqual(['待审核', '通过', '全部']);
    await act(async () => {
      await result.current.request({ tab: 'all' });
    });
    expect(load).toHaveBeenCalledWith({ tab: 'all', page: 1, perPage: 10 });
    expect(result.current.tabLabel('pending')).toBe('待审核 (0)');
  });

  it('switches tabs and tells the page', () => {
    const onTabChange = vi.fn();
    const { result } = renderHook(
      () => useTabbedTable<Row, Tab>({ tabs: TABS, labels: LABELS, initialTab: 'pending', load: vi.fn(), onTabChange }),
      { wrapper },
    );
    act(() => result.current.menu.onChange('approved'));
    expect(result.current.tab).toBe('approved');
    expect(result.current.menu.activeKey).toBe('approved');
    expect(onTabChange).toHaveBeenCalledWith('approved');
  });

  it('shows the server’s message and an empty page when the load fails', async () => {
    const load = vi.fn(async () => {
      throw new ApiError(403, { type: 'about:blank', title: 'Forbidden', status: 403, code: 'forbidden', detail: '当前角色无权进行此操作' });
    });
    const { result } = renderHook(() => useTabbedTable<Row, Tab>({ tabs: TABS, labels: LABELS, initialTab: 'pending', load }), { wrapper });
    let answer: Awaited<ReturnType<typeof result.current.request>> | undefined;
    await act(async () => {
      answer = await result.current.request({ tab: 'pending' });
    });
    expect(answer).toEqual({ data: [], total: 0, success: false });
    expect(await screen.findByText('当前角色无权进行此操作')).toBeInTheDocument();
  });

  it('renders the tabs with counts in a ProTable', async () => {
    const load = vi.fn(async ({ tab }: { tab: Tab }) => ({
      items: tab === 'pending' ? [{ id: '1', name: '徐晓丽' }] : [],
      total: tab === 'pending' ? 1 : 0,
      counts: { pending: 1, approved: 26, all: 29 },
    }));
    function List() {
      const list = useTabbedTable<Row, Tab>({ tabs: TABS, labels: LABELS, initialTab: 'pending', load });
      return (
        <ProTable<Row, { tab: Tab }>
          rowKey="id"
          search={false}
          columns={[{ title: '姓名', dataIndex: 'name' }]}
          params={{ tab: list.tab }}
          toolbar={{ menu: list.menu }}
          request={list.request}
        />
      );
    }
    render(<List />, { wrapper });
    expect(await screen.findByText('徐晓丽')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('tab-pending')).toHaveTextContent('待审核 (1)'));
    expect(screen.getByTestId('tab-approved')).toHaveTextContent('通过 (26)');
    expect(screen.getByTestId('tab-all')).toHaveTextContent('全部 (29)');
    act(() => screen.getByTestId('tab-approved').click());
    await waitFor(() => expect(load).toHaveBeenLastCalledWith(expect.objectContaining({ tab: 'approved', page: 1 })));
  });
});
