import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';

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
