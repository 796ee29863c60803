import { Form, Input } from 'antd';
import { PASSWORD_HINT, confirmRules, passwordRules } from './passwordRules';

/** 密码 and 确认密码, shared by 个人注册 and both 法人注册 forms. */
export function PasswordFields() {
  return (
    <>
      <Form.Item label="密码" name="password" validateFirst rules={passwordRules} extra={PASSWORD_HINT}>
        <Input.Password placeholder="请设置登录密码" autoComplete="new-password" />
      </Form.Item>
      <Form.Item label="确认密码" name="confirm" dependencies={['password']} validateFirst rules={confirmRules}>
        <Input.Password placeholder="请再次输入密码" autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
