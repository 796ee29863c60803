import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Drawer, Grid, Popconfirm, Select, Space, Spin, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import {
  DECLARATION_KEY,
  deleteDeclaration,
  declarationWizardPath,
  downloadDeclarationAttachment,
  downloadSnapshotAttachment,
  fetchDeclarations,
  useDeclaration,
  usePreview,
  withdrawDeclaration,
  type DeclarationStatus,
  type DeclarationSummary,
} from '../api';
import { DeclarationPreview } from '../components/DeclarationPreview';
import { DeclarationTimeline, DeclarationTimelineOf } from '../components/DeclarationTimeline';
import { ReturnAlert } from '../components/ReturnNotes';
import { openReturn, stageLine, statusColor, STATUS_OPTIONS } from '../returns';
import { DeclarationPhoto } from '../steps/PhotoStep';
import '../declarations.css';

function StageTag({ d }: { d: Pick<DeclarationSummary, 'stage'> }) {
  return (
    <Tag color={statusColor(d.stage.status)} data-testid="declaration-status">
      {d.stage.status_label}
    </Tag>
  );
}

/** 我的申报记录 (seed 002 §7): every declaration with where it stands and what can be done. */
export function MyDeclarationsPage() {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const actionRef = useRef<ActionType>(null);
  const [status, setStatus] = useState<DeclarationStatus | undefined>();
  const [viewing, setViewing] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (key: string, run: () => Promise<unknown>, ok: string) => {
    setBusy(key);
    try {
      await run();
      message.success(ok);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
      actionRef.current?.reload();
      void qc.invalidateQueries({ queryKey: DECLARATION_KEY });
    }
  };

  const columns: ProColumns<DeclarationSummary>[] = [
    { title: '年度', key: 'year', width: 64, render: (_, d) => d.plan.year },
    {
      title: '计划名称',
      key: 'plan',
      width: 210,
      render: (_, d) => (
        <>
          <a onClick={() => setViewing(d.id)} style={{ wordBreak: 'break-all' }} data-testid="declaration-row-name">
            {d.plan.name}
          </a>
          {/* On a phone the status column is scrolled away: where it stands, under the name. */}
          <div className="decl-row-narrow">
            <StageTag d={d} />
            <Typography.Text type={d.stage.status === 'returned' ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
              {stageLine(d.stage)}
            </Typography.Text>
            {d.actions.edit && d.stage.status === 'returned' ? (
              <div>
                <Button type="primary" size="small" onClick={() => navigate(declarationWizardPath(d.id))}>
                  修改
                </Button>
              </div>
            ) : null}
          </div>
        </>
      ),
    },
    { title: '申报职称', key: 'title', width: 170, render: (_, d) => d.plan.title_name },
    {
      title: '当前状态',
      key: 'stage',
      width: 260,
      render: (_, d) => (
        <Space direction="vertical" size={2} data-testid="declaration-row-stage">
          <StageTag d={d} />
          <Typography.Text type={d.stage.status === 'returned' ? 'warning' : 'secondary'} style={{ fontSize: 12 }} data-testid="declaration-row-holder">
            {stageLine(d.stage)}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '受理单位', key: 'acceptor', width: 180, render: (_, d) => <span style={{ fontSize: 12 }}>{d.acceptor?.name ?? '—'}</span> },
    {
      title: '提交时间',
      key: 'submitted',
      width: 140,
      // A withdrawn declaration is a draft again: its old submission time is not shown.
      render: (_, d) => (d.stage.status === 'draft' ? '—' : formatDateTime(d.submitted_at)),
    },
    {
      title: '操作',
      key: 'op',
      width: 150,
      render: (_, d) => (
        <Space size={0} wrap data-testid="declaration-row-actions">
          {d.actions.edit && d.stage.status === 'returned' ? (
            <Button type="primary" size="small" onClick={() => navigate(declarationWizardPath(d.id))} data-testid="declaration-revise">
              修改
            </Button>
          ) : d.actions.edit ? (
            <Button type="link" size="small" onClick={() => navigate(declarationWizardPath(d.id))} data-testid="declaration-edit">
              继续填写
            </Button>
          ) : null}
          <Button type="link" size="small" onClick={() => setViewing(d.id)} data-testid="declaration-view">
            查看
          </Button>
          {d.actions.withdraw ? (
            <Popconfirm
              title="撤回申报"
              description="撤回后可修改再提交，确定撤回？"
              okText="撤回"
              cancelText="取消"
              onConfirm={() => act(`w-${d.id}`, () => withdrawDeclaration(d.id), '申报已撤回')}
            >
              <Button type="link" size="small" loading={busy === `w-${d.id}`} data-testid="declaration-withdraw">
                撤回
              </Button>
            </Popconfirm>
          ) : null}
          {d.actions.delete ? (
            <Popconfirm
              title="删除申报"
              description="删除后不可恢复，确定删除该草稿？"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => act(`d-${d.id}`, () => deleteDeclaration(d.id), '申报已删除')}
            >
              <Button type="link" size="small" danger loading={busy === `d-${d.id}`} data-testid="declaration-delete">
                删除
              </Button>
            </Popconfirm>
          ) : null}
          {d.actions.pay ? (
            <Button type="link" size="small" onClick={() => message.info('请按缴费通知完成网上缴费')} data-testid="declaration-pay">
              马上支付
            </Button>
          ) : null}
          {d.actions.export_form ? (
            <Button type="link" size="small" onClick={() => message.info('评审表正在生成，请稍后再试')} data-testid="declaration-export">
              导出评审表
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <ProTable<DeclarationSummary, { status?: DeclarationStatus }>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        search={false}
        cardBordered
        headerTitle={
          <Space size={12} wrap>
            <span>我的申报记录</span>
            <Select<DeclarationStatus>
              allowClear
              placeholder="全部状态"
              style={{ width: 160 }}
              value={status}
              onChange={(v) => setStatus(v)}
              options={STATUS_OPTIONS}
              data-testid="declaration-filter-status"
            />
          </Space>
        }
        params={{ status }}
        expandable={{
          expandedRowRender: (d) => (
            <div className="decl-row-timeline">
              <Typography.Text strong>审查日志</Typography.Text>
              <div style={{ marginTop: 12 }}>
                <DeclarationTimelineOf id={d.id} />
              </div>
            </div>
          ),
          columnTitle: '',
          columnWidth: 32,
        }}
        pagination={{ defaultPageSize: 10, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: '暂无申报记录，请在“职称申报”中选择计划并点击【马上申报】' }}
        scroll={{ x: 1150 }}
        request={async (params) => {
          try {
            const page = await fetchDeclarations({ status: params.status, page: params.current ?? 1, perPage: params.pageSize ?? 10 });
            return { data: page.items, total: page.total, success: true };
          } catch (err) {
            message.error(errorMessage(err));
            return { data: [], total: 0, success: false };
          }
        }}
      />
      <DeclarationDrawer id={viewing} onClose={() => setViewing(null)} />
    </>
  );
}

function stageAlertType(status: DeclarationStatus): 'info' | 'success' | 'warning' | 'error' {
  if (status === 'returned') return 'warning';
  if (status === 'failed') return 'error';
  if (status === 'draft' || status === 'submitted' || status === 'in_review') return 'info';
  return 'success';
}

/** A declaration in full: where it stands, its timeline and the 18-section preview. */
function DeclarationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().lg;
  const decl = useDeclaration(id);
  const preview = usePreview(id);
  const d = decl.data;
  return (
    <Drawer
      open={!!id}
      title={d?.plan.name ?? '申报详情'}
      width={narrow ? '100%' : 1000}
      onClose={onClose}
      destroyOnHidden
    >
      <div data-testid="declaration-drawer">
      {decl.isPending || preview.isPending ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      ) : decl.isError || preview.isError ? (
        <Alert type="error" showIcon message={errorMessage(decl.error ?? preview.error)} />
      ) : d && preview.data ? (
        <>
          <Alert
            type={stageAlertType(d.stage.status)}
            showIcon
            style={{ marginBottom: 16 }}
            message={
              <span data-testid="drawer-stage">
                <StageTag d={d} />
                {stageLine(d.stage)}
              </span>
            }
          />
          {openReturn(d) ? (
            <>
              <ReturnAlert ret={openReturn(d)!} />
              <Button type="primary" style={{ marginBottom: 16 }} onClick={() => navigate(declarationWizardPath(d.id))} data-testid="drawer-revise">
                修改申报
              </Button>
            </>
          ) : null}
          <Typography.Title level={5}>审查日志</Typography.Title>
          <DeclarationTimeline timeline={d.timeline} />
          <Typography.Title level={5}>申报信息预览</Typography.Title>
          <DeclarationPreview
            view={preview.data}
            showEligibility
            photo={d.progress.photo ? <DeclarationPhoto id={d.id} version={d.updated_at} width={120} /> : undefined}
            onOpenFile={(row, f) =>
              downloadDeclarationAttachment(d.id, row.no - 1, f).catch((err: unknown) => message.error(errorMessage(err)))
            }
            onOpenRecordFile={(r, f) =>
              downloadSnapshotAttachment(d.id, r.record_id, f).catch((err: unknown) => message.error(errorMessage(err)))
            }
          />
        </>
      ) : null}
      </div>
    </Drawer>
  );
}
