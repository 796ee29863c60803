import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

export const PROFILE_KEY = ['profile'] as const;

/** 个人基本信息 (GET /api/v1/profile); `completed: false` until saved with a work unit. */
export function useProfile(enabled = true) {
  return useQuery({
    queryKey: PROFILE_KEY,
    enabled,
    staleTime: 30_000,
    queryFn: async () => unwrap(await api.GET('/api/v1/profile')),
  });
}
