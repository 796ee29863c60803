import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag } from 'antd';
import type { AccountChange } from '../../../api/types';
import { errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import { maskName } from '../../../lib/mask';
import { OrgStatus } from '../../../components/StatusTags';
import { OperatorChangeModal, PhoneChangeModal } from '../components/AccountChangeModals';
import { useEmployerInfo } from '../employerInfo';

const FIELD_LABEL: Record<string, string> = { phone: '绑定手机号', operator: '账户使用人' };

/** 本单位基本信息: unit, credit code, affiliation, bound phone and operator (changeable), change log. */
export function UnitInfoPage() {
  const info = useEmployerInfo();
  const [dialog, setDialog] = useState<'phone' | 'operator' | null>(null);
  if (info.isPending) {
    return (
      <Card variant="borderless">
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      </Card>
    );
  }
  if (info.isError) return <Alert type="error" showIcon message={errorMessage(info.error)} />;
  const d = info.data;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card title="本单位基本信息" variant="borderless">
        <Descriptions
          bordered
          column={2}
          styles={{ label: { width: 170, whiteSpace: 'nowrap' } }}
          items={[
            { key: 'unit', label: '单位名称', span: 2, children: d.unit_name },
            { key: 'code', label: '统一社会信用代码', children: d.credit_code ?? '无（单位尚在筹建中等情况）' },
            { key: 'account', label: '政务服务网法人账号', children: d.account },
            { key: 'aff', label: '单位隶属关系', children: d.affiliation?.name ?? '—' },
            { key: 'status', label: '单位状态', children: <OrgStatus status={d.status} /> },
            {
              key: 'phone',
              label: '当前绑定手机号',
              children: (
                <Space>
                  <span data-testid="unit-phone">{d.phone_masked}</span>
                  <Button type="link" size="small" onClick={() => setDialog('phone')}>
                    修改手机号
                  </Button>
                </Space>
              ),
            },
            {
              key: 'operator',
              label: '当前账户使用人',
              children: (
                <Space>
                  <span data-testid="unit-operator" title="账户使用人姓名已隐去部分信息">{maskName(d.operator_name)}</span>
                  <Button type="link" size="small" onClick={() => setDialog('operator')}>
                    变更
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title="变更记录" variant="borderless">
        <Table<AccountChange>
          rowKey={(r) => `${r.field}-${r.created_at}`}
          size="small"
          dataSource={d.changes}
          pagination={false}
          locale={{ emptyText: '暂无变更记录' }}
          columns={[
            { title: '#', key: 'i', width: 48, render: (_, __, i) => i + 1 },
            { title: '变更项', key: 'field', width: 120, render: (_, r) => <Tag>{FIELD_LABEL[r.field] ?? r.field}</Tag> },
            // Operators' names are masked like 当前账户使用人 (phones come masked from the server).
            { title: '变更前', key: 'old', render: (_, r) => (r.field === 'operator' ? maskName(r.old_value) : r.old_value) },
            { title: '变更后', key: 'new', render: (_, r) => (r.field === 'operator' ? maskName(r.new_value) : r.new_value) },
            { title: '变更时间', key: 'at', width: 180, render: (_, r) => formatDateTime(r.created_at) },
          ]}
        />
      </Card>
      <PhoneChangeModal open={dialog === 'phone'} onClose={() => setDialog(null)} />
      <OperatorChangeModal open={dialog === 'operator'} current={d.operator_name} onClose={() => setDialog(null)} />
    </Space>
  );
}
