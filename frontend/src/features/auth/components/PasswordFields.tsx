import { Form, Input } from 'antd';
import { PASSWORD_HINT, confirmRules, passwordRules } from './passwordRules';

/** 密码 and 确认密码, shared by 个人注册, both 法人注册 forms and 忘记密码 (新密码). */
export function PasswordFields({ label = '密码' }: { label?: string }) {
  return (
    <>
      <Form.Item label={label} name="password" validateFirst rules={passwordRules} extra={PASSWORD_HINT}>
        <Input.Password placeholder={`请设置${label === '密码' ? '登录密码' : label}`} autoComplete="new-password" />
      </Form.Item>
      <Form.Item label={`确认${label}`} name="confirm" dependencies={['password']} validateFirst rules={confirmRules}>
        <Input.Password placeholder={`请再次输入${label}`} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
