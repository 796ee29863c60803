import { useState } from 'react';
import { App, Button, List, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, EyeInvisibleOutlined, EyeOutlined, FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { Attachment } from '../../../api/types';
import { errorMessage } from '../../../api/problem';
import { FilePreview } from '../../../components/FilePreview';
import { isPreviewable } from '../../../lib/download';
import { formatSize } from '../../../lib/upload';
import { deleteAttachment, downloadAttachment, fetchAttachmentBlob } from '../api';

/**
 * A record's attachments with 预览 (inline, below the list: PDF viewer or picture), 下载, and
 * 删除 while the record can be edited.
 */
export function AttachmentList({
  recordId,
  attachments,
  onDeleted,
  empty = '暂无附件',
}: {
  recordId: string;
  attachments: Attachment[];
  /** Shown only when given (the record is editable). */
  onDeleted?: (id: string) => void;
  empty?: string;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState<string | null>(null);
  if (!attachments.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  const shown = attachments.find((a) => a.id === previewing);
  return (
    <>
      <List
        size="small"
        bordered
        dataSource={attachments}
        renderItem={(a) => (
          <List.Item
            data-testid="attachment-item"
            actions={[
              ...(isPreviewable(a.content_type)
                ? [
                    <Button
                      key="view"
                      type="link"
                      size="small"
                      icon={previewing === a.id ? <EyeInvisibleOutlined /> : <EyeOutlined />}
                      onClick={() => setPreviewing((p) => (p === a.id ? null : a.id))}
                      data-testid="attachment-preview"
                    >
                      {previewing === a.id ? '收起' : '预览'}
                    </Button>,
                  ]
                : []),
              <Button
                key="dl"
                type="link"
                size="small"
                icon={<DownloadOutlined />}
                loading={busy === a.id}
                onClick={async () => {
                  setBusy(a.id);
                  try {
                    await downloadAttachment(recordId, a);
                  } catch (err) {
                    message.error(errorMessage(err));
                  } finally {
                    setBusy(null);
                  }
                }}
              >
                下载
              </Button>,
              ...(onDeleted
                ? [
                    <Popconfirm
                      key="rm"
                      title="确定删除该附件？"
                      onConfirm={async () => {
                        try {
                          await deleteAttachment(recordId, a.id);
                          message.success('附件已删除');
                          if (previewing === a.id) setPreviewing(null);
                          onDeleted(a.id);
                        } catch (err) {
                          message.error(errorMessage(err));
                        }
                      }}
                    >
                      <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                        删除
                      </Button>
                    </Popconfirm>,
                  ]
                : []),
            ]}
          >
            <Space style={{ minWidth: 0 }}>
              {a.content_type === 'application/pdf' ? (
                <FilePdfOutlined style={{ color: '#cf1322' }} />
              ) : (
                <FileImageOutlined style={{ color: '#1664c0' }} />
              )}
              <span style={{ wordBreak: 'break-all' }}>{a.name}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {formatSize(a.size)}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      {shown && (
        <div style={{ marginTop: 12 }}>
          <FilePreview
            key={shown.id}
            queryKey={['archive-attachment', recordId, shown.id]}
            load={async () => (await fetchAttachmentBlob(recordId, shown.id)).blob}
            name={shown.name}
            contentType={shown.content_type}
            height={420}
            testId="attachment-file"
          />
        </div>
      )}
    </>
  );
}
