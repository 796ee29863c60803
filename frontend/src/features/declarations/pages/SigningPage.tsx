import { useRef, useState } from 'react';
import { Alert, App, Button, Result, Space, Spin, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { ApiError, errorMessage } from '../../../api/problem';
import { PLATFORM_NAME } from '../../../branding';
import '../declarations.css';
import { formatDateTime } from '../../../lib/format';
import { fetchSigningPage, signGuarantee } from '../api';
import { SignaturePad, type SignaturePadHandle } from '../components/SignaturePad';

const INVALID = '链接无效、已使用或已过期，请在电脑上重新生成二维码';

const invalidLink = (err: unknown) => err instanceof ApiError && (err.status === 404 || err.problem?.code === 'signing_link_invalid');

/**
 * 手机签署《专业技术资格申报材料真实性保证书》 (SPEC §8 step 3): opened by scanning the QR code
 * on the computer; no login, no app chrome, made for a phone. The applicant reads the text,
 * signs with a finger and confirms; the computer notices by itself.
 */
export function SigningPage() {
  const { token = '' } = useParams();
  const { message } = App.useApp();
  const pad = useRef<SignaturePadHandle>(null);
  const [empty, setEmpty] = useState(true);
  const page = useQuery({ queryKey: ['signing', token], queryFn: () => fetchSigningPage(token), retry: false, staleTime: Infinity });
  const sign = useMutation({
    mutationFn: async () => {
      const png = await pad.current?.toPng();
      if (!png) throw new Error('请先在签名区域内签名');
      await signGuarantee(token, png);
    },
    onError: (err) => {
      if (!invalidLink(err)) message.error(errorMessage(err));
    },
  });

  let body;
  if (page.isPending) {
    body = (
      <div style={{ textAlign: 'center', padding: 64 }}>
        <Spin size="large" />
      </div>
    );
  } else if (page.isError || (sign.isError && invalidLink(sign.error))) {
    body = (
      <div data-testid="signing-invalid">
        <Result status="warning" title="无法签署" subTitle={invalidLink(page.error ?? sign.error) ? INVALID : errorMessage(page.error)} />
      </div>
    );
  } else if (sign.isSuccess) {
    body = (
      <div data-testid="signing-done">
        <Result status="success" title="签署成功" subTitle="签署成功，请回到电脑继续申报" />
      </div>
    );
  } else {
    const { guarantee } = page.data;
    body = (
      <>
        <div className="sign-meta">
          <div>
            申报人：<strong data-testid="signing-applicant">{page.data.applicant}</strong>
          </div>
          <div>申报计划：{page.data.plan_name}</div>
        </div>
        <Typography.Title level={4} className="sign-title">
          《{guarantee.title}》
        </Typography.Title>
        <div className="sign-text" data-testid="signing-text">
          {guarantee.paragraphs.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
        <Typography.Text strong>请在下方框内手写签名：</Typography.Text>
        <div className="sign-pad">
          <SignaturePad ref={pad} onChange={setEmpty} />
          {empty ? <span className="sign-pad-hint">在此处签名</span> : null}
        </div>
        <Space style={{ width: '100%', marginTop: 12 }} size={12} className="sign-actions">
          <Button size="large" block onClick={() => pad.current?.clear()} disabled={sign.isPending} data-testid="signing-clear">
            清除
          </Button>
          <Button
            size="large"
            type="primary"
            block
            loading={sign.isPending}
            onClick={() => {
              if (pad.current?.isEmpty() ?? true) {
                message.warning('请先在签名区域内签名');
                return;
              }
              sign.mutate();
            }}
            data-testid="signing-confirm"
          >
            确认签署
          </Button>
        </Space>
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          message={`本链接仅可使用一次，${formatDateTime(page.data.expires_at)} 前有效。`}
        />
      </>
    );
  }

  return (
    <div className="sign-page" data-testid="signing-page">
      <header className="sign-header">{PLATFORM_NAME}</header>
      <main className="sign-main">{body}</main>
    </div>
  );
}
