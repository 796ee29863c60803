import type { ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../../../api/problem';
import { useHasToken, useMe } from '../api';
import type { Role } from '../roles';

/** Signed-in area: without a token go to the login page; wait for /me before rendering. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const hasToken = useHasToken();
  const location = useLocation();
  const me = useMe();

  if (!hasToken) {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  if (me.isPending) {
    return (
      <div style={{ display: 'flex', height: '100vh', alignItems: 'center', justifyContent: 'center' }}>
        <Spin size="large" tip="正在加载…">
          <div style={{ width: 200, height: 80 }} />
        </Spin>
      </div>
    );
  }
  if (me.isError) {
    return (
      <Result
        status="error"
        title="无法获取账户信息"
        subTitle={errorMessage(me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  return <>{children}</>;
}

/** Page reserved to some roles; others get 403 (the menu never links there). */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  if (!roles.includes(me.data.role)) {
    return <Result status="403" title="403" subTitle="抱歉，您无权访问此页面。" />;
  }
  return <>{children}</>;
}
