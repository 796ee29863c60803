import { useMemo, useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Button, Input, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import { useTabbedTable } from '../../../lib/useTabbedTable';
import {
  fetchReviews,
  recommend,
  REVIEWS_KEY,
  startExport,
  type ExportJob,
  type ExportKind,
  useFilterOptions,
  type Publicity,
  type ReviewItem,
  type ReviewKind,
  type ReviewTab,
} from '../api';
import { ChainLogModal, ReturnItems } from '../components/ChainLogModal';
import { ExportModal } from '../components/ExportModal';
import { PublicityModal, PublicityOutcomeModal } from '../components/PublicityModal';
import { RecommendResultModal } from '../components/RecommendResultModal';
import { ReviewDetailDrawer } from '../components/ReviewDetailDrawer';
import { EXPORT_LABELS, exportBlocker, exportRequest } from '../exports';
import { qualificationLabel, recommendLabel, REVIEW_TABS, summarizeBatch, tabLabels, type RecommendSummary, type ReviewerRole } from '../labels';

interface Filters {
  kind: ReviewKind;
  q: string;
  year?: number;
  planId?: string;
  acceptorId?: string;
}

const STATE_COLORS: Record<string, string> = {
  pending: 'processing',
  passed: 'success',
  recommended: 'cyan',
  accepted: 'success',
  approved: 'success',
  failed: 'error',
  returned: 'warning',
};

/** The publicity of a passed row (employers): its dates and outcome, or 录入公示结果 once ended. */
function PublicityCell({ p, onOutcome }: { p: Publicity | null | undefined; onOutcome: (p: Publicity) => void }) {
  if (!p) return <Typography.Text type="secondary">未公示</Typography.Text>;
  return (
    <Space direction="vertical" size={0} style={{ fontSize: 12 }}>
      <Tooltip title={`${p.starts_on} 至 ${p.ends_on}，${p.working_days} 个工作日；${p.method}`}>
        <span style={{ whiteSpace: 'nowrap' }}>
          {p.starts_on.slice(5)}～{p.ends_on.slice(5)}
        </span>
      </Tooltip>
      {p.outcome_label ? (
        <Tag color={p.outcome === 'no_objection' ? 'success' : 'error'} style={{ marginInlineEnd: 0 }}>
          {p.outcome_label}
        </Tag>
      ) : p.ended ? (
        <a onClick={() => onOutcome(p)} data-testid="publicity-outcome-link">
          录入公示结果
        </a>
      ) : (
        <Typography.Text type="secondary">公示中</Typography.Text>
      )}
    </Space>
  );
}

/**
 * 评审资格审查 / 认定资格审查 (seed 000 §4–5), the departments' 职称评审资格审查 (seed 004 二) and
 * the committee office's 评审受理: search, tabs with counts, filters, the list, the preview
 * with the decisions, 审查日志, and for passed rows the batch 推荐 (and the employer's 公示).
 */
export function ReviewListPage({ role, kind, heading }: { role: ReviewerRole; kind: ReviewKind; heading: string }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const actionRef = useRef<ActionType>(null);
  const labels = useMemo(() => tabLabels(role), [role]);
  const [filters, setFilters] = useState<Filters>({ kind, q: '' });
  const [selected, setSelected] = useState<ReviewItem[]>([]);
  const list = useTabbedTable<ReviewItem, ReviewTab, Filters>({
    tabs: REVIEW_TABS,
    labels,
    initialTab: 'pending',
    load: ({ tab, page, perPage, ...f }) =>
      fetchReviews({
        kind: f.kind,
        tab,
        q: f.q || undefined,
        year: f.year,
        plan_id: f.planId,
        acceptor_id: f.acceptorId,
        page,
        per_page: perPage,
      }),
    onTabChange: () => setSelected([]),
  });
  const tab = list.tab;
  const options = useFilterOptions(kind);
  const [viewing, setViewing] = useState<string | null>(null);
  const [logOf, setLogOf] = useState<ReviewItem | null>(null);
  const [publicizing, setPublicizing] = useState<ReviewItem[] | null>(null);
  const [outcomeOf, setOutcomeOf] = useState<Publicity | null>(null);
  const [result, setResult] = useState<RecommendSummary | null>(null);
  const [recommending, setRecommending] = useState(false);
  const [exporting, setExporting] = useState<ExportKind | null>(null);
  const [exportJob, setExportJob] = useState<ExportJob | null>(null);
  const recognition = kind === 'recognition';
  const selectable = tab === 'passed' && role !== 'committee';

  const refresh = () => {
    actionRef.current?.reload();
    actionRef.current?.clearSelected?.();
    setSelected([]);
    void qc.invalidateQueries({ queryKey: [...REVIEWS_KEY, 'filter-options'] });
  };

  const doRecommend = async () => {
    const rows = new Map(selected.map((r) => [r.declaration_id, r]));
    setRecommending(true);
    try {
      const outcome = await recommend(selected.map((r) => ({ declaration_id: r.declaration_id, version: r.version })));
      setResult(summarizeBatch(outcome, rows));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setRecommending(false);
    }
    refresh();
  };

  const doExport = async (what: ExportKind) => {
    setExporting(what);
    try {
      setExportJob(await startExport(exportRequest(what, { ...filters, tab })));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setExporting(null);
    }
  };

  const columns: ProColumns<ReviewItem>[] = [
    { title: '#', dataIndex: 'index', valueType: 'indexBorder', width: 44 },
    {
      title: '姓名',
      key: 'name',
      width: 150,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <a onClick={() => setViewing(r.declaration_id)} data-testid="chain-row-name">
            {r.applicant_name}
          </a>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="chain-row-id">
            {r.id_number_masked}
          </Typography.Text>
        </Space>
      ),
    },
    ...(recognition
      ? ([
          { title: '申报类型', key: 'type', width: 120, render: (_, r) => r.declaration_type },
          { title: '受理部门', key: 'acceptor', width: 180, render: (_, r) => r.acceptor?.name ?? '—' },
        ] satisfies ProColumns<ReviewItem>[])
      : ([
          { title: '年度', key: 'year', width: 56, render: (_, r) => r.plan.year },
          { title: '计划名称', key: 'plan', render: (_, r) => <span style={{ wordBreak: 'break-word' }}>{r.plan.name}</span> },
        ] satisfies ProColumns<ReviewItem>[])),
    { title: '专业技术资格', key: 'title', width: 140, render: (_, r) => qualificationLabel(r.plan.title_name) },
    {
      title: '审查状态',
      key: 'state',
      width: 116,
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <Tooltip title={r.stage.description}>
            <Tag color={STATE_COLORS[r.state]} style={{ marginInlineEnd: 0 }} data-testid="chain-row-state">
              {r.state_label}
            </Tag>
          </Tooltip>
          {r.state === 'passed' && !r.can_recommend && r.recommend_blocker ? (
            <Tooltip title={r.recommend_blocker}>
              <Tag color="warning" style={{ marginInlineEnd: 0, cursor: 'help' }} data-testid="chain-row-blocker">
                暂不可推荐
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    ...(role === 'employer' && (tab === 'passed' || tab === 'all')
      ? ([
          {
            title: '公示情况',
            key: 'publicity',
            width: 108,
            render: (_, r) =>
              r.state === 'passed' || r.state === 'recommended' ? <PublicityCell p={r.publicity} onOutcome={setOutcomeOf} /> : '—',
          },
        ] satisfies ProColumns<ReviewItem>[])
      : []),
    {
      title: tab === 'returned' ? '退回时间' : '申报时间',
      key: 'submitted',
      width: 96,
      render: (_, r) => formatDateTime(tab === 'returned' ? (r.return_record?.at ?? r.decided_at) : r.submitted_at),
    },
    {
      title: '审查日志',
      key: 'log',
      width: 84,
      render: (_, r) => (
        <a onClick={() => setLogOf(r)} data-testid="chain-row-log">
          查看
        </a>
      ),
    },
  ];

  const blocker = exportBlocker(tab);
  const exportButtons =
    role === 'employer'
      ? (['roster', 'publicity'] as const).map((what) => (
          <Tooltip key={what} title={blocker}>
            <Button
              disabled={!!blocker || (!!exporting && exporting !== what)}
              loading={exporting === what}
              onClick={() => void doExport(what)}
              data-testid={`chain-export-${what}`}
            >
              {EXPORT_LABELS[what]}
            </Button>
          </Tooltip>
        ))
      : [];

  const emptyText = tab === 'pending' ? `暂无${labels.pending}的申报` : '暂无数据';
  return (
    <>
      <ProTable<ReviewItem, Filters & { tab: ReviewTab }>
        rowKey={(r) => r.return_record?.id ?? r.declaration_id}
        actionRef={actionRef}
        cardProps={{
          title: (
            <Space size={24} wrap>
              <span data-testid="chain-heading">{heading}</span>
              <Input.Search
                allowClear
                enterButton="查询"
                style={{ width: 420 }}
                placeholder="请输入申报人姓名或身份证号关键字模糊查询"
                onSearch={(v) => setFilters((f) => ({ ...f, q: v.trim() }))}
                data-testid="chain-search"
              />
            </Space>
          ),
        }}
        columns={columns}
        cardBordered
        search={false}
        params={{ ...filters, tab }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText }}
        toolbar={{ menu: list.menu }}
        expandable={
          tab === 'returned'
            ? {
                rowExpandable: (r) => !!r.return_record,
                expandedRowRender: (r) =>
                  r.return_record ? (
                    <div style={{ paddingLeft: 8 }} data-testid="chain-row-return">
                      <Typography.Text type="secondary">
                        {r.return_record.unit.name}
                        {r.return_record.actor ? `（${r.return_record.actor}）` : ''} 退回：
                      </Typography.Text>
                      {r.return_record.comment ? <span>{r.return_record.comment}</span> : null}
                      <ReturnItems r={r.return_record} />
                    </div>
                  ) : null,
              }
            : undefined
        }
        toolBarRender={() => [
          <Select<number>
            key="year"
            allowClear
            placeholder="—申报年度—"
            style={{ width: 132 }}
            value={filters.year}
            options={(options.data?.years ?? []).map((y) => ({ value: y, label: `${y}` }))}
            onChange={(year) => setFilters((f) => ({ ...f, year }))}
            data-testid="chain-filter-year"
          />,
          recognition ? (
            <Select<string>
              key="acceptor"
              allowClear
              placeholder="—受理部门—"
              style={{ width: 170 }}
              value={filters.acceptorId}
              options={(options.data?.acceptors ?? []).map((a) => ({ value: a.id, label: a.name }))}
              onChange={(acceptorId) => setFilters((f) => ({ ...f, acceptorId }))}
              popupMatchSelectWidth={false}
              data-testid="chain-filter-acceptor"
            />
          ) : (
            <Select<string>
              key="plan"
              allowClear
              placeholder="—申报计划名称—"
              style={{ width: 170 }}
              value={filters.planId}
              options={(options.data?.plans ?? [])
                .filter((p) => !filters.year || p.year === filters.year)
                .map((p) => ({ value: p.id, label: p.name }))}
              onChange={(planId) => setFilters((f) => ({ ...f, planId }))}
              popupMatchSelectWidth={false}
              data-testid="chain-filter-plan"
            />
          ),
          ...exportButtons,
        ]}
        rowSelection={
          selectable
            ? {
                selectedRowKeys: selected.map((r) => r.declaration_id),
                onChange: (_, rows) => setSelected(rows.filter(Boolean)),
                getCheckboxProps: (r) => ({ disabled: r.state !== 'passed' }),
              }
            : false
        }
        tableAlertRender={({ selectedRowKeys, onCleanSelected }) => (
          <Space>
            <span>
              已选择 <Typography.Text strong>{selectedRowKeys.length}</Typography.Text> 份审查通过的申报
            </span>
            <a onClick={onCleanSelected}>取消选择</a>
          </Space>
        )}
        tableAlertOptionRender={() => (
          <Space>
            {role === 'employer' ? (
              <Button
                size="small"
                onClick={() => setPublicizing(selected)}
                disabled={selected.some((r) => !!r.publicity)}
                title={selected.some((r) => !!r.publicity) ? '所选人员中有已录入公示的' : undefined}
                data-testid="chain-publicity"
              >
                录入公示
              </Button>
            ) : null}
            <Button size="small" type="primary" loading={recommending} onClick={() => void doRecommend()} data-testid="chain-recommend">
              {recommendLabel(role)}
            </Button>
          </Space>
        )}
        request={list.request}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }} data-testid="chain-hint">
        点击姓名查看申报信息并审查
        {role === 'committee'
          ? '；受理后由评委会组织评审。'
          : role === 'employer'
            ? `；在“${labels.passed}”中勾选人员可录入公示情况，公示期满（不少于 5 个工作日）且无异议后点击“${recommendLabel(role)}”报送主管部门${
                list.counts?.awaiting !== undefined ? `（待推荐 ${list.counts.awaiting} 人）` : ''
              }。`
            : `；在“${labels.passed}”中勾选人员点击“${recommendLabel(role)}”报送上一级${
                list.counts?.awaiting !== undefined ? `（待推荐 ${list.counts.awaiting} 人）` : ''
              }。`}
      </Typography.Text>
      <ReviewDetailDrawer id={viewing} role={role} onClose={() => setViewing(null)} onDecided={refresh} />
      <ChainLogModal id={logOf?.declaration_id ?? null} name={logOf?.applicant_name} onClose={() => setLogOf(null)} />
      <PublicityModal
        rows={publicizing}
        onClose={() => setPublicizing(null)}
        onDone={(p) => {
          setPublicizing(null);
          message.success(`已录入公示情况（${p.working_days} 个工作日）`);
          refresh();
        }}
      />
      <PublicityOutcomeModal
        publicity={outcomeOf}
        onClose={() => setOutcomeOf(null)}
        onDone={() => {
          setOutcomeOf(null);
          message.success('已录入公示结果');
          refresh();
        }}
      />
      <ExportModal job={exportJob} onClose={() => setExportJob(null)} />
      <RecommendResultModal title={recommendLabel(role)} summary={result} onClose={() => setResult(null)} />
    </>
  );
}
