import { Suspense, useState } from 'react';
import { ProLayout } from '@ant-design/pro-components';
import { Button, Grid, Space, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout, useMe } from '../features/auth/api';
import { ROLE_LABELS } from '../features/auth/roles';
import { useEmployerAuthorisation } from '../features/onboarding/api';
import { AUTHORISATION_PATH, HOME_PATH, PAGES, PROFILE_PATH, menuFor, pageOf, pageLabel, selectedMenuKeys } from '../routes/pages';
import { useProfile } from '../features/profile/api';
import { NotificationBell } from '../features/notify/components/NotificationBell';
import { PLATFORM_NAME } from '../branding';
import { Logo } from '../components/Logo';
import { displayName } from '../features/auth/displayName';
import { PageLoading } from '../components/PageLoading';

/**
 * Signed-in shell: a blue top bar with the platform name, the greeting and 退出系统,
 * and the role's menu on the left (room for every entry at 1366 px, and for the
 * sub-menus later features bring, e.g. the seven archive categories).
 */
export function AppLayout() {
  const me = useMe().data!;
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [leaving, setLeaving] = useState(false);
  // Applicants also use phones: a narrow header keeps the bell and 退出 and drops the role.
  const narrow = !Grid.useBreakpoint().md;
  // The side menu stays open at desktop widths (a department screen never loses it to a
  // passing resize); on a phone it is a drawer, closed until the ☰ opens it.
  const [drawerClosed, setDrawerClosed] = useState(true);

  // Onboarding gates: an individual completes 个人基本信息 first (seed 002 §2); an employer
  // submits its 授权委托证明 and waits for approval before anything else (seed 000 §2).
  const profile = useProfile(me.role === 'individual');
  const authorisation = useEmployerAuthorisation(me.role === 'employer');
  const gatePath =
    me.role === 'individual' && profile.data && !profile.data.completed
      ? PROFILE_PATH
      : me.role === 'employer' && authorisation.data && authorisation.data.status !== 'approved'
        ? AUTHORISATION_PATH
        : null;
  const gateLoading = (me.role === 'individual' && profile.isPending) || (me.role === 'employer' && authorisation.isPending);
  const gatePage = gatePath ? PAGES.find((p) => p.path === gatePath) : undefined;
  const menu = gatePage
    ? [{ path: gatePage.path, name: pageLabel(gatePage, me.role), icon: gatePage.icon }]
    : menuFor(me.role);
  const current = pageOf(location.pathname);
  // Controlled, so a page off the menu (我的消息, …) leaves no item selected or tinted.
  const selectedKeys = selectedMenuKeys(location.pathname, menu);

  return (
    <ProLayout
      layout="mix"
      splitMenus={false}
      siderWidth={208}
      collapsedButtonRender={false}
      collapsed={narrow ? drawerClosed : false}
      onCollapse={(c) => {
        if (narrow) setDrawerClosed(c);
      }}
      title={PLATFORM_NAME}
      logo={<Logo size={30} />}
      fixedHeader
      contentWidth="Fluid"
      location={{ pathname: current?.path ?? location.pathname }}
      route={{ path: '/', routes: menu }}
      selectedKeys={selectedKeys}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      onMenuHeaderClick={() => navigate(HOME_PATH)}
      token={{
        bgLayout: '#f0f2f5',
        sider: {
          colorMenuBackground: '#ffffff',
          colorTextMenuSelected: '#1664c0',
          colorBgMenuItemSelected: '#e6f0fb',
          colorTextMenuItemHover: '#1664c0',
        },
        header: {
          colorBgHeader: '#1664c0',
          colorBgScrollHeader: '#1664c0',
          colorHeaderTitle: '#ffffff',
          colorTextMenu: 'rgba(255,255,255,0.85)',
          colorTextMenuSecondary: 'rgba(255,255,255,0.85)',
          colorTextMenuSelected: '#ffffff',
          colorTextMenuActive: '#ffffff',
          colorBgMenuItemSelected: 'rgba(0,0,0,0.22)',
          colorBgMenuItemHover: 'rgba(0,0,0,0.12)',
          colorTextRightActionsItem: '#ffffff',
          colorBgRightActionsItemHover: 'rgba(0,0,0,0.12)',
          heightLayoutHeader: 60,
        },
        pageContainer: { paddingBlockPageContainerContent: 16, paddingInlinePageContainerContent: 24 },
      }}
      actionsRender={() => [
        <Space key="me" size={narrow ? 4 : 16} style={{ color: '#fff', paddingInline: narrow ? 0 : 8 }}>
          <NotificationBell />
          <span
            data-testid="header-greeting"
            title={displayName(me)}
            style={{
              display: 'inline-block',
              maxWidth: narrow ? 110 : 420,
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              whiteSpace: 'nowrap',
              verticalAlign: 'middle',
            }}
          >
            <UserOutlined /> {narrow ? '' : '您好，'}{displayName(me)}
            {!narrow && (
              <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', marginLeft: 8, fontSize: 12 }}>
                {ROLE_LABELS[me.role]}
              </Typography.Text>
            )}
          </span>
          <Button
            ghost
            size="small"
            icon={<LogoutOutlined />}
            aria-label="退出系统"
            loading={leaving}
            onClick={async () => {
              setLeaving(true);
              try {
                await logout();
              } finally {
                setLeaving(false);
              }
            }}
          >
            {narrow ? '退出' : '退出系统'}
          </Button>
        </Space>,
      ]}
      footerRender={() => (
        <div style={{ textAlign: 'center', color: '#8c8c8c', fontSize: 12, padding: '16px 0 24px' }}>
          本服务由 zcps 开源项目提供 · {PLATFORM_NAME}
        </div>
      )}
    >
      {gatePath && !location.pathname.startsWith(gatePath) && location.pathname !== '/messages' ? (
        <Navigate to={gatePath} replace />
      ) : gateLoading ? null : (
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      )}
    </ProLayout>
  );
}
