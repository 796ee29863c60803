import { useEffect, useState } from 'react';
import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { applyFieldErrors, errorMessage, unwrap } from '../../../api/problem';
import { ME_KEY } from '../../auth/api';
import { checkPhone, ruleFrom } from '../../../lib/validators';
import { EMPLOYER_INFO_KEY } from '../employerInfo';
import { lengthRules } from '../../../lib/limits';

function useRefresh() {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: EMPLOYER_INFO_KEY });
    void qc.invalidateQueries({ queryKey: ME_KEY });
  };
}

/** 修改手机号: an SMS code (12333) to the new number, then the switch. */
export function PhoneChangeModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ phone: string; code: string }>();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [sending, setSending] = useState(false);
  const [wait, setWait] = useState(0);
  const [saving, setSaving] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);

  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);

  const sendCode = async () => {
    let phone: string;
    try {
      phone = (await form.validateFields(['phone'])).phone.trim();
    } catch {
      return;
    }
    setSending(true);
    try {
      const r = unwrap(await api.POST('/api/v1/employer/phone/code', { body: { phone } }));
      message.success(r.message);
      setSentTo(r.message);
      setWait(60);
    } catch (err) {
      if (!applyFieldErrors(form, err, ['phone'])) message.error(errorMessage(err));
    } finally {
      setSending(false);
    }
  };

  return (
    <Modal
      open={open}
      title="修改手机号"
      okText="确定"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        let v: { phone: string; code: string };
        try {
          v = await form.validateFields();
        } catch {
          return;
        }
        setSaving(true);
        try {
          unwrap(await api.PUT('/api/v1/employer/phone', { body: { phone: v.phone.trim(), code: v.code.trim() } }));
          message.success('绑定手机号已更换');
          refresh();
          onClose();
        } catch (err) {
          if (!applyFieldErrors(form, err, ['phone', 'code'])) message.error(errorMessage(err));
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="phone" label="新手机号" validateFirst rules={[{ required: true, message: '请输入新手机号' }, ruleFrom(checkPhone)]}>
          <Input maxLength={11} placeholder="请输入新的11位手机号码" />
        </Form.Item>
        <Form.Item label="短信验证码" required extra={sentTo ?? '验证码将以12333短信发送到新手机号'}>
          <Space.Compact style={{ width: '100%' }}>
            <Form.Item
              name="code"
              noStyle
              rules={[
                { required: true, message: '请输入短信验证码' },
                { pattern: /^\d{6}$/, message: '验证码为6位数字' },
              ]}
            >
              <Input maxLength={6} placeholder="请输入6位验证码" />
            </Form.Item>
            <Button onClick={sendCode} loading={sending} disabled={wait > 0}>
              {wait > 0 ? `${wait}秒后重新获取` : '获取验证码'}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 变更 the account's operator (当前账户使用人). */
export function OperatorChangeModal({ open, current, onClose }: { open: boolean; current?: string; onClose: () => void }) {
  const [form] = Form.useForm<{ operator_name: string }>();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [saving, setSaving] = useState(false);
  return (
    <Modal
      open={open}
      title="变更账户使用人"
      okText="确定"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        let v: { operator_name: string };
        try {
          v = await form.validateFields();
        } catch {
          return;
        }
        setSaving(true);
        try {
          unwrap(await api.PUT('/api/v1/employer/operator', { body: { operator_name: v.operator_name.trim() } }));
          message.success('账户使用人已变更');
          refresh();
          onClose();
        } catch (err) {
          if (!applyFieldErrors(form, err, ['operator_name'])) message.error(errorMessage(err));
        } finally {
          setSaving(false);
        }
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ operator_name: current }}>
        <Form.Item
          name="operator_name"
          label="账户使用人姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入账户使用人姓名' },
            ...lengthRules('ChangeOperator', 'operator_name', '账户使用人姓名'),
          ]}
        >
          <Input placeholder="请输入新的账户使用人姓名" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
