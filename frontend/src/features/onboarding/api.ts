import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/problem';
import type { ApplicationKind, ApplicationStatus } from '../../api/types';

export const AUTHORISATION_KEY = ['employer-authorisation'] as const;

/**
 * The employer's 授权委托证明 (SPEC §4.2; GET /employer/authorisation). Until it is
 * approved the employer sees only the authorisation page.
 */
export function useEmployerAuthorisation(enabled: boolean) {
  return useQuery({
    queryKey: AUTHORISATION_KEY,
    enabled,
    staleTime: 30_000,
    queryFn: async () => unwrap(await api.GET('/api/v1/employer/authorisation')),
  });
}

/** The problem code other employer endpoints answer until the proof is approved. */
export const AUTHORISATION_REQUIRED = 'authorisation_required';

export function isAuthorisationRequired(err: unknown): boolean {
  return err instanceof ApiError && err.status === 403 && err.problem?.code === AUTHORISATION_REQUIRED;
}

/** 单位授权审核: one page of registrations or authorisation proofs, with counts per status. */
export async function fetchApplications(query: {
  kind: ApplicationKind;
  status?: ApplicationStatus;
  q?: string;
  page: number;
  perPage: number;
}) {
  return unwrap(
    await api.GET('/api/v1/employer-applications', {
      params: {
        query: { kind: query.kind, status: query.status, q: query.q || undefined, page: query.page, per_page: query.perPage },
      },
    }),
  );
}

/** The uploaded certificate or authorisation proof of an application. */
export async function fetchApplicationFile(id: string): Promise<Blob> {
  const r = await api.GET('/api/v1/employer-applications/{id}/file', { params: { path: { id } }, parseAs: 'blob' });
  return unwrap(r) as unknown as Blob;
}
