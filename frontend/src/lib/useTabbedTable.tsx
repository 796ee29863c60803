import { useState } from 'react';
import { App } from 'antd';
import { errorMessage } from '../api/problem';

/** What a tabbed list endpoint answers: one page of rows, the total, and a count per tab. */
export interface TabbedPage<Row, Tab extends string> {
  items: Row[];
  total: number;
  counts: { [K in Tab]?: number };
}

/** The query a tabbed list asks for: the page's own filters `Q`, the tab and the paging. */
export type TabbedQuery<Tab extends string, Q extends object> = Q & { tab: Tab; page: number; perPage: number };

/** ProTable's `params` + paging, as it passes them to `request`. */
export type TabbedRequestParams<Tab extends string, Q extends object> = Q & { tab: Tab; current?: number; pageSize?: number };

export interface TabbedTableOptions<Row, Tab extends string, Q extends object> {
  tabs: readonly Tab[];
  labels: Record<Tab, string>;
  initialTab: Tab;
  /** Fetch one page (throwing on failure); the rows, total and per-tab counts come back. */
  load: (query: TabbedQuery<Tab, Q>) => Promise<TabbedPage<Row, Tab>>;
  /** `data-testid` of a tab's label is `${testIdPrefix}${tab}`. */
  testIdPrefix?: string;
  onTabChange?: (tab: Tab) => void;
}

/**
 * One status-tabbed list (待审核 (1) 通过 (26) 不通过 (2) 全部 (29)): the ProTable `request`, the
 * tab state and the counts the last page reported, and the tab menu built from them. Put
 * `{...filters, tab}` in the ProTable's `params` so a new tab or filter reloads page one.
 */
export function useTabbedTable<Row, Tab extends string, Q extends object = object>(opts: TabbedTableOptions<Row, Tab, Q>) {
  const { tabs, labels, initialTab, load, testIdPrefix = 'tab-', onTabChange } = opts;
  const { message } = App.useApp();
  const [tab, setTabState] = useState<Tab>(initialTab);
  const [counts, setCounts] = useState<TabbedPage<Row, Tab>['counts']>();

  const setTab = (t: Tab) => {
    setTabState(t);
    onTabChange?.(t);
  };

  const tabLabel = (t: Tab) => {
    const n = counts?.[t];
    return n === undefined ? labels[t] : `${labels[t]} (${n})`;
  };

  const request = async (params: TabbedRequestParams<Tab, Q>) => {
    const { current, pageSize, ...rest } = params;
    try {
      const page = await load({ ...(rest as unknown as Q & { tab: Tab }), tab: params.tab ?? tab, page: current ?? 1, perPage: pageSize ?? 10 });
      setCounts(page.counts);
      return { data: page.items, total: page.total, success: true };
    } catch (err) {
      message.error(errorMessage(err));
      return { data: [] as Row[], total: 0, success: false };
    }
  };

  /** For ProTable's `toolbar.menu`. */
  const menu = {
    type: 'tab' as const,
    activeKey: tab,
    items: tabs.map((t) => ({ key: t, label: <span data-testid={`${testIdPrefix}${t}`}>{tabLabel(t)}</span> })),
    onChange: (key: unknown) => setTab(key as Tab),
  };

  return { tab, setTab, counts, tabLabel, request, menu };
}
