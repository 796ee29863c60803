import type { ReactNode } from 'react';
import { Card, Steps, Typography } from 'antd';
import { Link } from 'react-router';
import { PortalShell } from '../../../components/PortalShell';

/** Frame shared by 个人注册, 法人注册 and 忘记密码: one card, full width on phones. */
export function RegisterCard({
  title,
  extra,
  steps = true,
  children,
}: {
  title: string;
  extra?: ReactNode;
  /** The 填写注册信息 → 登录平台 → 完善信息 steps (registration only). */
  steps?: boolean;
  children: ReactNode;
}) {
  return (
    <PortalShell>
      <div className="public-page">
        <Card
          title={<span style={{ fontSize: 18 }}>{title}</span>}
          extra={
            <Typography.Text type="secondary">
              <span className="portal-code">已有账号？</span>
              <Link to="/login">返回登录</Link>
            </Typography.Text>
          }
          className="public-card"
        >
          {steps && (
            <Steps
              size="small"
              current={0}
              className="register-steps"
              style={{ marginBottom: 28, padding: '0 24px' }}
              items={[{ title: '填写注册信息' }, { title: '登录平台' }, { title: '完善信息' }]}
            />
          )}
          {extra}
          {children}
        </Card>
      </div>
    </PortalShell>
  );
}
