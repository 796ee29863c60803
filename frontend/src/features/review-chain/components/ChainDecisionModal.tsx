import { useMemo, useState } from 'react';
import { Alert, Button, Card, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { applyFieldErrors, ApiError } from '../../../api/problem';
import type { ChainDecision, DecideBody, ReviewDetail } from '../api';
import { attachmentOptions, OPINION_TITLES, returnItems, returnSectionOptions, type ReturnDraft } from '../labels';

interface Values {
  opinion?: string;
  items?: ReturnDraft[];
}

/**
 * 填写审核通过意见 / 填写审核不通过意见 / 填写退回意见 (seed 000 §4): the pass opinion is prefilled
 * with the unit declaration, a fail needs the reason, a return lists every item to fix (a
 * section, or an attachment of section 18, with a comment each) and an optional overall comment.
 */
export function ChainDecisionModal({ decision, ...rest }: Omit<FormProps, 'decision'> & { decision: ChainDecision | null }) {
  return decision ? <DecisionForm key={decision} decision={decision} {...rest} /> : null;
}

interface FormProps {
  decision: ChainDecision;
  detail: ReviewDetail | undefined;
  onCancel: () => void;
  /** Resolves when done; throws the API error (field errors are put on the form). */
  onSubmit: (body: Omit<DecideBody, 'version'>) => Promise<void>;
}

function DecisionForm({ decision, detail, onCancel, onSubmit }: FormProps) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sections = useMemo(() => returnSectionOptions(detail?.view.sections ?? []), [detail]);
  const attachments = useMemo(() => attachmentOptions(detail?.view.attachments ?? []), [detail]);

  const title = OPINION_TITLES[decision];

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        decision,
        opinion: v.opinion?.trim() || null,
        ...(decision === 'return' ? { items: returnItems(v.items ?? []) } : {}),
      });
    } catch (err) {
      if (err instanceof ApiError && err.status !== 409) {
        const fields = (v.items ?? []).flatMap((_, i) => [`items[${i}].section`, `items[${i}].attachment`, `items[${i}].comment`]);
        applyFieldErrors(form, err, ['opinion', 'items', ...fields]);
        setError(err.message);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      width={decision === 'return' ? 760 : 600}
      zIndex={1100}
      destroyOnHidden
      onCancel={onCancel}
      footer={[
        <Button key="close" onClick={onCancel}>
          关闭
        </Button>,
        <Button key="ok" type="primary" danger={decision !== 'pass'} loading={busy} onClick={submit} data-testid="decision-submit">
          提交
        </Button>,
      ]}
    >
      <Typography.Paragraph type="secondary">
        {title}，确认无误后点击提交。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="decision-error" /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ opinion: decision === 'pass' ? (detail?.actions.default_opinion ?? '') : '', items: decision === 'return' ? [{}] : [] }}
      >
        {decision === 'return' ? (
          <Form.List
            name="items"
            rules={[
              {
                validator: async (_, items?: unknown[]) => {
                  if (!items || items.length < 1) throw new Error('请至少填写一项需修改的内容');
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                <Typography.Text strong>需修改的内容（可逐项填写，一次退回）</Typography.Text>
                <div style={{ maxHeight: 360, overflowY: 'auto', margin: '8px 0' }}>
                  {fields.map((field, i) => (
                    <Card
                      key={field.key}
                      size="small"
                      style={{ marginBottom: 8 }}
                      title={`第 ${i + 1} 项`}
                      data-testid="return-item"
                      extra={
                        fields.length > 1 ? (
                          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)}>
                            删除
                          </Button>
                        ) : null
                      }
                    >
                      <Space.Compact style={{ width: '100%' }} block>
                        <Form.Item
                          name={[field.name, 'section']}
                          rules={[{ required: true, message: '请选择需修改的部分' }]}
                          style={{ flex: 1, marginBottom: 8 }}
                        >
                          <Select
                            showSearch
                            optionFilterProp="label"
                            options={sections}
                            placeholder="选择需修改的部分"
                            data-testid="return-item-section"
                          />
                        </Form.Item>
                        <Form.Item noStyle shouldUpdate={(a: Values, b: Values) => a.items?.[i]?.section !== b.items?.[i]?.section}>
                          {() =>
                            form.getFieldValue(['items', field.name, 'section']) === 18 ? (
                              <Form.Item name={[field.name, 'attachment']} style={{ flex: 1, marginBottom: 8 }}>
                                <Select
                                  allowClear
                                  options={attachments}
                                  placeholder="选择附件（可选）"
                                  notFoundContent="该计划未设置附件要求"
                                  data-testid="return-item-attachment"
                                />
                              </Form.Item>
                            ) : null
                          }
                        </Form.Item>
                      </Space.Compact>
                      <Form.Item
                        name={[field.name, 'comment']}
                        rules={[{ required: true, whitespace: true, message: '请写明需要修改的内容' }]}
                        style={{ marginBottom: 0 }}
                      >
                        <Input.TextArea rows={2} placeholder="需要修改的内容，如：单位推荐意见表未加盖公章，请重新上传" data-testid="return-item-comment" />
                      </Form.Item>
                    </Card>
                  ))}
                </div>
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})} data-testid="return-item-add">
                  添加一项
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        ) : null}
        <Form.Item
          name="opinion"
          style={{ marginTop: decision === 'return' ? 16 : 0 }}
          label={decision === 'return' ? '退回意见（选填）' : decision === 'fail' ? '不通过理由' : '审查意见'}
          rules={decision === 'fail' ? [{ required: true, whitespace: true, message: '请填写不通过意见' }] : []}
        >
          <Input.TextArea rows={decision === 'return' ? 2 : 4} showCount placeholder={title} data-testid="decision-opinion" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
