import { useState } from 'react';
import { Alert, Button, Card, Divider, Form, Input, Space, Tabs, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { errorMessage, remainingAttempts, unwrap } from '../../../api/problem';
import { localTokenStore } from '../../../api/tokens';
import { ME_KEY } from '../api';
import { ACCOUNT_KIND_LABELS, type AccountKind } from '../roles';
import { PortalShell } from '../../../components/PortalShell';
import { PLATFORM_NAME } from '../../../branding';
import { FORGOT_PASSWORD_PATH, HOME_PATH } from '../../../routes/paths';

const KINDS: AccountKind[] = ['individual', 'employer', 'staff'];

const USERNAME: Record<AccountKind, { label: string; placeholder: string }> = {
  individual: { label: '身份证号或手机号', placeholder: '请输入身份证号或手机号' },
  employer: { label: '统一社会信用代码或手机号', placeholder: '请输入统一社会信用代码或手机号' },
  staff: { label: '登录名', placeholder: '请输入登录名' },
};

function isKind(v: string | null): v is AccountKind {
  return v !== null && (KINDS as string[]).includes(v);
}

/** A wrong password with this many tries left (or fewer) gets a warning about the lockout. */
export const WARN_REMAINING = 2;

interface LoginFailure {
  message: string;
  /** Tries left before the account locks, when the server said (401 `remaining_attempts`). */
  remaining: number | null;
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
  const [error, setError] = useState<LoginFailure | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const state = location.state as { from?: string; username?: string; notice?: string } | null;
  // 注册成功，请登录 — inline, until the first attempt replaces it.
  const [notice, setNotice] = useState(state?.notice ?? null);

  const onFinish = async (values: LoginValues) => {
    setError(null);
    setNotice(null);
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
      setError({ message: errorMessage(err), remaining: remainingAttempts(err) });
    } finally {
      setSubmitting(false);
    }
  };

  const switchTab = (key: string) => {
    setError(null);
    setNotice(null);
    form.resetFields();
    setParams({ tab: key }, { replace: true, state: state?.from ? { from: state.from } : null });
  };

  const lockSoon = error?.remaining !== null && error?.remaining !== undefined && error.remaining <= WARN_REMAINING;

  return (
    <PortalShell>
      <div className="login-main">
        <div className="login-hero" style={{ color: '#fff', maxWidth: 460 }}>
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
        <Card className="login-card" styles={{ body: { padding: '8px 32px 24px' } }}>
          <Tabs
            activeKey={kind}
            onChange={switchTab}
            centered
            size="large"
            items={KINDS.map((k) => ({ key: k, label: ACCOUNT_KIND_LABELS[k] }))}
          />
          {notice && !error && (
            <Alert type="success" showIcon message={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />
          )}
          {error && (
            <Alert type="error" showIcon message={error.message} style={{ marginBottom: 16 }} role="alert" data-testid="login-error" />
          )}
          {lockSoon && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="login-lockout-warning"
              message={error.remaining === 0 ? '账户即将被锁定' : `再输错 ${error.remaining} 次密码，账户将被暂时锁定`}
              description={
                kind === 'staff'
                  ? '请确认登录名和密码；忘记密码请联系系统管理员重置。'
                  : '请确认账号和密码；忘记密码可点击“忘记密码”通过短信验证码重置。'
              }
            />
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
            <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]} style={{ marginBottom: 8 }}>
              <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" size="large" />
            </Form.Item>
            <div style={{ textAlign: 'right', marginBottom: 16 }}>
              <Link to={`${FORGOT_PASSWORD_PATH}?tab=${kind}`} data-testid="forgot-password-link">
                忘记密码？
              </Link>
            </div>
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
