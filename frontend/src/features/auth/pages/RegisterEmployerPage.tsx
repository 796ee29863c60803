import { useState } from 'react';
import { Alert, App, Button, Checkbox, Divider, Form, Input, Radio, Result, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { multipart } from '../../../api/multipart';
import { applyFieldErrors, errorMessage, unwrap } from '../../../api/problem';
import type { components } from '../../../api/schema';
import { DepartmentSelect } from '../../../components/DepartmentSelect';
import { checkCreditCode, checkPhone, ruleFrom } from '../../../lib/validators';
import { UNIT_CERTIFICATE, precheckFile } from '../../../lib/upload';
import { RegisterCard } from '../components/RegisterCard';
import { formLayout, tailLayout } from '../components/formLayout';
import { PasswordFields } from '../components/PasswordFields';
import { lengthRules, maxLengthOf } from '../../../lib/limits';

type Body = components['schemas']['RegisterEmployer'];
type Values = Body & { confirm: string };
const FIELDS: (keyof Values)[] = ['unit_name', 'credit_code', 'operator_name', 'phone', 'password', 'confirm'];

type NoCodeBody = components['schemas']['RegisterEmployerWithoutCode'];
interface NoCodeValues {
  no_code_confirmed: boolean;
  unit_name: string;
  certificate_no?: string;
  file: UploadFile[];
  hrss_unit_id: string;
  operator_name: string;
  phone: string;
  password: string;
  confirm: string;
  agreed: boolean;
}
const NO_CODE_FIELDS = ['unit_name', 'certificate_no', 'file', 'hrss_unit_id', 'operator_name', 'phone', 'password', 'agreed'];

// One unit-name limit for both forms, from the contract (the multipart schema of the form
// without a code states none; the server applies the same 2–200 to both).
const UNIT_NAME_RULES = lengthRules('RegisterEmployer', 'unit_name', '单位名称');
const UNIT_NAME_MAX = maxLengthOf('RegisterEmployer', 'unit_name');
const OPERATOR_RULES = lengthRules('RegisterEmployer', 'operator_name', '经办人姓名');

/** Said by the login page after a registration (inline, so it gives way to a login error). */
const REGISTERED = '注册成功，请登录';

/** The red hint under 上传单位证件 (seed 000 §1.1). */
export const CERTIFICATE_HINT =
  '上传单位注册登记证件、牌照文件、单位成立的政府机关批文扫描件或照片。照片所有信息需清晰可见，内容真实有效，不得做任何修改。照片支持.jpg、.jpeg 格式，大小不超过1M。';

/** 法人注册: with a unified social credit code, or without one (manual review, seed 000 §1.1). */
export function RegisterEmployerPage() {
  const [hasCode, setHasCode] = useState(true);
  const [submitted, setSubmitted] = useState(false);

  if (submitted) {
    return (
      <RegisterCard title="法人注册">
        <Result
          status="success"
          title="注册信息已提交，请等待人社部门人工审核，审核结果将以短信通知"
          subTitle="审核通过后，使用注册手机号和密码在“法人登录”登录，并提交授权委托证明。"
          extra={
            <Link to="/login?tab=employer">
              <Button type="primary">返回登录</Button>
            </Link>
          }
        />
      </RegisterCard>
    );
  }

  return (
    <RegisterCard title="法人注册">
      <Form.Item
        {...formLayout}
        label="能否提供含有统一社会信用代码的法人单位证件"
        required
        labelCol={{ span: 24 }}
        wrapperCol={{ span: 24 }}
        style={{ marginBottom: 20 }}
      >
        <Radio.Group value={hasCode} onChange={(e) => setHasCode(e.target.value)} data-testid="has-code">
          <Radio value={true}>能提供</Radio>
          <Radio value={false}>不能提供（单位尚在筹建中等情况）</Radio>
        </Radio.Group>
      </Form.Item>
      {hasCode ? <WithCode /> : <WithoutCode onDone={() => setSubmitted(true)} />}
    </RegisterCard>
  );
}

function WithCode() {
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (v: Values) => {
    setError(null);
    setSubmitting(true);
    const body: Body = {
      unit_name: v.unit_name.trim(),
      credit_code: v.credit_code.trim().toUpperCase(),
      operator_name: v.operator_name.trim(),
      phone: v.phone.trim(),
      password: v.password,
    };
    try {
      unwrap(await api.POST('/api/v1/auth/register/employer', { body }));
      navigate('/login?tab=employer', { state: { username: body.credit_code, notice: REGISTERED } });
    } catch (err) {
      applyFieldErrors(form, err, FIELDS);
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 20 }} role="alert" />}
      <Form<Values> form={form} {...formLayout} onFinish={onFinish} autoComplete="off" scrollToFirstError>
        <Form.Item label="单位名称" name="unit_name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, ...UNIT_NAME_RULES]}>
          <Input placeholder="请输入单位全称" maxLength={UNIT_NAME_MAX} />
        </Form.Item>
        <Form.Item
          label="统一社会信用代码"
          name="credit_code"
          validateFirst
          rules={[{ required: true, message: '请输入统一社会信用代码' }, ruleFrom(checkCreditCode)]}
        >
          <Input placeholder="请输入18位统一社会信用代码" maxLength={18} />
        </Form.Item>
        <Form.Item
          label="经办人/账户使用人姓名"
          name="operator_name"
          rules={[{ required: true, whitespace: true, message: '请输入经办人姓名' }, ...OPERATOR_RULES]}
        >
          <Input placeholder="请输入经办人（账户使用人）姓名" />
        </Form.Item>
        <Form.Item label="手机号" name="phone" validateFirst rules={[{ required: true, message: '请输入手机号' }, ruleFrom(checkPhone)]}>
          <Input placeholder="请输入经办人11位手机号码" maxLength={11} />
        </Form.Item>
        <PasswordFields />
        <Form.Item {...tailLayout}>
          <Button type="primary" htmlType="submit" loading={submitting} block>
            注册
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}

function WithoutCode({ onDone }: { onDone: () => void }) {
  const [form] = Form.useForm<NoCodeValues>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const onFinish = async (v: NoCodeValues) => {
    const file = v.file?.[0]?.originFileObj as File | undefined;
    if (!file) return;
    setError(null);
    setSubmitting(true);
    try {
      unwrap(
        await api.POST(
          '/api/v1/auth/register/employer-without-code',
          multipart<NoCodeBody>({
            unit_name: v.unit_name.trim(),
            certificate_no: v.certificate_no?.trim() || null,
            operator_name: v.operator_name.trim(),
            phone: v.phone.trim(),
            password: v.password,
            hrss_unit_id: v.hrss_unit_id,
            agreed: true,
            file,
          }),
        ),
      );
      onDone();
    } catch (err) {
      applyFieldErrors(form, err, NO_CODE_FIELDS);
      setError(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 20 }} role="alert" />}
      <Form<NoCodeValues> form={form} {...formLayout} onFinish={onFinish} autoComplete="off" scrollToFirstError>
        <Form.Item
          name="no_code_confirmed"
          valuePropName="checked"
          {...tailLayout}
          rules={[
            {
              validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请确认本单位确实不具有统一社会信用代码'))),
            },
          ]}
        >
          <Checkbox>本单位确实不具有统一社会信用代码，无法提供</Checkbox>
        </Form.Item>
        <Divider orientation="left" plain style={{ marginTop: 0 }}>
          单位信息比对
        </Divider>
        <Form.Item label="单位名称" name="unit_name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }, ...UNIT_NAME_RULES]}>
          <Input placeholder="请输入单位全称" maxLength={UNIT_NAME_MAX} />
        </Form.Item>
        <Form.Item label="证件号码" name="certificate_no" rules={[{ max: 60 }]}>
          <Input placeholder="单位证件上的编号（如有）" />
        </Form.Item>
        <Form.Item
          label="上传单位证件"
          name="file"
          required
          valuePropName="fileList"
          getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
          rules={[{ required: true, message: '请上传单位证件' }]}
          extra={
            <Typography.Text type="danger" style={{ fontSize: 13 }} data-testid="certificate-hint">
              {CERTIFICATE_HINT}
            </Typography.Text>
          }
        >
          <Upload
            accept=".jpg,.jpeg,image/jpeg"
            maxCount={1}
            listType="picture"
            beforeUpload={async (file) => {
              const r = await precheckFile(file, UNIT_CERTIFICATE);
              if (!r.ok) {
                message.error(r.message);
                return Upload.LIST_IGNORE;
              }
              return false;
            }}
          >
            <Button icon={<UploadOutlined />}>点击上传</Button>
          </Upload>
        </Form.Item>
        <Form.Item label="属地人社部门" name="hrss_unit_id" rules={[{ required: true, message: '请选择属地人社部门' }]}>
          <DepartmentSelect kind="hrss" placeholder="请选择属地人社部门" testId="hrss-select" />
        </Form.Item>
        <Divider orientation="left" plain>
          经办人与账号
        </Divider>
        <Form.Item
          label="经办人/账户使用人姓名"
          name="operator_name"
          rules={[{ required: true, whitespace: true, message: '请输入经办人姓名' }, ...OPERATOR_RULES]}
        >
          <Input placeholder="请输入经办人（账户使用人）姓名" />
        </Form.Item>
        <Form.Item
          label="手机号"
          name="phone"
          validateFirst
          rules={[{ required: true, message: '请输入手机号' }, ruleFrom(checkPhone)]}
          extra="无统一社会信用代码的单位以此手机号登录，审核结果也将以短信发送到此号码"
        >
          <Input placeholder="请输入经办人11位手机号码" maxLength={11} />
        </Form.Item>
        <PasswordFields />
        <Form.Item
          name="agreed"
          valuePropName="checked"
          {...tailLayout}
          rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请阅读并同意《用户注册协议》'))) }]}
        >
          <Checkbox>我已阅读并同意《用户注册协议》</Checkbox>
        </Form.Item>
        <Form.Item {...tailLayout}>
          <Button type="primary" htmlType="submit" loading={submitting} block>
            提交注册
          </Button>
        </Form.Item>
      </Form>
    </>
  );
}
