import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { publicityEnded } from '../labels';
import { ApiError, applyFieldErrors, errorMessage } from '../../../api/problem';
import { recordPublicity, recordPublicityOutcome, type Publicity, type PublicityOutcomeValue, type ReviewItem } from '../api';

interface Values {
  starts_on?: Dayjs;
  ends_on?: Dayjs;
  method?: string;
  outcome?: PublicityOutcomeValue;
  note?: string;
}

const OUTCOMES = [
  { value: 'no_objection', label: '无异议' },
  { value: 'objection', label: '有异议' },
];

/**
 * 录入公示: the publicity of the selected passed declarations (seed 004 三 1: at least 5
 * working days, counted by the server on the official calendar), with its outcome once ended.
 */
export function PublicityModal({ rows, ...rest }: { rows: ReviewItem[] | null; onClose: () => void; onDone: (p: Publicity) => void }) {
  return rows ? <PublicityForm rows={rows} {...rest} /> : null;
}

function PublicityForm({ rows, onClose, onDone }: { rows: ReviewItem[]; onClose: () => void; onDone: (p: Publicity) => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const endsOn = Form.useWatch('ends_on', form);
  const ended = publicityEnded(endsOn);

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
      const p = await recordPublicity({
        items: rows.map((r) => ({ declaration_id: r.declaration_id, version: r.version })),
        starts_on: v.starts_on!.format('YYYY-MM-DD'),
        ends_on: v.ends_on!.format('YYYY-MM-DD'),
        method: v.method!.trim(),
        note: v.note?.trim() || null,
        outcome: ended ? (v.outcome ?? null) : null,
      });
      onDone(p);
    } catch (err) {
      applyFieldErrors(form, err, ['starts_on', 'ends_on', 'method', 'outcome', 'note']);
      setError(err instanceof ApiError ? err.message : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title="录入公示情况"
      width={600}
      okText="提交"
      cancelText="关闭"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        已选择 {rows.length} 名审查通过的申报人员：{rows.map((r) => r.applicant_name).join('、')}。公示期不少于 5 个工作日（按国家法定节假日及调休安排计算）。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="publicity-error" /> : null}
      <Form form={form} layout="vertical" initialValues={{ outcome: 'no_objection' }}>
        <div style={{ display: 'flex', gap: 16 }}>
          <Form.Item name="starts_on" label="公示开始日期" rules={[{ required: true, message: '请选择公示开始日期' }]} style={{ flex: 1 }}>
            <DatePicker style={{ width: '100%' }} data-testid="publicity-start" />
          </Form.Item>
          <Form.Item
            name="ends_on"
            label="公示结束日期"
            dependencies={['starts_on']}
            style={{ flex: 1 }}
            rules={[
              { required: true, message: '请选择公示结束日期' },
              ({ getFieldValue }) => ({
                validator: async (_, v?: Dayjs) => {
                  const s = getFieldValue('starts_on') as Dayjs | undefined;
                  if (v && s && v.isBefore(s, 'day')) throw new Error('结束日期不能早于开始日期');
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="publicity-end" />
          </Form.Item>
        </div>
        <Form.Item name="method" label="公示方式" rules={[{ required: true, whitespace: true, message: '请填写公示方式' }]}>
          <Input placeholder="如：单位公告栏及内网公示" data-testid="publicity-method" />
        </Form.Item>
        {ended ? (
          <Form.Item name="outcome" label="公示结果" rules={[{ required: true, message: '请选择公示结果' }]}>
            <Radio.Group options={OUTCOMES} data-testid="publicity-outcome" />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            公示期满后再录入公示结果（无异议 / 有异议）。
          </Typography.Paragraph>
        )}
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={3} placeholder="公示情况说明（选填）" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 录入公示结果 of a publicity that has ended. */
export function PublicityOutcomeModal({ publicity, ...rest }: { publicity: Publicity | null; onClose: () => void; onDone: () => void }) {
  return publicity ? <OutcomeForm publicity={publicity} {...rest} /> : null;
}

function OutcomeForm({ publicity, onClose, onDone }: { publicity: Publicity; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ outcome?: PublicityOutcomeValue; note?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal
      open
      title="录入公示结果"
      okText="提交"
      cancelText="关闭"
      confirmLoading={busy}
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        let v: { outcome?: PublicityOutcomeValue; note?: string };
        try {
          v = await form.validateFields();
        } catch {
          return;
        }
        setBusy(true);
        setError(null);
        try {
          await recordPublicityOutcome(publicity.id, v.outcome!, v.note?.trim() || null);
          onDone();
        } catch (err) {
          applyFieldErrors(form, err, ['outcome', 'note']);
          setError(errorMessage(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Typography.Paragraph type="secondary">
        公示期 {publicity.starts_on} 至 {publicity.ends_on}（{publicity.working_days} 个工作日），{publicity.method}，共 {publicity.declarations} 人。
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ outcome: 'no_objection' }}>
        <Form.Item name="outcome" label="公示结果" rules={[{ required: true, message: '请选择公示结果' }]}>
          <Radio.Group options={OUTCOMES} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea rows={3} placeholder="如有异议，请说明处理情况" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
