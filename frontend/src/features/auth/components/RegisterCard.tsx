import type { ReactNode } from 'react';
import { Card, Steps, Typography } from 'antd';
import { Link } from 'react-router';
import { PortalShell } from '../../../components/PortalShell';

/** Frame shared by 个人注册 and 法人注册. */
export function RegisterCard({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <PortalShell>
      <div style={{ flex: 1, display: 'flex', justifyContent: 'center', padding: '28px 24px 40px' }}>
        <Card
          title={<span style={{ fontSize: 18 }}>{title}</span>}
          extra={
            <Typography.Text type="secondary">
              已有账号？<Link to="/login">返回登录</Link>
            </Typography.Text>
          }
          style={{ width: 720, boxShadow: '0 4px 16px rgba(22,100,192,0.10)' }}
        >
          <Steps
            size="small"
            current={0}
            style={{ marginBottom: 28, padding: '0 24px' }}
            items={[{ title: '填写注册信息' }, { title: '登录平台' }, { title: '完善信息' }]}
          />
          {extra}
          {children}
        </Card>
      </div>
    </PortalShell>
  );
}
