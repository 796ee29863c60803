import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { Link } from 'react-router';
import { Logo } from './Logo';
import { PLATFORM_NAME, PRODUCT_CODE } from '../branding';

const styles = {
  page: {
    minHeight: '100vh',
    display: 'flex',
    flexDirection: 'column' as const,
    background: '#eef3fa',
  },
  header: {
    background: '#1664c0',
    color: '#fff',
    height: 72,
    display: 'flex',
    alignItems: 'center',
    padding: '0 48px',
    boxShadow: '0 2px 8px rgba(0,0,0,0.15)',
  },
  brand: { display: 'flex', alignItems: 'center', gap: 14, color: '#fff', textDecoration: 'none' },
  title: { fontSize: 24, fontWeight: 600, letterSpacing: 2, lineHeight: 1.2 },
  code: { fontSize: 13, opacity: 0.85, marginLeft: 10, fontWeight: 400, letterSpacing: 0 },
  main: { flex: 1, display: 'flex' },
  footer: {
    textAlign: 'center' as const,
    color: '#8c8c8c',
    fontSize: 12,
    padding: '14px 0',
    borderTop: '1px solid #e3e8ef',
    background: '#fff',
  },
};

/** Page frame for the public pages (login, registration): header bar, body, footer. */
export function PortalShell({ children }: { children: ReactNode }) {
  return (
    <div style={styles.page}>
      <header style={styles.header}>
        <Link to="/login" style={styles.brand}>
          <Logo size={42} />
          <span style={styles.title}>
            {PLATFORM_NAME}
            <span style={styles.code}>({PRODUCT_CODE})</span>
          </span>
        </Link>
      </header>
      <main style={styles.main}>{children}</main>
      <footer style={styles.footer}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          本服务由 zcps 开源项目提供 · 界面参照浙江省专业技术职务任职资格申报与评审管理服务平台
        </Typography.Text>
      </footer>
    </div>
  );
}
