import type { FormRule } from 'antd';
import { checkPassword, ruleFrom } from '../../../lib/validators';

export const passwordRules: FormRule[] = [{ required: true, message: '请输入密码' }, ruleFrom(checkPassword)];

export const confirmRules: FormRule[] = [
  { required: true, message: '请再次输入密码' },
  ({ getFieldValue }) => ({
    validator(_, value) {
      if (!value || getFieldValue('password') === value) return Promise.resolve();
      return Promise.reject(new Error('两次输入的密码不一致'));
    },
  }),
];

export const PASSWORD_HINT = '至少8位，须同时包含字母和数字';
