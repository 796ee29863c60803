import { Avatar, Button, Card, Descriptions, Space, Tooltip, Typography } from 'antd';
import { BankOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { useMe } from '../auth/session';
import { ROLE_LABELS, type AccountView } from '../auth/roles';
import { displayName } from './displayName';

const dash = (v: string | null | undefined) => (v ? v : '—');

function Greeting({ me }: { me: AccountView }) {
  return (
    <Space align="center" size={16}>
      <Avatar size={56} icon={me.role === 'employer' ? <BankOutlined /> : <UserOutlined />} style={{ background: '#1664c0' }} />
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="greeting">
        您好，{displayName(me)}
      </Typography.Title>
    </Space>
  );
}

function Soon({ children }: { children: string }) {
  return (
    <Tooltip title="功能建设中">
      <Button type="link" size="small" disabled>
        {children}
      </Button>
    </Tooltip>
  );
}

function EmployerCenter({ me }: { me: AccountView }) {
  // Counts come with the archive review and declaration review features; none yet.
  const archives = 0;
  const declarations = 0;
  return (
    <Card variant="borderless">
      <Greeting me={me} />
      <div style={{ marginTop: 20, marginLeft: 72, lineHeight: 2.4, fontSize: 15 }}>
        <div data-testid="pending-summary">
          当前共有 <Typography.Text strong type="danger">{archives} 条业绩档案</Typography.Text> 和{' '}
          <Typography.Text strong type="danger">{declarations} 份职称申报申请</Typography.Text> 待您审查。
        </div>
        <div data-testid="bound-phone">
          <MobileOutlined style={{ color: '#1664c0', marginRight: 6 }} />
          当前绑定手机号：<span>{me.phone_masked}</span> <Soon>修改手机号</Soon>
        </div>
        <div data-testid="operator">
          <UserOutlined style={{ color: '#1664c0', marginRight: 6 }} />
          当前账户使用人：<span>{me.name}</span> <Soon>变更</Soon>
        </div>
      </div>
    </Card>
  );
}

function IndividualCenter({ me }: { me: AccountView }) {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless">
        <Greeting me={me} />
      </Card>
      <Card title="基本信息" variant="borderless">
        <Descriptions column={2} bordered size="middle" styles={{ label: { width: 140 } }}>
          <Descriptions.Item label="姓名">{me.name}</Descriptions.Item>
          <Descriptions.Item label="身份证号码">{dash(me.id_number_masked)}</Descriptions.Item>
          <Descriptions.Item label="性别">{dash(me.gender)}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{dash(me.birth_date)}</Descriptions.Item>
          <Descriptions.Item label="手机号">{me.phone_masked}</Descriptions.Item>
          <Descriptions.Item label="工作单位">{dash(me.org_unit?.name)}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}

function StaffCenter({ me }: { me: AccountView }) {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless">
        <Greeting me={me} />
      </Card>
      <Card title="账户信息" variant="borderless">
        <Descriptions column={2} bordered size="middle" styles={{ label: { width: 140 } }}>
          <Descriptions.Item label="登录名">{me.username}</Descriptions.Item>
          <Descriptions.Item label="姓名">{me.name}</Descriptions.Item>
          <Descriptions.Item label="角色">{ROLE_LABELS[me.role]}</Descriptions.Item>
          <Descriptions.Item label="所属机构">{dash(me.org_unit?.name)}</Descriptions.Item>
          <Descriptions.Item label="手机号">{me.phone_masked}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}

/** 用户中心 / 个人中心 (seed 000 §1). */
export function UserCenterPage() {
  const me = useMe().data;
  if (!me) return null;
  if (me.role === 'employer') return <EmployerCenter me={me} />;
  if (me.role === 'individual') return <IndividualCenter me={me} />;
  return <StaffCenter me={me} />;
}
