import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Schemas } from '../../api/types';
import { localTokenStore, onTokensChange } from '../../api/tokens';
import type { AccountView } from './roles';

export const ME_KEY = ['me'] as const;

/** Whether an access token is stored (re-renders when tokens change). */
export function useHasToken(): boolean {
  return useSyncExternalStore(
    onTokensChange,
    () => localTokenStore.getAccess() !== null,
    () => false,
  );
}

/** The signed-in account (GET /api/v1/me). */
export function useMe() {
  const hasToken = useHasToken();
  return useQuery<AccountView>({
    queryKey: ME_KEY,
    enabled: hasToken,
    staleTime: 60_000,
    retry: false,
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/me', { signal })),
  });
}

/** 退出系统: revoke the refresh token, forget tokens and cached data, back to the login page. */
export function useLogout() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  return useCallback(async () => {
    const refresh = localTokenStore.getRefresh();
    if (refresh) {
      try {
        await api.POST('/api/v1/auth/logout', { body: { refresh_token: refresh } });
      } catch {
        // Logging out locally still works when the server cannot be reached.
      }
    }
    localTokenStore.clear();
    qc.clear();
    navigate('/login', { replace: true });
  }, [qc, navigate]);
}

export type PasswordResetCodeRequest = Schemas['PasswordResetCodeRequest'];
export type PasswordResetCodeSent = Schemas['PasswordResetCodeSent'];
export type PasswordReset = Schemas['PasswordReset'];

/** 忘记密码, step 1: an SMS code to the account's registered phone (individuals and employers). */
export async function sendPasswordResetCode(body: PasswordResetCodeRequest): Promise<PasswordResetCodeSent> {
  return unwrap(await api.POST('/api/v1/auth/password-reset/code', { body }));
}

/** 忘记密码, step 2: the code and the new password (204; the account's sessions end). */
export async function resetPassword(body: PasswordReset): Promise<void> {
  unwrap(await api.POST('/api/v1/auth/password-reset', { body }));
}
