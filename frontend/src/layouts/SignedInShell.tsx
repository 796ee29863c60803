import { RequireAuth } from '../features/auth/components/guards';
import { AppLayout } from './AppLayout';

/** Everything after login: the session check, then the layout with the role's menu. */
export function SignedInShell() {
  return (
    <RequireAuth>
      <AppLayout />
    </RequireAuth>
  );
}
