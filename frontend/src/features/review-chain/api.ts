import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { paths } from '../../api/schema';
import { filenameFrom, saveBlob } from '../../lib/download';

/*
 * 资格审查 (SPEC §9; seed 000 §4–5, seed 004 二): the reviewers' side of the review chain.
 * Types are taken from the operations of the generated client (never written by hand).
 */
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ReviewListQuery = NonNullable<paths['/api/v1/reviews']['get']['parameters']['query']>;
export type ReviewPage = Json<paths['/api/v1/reviews']['get']['responses'][200]>;
export type ReviewItem = ReviewPage['items'][number];
export type ReviewCounts = ReviewPage['counts'];
export type ReviewKind = NonNullable<ReviewListQuery['kind']>;
export type ReviewTab = NonNullable<ReviewListQuery['tab']>;
export type ReviewDetail = Json<paths['/api/v1/reviews/{id}']['get']['responses'][200]>;
export type ReviewActions = ReviewDetail['actions'];
export type TimelineEntry = ReviewDetail['log'][number];
export type ReturnRecord = ReviewDetail['returns'][number];
export type DecideBody = Json<NonNullable<paths['/api/v1/reviews/{id}/decision']['post']['requestBody']>>;
export type ChainDecision = DecideBody['decision'];
export type ReturnItem = NonNullable<DecideBody['items']>[number];
export type BatchOutcome = Json<paths['/api/v1/reviews/recommend']['post']['responses'][200]>;
export type Publicity = Json<paths['/api/v1/reviews/publicities']['post']['responses'][200]>;
export type PublicityInput = Json<NonNullable<paths['/api/v1/reviews/publicities']['post']['requestBody']>>;
export type PublicityOutcomeValue = Json<NonNullable<paths['/api/v1/reviews/publicities/{id}/outcome']['put']['requestBody']>>['outcome'];
export type FeeSettingPage = Json<paths['/api/v1/reviews/fee-settings']['get']['responses'][200]>;
export type FeeSetting = FeeSettingPage['items'][number];
export type DeclarationStatus = NonNullable<TimelineEntry['to_status']>;

export const REVIEWS_KEY = ['reviews'] as const;

export async function fetchReviews(query: ReviewListQuery): Promise<ReviewPage> {
  return unwrap(await api.GET('/api/v1/reviews', { params: { query } }));
}

export async function fetchReviewDetail(id: string): Promise<ReviewDetail> {
  return unwrap(await api.GET('/api/v1/reviews/{id}', { params: { path: { id } } }));
}

export function useReviewDetail(id: string | null) {
  return useQuery({ queryKey: [...REVIEWS_KEY, 'detail', id], enabled: !!id, queryFn: () => fetchReviewDetail(id!) });
}

export async function decide(id: string, body: DecideBody): Promise<ReviewDetail> {
  return unwrap(await api.POST('/api/v1/reviews/{id}/decision', { params: { path: { id } }, body }));
}

export async function recommend(items: { declaration_id: string; version: number }[]): Promise<BatchOutcome> {
  return unwrap(await api.POST('/api/v1/reviews/recommend', { body: { items } }));
}

export async function recordPublicity(body: PublicityInput): Promise<Publicity> {
  return unwrap(await api.POST('/api/v1/reviews/publicities', { body }));
}

export async function recordPublicityOutcome(id: string, outcome: PublicityOutcomeValue, note: string | null): Promise<Publicity> {
  return unwrap(await api.PUT('/api/v1/reviews/publicities/{id}/outcome', { params: { path: { id } }, body: { outcome, note } }));
}

export async function fetchPublicities(page: number, perPage: number) {
  return unwrap(await api.GET('/api/v1/reviews/publicities', { params: { query: { page, per_page: perPage } } }));
}

export async function fetchFeeSettings(query: { year?: number; page: number; perPage: number }): Promise<FeeSettingPage> {
  return unwrap(
    await api.GET('/api/v1/reviews/fee-settings', { params: { query: { year: query.year, page: query.page, per_page: query.perPage } } }),
  );
}

export async function setFeeSetting(planId: string, charge: boolean): Promise<FeeSetting> {
  return unwrap(await api.PUT('/api/v1/reviews/fee-settings/{plan_id}', { params: { path: { plan_id: planId } }, body: { charge } }));
}

/**
 * The choices of the —申报年度— / —申报计划名称— / —受理部门— filters: the years, plans and
 * accepting units of what the unit has seen (the 全部 list, newest 100).
 */
export function useFilterOptions(kind: ReviewKind) {
  return useQuery({
    queryKey: [...REVIEWS_KEY, 'filter-options', kind],
    staleTime: 60_000,
    queryFn: async () => filterOptions((await fetchReviews({ kind, tab: 'all', page: 1, per_page: 100 })).items),
  });
}

export interface FilterOptions {
  years: number[];
  plans: { id: string; name: string; year: number }[];
  acceptors: { id: string; name: string }[];
}

export function filterOptions(items: readonly Pick<ReviewItem, 'plan' | 'acceptor'>[]): FilterOptions {
  const years = new Set<number>();
  const plans = new Map<string, { id: string; name: string; year: number }>();
  const acceptors = new Map<string, { id: string; name: string }>();
  for (const it of items) {
    years.add(it.plan.year);
    plans.set(it.plan.id, { id: it.plan.id, name: it.plan.name, year: it.plan.year });
    if (it.acceptor) acceptors.set(it.acceptor.id, { id: it.acceptor.id, name: it.acceptor.name });
  }
  return {
    years: [...years].sort((a, b) => b - a),
    plans: [...plans.values()].sort((a, b) => b.year - a.year || a.name.localeCompare(b.name, 'zh-CN')),
    acceptors: [...acceptors.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}

export type ExportRequest = Json<NonNullable<paths['/api/v1/reviews/exports']['post']['requestBody']>>;
export type ExportJob = Json<paths['/api/v1/reviews/exports/{id}']['get']['responses'][200]>;
export type ExportKind = ExportRequest['kind'];

/** 导出名单 / 导出公示表: start the job (202, the rows counted). */
export async function startExport(body: ExportRequest): Promise<ExportJob> {
  return unwrap(await api.POST('/api/v1/reviews/exports', { body }));
}

/** The job and its progress, polled every second until it is done or failed. */
export function useExportJob(initial: ExportJob | null) {
  return useQuery({
    queryKey: [...REVIEWS_KEY, 'export', initial?.id],
    enabled: !!initial,
    initialData: initial ?? undefined,
    initialDataUpdatedAt: 0,
    queryFn: async () => unwrap(await api.GET('/api/v1/reviews/exports/{id}', { params: { path: { id: initial!.id } } })),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000),
    gcTime: 0,
  });
}

/** Download the finished xlsx with the session's token, under the job's file name. */
export async function downloadExport(job: Pick<ExportJob, 'id' | 'file_name'>) {
  const r = await api.GET('/api/v1/reviews/exports/{id}/file', { params: { path: { id: job.id } }, parseAs: 'blob' });
  const blob = unwrap(r) as unknown as Blob;
  saveBlob(blob, job.file_name || filenameFrom(r.response.headers.get('Content-Disposition'), '导出.xlsx'));
}
