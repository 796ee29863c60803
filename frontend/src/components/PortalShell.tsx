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
    display: 'flex',
    alignItems: 'center',
    boxShadow: '0 2px 8px rgba(0,0,0,0.15)',
  },
  brand: { display: 'flex', alignItems: 'center', gap: 12, color: '#fff', textDecoration: 'none', minWidth: 0 },
  title: { fontWeight: 600, letterSpacing: 2, lineHeight: 1.2 },
  code: { fontSize: 13, opacity: 0.85, marginLeft: 10, fontWeight: 400, letterSpacing: 0 },
  footer: {
    textAlign: 'center' as const,
    color: '#8c8c8c',
    fontSize: 12,
    padding: '14px 0',
    borderTop: '1px solid #e3e8ef',
    background: '#fff',
  },
};

/**
 * Page frame for the public pages (login, registration, 忘记密码): header bar, body, footer.
 * Works from a 390 px phone up (classes in index.css).
 */
export function PortalShell({ children }: { children: ReactNode }) {
  return (
    <div style={styles.page}>
      <header style={styles.header} className="portal-header">
        <Link to="/login" style={styles.brand}>
          <Logo size={36} />
          <span style={styles.title} className="portal-title">
            {PLATFORM_NAME}
            <span style={styles.code} className="portal-code">
              ({PRODUCT_CODE})
            </span>
          </span>
        </Link>
      </header>
      <main className="portal-main">{children}</main>
      <footer style={styles.footer}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} className="portal-footer-note">
          本服务由 zcps 开源项目提供 · 界面参照浙江省专业技术职务任职资格申报与评审管理服务平台
        </Typography.Text>
      </footer>
    </div>
  );
}
