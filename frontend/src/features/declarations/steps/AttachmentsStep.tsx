import { useState } from 'react';
import { App, Button, Popconfirm, Space, Table, Typography, Upload } from 'antd';
import { CheckOutlined, DeleteOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../api/problem';
import { formatSize, precheckFile } from '../../../lib/upload';
import { acceptOf, ruleFor, typesLabel } from '../uploadRules';
import { deleteDeclarationAttachment, downloadDeclarationAttachment, uploadDeclarationAttachment, type AttachmentItem } from '../api';
import { useRefreshDeclaration } from '../hooks';
import { StepActions, type StepProps } from './shared';

/** Step 6 上传附件: one row per item of the plan's 附件要求. */
export function AttachmentsStep({ d, go }: StepProps) {
  const { message } = App.useApp();
  const refresh = useRefreshDeclaration();
  const [busy, setBusy] = useState<string | null>(null);

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
      <Table<AttachmentItem>
        rowKey="item"
        size="small"
        bordered
        pagination={false}
        dataSource={d.attachments}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '该计划没有附件要求' }}
        onRow={() => ({ 'data-testid': 'attachment-row' }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: '#', key: 'no', width: 44, align: 'center', render: (_, r) => r.item + 1 },
          {
            title: '必要',
            key: 'required',
            width: 56,
            align: 'center',
            render: (_, r) => (r.requirement.required ? <CheckOutlined style={{ color: '#cf1322' }} aria-label="必要" /> : null),
          },
          { title: '材料名称', key: 'name', render: (_, r) => r.requirement.name },
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
                        onConfirm={() => run(`rm-${f.id}`, () => deleteDeclarationAttachment(d.id, r.item, f.id), '附件已删除')}
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
      <StepActions step={6} go={go} />
    </div>
  );
}
