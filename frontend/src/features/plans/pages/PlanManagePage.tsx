import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Drawer, Grid, Input, InputNumber, Popconfirm, Select, Space, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import { useTabbedTable } from '../../../lib/useTabbedTable';
import { closePlan, deletePlan, fetchPlan, fetchPlans, PLAN_KEY, publishPlan, usePlan, type Plan, type PlanStatus, type PlanType } from '../api';
import { PlanDetail } from '../components/PlanDetail';
import { PlanFormDrawer } from '../components/PlanFormDrawer';
import { PlanStatusTag } from '../components/PlanStatusTag';
import { formatFee, PLAN_STATUS_LABELS, PLAN_TYPE_LABELS, PLAN_TYPES } from '../planForm';

type Tab = PlanStatus | 'all';
const TABS: Tab[] = ['draft', 'published', 'closed', 'all'];
const TAB_LABELS: Record<Tab, string> = { ...PLAN_STATUS_LABELS, all: '全部' };

interface Filters {
  planType?: PlanType;
  year?: number;
  q: string;
}

/** 申报计划 (HRSS, seed 002 §4 / SPEC §7): the plans of the department and those below it. */
export function PlanManagePage() {
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const actionRef = useRef<ActionType>(null);
  const [filters, setFilters] = useState<Filters>({ q: '' });
  const [editing, setEditing] = useState<{ plan: Plan | null } | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const list = useTabbedTable<Plan, Tab, Filters>({
    tabs: TABS,
    labels: TAB_LABELS,
    initialTab: 'draft',
    testIdPrefix: 'plan-tab-',
    load: ({ tab, ...query }) => fetchPlans({ ...query, status: tab === 'all' ? undefined : tab }),
  });

  const refresh = () => {
    actionRef.current?.reload();
    void qc.invalidateQueries({ queryKey: PLAN_KEY });
  };

  const act = async (p: Plan, what: string, run: () => Promise<unknown>) => {
    setBusy(`${what}-${p.id}`);
    try {
      await run();
      message.success(`已${what}：${p.name}`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        modal.warning({ title: `无法${what}`, content: errorMessage(err) });
      } else if (err instanceof ApiError && err.status === 422 && err.problem?.errors?.length) {
        modal.warning({ title: `无法${what}`, content: err.problem.errors.map((e) => e.message).join('；') });
      } else {
        message.error(errorMessage(err));
      }
    } finally {
      setBusy(null);
      refresh();
    }
  };

  const openEdit = async (p: Plan) => {
    // Edit the latest version (another colleague may have changed it since the list loaded).
    try {
      setEditing({ plan: await fetchPlan(p.id) });
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const columns: ProColumns<Plan>[] = [
    { title: '年度', dataIndex: 'year', width: 60 },
    {
      title: '计划名称',
      key: 'name',
      render: (_, p) => (
        <a onClick={() => setViewing(p.id)} data-testid="plan-row-name" style={{ wordBreak: 'break-all' }}>
          {p.name}
        </a>
      ),
    },
    {
      title: '计划类型 / 职称系列',
      key: 'series',
      width: 190,
      render: (_, p) => (
        <span>
          {PLAN_TYPE_LABELS[p.plan_type]} · {p.series_name} · {p.level_label}
          {p.titles.length ? (
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
              {p.titles.join('、')}
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      title: '申报时间',
      key: 'window',
      width: 150,
      render: (_, p) => (
        <span style={{ fontSize: 12 }}>
          {formatDateTime(p.opens_at)}
          <br />至 {formatDateTime(p.closes_at)}
        </span>
      ),
    },
    { title: '评审费', key: 'fee', width: 96, align: 'right', render: (_, p) => formatFee(p.fee_fen) },
    { title: '状态', key: 'status', width: 72, render: (_, p) => <PlanStatusTag status={p.status} /> },
    {
      title: '操作',
      key: 'op',
      width: 180,
      render: (_, p) => (
        <Space size={0} wrap className="plan-row-actions" data-testid="plan-row-actions">
          <Button type="link" size="small" onClick={() => setViewing(p.id)}>
            查看
          </Button>
          {p.status !== 'closed' ? (
            <Button type="link" size="small" onClick={() => void openEdit(p)} data-testid="plan-edit">
              编辑
            </Button>
          ) : null}
          {p.status === 'draft' ? (
            <Popconfirm
              title="发布申报计划"
              description="发布后申报人即可在申报时间内看到并申报，只能再修改说明、截止时间和附件名称。确定发布？"
              okText="发布"
              cancelText="取消"
              onConfirm={() => act(p, '发布', () => publishPlan(p.id))}
            >
              <Button type="link" size="small" loading={busy === `发布-${p.id}`} data-testid="plan-publish">
                发布
              </Button>
            </Popconfirm>
          ) : null}
          {p.status === 'draft' ? (
            <Popconfirm
              title="删除申报计划"
              description="删除后不可恢复，确定删除该草稿？"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => act(p, '删除', () => deletePlan(p.id))}
            >
              <Button type="link" size="small" danger loading={busy === `删除-${p.id}`} data-testid="plan-delete">
                删除
              </Button>
            </Popconfirm>
          ) : null}
          {p.status === 'published' ? (
            <Popconfirm
              title="关闭申报计划"
              description="关闭后申报人不能再按该计划申报，且不可恢复。确定关闭？"
              okText="关闭计划"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => act(p, '关闭', () => closePlan(p.id))}
            >
              <Button type="link" size="small" danger loading={busy === `关闭-${p.id}`} data-testid="plan-close">
                关闭
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ProTable<Plan, Filters & { tab: Tab }>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        search={false}
        cardBordered
        cardProps={{
          title: (
          <Space size={[12, 8]} wrap>
            <Select<PlanType>
              allowClear
              placeholder="计划类型"
              style={{ width: 120 }}
              value={filters.planType}
              onChange={(v) => setFilters((f) => ({ ...f, planType: v }))}
              options={PLAN_TYPES.map((t) => ({ value: t, label: PLAN_TYPE_LABELS[t] }))}
              data-testid="plan-filter-type"
            />
            <InputNumber<number>
              placeholder="年度"
              min={2000}
              max={2100}
              precision={0}
              style={{ width: 110 }}
              value={filters.year ?? null}
              onChange={(v) => setFilters((f) => ({ ...f, year: v ?? undefined }))}
              data-testid="plan-filter-year"
            />
            <Input.Search
              allowClear
              enterButton="查询"
              style={{ width: 320 }}
              placeholder="请输入计划名称关键字"
              onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() }))}
              data-testid="plan-search"
            />
          </Space>
          ),
        }}
        toolBarRender={() => [
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ plan: null })} data-testid="plan-new">
            新建计划
          </Button>,
        ]}
        params={{ ...filters, tab: list.tab }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: list.tab === 'draft' ? '暂无草稿，点击「新建计划」创建申报计划' : '暂无申报计划' }}
        toolbar={{ menu: list.menu }}
        request={list.request}
      />
      <PlanFormDrawer
        open={!!editing}
        plan={editing?.plan ?? null}
        onClose={() => setEditing(null)}
        onSaved={(p) => {
          setEditing(null);
          if (p.status === 'draft' && list.tab !== 'draft' && list.tab !== 'all') list.setTab('draft');
          refresh();
        }}
      />
      <PlanViewDrawer id={viewing} onClose={() => setViewing(null)} />
    </>
  );
}

function PlanViewDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const plan = usePlan(id);
  const narrow = !Grid.useBreakpoint().md;
  return (
    <Drawer open={!!id} title={plan.data?.name ?? '申报计划'} width={narrow ? '100%' : 860} onClose={onClose} destroyOnHidden>
      {plan.isPending ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : plan.isError ? (
        <Alert type="error" showIcon message={errorMessage(plan.error)} />
      ) : (
        <PlanDetail plan={plan.data} staffView />
      )}
    </Drawer>
  );
}
