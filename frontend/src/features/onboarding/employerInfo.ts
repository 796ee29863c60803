import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

export const EMPLOYER_INFO_KEY = ['employer-info'] as const;

/** 本单位基本信息 (GET /employer/info). */
export function useEmployerInfo(enabled = true) {
  return useQuery({
    queryKey: EMPLOYER_INFO_KEY,
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/employer/info')),
  });
}
