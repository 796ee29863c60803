import { useMemo, useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Modal, Popconfirm, Space, Spin, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Navigate, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { errorMessage, unwrap } from '../../../api/problem';
import type { ArchiveRecord, Category } from '../../../api/types';
import { categoryConfig, isCategory, numberedLabel, type CategoryConfig } from '../categories';
import { CategoryMenu } from '../components/CategoryMenu';
import { displayValue } from '../formValues';
import { RecordDetail } from '../components/RecordDetail';
import { RecordEditor } from '../components/RecordEditor';
import { ReviewLogModal } from '../components/ReviewLogModal';
import { fetchRecord } from '../api';
import { isDeletable, isEditable, STATUS_TABS, STATUS_TAB_LABELS, type StatusTab } from '../status';
import { useTabbedTable } from '../../../lib/useTabbedTable';
import { fetchMyRecords } from '../api';
import { RecordStatusTag } from '../components/StatusTag';
import { formatDate } from '../../../lib/format';
import { PaperImport } from '../components/PaperImport';

function fieldColumns(cfg: CategoryConfig): ProColumns<ArchiveRecord>[] {
  const byName = new Map(cfg.fields.map((f) => [f.name as string, f]));
  const names = cfg.columns as string[];
  const cols: ProColumns<ArchiveRecord>[] = [];
  const data = (r: ArchiveRecord) => r.content.data as Record<string, unknown>;
  for (const name of names) {
    if (name === 'end_date' && names.includes('start_date')) continue;
    if (name === 'start_date' && names.includes('end_date')) {
      const end = byName.get('end_date')!;
      cols.push({
        title: '起止时间',
        key: 'period',
        width: 118,
        render: (_, r) => (
          <div style={{ whiteSpace: 'nowrap' }}>
            <div>{formatDate(data(r).start_date as string)}</div>
            <div>{data(r).end_date ? `至 ${displayValue(end, data(r).end_date)}` : '至今'}</div>
          </div>
        ),
      });
      continue;
    }
    const f = byName.get(name)!;
    cols.push({
      title: f.label,
      key: name,
      ellipsis: f.kind === 'text' || f.kind === 'textarea',
      width: f.kind === 'date' ? 110 : f.kind === 'select' || f.kind === 'int' || f.kind === 'year' || f.kind === 'number' ? 100 : undefined,
      render: (_, r) => displayValue(f, data(r)[name]),
    });
  }
  return cols;
}

const hasOpinion = (r: ArchiveRecord) => (r.status === 'returned' || r.status === 'rejected') && !!r.review_comment;

/** 我的业绩档案库 (seed 002 §3): the seventeen categories, each a list with status tabs. */
export function MyArchivePage() {
  const { category } = useParams();
  if (!isCategory(category)) return <Navigate to="/archive/education" replace />;
  return <ArchiveCategory key={category} cfg={categoryConfig(category)} />;
}

function ArchiveCategory({ cfg }: { cfg: CategoryConfig }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const actionRef = useRef<ActionType>(null);
  const list = useTabbedTable<ArchiveRecord, StatusTab, { category: Category }>({
    tabs: STATUS_TABS,
    labels: STATUS_TAB_LABELS,
    initialTab: 'all',
    load: async ({ tab, ...query }) => {
      const page = await fetchMyRecords({ ...query, status: tab === 'all' ? undefined : tab });
      setWithOpinion(page.items.filter(hasOpinion).map((r) => r.id));
      return page;
    },
  });
  const { tab, setTab, counts } = list;
  // Returned and rejected records show the reviewer's opinion in a full-width row below them.
  const [withOpinion, setWithOpinion] = useState<string[]>([]);
  const [editing, setEditing] = useState<{ record: ArchiveRecord | null } | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);
  const [logsOf, setLogsOf] = useState<ArchiveRecord | null>(null);
  const reload = () => actionRef.current?.reload();
  // After a save the list is what the applicant wants to see: back to the category's title.
  const afterSave = () => {
    reload();
    window.scrollTo({ top: 0, behavior: 'smooth' });
  };

  const columns = useMemo<ProColumns<ArchiveRecord>[]>(
    () => [
      { title: '#', dataIndex: 'index', valueType: 'indexBorder', width: 48 },
      ...fieldColumns(cfg),
      {
        title: '审核状态',
        key: 'status',
        width: 90,
        render: (_, r) => <RecordStatusTag status={r.status} label={r.status_label} />,
      },
      {
        title: '操作',
        key: 'actions',
        width: 136,
        fixed: 'right',
        render: (_, r) => (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => setViewing(r.id)}>
              查看
            </Button>
            {isEditable(r.status) && (
              <Button type="link" size="small" onClick={() => setEditing({ record: r })}>
                编辑
              </Button>
            )}
            {isDeletable(r.status) && (
              <Popconfirm
                title="确定删除该条记录？"
                onConfirm={async () => {
                  try {
                    unwrap(await api.DELETE('/api/v1/archive/records/{id}', { params: { path: { id: r.id } } }));
                    message.success('已删除');
                  } catch (err) {
                    message.error(errorMessage(err));
                  }
                  reload();
                }}
              >
                <Button type="link" size="small" danger>
                  删除
                </Button>
              </Popconfirm>
            )}
            <Button type="link" size="small" onClick={() => setLogsOf(r)}>
              审核日志
            </Button>
          </Space>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [cfg],
  );

  return (
    <div className="category-layout">
      <CategoryMenu title="我的业绩档案库" selected={cfg.key} onSelect={(c) => navigate(`/archive/${c}`)} />
      <div style={{ flex: 1, minWidth: 0 }}>
        {!!counts?.returned && tab !== 'returned' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={`您有 ${counts.returned} 条${cfg.label}记录被单位退回，请按退回意见修改后点击保存，重新提交审核。`}
            action={
              <Button size="small" onClick={() => setTab('returned')}>
                查看退回记录
              </Button>
            }
          />
        )}
        <ProTable<ArchiveRecord, { category: Category; tab: StatusTab }>
          rowKey="id"
          actionRef={actionRef}
          cardProps={{ title: <span data-testid="category-title">{numberedLabel(cfg.key)}</span> }}
          columns={columns}
          cardBordered
          search={false}
          scroll={{ x: 'max-content' }}
          params={{ category: cfg.key, tab }}
          pagination={{ defaultPageSize: 10, showSizeChanger: true }}
          options={{ density: false, setting: false, reload: true }}
          locale={{ emptyText: `暂无${cfg.label}记录，点击“新增”添加` }}
          expandable={{
            expandedRowKeys: withOpinion,
            showExpandColumn: false,
            rowExpandable: hasOpinion,
            expandedRowRender: (r) => (
              <div data-testid="row-review-comment" style={{ color: '#cf1322', paddingLeft: 40, whiteSpace: 'pre-wrap' }}>
                <Typography.Text strong style={{ color: '#cf1322' }}>
                  {r.status === 'returned' ? '退回意见' : '不通过意见'}：
                </Typography.Text>
                {r.review_comment}
                {r.status === 'returned' && (
                  <Button type="link" size="small" onClick={() => setEditing({ record: r })}>
                    去修改
                  </Button>
                )}
              </div>
            ),
          }}
          toolbar={{ menu: list.menu }}
          toolBarRender={() => [
            ...(cfg.key === 'paper' ? [<PaperImport key="import" onImported={reload} />] : []),
            <Button key="add" type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ record: null })}>
              新增
            </Button>,
          ]}
          request={list.request}
        />
      </div>
      {editing && (
        <RecordEditor
          key={editing.record?.id ?? 'new'}
          cfg={cfg}
          record={editing.record}
          onClose={() => setEditing(null)}
          onSaved={afterSave}
        />
      )}
      <RecordViewModal id={viewing} cfg={cfg} onClose={() => setViewing(null)} onEdit={(r) => {
        setViewing(null);
        setEditing({ record: r });
      }} />
      <ReviewLogModal recordId={logsOf?.id ?? null} title={logsOf?.title} onClose={() => setLogsOf(null)} />
    </div>
  );
}

function RecordViewModal({
  id,
  cfg,
  onClose,
  onEdit,
}: {
  id: string | null;
  cfg: CategoryConfig;
  onClose: () => void;
  onEdit: (r: ArchiveRecord) => void;
}) {
  const rec = useQuery({ queryKey: ['archive-record', id], enabled: !!id, queryFn: () => fetchRecord(id!) });
  return (
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
        ...(rec.data && isEditable(rec.data.status)
          ? [
              <Button key="edit" type="primary" onClick={() => onEdit(rec.data!)}>
                编辑
              </Button>,
            ]
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
        <>
          {rec.data.status === 'approved' && (
            <Typography.Paragraph type="secondary">审核通过的记录已锁定，不能修改或删除。</Typography.Paragraph>
          )}
          <RecordDetail record={rec.data} />
        </>
      )}
    </Modal>
  );
}
