import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Schemas } from '../../api/types';
import { fetchAllOrgUnits } from '../admin/api';

export type Plan = Schemas['Plan'];
export type PlanInput = Schemas['PlanInput'];
export type PlanPage = Schemas['PlanPage'];
export type PlanStatus = Schemas['PlanStatus'];
export type PlanType = Schemas['PlanType'];
export type TitleGrade = Schemas['TitleGrade'];
export type TitleSeries = Schemas['TitleSeries'];
export type EligibilityRules = Schemas['EligibilityRules'];
export type EducationLevel = Schemas['EducationLevel'];
export type FileKind = Schemas['FileKind'];
export type AttachmentRequirement = Schemas['AttachmentRequirement'];

export const PLAN_KEY = ['plan'] as const;

/** 申报计划 (HRSS): one page of the list with the counts per status tab. */
export async function fetchPlans(query: { status?: PlanStatus; planType?: PlanType; year?: number; q?: string; page: number; perPage: number }) {
  return unwrap(
    await api.GET('/api/v1/plans', {
      params: {
        query: {
          status: query.status,
          plan_type: query.planType,
          year: query.year,
          q: query.q || undefined,
          page: query.page,
          per_page: query.perPage,
        },
      },
    }),
  );
}

export async function fetchPlan(id: string): Promise<Plan> {
  return unwrap(await api.GET('/api/v1/plans/{id}', { params: { path: { id } } }));
}

/** One plan (HRSS in its jurisdiction; an applicant for plans open to its employer). */
export function usePlan(id: string | null | undefined) {
  return useQuery({ queryKey: [...PLAN_KEY, id], enabled: !!id, queryFn: () => fetchPlan(id!) });
}

export async function createPlan(body: PlanInput): Promise<Plan> {
  return unwrap(await api.POST('/api/v1/plans', { body }));
}

export async function updatePlan(id: string, body: PlanInput): Promise<Plan> {
  return unwrap(await api.PUT('/api/v1/plans/{id}', { params: { path: { id } }, body }));
}

export async function deletePlan(id: string): Promise<void> {
  unwrap(await api.DELETE('/api/v1/plans/{id}', { params: { path: { id } } }));
}

export async function publishPlan(id: string): Promise<Plan> {
  return unwrap(await api.POST('/api/v1/plans/{id}/publish', { params: { path: { id } } }));
}

export async function closePlan(id: string): Promise<Plan> {
  return unwrap(await api.POST('/api/v1/plans/{id}/close', { params: { path: { id } } }));
}

/** 可申报的计划 (individual): published, open now, open to the applicant's employer. */
export async function fetchOpenPlans(query: { planType?: PlanType; series?: string; affiliationId?: string; q?: string; page: number; perPage: number }) {
  return unwrap(
    await api.GET('/api/v1/plans/open', {
      params: {
        query: {
          plan_type: query.planType,
          series: query.series || undefined,
          affiliation_id: query.affiliationId || undefined,
          q: query.q || undefined,
          page: query.page,
          per_page: query.perPage,
        },
      },
    }),
  );
}

/** 职称系列目录 with levels and titles (public reference data, rarely changes). */
export function useTitleSeries() {
  return useQuery({
    queryKey: ['reference', 'title-series'],
    staleTime: 5 * 60_000,
    queryFn: async () => unwrap(await api.GET('/api/v1/reference/title-series')),
  });
}

/**
 * The units a plan form picks from, inside the HRSS user's jurisdiction: departments
 * (人社部门、主管部门) for 单位隶属关系 and 受理部门, committees for 受理评审委员会.
 */
export function usePlanUnits(enabled = true) {
  return useQuery({
    queryKey: ['plan-units'],
    enabled,
    staleTime: 60_000,
    queryFn: async () => {
      const [hrss, competent, committee] = await Promise.all([
        fetchAllOrgUnits({ kind: 'hrss' }),
        fetchAllOrgUnits({ kind: 'competent' }),
        fetchAllOrgUnits({ kind: 'committee' }),
      ]);
      return { departments: [...hrss, ...competent], committees: committee };
    },
  });
}
