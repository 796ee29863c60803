import { useState } from 'react';
import { Alert, App, Button, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { applyFieldErrors, errorMessage, unwrap } from '../../api/problem';
import type { components } from '../../api/schema';
import { checkCreditCode, checkPhone, ruleFrom } from '../../lib/validators';
import { RegisterCard } from './RegisterCard';
import { formLayout, tailLayout } from './formLayout';
import { PASSWORD_HINT, confirmRules, passwordRules } from './passwordRules';

type Body = components['schemas']['RegisterEmployer'];
type Values = Body & { confirm: string };
const FIELDS: (keyof Values)[] = ['unit_name', 'credit_code', 'operator_name', 'phone', 'password', 'confirm'];

export function RegisterEmployerPage() {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (v: Values) => {
    setError(null);
    setSubmitting(true);
    const body: Body = {
      unit_name: v.unit_name.trim(),
      credit_code: v.credit_code.trim().toUpperCase(),
      operator_name: v.operator_name.trim(),
      phone: v.phone.trim(),
      password: v.password,
    };
    try {
      unwrap(await api.POST('/api/v1/auth/register/employer', { body }));
      message.success('注册成功，请登录');
      navigate('/login?tab=employer', { state: { username: body.credit_code } });
    } catch (err) {
      applyFieldErrors(form, err, FIELDS);
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <RegisterCard title="法人注册">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 20 }} role="alert" />}
      <Form<Values> form={form} {...formLayout} onFinish={onFinish} autoComplete="off" scrollToFirstError>
        <Form.Item label="单位名称" name="unit_name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, { max: 100 }]}>
          <Input placeholder="请输入单位全称" />
        </Form.Item>
        <Form.Item
          label="统一社会信用代码"
          name="credit_code"
          validateFirst
          rules={[{ required: true, message: '请输入统一社会信用代码' }, ruleFrom(checkCreditCode)]}
        >
          <Input placeholder="请输入18位统一社会信用代码" maxLength={18} />
        </Form.Item>
        <Form.Item
          label="经办人/账户使用人姓名"
          name="operator_name"
          rules={[{ required: true, whitespace: true, message: '请输入经办人姓名' }, { max: 50 }]}
        >
          <Input placeholder="请输入经办人（账户使用人）姓名" />
        </Form.Item>
        <Form.Item label="手机号" name="phone" validateFirst rules={[{ required: true, message: '请输入手机号' }, ruleFrom(checkPhone)]}>
          <Input placeholder="请输入经办人11位手机号码" maxLength={11} />
        </Form.Item>
        <Form.Item label="密码" name="password" validateFirst rules={passwordRules} extra={PASSWORD_HINT}>
          <Input.Password placeholder="请设置登录密码" autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="确认密码" name="confirm" dependencies={['password']} validateFirst rules={confirmRules}>
          <Input.Password placeholder="请再次输入密码" autoComplete="new-password" />
        </Form.Item>
        <Form.Item {...tailLayout}>
          <Button type="primary" htmlType="submit" loading={submitting} block>
            注册
          </Button>
        </Form.Item>
      </Form>
    </RegisterCard>
  );
}
