import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Spin, Tabs, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { ApiError, errorMessage, unwrap } from '../../../api/problem';
import type { Application, ApplicationKind, ApplicationStatus } from '../../../api/types';
import { FilePreview } from '../../../components/FilePreview';
import { formatDateTime } from '../../../lib/format';
import { useTabbedTable } from '../../../lib/useTabbedTable';
import { fetchApplicationFile, fetchApplications } from '../api';
import { lengthRules, maxLengthOf } from '../../../lib/limits';

type StatusTab = ApplicationStatus | 'all';
const STATUS_TABS: StatusTab[] = ['pending', 'approved', 'rejected', 'all'];
const STATUS_TEXT: Record<StatusTab, string> = { pending: '待审核', approved: '通过', rejected: '不通过', all: '全部' };
const STATUS_COLOR: Record<ApplicationStatus, string> = { pending: 'processing', approved: 'success', rejected: 'error' };

const KIND_TEXT: Record<ApplicationKind, string> = {
  registration: '单位注册审核',
  authorisation: '授权委托证明审核',
};

/** 单位授权审核 (HRSS): registrations without a credit code and authorisation proofs in its jurisdiction. */
export function EmployerApplicationsPage() {
  const [kind, setKind] = useState<ApplicationKind>('registration');
  return (
    <Card variant="borderless" styles={{ body: { paddingTop: 8 } }}>
      <Tabs
        activeKey={kind}
        onChange={(k) => setKind(k as ApplicationKind)}
        items={(['registration', 'authorisation'] as const).map((k) => ({ key: k, label: KIND_TEXT[k] }))}
      />
      <ApplicationList key={kind} kind={kind} />
    </Card>
  );
}

function ApplicationList({ kind }: { kind: ApplicationKind }) {
  const actionRef = useRef<ActionType>(null);
  const [q, setQ] = useState('');
  const [viewing, setViewing] = useState<string | null>(null);
  const list = useTabbedTable<Application, StatusTab, { kind: ApplicationKind; q: string }>({
    tabs: STATUS_TABS,
    labels: STATUS_TEXT,
    initialTab: 'pending',
    testIdPrefix: 'app-tab-',
    load: ({ tab, ...query }) => fetchApplications({ ...query, status: tab === 'all' ? undefined : tab }),
  });

  const columns: ProColumns<Application>[] = [
    { title: '#', dataIndex: 'index', valueType: 'indexBorder', width: 48 },
    {
      title: '单位名称',
      key: 'unit',
      render: (_, r) => (
        <a onClick={() => setViewing(r.id)} data-testid="application-unit">
          {r.unit.name}
        </a>
      ),
    },
    kind === 'registration'
      ? { title: '证件号码', key: 'cert', width: 140, render: (_, r) => r.certificate_no || '—' }
      : { title: '统一社会信用代码', key: 'code', width: 170, render: (_, r) => r.credit_code || '无' },
    {
      title: kind === 'registration' ? '属地人社部门' : '单位隶属关系',
      key: 'aff',
      width: 150,
      render: (_, r) => r.affiliation?.name ?? '—',
    },
    { title: '经办人', dataIndex: 'operator_name', width: 90 },
    { title: '手机号', dataIndex: 'phone_masked', width: 120 },
    { title: '提交时间', key: 'created', width: 140, render: (_, r) => formatDateTime(r.created_at) },
    { title: '状态', key: 'status', width: 80, render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{STATUS_TEXT[r.status]}</Tag> },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_, r) => (
        <a onClick={() => setViewing(r.id)} data-testid="application-open">
          {r.status === 'pending' ? '审核' : '查看'}
        </a>
      ),
    },
  ];

  return (
    <>
      <ProTable<Application, { kind: ApplicationKind; tab: StatusTab; q: string }>
        rowKey="id"
        actionRef={actionRef}
        columns={columns}
        search={false}
        cardProps={{
          title: (
            <Input.Search
              allowClear
              enterButton="查询"
              style={{ width: 360 }}
              placeholder="请输入单位名称关键字模糊查询"
              onSearch={(v) => setQ(v.trim())}
            />
          ),
        }}
        params={{ kind, tab: list.tab, q }}
        pagination={{ defaultPageSize: 10 }}
        options={{ density: false, setting: false, reload: true }}
        locale={{ emptyText: list.tab === 'pending' ? '暂无待审核的申请' : '暂无数据' }}
        toolbar={{ menu: list.menu }}
        request={list.request}
      />
      <ApplicationModal id={viewing} onClose={() => setViewing(null)} onDecided={() => actionRef.current?.reload()} />
    </>
  );
}

/** The uploaded file, inline (PDF viewer or picture), downloadable. */
function FileViewer({ app }: { app: Application }) {
  return (
    <FilePreview
      queryKey={['employer-application-file', app.id]}
      load={() => fetchApplicationFile(app.id)}
      name={app.file_name}
      contentType={app.file_type}
      testId="application-file"
    />
  );
}

function ApplicationModal({ id, onClose, onDecided }: { id: string | null; onClose: () => void; onDecided: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ opinion?: string }>();
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const app = useQuery({
    queryKey: ['employer-application', id],
    enabled: !!id,
    queryFn: async () => unwrap(await api.GET('/api/v1/employer-applications/{id}', { params: { path: { id: id! } } })),
  });

  const decide = async (decision: 'approve' | 'reject') => {
    form.setFields([{ name: 'opinion', errors: [] }]);
    const opinion = (form.getFieldValue('opinion') as string | undefined)?.trim() || null;
    if (decision === 'reject' && !opinion) {
      form.setFields([{ name: 'opinion', errors: ['请填写不通过意见'] }]);
      return;
    }
    setBusy(decision);
    try {
      unwrap(
        await api.POST('/api/v1/employer-applications/{id}/decision', {
          params: { path: { id: id! } },
          body: { decision, opinion },
        }),
      );
      message.success(decision === 'approve' ? '已审核通过，已短信通知单位' : '已审核不通过，已短信通知单位');
      onDecided();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        modal.warning({ title: '该申请已被审核', content: errorMessage(err) });
        void app.refetch();
        onDecided();
      } else {
        message.error(errorMessage(err));
      }
    } finally {
      setBusy(null);
    }
  };

  const a = app.data;
  const pending = a?.status === 'pending';
  return (
    <Modal
      open={!!id}
      title={a ? `${KIND_TEXT[a.kind]} · ${a.unit.name}` : '申请详情'}
      width={1060}
      style={{ top: 24 }}
      onCancel={onClose}
      destroyOnHidden
      afterClose={() => form.resetFields()}
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        ...(pending
          ? [
              <Button key="reject" danger loading={busy === 'reject'} onClick={() => decide('reject')} data-testid="application-reject">
                不通过
              </Button>,
              <Button key="approve" type="primary" loading={busy === 'approve'} onClick={() => decide('approve')} data-testid="application-approve">
                通过
              </Button>,
            ]
          : []),
      ]}
    >
      {app.isPending ? (
        <div style={{ textAlign: 'center', padding: 40 }}>
          <Spin />
        </div>
      ) : app.isError ? (
        <Alert type="error" showIcon message={errorMessage(app.error)} />
      ) : (
        <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
          <div style={{ width: 400, flex: 'none' }}>
            <Descriptions
              bordered
              size="small"
              column={1}
              styles={{ label: { width: 120, whiteSpace: 'nowrap' } }}
              items={[
                { key: 'unit', label: '单位名称', children: a!.unit.name },
                a!.kind === 'registration'
                  ? { key: 'cert', label: '证件号码', children: a!.certificate_no || '—' }
                  : { key: 'code', label: '统一社会信用代码', children: a!.credit_code || '无' },
                {
                  key: 'aff',
                  label: a!.kind === 'registration' ? '属地人社部门' : '单位隶属关系',
                  children: a!.affiliation?.name ?? '—',
                },
                { key: 'op', label: '经办人', children: a!.operator_name },
                { key: 'phone', label: '手机号', children: a!.phone_masked },
                { key: 'created', label: '提交时间', children: formatDateTime(a!.created_at) },
                {
                  key: 'status',
                  label: '审核状态',
                  children: <Tag color={STATUS_COLOR[a!.status]}>{STATUS_TEXT[a!.status]}</Tag>,
                },
                ...(a!.decided_at
                  ? [
                      { key: 'decided', label: '审核时间', children: formatDateTime(a!.decided_at) },
                      { key: 'opinion', label: '审核意见', children: a!.opinion || '—' },
                    ]
                  : []),
              ]}
            />
            {pending && (
              <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
                <Form.Item name="opinion" label="审核意见（不通过时必填）" rules={lengthRules('ApplicationDecisionRequest', 'opinion', '审核意见')} style={{ marginBottom: 0 }}>
                  <Input.TextArea rows={4} maxLength={maxLengthOf('ApplicationDecisionRequest', 'opinion')} showCount placeholder="填写审核意见，将以短信通知单位" />
                </Form.Item>
              </Form>
            )}
          </div>
          <div style={{ flex: 1, minWidth: 0 }}>
            <FileViewer app={a!} />
          </div>
        </div>
      )}
    </Modal>
  );
}
