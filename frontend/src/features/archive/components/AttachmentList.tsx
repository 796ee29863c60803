import { useState } from 'react';
import { App, Button, List, Popconfirm, Space, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined, FileImageOutlined, FilePdfOutlined } from '@ant-design/icons';
import type { Attachment } from '../../../api/types';
import { errorMessage } from '../../../api/problem';
import { formatSize } from '../../../lib/upload';
import { deleteAttachment, downloadAttachment } from '../api';

/** A record's attachments with 下载 (and 删除 while the record can be edited). */
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
  if (!attachments.length) return <Typography.Text type="secondary">{empty}</Typography.Text>;
  return (
    <List
      size="small"
      bordered
      dataSource={attachments}
      renderItem={(a) => (
        <List.Item
          data-testid="attachment-item"
          actions={[
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
          <Space>
            {a.content_type === 'application/pdf' ? (
              <FilePdfOutlined style={{ color: '#cf1322' }} />
            ) : (
              <FileImageOutlined style={{ color: '#1664c0' }} />
            )}
            <span>{a.name}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatSize(a.size)}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}
