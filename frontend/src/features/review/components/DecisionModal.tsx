import { useEffect, useState } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import type { Decision } from '../../../api/types';
import { DECISION_LABELS, OPINION_REQUIRED, OPINION_TITLES } from '../decisions';
import { lengthRules, maxLengthOf } from '../../../lib/limits';

/** Asks for the opinion of a decision (required for 不通过 and 退回). */
export function DecisionModal({
  decision,
  count,
  onCancel,
  onSubmit,
}: {
  decision: Decision | null;
  /** How many records the decision covers (batch). */
  count: number;
  onCancel: () => void;
  onSubmit: (comment: string | null) => Promise<void>;
}) {
  const [form] = Form.useForm<{ comment?: string }>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (decision) form.resetFields();
  }, [decision, form]);
  if (!decision) return null;
  const required = OPINION_REQUIRED[decision];
  return (
    <Modal
      open
      title={OPINION_TITLES[decision]}
      okText="提交"
      cancelText="关闭"
      okButtonProps={{ danger: decision !== 'approve', loading: busy }}
      onCancel={onCancel}
      onOk={async () => {
        let v: { comment?: string };
        try {
          v = await form.validateFields();
        } catch {
          return;
        }
        setBusy(true);
        try {
          await onSubmit(v.comment?.trim() || null);
        } finally {
          setBusy(false);
        }
      }}
      destroyOnHidden
      zIndex={1100}
    >
      {count > 1 && (
        <Typography.Paragraph>
          将对选中的 <Typography.Text strong>{count}</Typography.Text> 条记录执行“{DECISION_LABELS[decision]}”。
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical">
        <Form.Item
          name="comment"
          label={required ? '审核意见' : '审核意见（选填）'}
          rules={[
            ...(required ? [{ required: true, whitespace: true, message: required }] : []),
            ...lengthRules('DecisionRequest', 'comment', '审核意见'),
          ]}
        >
          <Input.TextArea rows={4} maxLength={maxLengthOf('DecisionRequest', 'comment')} showCount placeholder={OPINION_TITLES[decision]} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
