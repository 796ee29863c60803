import { useState } from 'react';
import { Alert, Button, Space, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { errorMessage } from '../../../api/problem';
import { precheckFile } from '../../../lib/upload';
import { PHOTO_RULE } from '../uploadRules';
import { fetchPhoto, uploadPhoto } from '../api';
import { BlobImage } from '../components/BlobImage';
import { useSetDeclaration } from '../hooks';
import { StepActions, type StepProps } from './shared';

/** The declaration's 证件照 (fetched with the session's token). */
export function DeclarationPhoto({ id, version, width = 165 }: { id: string; version: number | string; width?: number }) {
  return (
    <BlobImage
      queryKey={['declaration-photo', id, version]}
      load={() => fetchPhoto(id)}
      alt="证件照"
      missing="未上传"
      testId="declaration-photo"
      style={{ width, display: 'block' }}
    />
  );
}

/** Step 2 上传证件照. */
export function PhotoStep({ d, go }: StepProps) {
  const setDeclaration = useSetDeclaration();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div data-testid="step-photo">
      <Space align="start" size={32} wrap>
        <div className="decl-photo-box">
          {d.progress.photo ? (
            <DeclarationPhoto id={d.id} version={d.updated_at} />
          ) : (
            <Typography.Text type="secondary">尚未上传证件照</Typography.Text>
          )}
        </div>
        <div style={{ maxWidth: 460 }}>
          <Typography.Paragraph>
            请上传本人近期免冠正面证件照（竖版，如一寸照 295×413 像素、二寸照 413×579 像素），{PHOTO_RULE.describe}。
          </Typography.Paragraph>
          <Upload
            accept=".jpg,.jpeg,.png,image/jpeg,image/png"
            showUploadList={false}
            maxCount={1}
            customRequest={async ({ file, onSuccess, onError }) => {
              const f = file as File;
              setError(null);
              const check = await precheckFile(f, PHOTO_RULE);
              if (!check.ok) {
                setError(check.message);
                onError?.(new Error(check.message));
                return;
              }
              setBusy(true);
              try {
                setDeclaration(await uploadPhoto(d.id, f));
                onSuccess?.(null);
              } catch (err) {
                setError(errorMessage(err));
                onError?.(err as Error);
              } finally {
                setBusy(false);
              }
            }}
          >
            <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="photo-upload">
              {d.progress.photo ? '重新上传' : '上传证件照'}
            </Button>
          </Upload>
          {error ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={error} data-testid="photo-error" /> : null}
        </div>
      </Space>
      <StepActions step={2} go={go} nextDisabled={!d.progress.photo} />
    </div>
  );
}
