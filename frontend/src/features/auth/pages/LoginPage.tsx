import { useState } from 'react';
import { Alert, Button, Card, Divider, Form, Input, Space, Tabs, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { errorMessage, unwrap } from '../../../api/problem';
import { localTokenStore } from '../../../api/tokens';
import { ME_KEY } from '../api';
import { ACCOUNT_KIND_LABELS, type AccountKind } from '../roles';
import { PortalShell } from '../../../components/PortalShell';
import { PLATFORM_NAME } from '../../../branding';
import { HOME_PATH } from '../../../routes/paths';

const KINDS: AccountKind[] = ['individual', 'employer', 'staff'];

const USERNAME: Record<AccountKind, { label: string; placeholder: string }> = {
  individual: { label: '身份证号或手机号', placeholder: '请输入身份证号或手机号' },
  employer: { label: '统一社会信用代码或手机号', placeholder: '请输入统一社会信用代码或手机号' },
  staff: { label: '登录名', placeholder: '请输入登录名' },
};

function isKind(v: string | null): v is AccountKind {
  return v !== null && (KINDS as string[]).includes(v);
}

interface LoginValues {
  username: string;
  password: string;
}

export function LoginPage() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const tabParam = params.get('tab');
  const kind: AccountKind = isKind(tabParam) ? tabParam : 'individual';
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const state = location.state as { from?: string; username?: string } | null;

  const onFinish = async (values: LoginValues) => {
    setError(null);
    setSubmitting(true);
    try {
      const pair = unwrap(
        await api.POST('/api/v1/auth/login', {
          body: { account_kind: kind, username: values.username.trim(), password: values.password },
        }),
      );
      localTokenStore.set(pair);
      qc.removeQueries({ queryKey: ME_KEY });
      const from = state?.from && !state.from.startsWith('/login') ? state.from : HOME_PATH;
      navigate(from, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  const switchTab = (key: string) => {
    setError(null);
    form.resetFields();
    setParams({ tab: key }, { replace: true, state: state?.from ? { from: state.from } : null });
  };

  return (
    <PortalShell>
      <div
        style={{
          flex: 1,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          gap: 72,
          padding: '32px 48px',
          background: 'linear-gradient(135deg, #1664c0 0%, #3c8ce7 55%, #eef3fa 55.2%)',
        }}
      >
        <div style={{ color: '#fff', maxWidth: 460 }}>
          <Typography.Title level={2} style={{ color: '#fff', marginBottom: 12 }}>
            {PLATFORM_NAME}
          </Typography.Title>
          <Typography.Paragraph style={{ color: 'rgba(255,255,255,0.9)', fontSize: 15, lineHeight: 2 }}>
            专业技术人员业绩档案、职称申报、资格审查、评审受理与结果公示全流程网上办理。
          </Typography.Paragraph>
          <ul style={{ color: 'rgba(255,255,255,0.9)', fontSize: 14, lineHeight: 2.2, paddingLeft: 20 }}>
            <li>个人：维护业绩档案，在线申报职称</li>
            <li>用人单位：审核业绩档案，开展申报资格审查</li>
            <li>主管部门、人力社保部门、评委会：逐级审查与评审</li>
          </ul>
        </div>
        <Card style={{ width: 400, boxShadow: '0 6px 24px rgba(22,100,192,0.18)' }} styles={{ body: { padding: '8px 32px 24px' } }}>
          <Tabs
            activeKey={kind}
            onChange={switchTab}
            centered
            size="large"
            items={KINDS.map((k) => ({ key: k, label: ACCOUNT_KIND_LABELS[k] }))}
          />
          {error && (
            <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />
          )}
          <Form<LoginValues>
            form={form}
            layout="vertical"
            requiredMark={false}
            onFinish={onFinish}
            initialValues={{ username: state?.username ?? '' }}
            key={kind}
          >
            <Form.Item
              label={USERNAME[kind].label}
              name="username"
              rules={[{ required: true, whitespace: true, message: `请输入${USERNAME[kind].label}` }]}
            >
              <Input prefix={<UserOutlined />} placeholder={USERNAME[kind].placeholder} autoComplete="username" size="large" />
            </Form.Item>
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={submitting}>
              登录
            </Button>
          </Form>
          <Divider plain style={{ margin: '20px 0 12px', fontSize: 13, color: '#8c8c8c' }}>
            {kind === 'staff' ? '部门账号由管理员统一分配' : '还没有账号？'}
          </Divider>
          <Space style={{ width: '100%', justifyContent: 'center' }} size="large">
            <Link to="/register/individual">个人注册</Link>
            <Link to="/register/employer">法人注册</Link>
          </Space>
        </Card>
      </div>
    </PortalShell>
  );
}
