import { useState } from 'react';
import { Alert, Avatar, Button, Card, Descriptions, Space, Typography } from 'antd';
import { BankOutlined, MobileOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router';
import { api } from '../../../api/client';
import { errorMessage, unwrap } from '../../../api/problem';
import { useMe } from '../api';
import { ROLE_LABELS, type AccountView } from '../roles';
import { isAuthorisationRequired } from '../../onboarding/api';
import { useReviewSummary } from '../../review/api';
import { AUTHORISATION_PATH } from '../../../routes/paths';
import { OperatorChangeModal, PhoneChangeModal } from '../../onboarding/components/AccountChangeModals';
import { useProfile } from '../../profile/api';
import { displayName } from '../displayName';
import { maskName } from '../../../lib/mask';

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

function EmployerCenter({ me }: { me: AccountView }) {
  const summary = useReviewSummary();
  const [dialog, setDialog] = useState<'phone' | 'operator' | null>(null);
  // Until its authorisation proof is approved an employer may only submit it (seed 000 §2).
  if (summary.isError && isAuthorisationRequired(summary.error)) return <Navigate to={AUTHORISATION_PATH} replace />;
  const archives = summary.data?.pending_records ?? 0;
  const declarations = summary.data?.pending_declarations ?? 0;
  return (
    <Card variant="borderless">
      <Greeting me={me} />
      <div style={{ marginTop: 20, marginLeft: 72, lineHeight: 2.4, fontSize: 15 }}>
        {summary.isError ? (
          <Alert type="error" showIcon message={errorMessage(summary.error)} style={{ marginBottom: 8 }} />
        ) : (
          <div data-testid="pending-summary">
            当前共有{' '}
            <Link to="/archive-review">
              <Typography.Text strong type="danger">
                {archives} 条业绩档案
              </Typography.Text>
            </Link>{' '}
            和{' '}
            <Typography.Text strong type="danger">
              {declarations} 份职称申报申请
            </Typography.Text>{' '}
            待您审查。
          </div>
        )}
        <div data-testid="bound-phone">
          <MobileOutlined style={{ color: '#1664c0', marginRight: 6 }} />
          当前绑定手机号：<span>{me.phone_masked}</span>{' '}
          <Button type="link" size="small" onClick={() => setDialog('phone')}>
            修改手机号
          </Button>
        </div>
        <div data-testid="operator">
          <UserOutlined style={{ color: '#1664c0', marginRight: 6 }} />
          当前账户使用人：<span>{maskName(me.name)}</span>{' '}
          <Button type="link" size="small" onClick={() => setDialog('operator')}>
            变更
          </Button>
        </div>
      </div>
      <PhoneChangeModal open={dialog === 'phone'} onClose={() => setDialog(null)} />
      <OperatorChangeModal open={dialog === 'operator'} current={me.name} onClose={() => setDialog(null)} />
    </Card>
  );
}

function IndividualCenter({ me }: { me: AccountView }) {
  const profile = useProfile();
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless">
        <Greeting me={me} />
      </Card>
      <Card
        title="基本信息"
        variant="borderless"
        extra={
          <Link to="/profile">
            <Button type="link">修改个人基本信息</Button>
          </Link>
        }
      >
        <Descriptions column={2} bordered size="middle" styles={{ label: { width: 140 } }}>
          <Descriptions.Item label="姓名">{me.name}</Descriptions.Item>
          <Descriptions.Item label="身份证号码">{dash(me.id_number_masked)}</Descriptions.Item>
          <Descriptions.Item label="性别">{dash(me.gender)}</Descriptions.Item>
          <Descriptions.Item label="出生日期">{dash(me.birth_date)}</Descriptions.Item>
          <Descriptions.Item label="手机号">{me.phone_masked}</Descriptions.Item>
          <Descriptions.Item label="工作单位">{dash(profile.data?.employer?.name ?? me.org_unit?.name)}</Descriptions.Item>
          <Descriptions.Item label="最高学历">{dash(profile.data?.highest_education)}</Descriptions.Item>
          <Descriptions.Item label="现专业技术资格">{dash(profile.data?.current_title)}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Space>
  );
}

/** HRSS: what waits in 单位授权审核. */
function HrssPending() {
  const counts = useQuery({
    queryKey: ['employer-applications', 'pending-counts'],
    queryFn: async () => {
      const [reg, auth] = await Promise.all(
        (['registration', 'authorisation'] as const).map(async (kind) =>
          unwrap(await api.GET('/api/v1/employer-applications', { params: { query: { kind, status: 'pending', per_page: 1 } } })),
        ),
      );
      return { registration: reg.counts.pending, authorisation: auth.counts.pending };
    },
  });
  if (!counts.data) return null;
  return (
    <div style={{ marginTop: 16, marginLeft: 72, fontSize: 15 }} data-testid="hrss-pending">
      当前共有{' '}
      <Link to="/employer-authorizations">
        <Typography.Text strong type="danger">
          {counts.data.registration} 份单位注册申请
        </Typography.Text>
      </Link>{' '}
      和{' '}
      <Link to="/employer-authorizations">
        <Typography.Text strong type="danger">
          {counts.data.authorisation} 份授权委托证明
        </Typography.Text>
      </Link>{' '}
      待您审核。
    </div>
  );
}

function StaffCenter({ me }: { me: AccountView }) {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card variant="borderless">
        <Greeting me={me} />
        {me.role === 'hrss' && <HrssPending />}
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
