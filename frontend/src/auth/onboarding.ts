import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../api/problem';
import { upcoming, type EmployerAuthorisation } from '../api/upcoming';

export const AUTHORISATION_KEY = ['employer-authorisation'] as const;

/**
 * The employer's 授权委托证明 (SPEC §4.2). Until it is approved the employer sees only the
 * authorisation page. While the endpoint is not deployed (404) the employer counts as
 * authorised, as the demo employer is.
 */
export function useEmployerAuthorisation(enabled: boolean) {
  return useQuery({
    queryKey: AUTHORISATION_KEY,
    enabled,
    staleTime: 30_000,
    queryFn: async (): Promise<EmployerAuthorisation | null> => {
      try {
        return await upcoming.get<EmployerAuthorisation>('/api/v1/employer/authorisation');
      } catch (err) {
        if (err instanceof ApiError && err.status === 404) return null;
        throw err;
      }
    },
  });
}

/** The problem code other employer endpoints answer until the proof is approved. */
export const AUTHORISATION_REQUIRED = 'authorisation_required';

export function isAuthorisationRequired(err: unknown): boolean {
  return err instanceof ApiError && err.status === 403 && err.problem?.code === AUTHORISATION_REQUIRED;
}
