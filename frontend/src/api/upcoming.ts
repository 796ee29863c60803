/**
 * TEMPORARY bridge for endpoints the lead announced but that are not yet in
 * `openapi/openapi.json` (employer onboarding, paper import). Each type here mirrors the
 * announcement and is replaced by the generated one (`npm run gen:api`) as soon as the
 * endpoint lands; then the calls move to the typed `api` client.
 */
import { localTokenStore } from './tokens';
import { ApiError, isProblem } from './problem';

async function call<T>(method: string, path: string, body?: BodyInit | object, auth = true): Promise<T> {
  const headers = new Headers({ Accept: 'application/json' });
  const token = localTokenStore.getAccess();
  if (auth && token) headers.set('Authorization', `Bearer ${token}`);
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers.set('Content-Type', 'application/json');
    payload = JSON.stringify(body);
  }
  const res = await globalThis.fetch(path, { method, headers, body: payload });
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiError(res.status, isProblem(json) ? json : null);
  return json as T;
}

export const upcoming = {
  get: <T>(path: string, auth = true) => call<T>('GET', path, undefined, auth),
  post: <T>(path: string, body?: BodyInit | object, auth = true) => call<T>('POST', path, body, auth),
  put: <T>(path: string, body?: object) => call<T>('PUT', path, body),
};

export interface ParsedPaper {
  title: string;
  journal: string | null;
  year: number | null;
  month: number | null;
  volume: string | null;
  issue: string | null;
  pages: string | null;
  issn: string | null;
  doi: string | null;
  authors: string[];
  warnings: string[];
}

export interface ParsedPapers {
  items: ParsedPaper[];
}

export type AuthorisationStatus = 'none' | 'pending' | 'approved' | 'rejected';

export interface OrgUnitRefLite {
  id: string;
  name: string;
  kind: string;
}

/** GET /api/v1/employer/authorisation */
export interface EmployerAuthorisation {
  status: AuthorisationStatus;
  unit_name: string;
  credit_code: string | null;
  account: string;
  operator_name: string;
  phone_masked: string;
  affiliation: OrgUnitRefLite | null;
  opinion: string | null;
  submitted_at: string | null;
  decided_at: string | null;
}

/** GET /api/v1/public/departments */
export interface PublicDepartment {
  id: string;
  name: string;
  kind: 'hrss' | 'competent';
  parent_name: string | null;
}

/** GET /api/v1/employer/info */
export interface EmployerInfo {
  unit_name: string;
  credit_code: string | null;
  affiliation: OrgUnitRefLite | null;
  operator_name: string;
  phone_masked: string;
  status: string;
  changes: { field: 'phone' | 'operator'; old_value: string | null; new_value: string | null; created_at: string }[];
}

export type ApplicationKind = 'registration' | 'authorisation';
export type ApplicationStatus = 'pending' | 'approved' | 'rejected';

/** GET /api/v1/employer-applications (items) — fields as announced; refined when generated. */
export interface EmployerApplication {
  id: string;
  kind: ApplicationKind;
  status: ApplicationStatus;
  unit_name: string;
  credit_code?: string | null;
  certificate_no?: string | null;
  operator_name?: string | null;
  phone_masked?: string | null;
  affiliation?: OrgUnitRefLite | null;
  hrss?: OrgUnitRefLite | null;
  file_name?: string | null;
  file_content_type?: string | null;
  opinion?: string | null;
  submitted_at?: string;
  created_at?: string;
  decided_at?: string | null;
}

export interface EmployerApplicationPage {
  items: EmployerApplication[];
  total: number;
  page: number;
  per_page: number;
  counts: { pending: number; approved: number; rejected: number; all?: number };
}
