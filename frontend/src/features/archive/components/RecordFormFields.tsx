import { Col, DatePicker, Form, Input, InputNumber, Row, Select, Switch } from 'antd';
import type { FormRule } from 'antd';
import dayjs from 'dayjs';
import type { CategoryConfig, FieldDef } from '../categories';

function rulesFor(f: FieldDef): FormRule[] {
  const rules: FormRule[] = [];
  const verb = f.kind === 'select' || f.kind === 'date' || f.kind === 'year' ? '请选择' : '请输入';
  if (f.required) {
    // Only text gets `whitespace`: any extra key makes async-validator type-check the value
    // as a string, which a date (dayjs) or a number would fail.
    const text = f.kind === 'text' || f.kind === 'textarea';
    rules.push(text ? { required: true, whitespace: true, message: `${verb}${f.label}` } : { required: true, message: `${verb}${f.label}` });
  }
  if (f.max) rules.push({ max: f.max, message: `${f.label}不能超过${f.max}个字符` });
  return rules;
}

const future = (d: dayjs.Dayjs) => d.isAfter(dayjs(), 'day');

/**
 * The input for one field. Form.Item injects `value` / `onChange` (or `checked`) and `id`
 * into its direct child; they are passed on to the antd control.
 */
function Control({ f, ...injected }: { f: FieldDef } & Record<string, unknown>) {
  switch (f.kind) {
    case 'text':
      return <Input {...injected} placeholder={f.placeholder ?? `请输入${f.label}`} maxLength={f.max} />;
    case 'textarea':
      return <Input.TextArea {...injected} placeholder={f.placeholder ?? `请输入${f.label}`} maxLength={f.max} rows={3} showCount />;
    case 'date':
      return (
        <DatePicker
          {...injected}
          style={{ width: '100%' }}
          placeholder={f.placeholder ?? '请选择日期'}
          disabledDate={future}
          allowClear
        />
      );
    case 'year':
      return <DatePicker {...injected} picker="year" style={{ width: '100%' }} placeholder="请选择年度" disabledDate={(d) => d.year() > dayjs().year()} />;
    case 'number':
      return <InputNumber {...injected} style={{ width: '100%' }} min={0} step={0.5} placeholder={`请输入${f.label}`} />;
    case 'int':
      return <InputNumber {...injected} style={{ width: '100%' }} min={1} precision={0} placeholder={`请输入${f.label}`} />;
    case 'select':
      return (
        <Select
          {...injected}
          placeholder={`请选择${f.label}`}
          allowClear={!f.required}
          options={(f.options ?? []).map((o) => ({ value: o, label: o }))}
        />
      );
    case 'bool':
      return <Switch {...injected} checkedChildren="是" unCheckedChildren="否" />;
  }
}

/** The category's fields in a two-column grid (wide fields take a whole row). */
export function RecordFormFields({ cfg }: { cfg: CategoryConfig }) {
  return (
    <Row gutter={16}>
      {cfg.fields.map((f) => (
        <Col key={f.name} xs={24} sm={f.wide ? 24 : 12}>
          <Form.Item
            name={f.name}
            label={f.label}
            rules={rulesFor(f)}
            extra={f.extra}
            valuePropName={f.kind === 'bool' ? 'checked' : 'value'}
          >
            <Control f={f} />
          </Form.Item>
        </Col>
      ))}
    </Row>
  );
}
