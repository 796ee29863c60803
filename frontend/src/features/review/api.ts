import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Category, RecordStatus } from '../../api/types';

export const REVIEW_SUMMARY_KEY = ['archive-review-summary'] as const;

/** Unreviewed counts per category and in total (GET /archive/review/summary). */
export function useReviewSummary(enabled = true) {
  return useQuery({
    queryKey: REVIEW_SUMMARY_KEY,
    enabled,
    queryFn: async () => unwrap(await api.GET('/api/v1/archive/review/summary')),
    staleTime: 10_000,
  });
}

/** 业绩档案审核: one page of a category's records, with the counts per status tab. */
export async function fetchReviewPage(query: { category: Category; status?: RecordStatus; q?: string; page: number; perPage: number }) {
  return unwrap(
    await api.GET('/api/v1/archive/review/records', {
      params: {
        query: {
          category: query.category,
          status: query.status,
          q: query.q || undefined,
          page: query.page,
          per_page: query.perPage,
        },
      },
    }),
  );
}
