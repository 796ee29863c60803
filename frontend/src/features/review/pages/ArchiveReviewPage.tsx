import { useMemo, useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Breadcrumb, Button, Input, Modal, Space, Spin, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { ApiError, errorMessage, unwrap } from '../../../api/problem';
import type { Category, Decision, ReviewRow } from '../../../api/types';
import { categoryConfig, isCategory, numberedLabel, splitTitle, titleColumns, type CategoryConfig } from '../../archive/categories';
import { CategoryMenu } from '../../archive/components/CategoryMenu';
import { DecisionModal } from '../components/DecisionModal';
import { DECISION_LABELS, summarizeOutcomes } from '../decisions';
import { RecordDetail } from '../../archive/components/RecordDetail';
import { ReviewLogModal } from '../../archive/components/ReviewLogModal';
import { fetchRecord } from '../../archive/api';
import { REVIEW_SUMMARY_KEY, useReviewSummary } from '../api';
import { STATUS_TABS, STATUS_TAB_LABELS, type StatusTab } from '../../archive/status';
import { useTabbedTable } from '../../../lib/useTabbedTable';
import { fetchReviewPage } from '../api';
import { RecordStatusTag } from '../../archive/components/StatusTag';
import { formatDate } from '../../../lib/format';

/** 业绩档案审核 (seed 000 §3). */
export function ArchiveReviewPage() {
  const { category } = useParams();
  if (!isCategory(category)) return <Navigate to="/archive-review/education" replace />;
  return <ReviewCategory key={category} cfg={categoryConfig(category)} />;
}

const DECISIONS: Decision[] = ['approve', 'reject', 'return'];

function ReviewCategory({ cfg }: { cfg: CategoryConfig }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const summary = useReviewSummary();
  const actionRef = useRef<ActionType>(null);
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<ReviewRow[]>([]);
  const list = useTabbedTable<ReviewRow, StatusTab, { category: Category; q: string }>({
    tabs: STATUS_TABS,
    labels: STATUS_TAB_LABELS,
    initialTab: 'pending',
    load: ({ tab, ...query }) => fetchReviewPage({ ...query, status: tab === 'all' ? undefined : tab }),
    onTabChange: () => setSelected([]),
  });
  const tab = list.tab;
  const [batch, setBatch] = useState<Decision | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [logsOf, setLogsOf] = useState<ReviewRow | null>(null);

  const pending = useMemo(
    () => Object.fromEntries((summary.data?.categories ?? []).map((c) => [c.category, c.pending])) as Partial<Record<Category, number>>,
    [summary.data],
  );

  const refresh = () => {
    actionRef.current?.reload();
    actionRef.current?.clearSelected?.();
    setSelected([]);
    void qc.invalidateQueries({ queryKey: REVIEW_SUMMARY_KEY });
  };

  const decideBatch = async (decision: Decision, comment: string | null) => {
    const rows = new Map(selected.map((r) => [r.id, r]));
    try {
      const result = unwrap(
        await api.POST('/api/v1/archive/review/decisions', {
          body: { record_ids: selected.map((r) => r.id), decision, comment },
        }),
      );
      const s = summarizeOutcomes(result, rows);
      setBatch(null);
      if (s.failed) {
        modal.warning({
          title: `批量${DECISION_LABELS[decision]}：${s.text}`,
          width: 560,
          content: (
            <ul style={{ paddingLeft: 18 }} data-testid="batch-failures">
              {s.failures.map((f) => (
                <li key={f.recordId}>
                  {f.who}：<Typography.Text type="danger">{f.message}</Typography.Text>
                </li>
              ))}
            </ul>
          ),
        });
      } else {
        message.success(`批量${DECISION_LABELS[decision]}：${s.text}`);
      }
    } catch (err) {
      message.error(errorMessage(err));
    }
    refresh();
  };

  const columns: ProColumns<ReviewRow>[] = [
    { title: '#', dataIndex: 'index', valueType: 'indexBorder', width: 44 },
    {
      title: '姓名',
      key: 'name',
      width: 80,
      render: (_, r) => (
        <a onClick={() => setViewing(r.id)} data-testid="review-row-name">
          {r.owner.name}
        </a>
      ),
    },
    { title: '证件号码', key: 'id_number', width: 156, render: (_, r) => r.owner.id_number_masked ?? '—' },
    {
      title: cfg.dateLabel,
      key: 'date',
      width: 100,
      render: (_, r) => (cfg.key === 'assessment' ? `${r.record_date?.slice(0, 4) ?? '—'}年度` : formatDate(r.record_date)),
    },
    // 学校名称/学位授予单位 | 学历/学位 as two columns (seed 000 §3), from the row's `A · B` title.
    ...titleColumns(cfg).map(
      (label, i, all): ProColumns<ReviewRow> => ({
        title: label,
        key: `title-${i}`,
        width: all.length > 1 && i === all.length - 1 ? 124 : undefined,
        render: (_, r) => (
          <span style={{ wordBreak: 'break-all' }} data-testid={`review-row-title-${i}`}>
            {splitTitle(cfg, r.title)[i] || '—'}
          </span>
        ),
      }),
    ),
    {
      title: '审核状态',
      key: 'status',
      width: 86,
      render: (_, r) => <RecordStatusTag status={r.status} label={r.status_label} />,
    },
    {
      title: '审核日志',
      key: 'logs',
      width: 72,
      render: (_, r) => (
        <a onClick={() => setLogsOf(r)} data-testid="review-row-logs">
          查看
        </a>
      ),
    },
  ];

  return (
    <div className="category-layout">
      <CategoryMenu
        title="专业技术人员业绩审核"
        selected={cfg.key}
        pending={pending}
        onSelect={(c) => navigate(`/archive-review/${c}`)}
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        <Breadcrumb style={{ marginBottom: 12 }} items={[{ title: '专业技术人员业绩审核' }, { title: cfg.label }]} />
        <ProTable<ReviewRow, { category: Category; tab: StatusTab; q: string }>
          rowKey="id"
          actionRef={actionRef}
          cardProps={{
            title: (
              <Space size={24} wrap>
                <span data-testid="category-title">{numberedLabel(cfg.key)}</span>
                <Input.Search
                  allowClear
                  enterButton="查询"
                  style={{ width: 420 }}
                  placeholder="请输入申报人姓名或证件号码关键字模糊查询"
                  onSearch={(v) => setQ(v.trim())}
                  data-testid="review-search"
                />
              </Space>
            ),
          }}
          columns={columns}
          cardBordered
          search={false}
          params={{ category: cfg.key, tab, q }}
          pagination={{ defaultPageSize: 10, showSizeChanger: true }}
          options={{ density: false, setting: false, reload: true }}
          locale={{ emptyText: tab === 'pending' ? '暂无待审核记录' : '暂无数据' }}
          rowSelection={{
            selectedRowKeys: selected.map((r) => r.id),
            onChange: (_, rows) => setSelected(rows.filter(Boolean)),
            getCheckboxProps: (r) => ({ disabled: r.status !== 'pending' }),
          }}
          tableAlertRender={({ selectedRowKeys, onCleanSelected }) => (
            <Space>
              <span>
                已选择 <Typography.Text strong>{selectedRowKeys.length}</Typography.Text> 条待审核记录
              </span>
              <a onClick={onCleanSelected}>取消选择</a>
            </Space>
          )}
          tableAlertOptionRender={() => (
            <Space>
              {DECISIONS.map((d) => (
                <Button
                  key={d}
                  size="small"
                  type={d === 'approve' ? 'primary' : 'default'}
                  danger={d === 'reject'}
                  onClick={() => setBatch(d)}
                  data-testid={`batch-${d}`}
                >
                  {DECISION_LABELS[d]}
                </Button>
              ))}
            </Space>
          )}
          toolbar={{ menu: list.menu }}
          request={list.request}
        />
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
          点击姓名查看业绩详情并审核；勾选待审核记录可批量通过、不通过或退回。
        </Typography.Text>
      </div>
      <DecisionModal
        decision={batch}
        count={selected.length}
        onCancel={() => setBatch(null)}
        onSubmit={(comment) => decideBatch(batch!, comment)}
      />
      <ReviewDetailModal id={viewing} cfg={cfg} onClose={() => setViewing(null)} onDecided={refresh} />
      <ReviewLogModal
        recordId={logsOf?.id ?? null}
        title={logsOf ? `${logsOf.owner.name} · ${logsOf.title}` : undefined}
        onClose={() => setLogsOf(null)}
      />
    </div>
  );
}

/** 查看教育经历 (seed 000 §3): the applicant, the record, 关闭 通过 不通过 退回. */
function ReviewDetailModal({
  id,
  cfg,
  onClose,
  onDecided,
}: {
  id: string | null;
  cfg: CategoryConfig;
  onClose: () => void;
  onDecided: () => void;
}) {
  const { message, modal } = App.useApp();
  const [decision, setDecision] = useState<Decision | null>(null);
  const rec = useQuery({ queryKey: ['archive-record', id], enabled: !!id, queryFn: () => fetchRecord(id!) });
  const canDecide = rec.data?.status === 'pending';

  const submit = async (d: Decision, comment: string | null) => {
    try {
      unwrap(
        await api.POST('/api/v1/archive/review/records/{id}/decision', {
          params: { path: { id: id! } },
          body: { decision: d, comment },
        }),
      );
      message.success(`已${DECISION_LABELS[d]}`);
      setDecision(null);
      onClose();
    } catch (err) {
      setDecision(null);
      if (err instanceof ApiError && err.status === 409) {
        // Someone else decided first: say so with the server's words, then show the fresh state.
        modal.warning({ title: '该记录已被审核', content: errorMessage(err) });
        void rec.refetch();
      } else {
        message.error(errorMessage(err));
      }
    }
    onDecided();
  };

  return (
    <>
      <Modal
        open={!!id}
        title={`查看${cfg.label}`}
        width={820}
        onCancel={onClose}
        destroyOnHidden
        footer={[
          <Button key="close" onClick={onClose}>
            关闭
          </Button>,
          ...(canDecide
            ? DECISIONS.map((d) => (
                <Button
                  key={d}
                  type={d === 'approve' ? 'primary' : 'default'}
                  danger={d === 'reject'}
                  onClick={() => setDecision(d)}
                  data-testid={`detail-${d}`}
                >
                  {DECISION_LABELS[d]}
                </Button>
              ))
            : []),
        ]}
      >
        {rec.isPending ? (
          <div style={{ textAlign: 'center', padding: 40 }}>
            <Spin />
          </div>
        ) : rec.isError ? (
          <Alert type="error" showIcon message={errorMessage(rec.error)} />
        ) : (
          <RecordDetail record={rec.data} showOwner />
        )}
      </Modal>
      <DecisionModal decision={decision} count={1} onCancel={() => setDecision(null)} onSubmit={(c) => submit(decision!, c)} />
    </>
  );
}
