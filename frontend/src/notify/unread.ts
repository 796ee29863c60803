import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';

export const NOTIFICATIONS_KEY = ['notifications'] as const;

/** Unread count for the header bell, refreshed every minute. */
export function useUnreadCount() {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread'],
    refetchInterval: 60_000,
    staleTime: 15_000,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/notifications', { params: { query: { page: 1, per_page: 1 } } })).unread,
  });
}
