import { useState } from 'react';
import { App, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Typography } from 'antd';
import { SwapOutlined } from '@ant-design/icons';
import { applyFieldErrors, errorMessage } from '../../../api/problem';
import type { OrgUnitRef } from '../../../api/types';
import { lengthRules, maxLengthOf } from '../../../lib/limits';
import { saveInfo, type Declaration, type DeclarationInfo } from '../api';
import { acceptorTitle, RECOGNITION_KINDS, toInfo } from '../steps';
import { useSetDeclaration } from '../hooks';
import { itemsForStep, openReturn } from '../returns';
import { ReturnMarks } from '../components/ReturnNotes';
import { StepActions, type StepProps } from './shared';

type Values = DeclarationInfo & { acceptor_id?: string | null };

const FIELD_NAMES = [
  'specialty',
  'current_specialty',
  'years_in_specialty',
  'archive_location',
  'foreign_language',
  'achievements',
  'specialities',
  'societies',
  'recognition_kind',
  'acceptor_id',
];
const FIELD_MAP = Object.fromEntries(FIELD_NAMES.filter((f) => f !== 'acceptor_id').map((f) => [`info.${f}`, f]));

/** 受理评审委员会 / 受理部门: the chosen unit and 【变更受理部门】 (a modal over the plan's acceptors). */
function AcceptorField({
  value,
  onChange,
  choices,
  title,
}: {
  value?: string | null;
  onChange?: (v: string) => void;
  choices: OrgUnitRef[];
  title: string;
}) {
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<string | undefined>(value ?? undefined);
  const current = choices.find((c) => c.id === value);
  return (
    <>
      <Space wrap>
        <Typography.Text strong={!!current} type={current ? undefined : 'secondary'} data-testid="acceptor-name">
          {current?.name ?? `未选择${title}`}
        </Typography.Text>
        <Button
          icon={<SwapOutlined />}
          onClick={() => {
            setPicked(value ?? undefined);
            setOpen(true);
          }}
          data-testid="acceptor-change"
        >
          变更{title}
        </Button>
      </Space>
      <Modal
        open={open}
        title={`选择${title}`}
        okText="确定"
        cancelText="取消"
        okButtonProps={{ disabled: !picked }}
        onOk={() => {
          if (picked) onChange?.(picked);
          setOpen(false);
        }}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Radio.Group value={picked} onChange={(e) => setPicked(e.target.value as string)} style={{ width: '100%', margin: '12px 0' }} data-testid="acceptor-choices">
          <Space direction="vertical" style={{ width: '100%' }}>
            {choices.map((c) => (
              <Radio key={c.id} value={c.id}>
                {c.name}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Modal>
    </>
  );
}

function initialValues(d: Declaration): Values {
  return { ...d.info, acceptor_id: d.acceptor?.id ?? (d.acceptor_choices.length === 1 ? d.acceptor_choices[0].id : null) };
}

/** Step 4 填写申报信息 and the accepting committee or department. */
export function InfoStep({ d, go }: StepProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const setDeclaration = useSetDeclaration();
  const [saving, setSaving] = useState(false);
  const title = acceptorTitle(d.plan.plan_type);
  const len = (f: keyof DeclarationInfo, label: string) => lengthRules('DeclarationInfo', f, label);
  const max = (f: keyof DeclarationInfo) => maxLengthOf('DeclarationInfo', f);

  const save = async (then?: () => void) => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      message.error('请按提示完善申报信息');
      return;
    }
    setSaving(true);
    try {
      const saved = await saveInfo(d.id, toInfo(values), values.acceptor_id ?? null);
      setDeclaration(saved);
      message.success('申报信息已保存');
      then?.();
    } catch (err) {
      if (!applyFieldErrors(form, err, FIELD_NAMES, FIELD_MAP)) message.error(errorMessage(err));
      else message.error('请按提示修改申报信息');
    } finally {
      setSaving(false);
    }
  };

  return (
    <div data-testid="step-info">
      <ReturnMarks items={itemsForStep(openReturn(d), 4)} />
      <Form<Values> form={form} layout="vertical" initialValues={initialValues(d)} className="decl-info-form">
        <Row gutter={24}>
          {d.plan.plan_type === 'recognition' ? (
            <Col xs={24} md={12}>
              <Form.Item name="recognition_kind" label="认定类型" rules={[{ required: true, message: '请选择认定类型' }]}>
                <Radio.Group options={RECOGNITION_KINDS} optionType="button" buttonStyle="solid" data-testid="recognition-kind" />
              </Form.Item>
            </Col>
          ) : null}
          {d.specialty_choices.length ? (
            <Col xs={24} md={12}>
              <Form.Item name="specialty" label="申报专业" rules={[{ required: true, message: '请选择申报专业' }]}>
                <Select
                  placeholder="请选择申报专业"
                  options={d.specialty_choices.map((s) => ({ value: s, label: s }))}
                  data-testid="info-specialty"
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item
              name="current_specialty"
              label="现从事专业"
              rules={[{ required: true, whitespace: true, message: '请填写现从事专业' }, ...len('current_specialty', '现从事专业')]}
            >
              <Input maxLength={max('current_specialty')} placeholder="如：水利水电工程设计" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="years_in_specialty" label="专业工作年限" rules={[{ required: true, message: '请填写专业工作年限' }]}>
              <InputNumber<number> min={0} max={60} precision={0} addonAfter="年" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="archive_location" label="档案所在地" rules={len('archive_location', '档案所在地')}>
              <Input maxLength={max('archive_location')} placeholder="如：宁波市人才服务中心" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="foreign_language" label="懂何种外语及程度" rules={len('foreign_language', '外语及程度')}>
              <Input maxLength={max('foreign_language')} placeholder="如：英语 大学英语六级" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="achievements" label="主要工作成绩及奖惩情况" rules={len('achievements', '主要工作成绩及奖惩情况')}>
              <Input.TextArea rows={4} maxLength={max('achievements')} showCount />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="specialities" label="有何特长" rules={len('specialities', '有何特长')}>
              <Input.TextArea rows={2} maxLength={max('specialities')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="societies" label="参加学术团体社会兼职情况" rules={len('societies', '参加学术团体社会兼职情况')}>
              <Input.TextArea rows={2} maxLength={max('societies')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="acceptor_id" label={title} rules={[{ required: true, message: `请选择${title}` }]}>
              <AcceptorField choices={d.acceptor_choices} title={title} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <StepActions
        step={4}
        go={go}
        nextLoading={saving}
        next={() => void save(() => go(5))}
        extra={
          <Button onClick={() => void save()} loading={saving} data-testid="info-save">
            保存
          </Button>
        }
      />
    </div>
  );
}
