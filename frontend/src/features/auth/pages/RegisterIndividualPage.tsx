import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { applyFieldErrors, errorMessage, unwrap } from '../../../api/problem';
import type { components } from '../../../api/schema';
import { checkIdNumber, checkPhone, ruleFrom } from '../../../lib/validators';
import { RegisterCard } from '../components/RegisterCard';
import { formLayout, tailLayout } from '../components/formLayout';
import { PasswordFields } from '../components/PasswordFields';
import { lengthRules } from '../../../lib/limits';

type Body = components['schemas']['RegisterIndividual'];
type Values = Body & { confirm: string };
const FIELDS: (keyof Values)[] = ['name', 'id_number', 'phone', 'password', 'confirm'];

export function RegisterIndividualPage() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (v: Values) => {
    setError(null);
    setSubmitting(true);
    const body: Body = {
      name: v.name.trim(),
      id_number: v.id_number.trim().toUpperCase(),
      phone: v.phone.trim(),
      password: v.password,
    };
    try {
      unwrap(await api.POST('/api/v1/auth/register/individual', { body }));
      // The login page says 注册成功，请登录 inline (a toast would outlive it).
      navigate('/login?tab=individual', { state: { username: body.id_number, notice: '注册成功，请登录' } });
    } catch (err) {
      applyFieldErrors(form, err, FIELDS);
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <RegisterCard title="个人注册">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 20 }} role="alert" />}
      <Form<Values> form={form} {...formLayout} onFinish={onFinish} autoComplete="off" scrollToFirstError>
        <Form.Item label="姓名" name="name" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, ...lengthRules('RegisterIndividual', 'name', '姓名')]}>
          <Input placeholder="请输入真实姓名" />
        </Form.Item>
        <Form.Item
          label="身份证号码"
          name="id_number"
          validateFirst
          rules={[{ required: true, message: '请输入身份证号码' }, ruleFrom(checkIdNumber)]}
        >
          <Input placeholder="请输入18位居民身份证号码" maxLength={18} />
        </Form.Item>
        <Form.Item label="手机号" name="phone" validateFirst rules={[{ required: true, message: '请输入手机号' }, ruleFrom(checkPhone)]}>
          <Input placeholder="请输入11位手机号码" maxLength={11} />
        </Form.Item>
        <PasswordFields />
        <Form.Item {...tailLayout}>
          <Button type="primary" htmlType="submit" loading={submitting} block>
            注册
          </Button>
        </Form.Item>
      </Form>
    </RegisterCard>
  );
}
