import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Result, Space, Spin, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { errorMessage } from '../../../api/problem';
import { formatDateTime } from '../../../lib/format';
import { fetchSignature, startSigning, useDeclaration, type Declaration, type SigningSession } from '../api';
import { BlobImage } from '../components/BlobImage';
import { countdown } from '../steps';
import { StepActions, type StepProps } from './shared';

/** The current time, ticking every `ms` while `on`. */
function useNow(on: boolean, ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const t = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(t);
  }, [on, ms]);
  return now;
}

/** The guarantee's text and, once signed, the signature under it. */
export function GuaranteeText({ d }: { d: Declaration }) {
  const g = d.guarantee;
  return (
    <div className="decl-guarantee-text" data-testid="guarantee-text">
      <Typography.Title level={4}>《{g.title}》</Typography.Title>
      {g.paragraphs.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      {g.signed ? (
        <div className="decl-signature" data-testid="guarantee-signed">
          <div>
            承诺人（签名）：
            <BlobImage
              queryKey={['declaration-signature', d.id, g.signed_at]}
              load={() => fetchSignature(d.id)}
              alt="签名"
              testId="guarantee-signature"
            />
          </div>
          <Typography.Text type="secondary">签署时间：{formatDateTime(g.signed_at)}</Typography.Text>
        </div>
      ) : null}
    </div>
  );
}

const qrSrc = (svg: string) => `data:image/svg+xml;utf8,${encodeURIComponent(svg)}`;

/**
 * Step 3 签署保证书: scan the QR code with a phone and sign there; this page asks the server
 * every 2 s until the signature arrives, then shows the signed guarantee.
 */
export function GuaranteeStep({ d, go }: StepProps) {
  const { message } = App.useApp();
  const [session, setSession] = useState<SigningSession | null>(null);
  // The wizard reads the same cached declaration, so `d` follows every poll below.
  const signed = d.guarantee.signed && !d.guarantee.expired;
  const now = useNow(!!session && !signed);
  const expired = !!session && new Date(session.expires_at).getTime() <= now;
  // Ask every 2 s while a live link is out and the signature has not arrived.
  useDeclaration(d.id, session && !signed && !expired ? 2000 : false);

  const gen = useMutation({
    mutationFn: () => startSigning(d.id),
    onSuccess: setSession,
    onError: (err) => message.error(errorMessage(err)),
  });

  // A fresh link as soon as the step opens on an unsigned guarantee.
  const asked = useRef(false);
  useEffect(() => {
    if (!signed && !asked.current) {
      asked.current = true;
      gen.mutate();
    }
  }, [signed, gen]);

  // The phone signed: say so once.
  const wasSigned = useRef(signed);
  useEffect(() => {
    if (signed && !wasSigned.current) {
      message.success('签署成功');
      setSession(null);
    }
    wasSigned.current = signed;
  }, [signed, message]);

  return (
    <div data-testid="step-guarantee">
      <div className="decl-guarantee">
        <GuaranteeText d={d} />
        <div className="decl-guarantee-side">
          {signed ? (
            <div data-testid="guarantee-success">
              <Result
                status="success"
                title="签署成功"
                subTitle={d.guarantee.valid_until ? `签名在 ${formatDateTime(d.guarantee.valid_until)} 前有效` : undefined}
              />
            </div>
          ) : (
            <Space direction="vertical" size={12} style={{ width: '100%' }}>
              {d.guarantee.expired ? <Alert type="warning" showIcon message="签名已过有效期，请重新扫码签署" /> : null}
              <Typography.Text strong>请使用手机扫描二维码，在手机上签署保证书</Typography.Text>
              <div className="decl-qr" data-testid="guarantee-qr">
                {session && !expired ? (
                  <img src={qrSrc(session.qr_svg)} alt="签署二维码" />
                ) : gen.isPending ? (
                  <Spin style={{ marginTop: 96 }} />
                ) : (
                  <Typography.Text type="secondary" style={{ lineHeight: '220px' }}>
                    二维码已过期
                  </Typography.Text>
                )}
              </div>
              {session && !expired ? (
                <>
                  <Typography.Text data-testid="guarantee-countdown">
                    二维码有效时间剩余 <strong>{countdown(session.expires_at, now)}</strong>
                  </Typography.Text>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      无法扫码？在手机浏览器中打开此链接：
                    </Typography.Text>
                    <Typography.Paragraph className="decl-link" copyable={{ text: session.url, tooltips: ['复制链接', '已复制'] }} data-testid="guarantee-link">
                      {session.url}
                    </Typography.Paragraph>
                  </div>
                  <Typography.Text type="secondary">
                    <Spin size="small" style={{ marginInlineEnd: 6 }} />
                    等待手机签署…
                  </Typography.Text>
                </>
              ) : null}
              <Button icon={<ReloadOutlined />} loading={gen.isPending} onClick={() => gen.mutate()} data-testid="guarantee-regenerate">
                重新生成
              </Button>
            </Space>
          )}
        </div>
      </div>
      <StepActions step={3} go={go} nextDisabled={!signed} />
    </div>
  );
}
