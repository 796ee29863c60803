import { useState } from 'react';
import { Alert, App, Button, Divider, Drawer, Form, Space, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { api } from '../../../api/client';
import { ApiError, applyFieldErrors, errorMessage, unwrap } from '../../../api/problem';
import type { ArchiveRecord, Attachment } from '../../../api/types';
import { ARCHIVE_ATTACHMENT, precheckFile } from '../../../lib/upload';
import type { CategoryConfig } from '../categories';
import { fieldErrorMap, toArchiveData, toFormValues, type FormValues } from '../formValues';
import { RecordFormFields } from './RecordFormFields';
import { AttachmentList } from './AttachmentList';
import { uploadAttachment } from '../api';

export interface RecordEditorProps {
  cfg: CategoryConfig;
  /** `null` to add a record; a record to edit it (pending or returned). */
  record: ArchiveRecord | null;
  onClose: () => void;
  /** After a save (and the uploads that followed it). */
  onSaved: () => void;
}

/**
 * 新增 / 编辑 a record: the category's form, the 退回 opinion, attachments. Mount it only
 * while editing (its state starts from `record`).
 */
export function RecordEditor({ cfg, record, onClose, onSaved }: RecordEditorProps) {
  const [form] = Form.useForm<FormValues>();
  const { message, modal } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [queue, setQueue] = useState<UploadFile[]>([]);
  // After a first save of a new record its id lives here (uploads that failed can be retried).
  const [saved, setSaved] = useState<ArchiveRecord | null>(null);
  const [attachments, setAttachments] = useState<Attachment[]>(record?.attachments ?? []);
  const [initial] = useState(() => toFormValues(cfg, record?.content.data as Record<string, unknown> | undefined));
  const current = saved ?? record;

  const save = async () => {
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    let rec: ArchiveRecord;
    try {
      const content = toArchiveData(cfg, values);
      rec = current
        ? unwrap(
            await api.PUT('/api/v1/archive/records/{id}', {
              params: { path: { id: current.id } },
              body: { version: current.version, content },
            }),
          )
        : unwrap(await api.POST('/api/v1/archive/records', { body: content }));
      setSaved(rec);
    } catch (err) {
      setSaving(false);
      if (err instanceof ApiError && err.status === 409) {
        modal.error({ title: '无法保存', content: errorMessage(err) });
        onSaved();
        onClose();
        return;
      }
      if (!applyFieldErrors(form, err, cfg.fields.map((f) => f.name), fieldErrorMap(cfg))) message.error(errorMessage(err));
      else message.error('请按提示修改后重新保存');
      return;
    }
    // Then the files chosen in the form, one by one.
    const failures: string[] = [];
    const uploaded: Attachment[] = [];
    for (const f of queue) {
      try {
        uploaded.push(await uploadAttachment(rec.id, f.originFileObj as File));
      } catch (err) {
        failures.push(`${f.name}：${errorMessage(err)}`);
      }
    }
    setSaving(false);
    setAttachments((a) => [...a, ...uploaded]);
    setQueue((q) => q.filter((f) => failures.some((m) => m.startsWith(`${f.name}：`))));
    onSaved();
    if (failures.length) {
      modal.warning({
        title: `记录已保存，${failures.length} 个附件上传失败`,
        content: (
          <ul style={{ paddingLeft: 18 }}>
            {failures.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ),
      });
      return;
    }
    message.success(current ? '已保存，重新提交审核' : '已保存，等待单位审核');
    onClose();
  };

  const returned = record?.status === 'returned' && record.review_comment;

  return (
    <Drawer
      open
      onClose={onClose}
      width="min(760px, 100vw)"
      destroyOnHidden
      title={`${current ? '编辑' : '新增'}${cfg.label}`}
      maskClosable={false}
      keyboard={false}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={save} data-testid="record-save">
            保存
          </Button>
        </Space>
      }
    >
      {returned && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          message="单位退回意见"
          description={<span data-testid="return-comment">{record.review_comment}</span>}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        保存后提交所在单位审核；待审核、退回状态可再次编辑，点击保存重新提交审核。
      </Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark scrollToFirstError initialValues={initial}>
        <RecordFormFields cfg={cfg} />
      </Form>
      <Divider orientation="left" plain style={{ marginTop: 4 }}>
        <PaperClipOutlined /> 附件（{cfg.attachments}）
      </Divider>
      {current && (
        <div style={{ marginBottom: 12 }}>
          <AttachmentList
            recordId={current.id}
            attachments={attachments}
            onDeleted={(id) => {
              setAttachments((a) => a.filter((x) => x.id !== id));
              onSaved();
            }}
          />
        </div>
      )}
      <Upload
        multiple
        accept=".pdf,.jpg,.jpeg,.png"
        fileList={queue}
        beforeUpload={async (file) => {
          const r = await precheckFile(file, ARCHIVE_ATTACHMENT);
          if (!r.ok) {
            message.error(r.message);
            return Upload.LIST_IGNORE;
          }
          setQueue((q) => [...q, { uid: file.uid, name: file.name, size: file.size, status: 'done', originFileObj: file }]);
          return false;
        }}
        onRemove={(f) => setQueue((q) => q.filter((x) => x.uid !== f.uid))}
      >
        <Button icon={<UploadOutlined />}>选择附件</Button>
      </Upload>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }}>
        {ARCHIVE_ATTACHMENT.describe}；所选文件在点击“保存”后上传。
      </Typography.Text>
    </Drawer>
  );
}
