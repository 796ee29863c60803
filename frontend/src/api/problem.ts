import type { FormInstance } from 'antd';
import type { components } from './schema';

export type Problem = components['schemas']['Problem'];

export function isProblem(x: unknown): x is Problem {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as Problem).status === 'number' &&
    (typeof (x as Problem).detail === 'string' || typeof (x as Problem).title === 'string')
  );
}

/** An API failure carrying the server's problem document, thrown by `unwrap`. */
export class ApiError extends Error {
  readonly problem: Problem | null;
  readonly status: number;
  constructor(status: number, problem: Problem | null) {
    super(problem?.detail || problem?.title || `请求失败（${status}）`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

/** The Chinese human message to show for any error. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (isProblem(err)) return err.detail || err.title;
  if (err instanceof TypeError) return '网络连接失败，请稍后重试';
  if (err instanceof Error && err.message) return err.message;
  return '操作失败，请稍后重试';
}

/** Unwrap an openapi-fetch result: the data, or throw ApiError with the problem. */
export function unwrap<T>(r: { data?: T; error?: unknown; response: Response }): T {
  if (r.error !== undefined || !r.response.ok) {
    throw new ApiError(r.response.status, isProblem(r.error) ? r.error : null);
  }
  return r.data as T;
}

/**
 * Put the server's per-field messages (`errors[]`) on the matching form fields.
 * Returns true when at least one field got a message.
 */
export function applyFieldErrors(
  form: FormInstance,
  err: unknown,
  fieldNames: readonly string[],
  fieldMap: Record<string, string> = {},
): boolean {
  const problem = err instanceof ApiError ? err.problem : isProblem(err) ? err : null;
  const list = problem?.errors ?? [];
  if (!list.length) return false;
  const byField = new Map<string, string[]>();
  for (const e of list) {
    const name = fieldMap[e.field] ?? e.field;
    byField.set(name, [...(byField.get(name) ?? []), e.message]);
  }
  const known = new Set(fieldNames);
  const fields = [...byField.entries()]
    .filter(([name]) => known.has(name))
    .map(([name, errors]) => ({ name, errors }));
  if (!fields.length) return false;
  form.setFields(fields);
  return true;
}

/**
 * The `remaining_attempts` extension member of a problem (a wrong password's 401 says how
 * many tries are left before the lockout), when the server sent one.
 */
export function remainingAttempts(err: unknown): number | null {
  const problem = err instanceof ApiError ? err.problem : isProblem(err) ? err : null;
  const value = problem ? (problem as unknown as Record<string, unknown>).remaining_attempts : undefined;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}
