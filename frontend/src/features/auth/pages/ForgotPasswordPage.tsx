import { PortalShell } from '../../../components/PortalShell';
import { PlaceholderPage } from '../../../components/PlaceholderPage';

/** 忘记密码: wired to the password-reset API once it is published. */
export function ForgotPasswordPage() {
  return (
    <PortalShell>
      <div style={{ flex: 1, padding: 24 }}>
        <PlaceholderPage title="忘记密码" />
      </div>
    </PortalShell>
  );
}
