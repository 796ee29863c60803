import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { CheckOutlined, DeleteOutlined, DownloadOutlined, EyeInvisibleOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { FilePreview } from '../../../components/FilePreview';
import { isPreviewable } from '../../../lib/download';
import type { Attachment } from '../../../api/types';
import { errorMessage } from '../../../api/problem';
import { formatSize, precheckFile } from '../../../lib/upload';
import { acceptOf, ruleFor, typesLabel } from '../uploadRules';
import {
  deleteDeclarationAttachment,
  downloadDeclarationAttachment,
  fetchDeclarationAttachmentBlob,
  uploadDeclarationAttachment,
  type AttachmentItem,
} from '../api';
import { useRefreshDeclaration } from '../hooks';
import { itemsForAttachment, itemsForStep, openReturn } from '../returns';
import { ReturnMarks } from '../components/ReturnNotes';
import { StepActions, type StepProps } from './shared';

/** Step 6 上传附件: one row per item of the plan's 附件要求. */
export function AttachmentsStep({ d, go }: StepProps) {
  const { message } = App.useApp();
  const refresh = useRefreshDeclaration();
  const [busy, setBusy] = useState<string | null>(null);
  // 退回修改: items naming one attachment go on its row; one naming the whole list above it
  const ret = openReturn(d);
  const listItems = itemsForStep(ret, 6).filter((i) => i.attachment == null);
  const [previewing, setPreviewing] = useState<{ item: number; file: Attachment } | null>(null);

  const run = async (key: string, fn: () => Promise<unknown>, ok: string) => {
    setBusy(key);
    try {
      await fn();
      message.success(ok);
      await refresh(d.id);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="step-attachments">
      <ReturnMarks items={listItems} />
      <Table<AttachmentItem>
        rowKey="item"
        size="small"
        bordered
        pagination={false}
        dataSource={d.attachments}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '该计划没有附件要求' }}
        onRow={() => ({ 'data-testid': 'attachment-row' }) as React.HTMLAttributes<HTMLElement>}
        rowClassName={(r) => (itemsForAttachment(ret, r.item).length ? 'decl-row-returned' : '')}
        columns={[
          { title: '#', key: 'no', width: 44, align: 'center', render: (_, r) => r.item + 1 },
          {
            title: '必要',
            key: 'required',
            width: 56,
            align: 'center',
            render: (_, r) => (r.requirement.required ? <CheckOutlined style={{ color: '#cf1322' }} aria-label="必要" /> : null),
          },
          {
            title: '材料名称',
            key: 'name',
            // a width, so a reviewer's comment wraps instead of widening the scrolled table
            width: 180,
            render: (_, r) => (
              <>
                {r.requirement.name}
                <ReturnMarks items={itemsForAttachment(ret, r.item)} testId="attachment-returned" titles={false} />
              </>
            ),
          },
          { title: '格式', key: 'types', width: 110, render: (_, r) => typesLabel(r.requirement.types) },
          {
            title: '已上传',
            key: 'files',
            render: (_, r) =>
              r.files.length ? (
                <Space direction="vertical" size={2}>
                  {r.files.map((f) => (
                    <Space key={f.id} size={4} wrap data-testid="attachment-file">
                      <span style={{ wordBreak: 'break-all' }}>{f.name}</span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatSize(f.size)}
                      </Typography.Text>
                      {isPreviewable(f.content_type) ? (
                        <Button
                          type="link"
                          size="small"
                          icon={previewing?.file.id === f.id ? <EyeInvisibleOutlined /> : <EyeOutlined />}
                          onClick={() => setPreviewing((p) => (p?.file.id === f.id ? null : { item: r.item, file: f }))}
                        >
                          {previewing?.file.id === f.id ? '收起' : '预览'}
                        </Button>
                      ) : null}
                      <Button
                        type="link"
                        size="small"
                        icon={<DownloadOutlined />}
                        onClick={() => downloadDeclarationAttachment(d.id, r.item, f).catch((err) => message.error(errorMessage(err)))}
                      >
                        下载
                      </Button>
                      <Popconfirm
                        title="确定删除该附件？"
                        okText="删除"
                        cancelText="取消"
                        onConfirm={() => {
                          if (previewing?.file.id === f.id) setPreviewing(null);
                          return run(`rm-${f.id}`, () => deleteDeclarationAttachment(d.id, r.item, f.id), '附件已删除');
                        }}
                      >
                        <Button type="link" size="small" danger icon={<DeleteOutlined />} loading={busy === `rm-${f.id}`}>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ))}
                </Space>
              ) : (
                <Typography.Text type={r.requirement.required ? 'danger' : 'secondary'}>{r.requirement.required ? '未上传' : '—'}</Typography.Text>
              ),
          },
          {
            title: '操作',
            key: 'upload',
            width: 100,
            render: (_, r) => (
              <Upload
                accept={acceptOf(r.requirement.types)}
                showUploadList={false}
                customRequest={async ({ file, onSuccess, onError }) => {
                  const f = file as File;
                  const check = await precheckFile(f, ruleFor(r.requirement.types));
                  if (!check.ok) {
                    message.error(check.message);
                    onError?.(new Error(check.message));
                    return;
                  }
                  await run(`up-${r.item}`, () => uploadDeclarationAttachment(d.id, r.item, f), `已上传：${f.name}`);
                  onSuccess?.(null);
                }}
              >
                <Button size="small" icon={<UploadOutlined />} loading={busy === `up-${r.item}`} data-testid="attachment-upload">
                  上传
                </Button>
              </Upload>
            ),
          },
        ]}
      />
      {previewing ? (
        <div style={{ marginTop: 12 }}>
          <FilePreview
            key={previewing.file.id}
            queryKey={['declaration-attachment', d.id, previewing.file.id]}
            load={async () => (await fetchDeclarationAttachmentBlob(d.id, previewing.item, previewing.file.id)).blob}
            name={previewing.file.name}
            contentType={previewing.file.content_type}
            height={420}
            testId="declaration-attachment-preview"
          />
        </div>
      ) : null}
      <StepActions step={6} go={go} />
    </div>
  );
}
