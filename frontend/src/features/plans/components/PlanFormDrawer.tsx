import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Grid,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  TreeSelect,
  Typography,
  type FormInstance,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError, errorMessage } from '../../../api/problem';
import { buildOrgTree, type OrgTreeNode } from '../../admin/orgTree';
import { createPlan, updatePlan, usePlanUnits, useTitleSeries, type Plan } from '../api';
import {
  acceptorLabel,
  EDUCATION_LEVELS,
  emptyPlanForm,
  FILE_KIND_LABELS,
  FILE_KINDS,
  formPathOf,
  formToPlanInput,
  GRADE_LABELS,
  GRADES,
  gradeOfLabel,
  PLAN_FORM_FIELDS,
  PLAN_TYPE_LABELS,
  PLAN_TYPES,
  planToForm,
  type PlanFormValues,
  type RuleKey,
} from '../planForm';

interface TreeOption {
  title: string;
  value: string;
  children?: TreeOption[];
}
const toTreeOptions = (nodes: readonly OrgTreeNode[]): TreeOption[] =>
  nodes.map((n) => ({ title: n.unit.name, value: n.unit.id, children: n.children ? toTreeOptions(n.children) : undefined }));

const DATE_TIME = 'YYYY-MM-DD HH:mm';

/**
 * 新建 / 编辑申报计划: every field of PlanInput in one scrolling drawer. A published plan opens
 * with only 评审计划说明, 申报截止时间 (later only) and the attachments' names editable, as the
 * server allows; the server's per-field problems land on the fields.
 */
export function PlanFormDrawer({
  open,
  plan,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The plan to edit; none for a new plan. */
  plan: Plan | null;
  onClose: () => void;
  onSaved: (p: Plan) => void;
}) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<PlanFormValues>();
  const [saving, setSaving] = useState(false);
  const narrow = !Grid.useBreakpoint().md;
  const series = useTitleSeries();
  const units = usePlanUnits(open);
  const locked = plan?.status === 'published';

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(plan ? planToForm(plan) : emptyPlanForm());
  }, [open, plan, form]);

  const planType = Form.useWatch('plan_type', form);
  const seriesCode = Form.useWatch('series', form);
  const ruleOn = Form.useWatch('rule_on', form) ?? {};

  const levelOptions = useMemo(() => {
    const s = series.data?.find((x) => x.code === seriesCode);
    return (s?.levels ?? []).flatMap((l) => {
      const g = gradeOfLabel(l.level);
      return g ? [{ value: g, label: `${l.level}（${l.titles.join('、')}）` }] : [];
    });
  }, [series.data, seriesCode]);

  const departmentTree = useMemo(() => toTreeOptions(buildOrgTree(units.data?.departments ?? [])), [units.data]);
  const committeeOptions = useMemo(
    () => (units.data?.committees ?? []).map((u) => ({ value: u.id, label: u.name })),
    [units.data],
  );

  const save = async () => {
    let values: PlanFormValues;
    try {
      await form.validateFields();
      values = form.getFieldsValue(true) as PlanFormValues;
    } catch {
      return;
    }
    setSaving(true);
    try {
      const body = formToPlanInput(values);
      const saved = plan ? await updatePlan(plan.id, body) : await createPlan(body);
      message.success(plan ? '申报计划已保存' : '申报计划已保存为草稿');
      onSaved(saved);
    } catch (err) {
      showSaveError(err);
    } finally {
      setSaving(false);
    }
  };

  const showSaveError = (err: unknown) => {
    if (err instanceof ApiError && err.status === 409) {
      const code = err.problem?.code;
      modal.warning({
        title: code === 'plan_change_not_allowed' ? '已发布的申报计划不能这样修改' : code === 'plan_locked' ? '申报计划已关闭，不能修改' : '无法保存',
        content: errorMessage(err),
      });
      return;
    }
    const problems = err instanceof ApiError ? (err.problem?.errors ?? []) : [];
    if (problems.length) {
      const known = new Set<string>(PLAN_FORM_FIELDS);
      const byPath = new Map<string, { name: (string | number)[]; errors: string[] }>();
      const others: string[] = [];
      for (const p of problems) {
        const name = formPathOf(p.field);
        if (!known.has(String(name[0]))) {
          others.push(p.message);
          continue;
        }
        const key = JSON.stringify(name);
        const entry = byPath.get(key) ?? { name, errors: [] };
        entry.errors.push(p.message);
        byPath.set(key, entry);
      }
      // Server paths are dynamic (`attachments[1].name`): the form's typed names cannot be proven.
      const fields = [...byPath.values()] as Parameters<typeof form.setFields>[0];
      form.setFields(fields);
      if (fields[0]) form.scrollToField(fields[0].name as Parameters<typeof form.scrollToField>[0], { block: 'center' });
      message.error(others.length ? others.join('；') : '请按提示修改后重试');
      return;
    }
    message.error(errorMessage(err));
  };

  const ruleSwitch = (key: RuleKey, label: string) => (
    <Form.Item name={['rule_on', key]} valuePropName="checked" noStyle>
      <Switch size="small" data-testid={`rule-switch-${key}`} aria-label={label} />
    </Form.Item>
  );

  const ruleRow = (key: RuleKey, label: string, body: ReactNode) => (
    <div className="plan-rule-row" data-testid={`rule-${key}`}>
      <Space size={8} style={{ minWidth: 150 }}>
        {ruleSwitch(key, label)}
        <Typography.Text strong={!!ruleOn[key]}>{label}</Typography.Text>
      </Space>
      <Space size={6} wrap style={{ opacity: ruleOn[key] ? 1 : 0.45 }}>
        {body}
      </Space>
    </div>
  );

  const on = (k: RuleKey) => !!ruleOn[k];
  const required = (k: RuleKey, msg: string) => [{ required: on(k), message: msg }];

  return (
    <Drawer
      open={open}
      title={plan ? `编辑申报计划 · ${plan.name}` : '新建申报计划'}
      width={narrow ? '100%' : 900}
      onClose={onClose}
      destroyOnHidden
      maskClosable={false}
      keyboard={false}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="plan-save">
            {plan ? '保存' : '保存为草稿'}
          </Button>
        </Space>
      }
    >
      {series.isPending || units.isPending ? (
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin tip="正在加载…">
            <div style={{ width: 160, height: 40 }} />
          </Spin>
        </div>
      ) : null}
      {units.isError || series.isError ? <Alert type="error" showIcon message={errorMessage(units.error ?? series.error)} style={{ marginBottom: 12 }} /> : null}
      {locked ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="该计划已发布：只能修改评审计划说明、延后申报截止时间和修改附件名称。"
          data-testid="plan-locked-note"
        />
      ) : null}
      <Form<PlanFormValues>
        form={form}
        layout="vertical"
        disabled={locked}
        requiredMark
        scrollToFirstError={{ block: 'center' }}
        style={{ display: series.isPending || units.isPending ? 'none' : undefined }}
        data-testid="plan-form"
      >
        <Divider orientation="left" orientationMargin={0}>
          基本信息
        </Divider>
        <Row gutter={16}>
          <Col xs={24} md={6}>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={18}>
            <Form.Item
              name="name"
              label="计划名称"
              rules={[
                { required: true, whitespace: true, message: '请填写计划名称' },
                { max: 100, message: '计划名称不能超过100个字' },
              ]}
            >
              <Input placeholder="如：关于2026年度高级工程师申报通知" maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={24}>
            <Form.Item name="plan_type" label="计划类型" rules={[{ required: true, message: '请选择计划类型' }]}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={PLAN_TYPES.map((t) => ({ value: t, label: PLAN_TYPE_LABELS[t] }))}
                onChange={() => form.setFieldValue('acceptor_ids', [])}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="series" label="职称系列" rules={[{ required: true, message: '请选择职称系列' }]}>
              <Select
                placeholder="请选择职称系列"
                showSearch
                optionFilterProp="label"
                options={(series.data ?? []).map((s) => ({ value: s.code, label: s.name }))}
                onChange={() => form.setFieldValue('level', undefined)}
                data-testid="plan-series"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="level" label="职称层级" rules={[{ required: true, message: '请选择职称层级' }]}>
              <Select placeholder={seriesCode ? '请选择职称层级' : '请先选择职称系列'} options={levelOptions} data-testid="plan-level" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="specialties"
              label="可评审专业"
              extra="输入专业名称后按回车添加，可添加多个"
              rules={[{ required: true, type: 'array', min: 1, message: '请至少填写一个可评审专业' }]}
            >
              <Select mode="tags" placeholder="如：水利工程" tokenSeparators={[',', '，', '、']} open={false} suffixIcon={null} data-testid="plan-specialties" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          申报范围与时间
        </Divider>
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item
              name="affiliation_ids"
              label="单位隶属关系"
              extra="所选部门及其下属用人单位的人员可以申报"
              rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个单位隶属关系' }]}
            >
              <TreeSelect
                multiple
                showSearch
                treeNodeFilterProp="title"
                treeDefaultExpandAll
                placeholder="请选择单位隶属关系"
                treeData={departmentTree}
                data-testid="plan-affiliations"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="acceptor_ids"
              label={acceptorLabel(planType ?? 'review')}
              rules={[{ required: true, type: 'array', min: 1, message: `请至少选择一个${acceptorLabel(planType ?? 'review')}` }]}
            >
              {planType === 'review' || !planType ? (
                <Select
                  mode="multiple"
                  showSearch
                  optionFilterProp="label"
                  placeholder="请选择受理评审委员会"
                  options={committeeOptions}
                  notFoundContent="本辖区暂无评审委员会"
                  data-testid="plan-acceptors"
                />
              ) : (
                <TreeSelect
                  multiple
                  showSearch
                  treeNodeFilterProp="title"
                  treeDefaultExpandAll
                  placeholder="请选择受理部门（人力社保部门或主管部门）"
                  treeData={departmentTree}
                  data-testid="plan-acceptors"
                />
              )}
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="opens_at" label="申报开始时间" rules={[{ required: true, message: '请选择申报开始时间' }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format={DATE_TIME} style={{ width: '100%' }} placeholder="请选择" data-testid="plan-opens" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="closes_at"
              label="申报截止时间"
              dependencies={['opens_at']}
              rules={[
                { required: true, message: '请选择申报截止时间' },
                ({ getFieldValue }) => ({
                  validator: async (_, v: Dayjs | null) => {
                    const opens = getFieldValue('opens_at') as Dayjs | null;
                    if (v && opens && !v.isAfter(opens)) throw new Error('申报截止时间应晚于开始时间');
                  },
                }),
              ]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format={DATE_TIME}
                style={{ width: '100%' }}
                placeholder="请选择"
                disabled={false}
                data-testid="plan-closes"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="fee_yuan" label="评审费" rules={[{ required: true, message: '请填写评审费（不收费填0）' }]}>
              <InputNumber min={0} max={1000000} precision={2} step={10} style={{ width: '100%' }} suffix="元" data-testid="plan-fee" />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0}>
          评审计划说明
        </Divider>
        <Form.Item name="description" label="评审计划说明" rules={[{ max: 10000, message: '评审计划说明不能超过10000个字' }]}>
          <Input.TextArea rows={5} maxLength={10000} showCount disabled={false} placeholder="申报程序、材料报送、时间安排、联系方式等" />
        </Form.Item>

        <Divider orientation="left" orientationMargin={0}>
          附件要求
        </Divider>
        <Form.List name="attachments">
          {(fields, { add, remove }, { errors }) => (
            <div data-testid="plan-attachment-list">
              {fields.map((f, i) => (
                <div key={f.key} className="plan-attachment-row" data-testid="plan-attachment-row">
                  <Typography.Text type="secondary" style={{ width: 20, paddingTop: 5 }}>
                    {i + 1}
                  </Typography.Text>
                  <Form.Item
                    name={[f.name, 'name']}
                    rules={[{ required: true, whitespace: true, message: '请填写材料名称' }, { max: 50, message: '材料名称不能超过50个字' }]}
                    style={{ flex: '1 1 220px', marginBottom: 8 }}
                  >
                    <Input placeholder="材料名称" maxLength={50} disabled={false} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'required']} valuePropName="checked" style={{ marginBottom: 8 }}>
                    <Checkbox>必传</Checkbox>
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'types']}
                    rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一种类型' }]}
                    style={{ marginBottom: 8 }}
                  >
                    <Checkbox.Group options={FILE_KINDS.map((k) => ({ value: k, label: FILE_KIND_LABELS[k] }))} />
                  </Form.Item>
                  <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="删除附件要求" />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '', required: true, types: ['pdf'] })} block data-testid="plan-attachment-add">
                添加附件要求
              </Button>
              <Form.ErrorList errors={errors} />
            </div>
          )}
        </Form.List>

        <Divider orientation="left" orientationMargin={0}>
          申报对象资格
        </Divider>
        <Form.Item name="qualification" label="资格说明" rules={[{ max: 10000, message: '申报对象资格说明不能超过10000个字' }]}>
          <Input.TextArea rows={3} maxLength={10000} showCount placeholder="申报对象与条件（文字说明，申报人可见）" />
        </Form.Item>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          资格条件（开启的条件在申报人提交前由系统按其业绩档案自动核对）：
        </Typography.Paragraph>
        <div className="plan-rules-form">
          {ruleRow(
            'min_years_in_profession',
            '专业工作年限',
            <>
              从事本专业技术工作满
              <Form.Item name={['rules', 'min_years_in_profession']} noStyle rules={required('min_years_in_profession', '请填写年限')}>
                <InputNumber min={0} max={50} precision={0} disabled={locked || !on('min_years_in_profession')} style={{ width: 72 }} />
              </Form.Item>
              年
            </>,
          )}
          {ruleRow(
            'min_education',
            '最低学历',
            <>
              <Form.Item name={['rules', 'min_education']} noStyle rules={required('min_education', '请选择学历')}>
                <Select
                  style={{ width: 130 }}
                  placeholder="请选择"
                  disabled={locked || !on('min_education')}
                  options={EDUCATION_LEVELS.map((e) => ({ value: e, label: e }))}
                />
              </Form.Item>
              及以上学历
            </>,
          )}
          {ruleRow(
            'current_title',
            '现职称层级',
            <>
              具有
              <Form.Item name={['rules', 'current_title', 'level']} noStyle rules={required('current_title', '请选择职称层级')}>
                <Select
                  style={{ width: 100 }}
                  placeholder="请选择"
                  disabled={locked || !on('current_title')}
                  options={GRADES.map((g) => ({ value: g, label: GRADE_LABELS[g] }))}
                />
              </Form.Item>
              及以上职称，任职满
              <Form.Item name={['rules', 'current_title', 'min_years_held']} noStyle>
                <InputNumber min={0} max={50} precision={0} disabled={locked || !on('current_title')} style={{ width: 72 }} />
              </Form.Item>
              年
            </>,
          )}
          {ruleRow(
            'continuing_education',
            '继续教育',
            <>
              近
              <Form.Item name={['rules', 'continuing_education', 'years']} noStyle rules={required('continuing_education', '请填写年数')}>
                <InputNumber min={1} max={10} precision={0} disabled={locked || !on('continuing_education')} style={{ width: 64 }} />
              </Form.Item>
              年，每年不少于
              <Form.Item name={['rules', 'continuing_education', 'hours_per_year']} noStyle rules={required('continuing_education', '请填写学时')}>
                <InputNumber min={1} max={1000} precision={0} disabled={locked || !on('continuing_education')} style={{ width: 80 }} />
              </Form.Item>
              学时
            </>,
          )}
          {ruleRow(
            'assessments',
            '年度考核',
            <>
              近
              <Form.Item name={['rules', 'assessments', 'years']} noStyle rules={required('assessments', '请填写年数')}>
                <InputNumber min={1} max={10} precision={0} disabled={locked || !on('assessments')} style={{ width: 64 }} />
              </Form.Item>
              年年度考核均为合格及以上
            </>,
          )}
          <RuleErrors form={form} />
        </div>
      </Form>
    </Drawer>
  );
}

/** Problems of the rule inputs (noStyle items show none of their own). */
function RuleErrors({ form }: { form: FormInstance<PlanFormValues> }) {
  return (
    <Form.Item shouldUpdate noStyle>
      {() => {
        const errs = form
          .getFieldsError()
          .filter((f) => f.name[0] === 'rules' && f.errors.length)
          .flatMap((f) => f.errors);
        return errs.length ? (
          <div className="ant-form-item-explain-error" data-testid="rule-errors">
            {errs.join('；')}
          </div>
        ) : null;
      }}
    </Form.Item>
  );
}
