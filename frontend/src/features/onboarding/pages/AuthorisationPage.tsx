import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Result, Space, Spin, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { multipart } from '../../../api/multipart';
import { applyFieldErrors, errorMessage, unwrap } from '../../../api/problem';
import type { AuthorisationState, Schemas } from '../../../api/types';
import { AUTHORISATION_KEY, useEmployerAuthorisation } from '../api';
import { DepartmentSelect } from '../../../components/DepartmentSelect';
import { PLATFORM_NAME } from '../../../branding';
import { filenameFrom, saveBlob } from '../../../lib/download';
import { formatDateTime } from '../../../lib/format';
import { AUTHORISATION_PDF, precheckFile } from '../../../lib/upload';
import { HOME_PATH } from '../../../routes/paths';
import { maskName } from '../../../lib/mask';

const STATUS_TEXT: Record<string, string> = {
  none: '未提交',
  pending: '已提交，等待属地人社部门审核',
  approved: '审核通过',
  rejected: '审核不通过',
};

async function downloadTemplate() {
  const r = await api.GET('/api/v1/employer/authorisation/template', { parseAs: 'blob' });
  const blob = unwrap(r) as unknown as Blob;
  saveBlob(blob, filenameFrom(r.response.headers.get('Content-Disposition'), '用人单位委托证明.pdf'));
}

/** 提交授权委托证明 (seed 000 §2): the employer's first step after logging in. */
export function AuthorisationPage() {
  const state = useEmployerAuthorisation(true);
  if (state.isPending) {
    return (
      <Card variant="borderless">
        <div style={{ textAlign: 'center', padding: 48 }}>
          <Spin />
        </div>
      </Card>
    );
  }
  if (state.isError) return <Alert type="error" showIcon message={errorMessage(state.error)} />;
  return <Authorisation state={state.data} />;
}

function Authorisation({ state }: { state: AuthorisationState }) {
  const [form] = Form.useForm<{ affiliation_id: string; file: UploadFile[] }>();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [submitting, setSubmitting] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [resubmit, setResubmit] = useState(false);
  const showForm = state.status === 'none' || (state.status === 'rejected' && resubmit);

  const submit = async (v: { affiliation_id: string; file: UploadFile[] }) => {
    const file = v.file?.[0]?.originFileObj as File | undefined;
    if (!file) return;
    setSubmitting(true);
    try {
      const next = unwrap(
        await api.POST(
          '/api/v1/employer/authorisation',
          multipart<Schemas['AuthorisationUpload']>({ affiliation_id: v.affiliation_id, file }),
        ),
      );
      qc.setQueryData(AUTHORISATION_KEY, next);
      setResubmit(false);
      message.success('授权委托证明已提交，请等待属地人社部门审核');
    } catch (err) {
      if (!applyFieldErrors(form, err, ['affiliation_id', 'file'])) message.error(errorMessage(err));
    } finally {
      setSubmitting(false);
    }
  };

  const templateButton = (
    <Button
      icon={<DownloadOutlined />}
      loading={downloading}
      data-testid="download-template"
      onClick={async () => {
        setDownloading(true);
        try {
          await downloadTemplate();
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setDownloading(false);
        }
      }}
    >
      下载《用人单位委托证明》
    </Button>
  );

  return (
    <Card title="提交授权委托证明" variant="borderless" style={{ maxWidth: 980 }}>
      <Typography.Paragraph style={{ fontSize: 15, lineHeight: 2, textIndent: '2em' }} data-testid="authorisation-intro">
        为确保专业技术人员信息的安全性，需授权账号使用人
        <Typography.Text strong data-testid="authorisation-operator">
          {maskName(state.operator_name)}
        </Typography.Text>
        登录“{PLATFORM_NAME}”开展专业技术人员工作业绩审核、职称申报资格审查及推荐等相关工作。请下载打印《用人单位委托证明》，加盖单位公章后上传PDF扫描件，提交系统审核（系统审核状态将以12333短信方式通知到
        <Typography.Text strong>{state.phone_masked}</Typography.Text>手机号，敬请关注）。
      </Typography.Paragraph>

      <Descriptions
        bordered
        size="middle"
        column={2}
        style={{ marginBottom: 20 }}
        styles={{ label: { width: 170, whiteSpace: 'nowrap' } }}
        items={[
          { key: 'unit', label: '单位名称', span: 2, children: state.unit_name },
          { key: 'account', label: '政务服务网法人账号', children: state.account },
          { key: 'operator', label: '账号使用人姓名', children: maskName(state.operator_name) },
          ...(state.status !== 'none'
            ? [
                {
                  key: 'status',
                  label: '审核状态',
                  children: <span data-testid="authorisation-status">{STATUS_TEXT[state.status] ?? state.status}</span>,
                },
                { key: 'submitted', label: '提交时间', children: formatDateTime(state.submitted_at) },
                ...(state.affiliation ? [{ key: 'aff', label: '单位隶属关系', span: 2, children: state.affiliation.name }] : []),
              ]
            : []),
        ]}
      />

      {state.status === 'pending' && (
        <Result
          status="info"
          title="授权委托证明已提交，等待属地人社部门审核"
          subTitle={`审核结果将以12333短信通知到${state.phone_masked}手机号；审核通过后即可开展业绩档案审核等工作。`}
        />
      )}
      {state.status === 'approved' && (
        <Result
          status="success"
          title="授权委托证明审核通过"
          extra={
            <Button type="primary" onClick={() => navigate(HOME_PATH)}>
              进入用户中心
            </Button>
          }
        />
      )}
      {state.status === 'rejected' && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 20 }}
          message="授权委托证明审核不通过"
          description={
            <div>
              <div data-testid="authorisation-opinion">审核意见：{state.opinion || '—'}</div>
              {!resubmit && (
                <Button style={{ marginTop: 8 }} type="primary" onClick={() => setResubmit(true)}>
                  重新提交
                </Button>
              )}
            </div>
          }
        />
      )}

      {showForm && (
        <Form form={form} layout="horizontal" labelCol={{ span: 4 }} wrapperCol={{ span: 14 }} onFinish={submit}>
          <Form.Item
            name="affiliation_id"
            label="单位隶属关系"
            rules={[{ required: true, message: '请选择单位隶属关系' }]}
            extra="本单位的上级主管部门或属地人力社保部门"
          >
            <DepartmentSelect placeholder="请选择单位隶属关系" testId="affiliation-select" />
          </Form.Item>
          <Form.Item
            name="file"
            label="授权委托书证明"
            valuePropName="fileList"
            getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
            rules={[{ required: true, message: '请上传加盖公章的授权委托书PDF扫描件' }]}
            extra={AUTHORISATION_PDF.describe}
          >
            <Upload
              accept=".pdf,application/pdf"
              maxCount={1}
              beforeUpload={async (file) => {
                const r = await precheckFile(file, AUTHORISATION_PDF);
                if (!r.ok) {
                  message.error(r.message);
                  return Upload.LIST_IGNORE;
                }
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>上传PDF扫描件</Button>
            </Upload>
          </Form.Item>
          <Form.Item wrapperCol={{ offset: 4, span: 14 }}>
            <Space>
              {templateButton}
              <Button type="primary" htmlType="submit" loading={submitting}>
                提交
              </Button>
            </Space>
          </Form.Item>
        </Form>
      )}
      {!showForm && state.status !== 'approved' && <div style={{ textAlign: 'center' }}>{templateButton}</div>}
    </Card>
  );
}
