import { useEffect, useState } from 'react';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '../api/problem';
import { saveBlob } from '../lib/download';

/** An object URL for a blob, revoked when the blob changes or the component goes. */
function useObjectUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const u = URL.createObjectURL(blob);
    // The object URL is external state the viewer subscribes to.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [blob]);
  return url;
}

export interface FilePreviewProps {
  /** react-query key of the file's bytes (fetched once, kept while the page lives). */
  queryKey: readonly unknown[];
  /** Fetch the file with the session's token. */
  load: () => Promise<Blob>;
  name: string;
  contentType: string;
  height?: number;
  testId?: string;
}

/**
 * A file the signed-in user may read, shown inline (PDF in an embedded viewer from a blob
 * URL, images as <img>) with 下载 beside its name. Shared by 单位授权审核 and 业绩档案审核.
 */
export function FilePreview({ queryKey, load, name, contentType, height = 440, testId = 'file-preview' }: FilePreviewProps) {
  const file = useQuery({
    queryKey,
    staleTime: Infinity,
    queryFn: async () => {
      const blob = await load();
      // The viewer decides by the blob's type: make sure it is the file's.
      return blob.type === contentType ? blob : new Blob([blob], { type: contentType });
    },
  });
  const url = useObjectUrl(file.data);

  if (file.isPending) {
    return (
      <div style={{ textAlign: 'center', padding: 32 }}>
        <Spin />
      </div>
    );
  }
  if (file.isError) return <Alert type="error" showIcon message={errorMessage(file.error)} />;
  const isPdf = contentType === 'application/pdf';
  return (
    <div data-testid={testId}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Text>{name}</Typography.Text>
        <Button size="small" icon={<DownloadOutlined />} onClick={() => saveBlob(file.data, name)}>
          下载
        </Button>
      </Space>
      {url &&
        (isPdf ? (
          <object
            data={url}
            type="application/pdf"
            aria-label={name}
            data-testid={`${testId}-pdf`}
            style={{ width: '100%', height, border: '1px solid #f0f0f0', display: 'block' }}
          >
            <Typography.Text type="secondary">浏览器无法直接显示PDF，请点击“下载”查看。</Typography.Text>
          </object>
        ) : (
          <div
            style={{
              height,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              background: '#fafafa',
              border: '1px solid #f0f0f0',
            }}
          >
            <img src={url} alt={name} data-testid={`${testId}-image`} style={{ maxHeight: height - 10, maxWidth: '100%', objectFit: 'contain' }} />
          </div>
        ))}
    </div>
  );
}
