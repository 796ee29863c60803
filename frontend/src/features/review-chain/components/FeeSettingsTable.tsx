import { useRef, useState } from 'react';
import { ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { App, Switch, Tag, Typography } from 'antd';
import { errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import { fetchFeeSettings, setFeeSetting, type FeeSetting } from '../api';
import { qualificationLabel } from '../labels';

/** 收费设定 (seed 004 二 2): per plan, 收费 (the default) or 不收费. */
export function FeeSettingsTable() {
  const { message } = App.useApp();
  const actionRef = useRef<ActionType>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const toggle = async (row: FeeSetting, charge: boolean) => {
    setBusy(row.plan.id);
    try {
      await setFeeSetting(row.plan.id, charge);
      message.success(`${row.plan.name}：已设为${charge ? '收费' : '不收费'}`);
      actionRef.current?.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const columns: ProColumns<FeeSetting>[] = [
    { title: '#', dataIndex: 'index', valueType: 'indexBorder', width: 48 },
    { title: '年度', key: 'year', width: 70, render: (_, r) => r.plan.year },
    { title: '计划名称', key: 'name', render: (_, r) => r.plan.name },
    { title: '类型', key: 'type', width: 70, render: (_, r) => <Tag>{r.plan.plan_type_label}</Tag> },
    { title: '专业技术资格', key: 'title', width: 170, render: (_, r) => qualificationLabel(r.plan.title_name) },
    { title: '评审费', key: 'fee', width: 90, render: (_, r) => (r.plan.fee_fen ? `¥${(r.plan.fee_fen / 100).toFixed(2)}` : '—') },
    {
      title: '收费设定',
      key: 'charge',
      width: 110,
      render: (_, r) => (
        <Switch
          checked={r.charge}
          checkedChildren="收费"
          unCheckedChildren="不收费"
          loading={busy === r.plan.id}
          onChange={(v) => void toggle(r, v)}
          data-testid="fee-switch"
        />
      ),
    },
    { title: '修改时间', key: 'updated', width: 140, render: (_, r) => formatDateTime(r.updated_at) },
  ];

  return (
    <ProTable<FeeSetting>
      rowKey={(r) => r.plan.id}
      actionRef={actionRef}
      columns={columns}
      cardBordered
      search={false}
      headerTitle={
        <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
          系统默认“收费”，可逐个计划改为“不收费”。
        </Typography.Text>
      }
      options={{ density: false, setting: false, reload: true }}
      pagination={{ defaultPageSize: 10, showSizeChanger: true }}
      locale={{ emptyText: '暂无申报计划' }}
      request={async ({ current, pageSize }) => {
        try {
          const page = await fetchFeeSettings({ page: current ?? 1, perPage: pageSize ?? 10 });
          return { data: page.items, total: page.total, success: true };
        } catch (err) {
          message.error(errorMessage(err));
          return { data: [], total: 0, success: false };
        }
      }}
    />
  );
}
