import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Space, Tabs, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, applyFieldErrors, errorMessage } from '../../../api/problem';
import { lengthRules, maxLengthOf } from '../../../lib/limits';
import { LOGIN_PATH } from '../../../routes/paths';
import { resetPassword, sendPasswordResetCode, type PasswordResetCodeSent } from '../api';
import type { AccountKind } from '../roles';
import { formLayout, tailLayout } from '../components/formLayout';
import { PasswordFields } from '../components/PasswordFields';
import { RegisterCard } from '../components/RegisterCard';

const KINDS: AccountKind[] = ['individual', 'employer', 'staff'];
const KIND_TABS: Record<AccountKind, string> = { individual: '个人账号', employer: '法人账号', staff: '部门账号' };

/** What identifies the account (seed 000 §1: 法人 by credit code or bound phone). */
const USERNAME: Record<Exclude<AccountKind, 'staff'>, { label: string; placeholder: string }> = {
  individual: { label: '身份证号或手机号', placeholder: '请输入身份证号或注册手机号' },
  employer: { label: '统一社会信用代码或手机号', placeholder: '请输入统一社会信用代码或绑定手机号' },
};

interface Values {
  username: string;
  code: string;
  password: string;
  confirm: string;
}

/** Said by the login page after a reset. */
export const RESET_NOTICE = '密码已重设，请用新密码登录';

function isKind(v: string | null): v is AccountKind {
  return v !== null && (KINDS as string[]).includes(v);
}

/**
 * 忘记密码 (login page link, seed 000 §1): an individual or employer names the account, gets
 * an SMS code on the registered phone and sets a new password. Department passwords are reset
 * by the administrator.
 */
export function ForgotPasswordPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab');
  const kind: AccountKind = isKind(tab) ? tab : 'individual';
  return (
    <RegisterCard title="忘记密码" steps={false}>
      <Tabs
        activeKey={kind}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        items={KINDS.map((k) => ({ key: k, label: KIND_TABS[k] }))}
        style={{ marginTop: -8 }}
      />
      {kind === 'staff' ? <StaffNote /> : <ResetForm key={kind} kind={kind} />}
    </RegisterCard>
  );
}

function StaffNote() {
  return (
    <Alert
      type="info"
      showIcon
      data-testid="staff-reset-note"
      message="部门账号的密码由系统管理员重置"
      description={
        <>
          部门（主管部门、人力社保部门、评委会）账号由系统管理员统一分配，忘记密码请联系本单位或上级部门的系统管理员重置。
          <div style={{ marginTop: 8 }}>
            <Link to={`${LOGIN_PATH}?tab=staff`}>返回部门登录</Link>
          </div>
        </>
      }
    />
  );
}

function ResetForm({ kind }: { kind: Exclude<AccountKind, 'staff'> }) {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<PasswordResetCodeSent | null>(null);
  const [wait, setWait] = useState(0);
  const [submitting, setSubmitting] = useState(false);
  const who = USERNAME[kind];

  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);

  const sendCode = async () => {
    let username: string;
    try {
      username = (await form.validateFields(['username'])).username.trim();
    } catch {
      return;
    }
    setError(null);
    setSending(true);
    try {
      const r = await sendPasswordResetCode({ account_kind: kind, username });
      setSent(r);
      setWait(r.resend_after_seconds);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) {
        form.setFields([{ name: 'username', errors: [errorMessage(err)] }]);
      } else if (!applyFieldErrors(form, err, ['username'])) {
        setError(errorMessage(err));
      }
    } finally {
      setSending(false);
    }
  };

  const onFinish = async (v: Values) => {
    setError(null);
    setSubmitting(true);
    const username = v.username.trim();
    try {
      await resetPassword({ account_kind: kind, username, code: v.code.trim(), new_password: v.password });
      navigate(`${LOGIN_PATH}?tab=${kind}`, { replace: true, state: { username, notice: RESET_NOTICE } });
    } catch (err) {
      if (!applyFieldErrors(form, err, ['username', 'code', 'password'], { new_password: 'password' })) setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 20 }} role="alert" data-testid="reset-error" />}
      <Form<Values> form={form} {...formLayout} onFinish={onFinish} autoComplete="off" scrollToFirstError>
        <Form.Item
          label={who.label}
          name="username"
          rules={[{ required: true, whitespace: true, message: `请输入${who.label}` }, ...lengthRules('PasswordResetCodeRequest', 'username', who.label)]}
        >
          <Input placeholder={who.placeholder} maxLength={maxLengthOf('PasswordResetCodeRequest', 'username')} autoComplete="username" />
        </Form.Item>
        <Form.Item
          label="短信验证码"
          required
          extra={
            sent ? (
              <span data-testid="reset-code-sent">
                验证码已发送至注册手机号 <Typography.Text strong>{sent.phone_masked}</Typography.Text>，
                {Math.round(sent.expires_in / 60)}分钟内有效
              </span>
            ) : (
              '验证码将以短信发送到账号的注册手机号'
            )
          }
        >
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="code"
              noStyle
              rules={[
                { required: true, message: '请输入短信验证码' },
                { pattern: /^\d{6}$/, message: '验证码为6位数字' },
              ]}
            >
              <Input maxLength={maxLengthOf('PasswordReset', 'code')} placeholder="请输入6位验证码" inputMode="numeric" autoComplete="one-time-code" />
            </Form.Item>
            <Button onClick={sendCode} loading={sending} disabled={wait > 0} data-testid="send-reset-code">
              {wait > 0 ? `${wait}秒后重新获取` : '获取验证码'}
            </Button>
          </Space.Compact>
        </Form.Item>
        <PasswordFields label="新密码" />
        <Form.Item {...tailLayout}>
          <Button type="primary" htmlType="submit" loading={submitting} block>
            重设密码
          </Button>
        </Form.Item>
        <Form.Item {...tailLayout} style={{ marginBottom: 0 }}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            注册手机号已不再使用？个人请联系所在单位，单位请联系属地人社部门核实后处理。
          </Typography.Text>
        </Form.Item>
      </Form>
    </>
  );
}
