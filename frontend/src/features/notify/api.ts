import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Schemas } from '../../api/types';

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

export type OutboxSms = Schemas['OutboxSms'];
export type OutboxSmsPage = Schemas['OutboxSmsPage'];

/** 短信发送记录 (administrator): the SMS outbox, newest first, optionally for one phone number. */
export async function fetchSmsOutbox(query: { phone?: string; page: number; perPage: number }): Promise<OutboxSmsPage> {
  return unwrap(
    await api.GET('/api/v1/sms-outbox', {
      params: { query: { phone: query.phone || undefined, page: query.page, per_page: query.perPage } },
    }),
  );
}
