import type { CSSProperties } from 'react';
import { Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../../api/problem';
import { useObjectUrl } from '../hooks';

/**
 * A picture the signed-in user may read (证件照, 签名), fetched with the session's token
 * (fetch → blob → object URL). A 404 shows `missing`.
 */
export function BlobImage({
  queryKey,
  load,
  alt,
  style,
  missing = '暂无',
  testId,
}: {
  queryKey: readonly unknown[];
  load: () => Promise<Blob>;
  alt: string;
  style?: CSSProperties;
  missing?: string;
  testId?: string;
}) {
  const img = useQuery({ queryKey, staleTime: Infinity, queryFn: load });
  const url = useObjectUrl(img.data);
  if (img.isPending) return <Spin size="small" />;
  if (img.isError) {
    return (
      <Typography.Text type="secondary">
        {img.error instanceof ApiError && img.error.status === 404 ? missing : '图片加载失败'}
      </Typography.Text>
    );
  }
  return url ? <img src={url} alt={alt} style={style} data-testid={testId} /> : null;
}
