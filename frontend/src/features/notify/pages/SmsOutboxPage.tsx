import { useState } from 'react';
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, App, Input, Tag, Typography } from 'antd';
import { errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import { fetchSmsOutbox, type OutboxSms } from '../api';

const STATUS: Record<OutboxSms['status'], { text: string; color: string }> = {
  pending: { text: '待发送', color: 'default' },
  sending: { text: '发送中', color: 'processing' },
  sent: { text: '已发送', color: 'success' },
  failed: { text: '发送失败', color: 'error' },
};

/**
 * 短信发送记录 (administrator): every SMS the platform queued (12333 notices, verification
 * codes). With the SMS simulator nothing leaves the server, so this is where a tester reads
 * the code sent for 修改手机号 or 忘记密码; outside demo mode the server masks codes.
 */
export function SmsOutboxPage() {
  const { message } = App.useApp();
  const [phone, setPhone] = useState('');
  const [adapter, setAdapter] = useState<string | null>(null);

  const columns: ProColumns<OutboxSms>[] = [
    { title: '#', dataIndex: 'index', valueType: 'indexBorder', width: 48 },
    { title: '手机号', key: 'phone', width: 130, render: (_, r) => <span data-testid="sms-phone">{r.message.phone}</span> },
    {
      title: '短信内容',
      key: 'text',
      render: (_, r) => (
        <span data-testid="sms-text" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {r.message.text}
        </span>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 96,
      render: (_, r) => {
        const s = STATUS[r.status] ?? { text: String(r.status), color: 'default' };
        return <Tag color={s.color}>{s.text}</Tag>;
      },
    },
    { title: '尝试次数', dataIndex: 'attempts', width: 72, align: 'right' },
    { title: '生成时间', key: 'created', width: 136, render: (_, r) => formatDateTime(r.created_at) },
    { title: '发送时间', key: 'sent', width: 136, render: (_, r) => formatDateTime(r.sent_at) },
    {
      title: '错误信息',
      key: 'error',
      width: 110,
      ellipsis: true,
      render: (_, r) => (r.last_error ? <Typography.Text type="danger">{r.last_error}</Typography.Text> : '—'),
    },
  ];

  return (
    <>
      {adapter === 'simulator' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="sms-simulator"
          message="模拟短信网关"
          description="当前使用模拟短信网关：短信不会真正发到手机，只记录在此，供演示与测试查看（例如修改手机号、忘记密码时的短信验证码）。非演示环境中验证码由服务器打码显示。"
        />
      )}
      {adapter && adapter !== 'simulator' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={`短信经 ${adapter} 网关发送，以下为发送记录。`} />
      )}
      <ProTable<OutboxSms, { phone: string }>
        headerTitle={
          <span>
            短信发送记录
            {adapter === 'simulator' && (
              <Tag color="orange" style={{ marginLeft: 8 }}>
                模拟短信网关
              </Tag>
            )}
          </span>
        }
        rowKey="id"
        columns={columns}
        cardBordered
        search={false}
        params={{ phone }}
        options={{ density: false, setting: false, reload: true }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 条` }}
        locale={{ emptyText: phone ? `没有发往 ${phone} 的短信` : '暂无短信' }}
        toolbar={{
          search: (
            <Input.Search
              allowClear
              enterButton="查询"
              maxLength={20}
              style={{ width: 300 }}
              placeholder="按手机号查询"
              onSearch={(v) => setPhone(v.trim())}
              data-testid="sms-search"
            />
          ),
        }}
        request={async (params) => {
          try {
            const page = await fetchSmsOutbox({ phone: params.phone, page: params.current ?? 1, perPage: params.pageSize ?? 20 });
            setAdapter(page.adapter);
            return { data: page.items, total: page.total, success: true };
          } catch (err) {
            message.error(errorMessage(err));
            return { data: [], total: 0, success: false };
          }
        }}
      />
    </>
  );
}
