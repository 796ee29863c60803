import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/problem';
import { declarationWizardPath, newIdempotencyKey, retriableSubmitError, submitDeclaration } from './api';

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

describe('submitDeclaration', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('retries a lost answer with the same Idempotency-Key and the previewed version', async () => {
    const seen: { key: string | null; body: string }[] = [];
    const fetchMock = vi.fn(async (req: Request) => {
      seen.push({ key: req.headers.get('Idempotency-Key'), body: await req.clone().text() });
      if (seen.length === 1) throw new TypeError('Failed to fetch');
      if (seen.length === 2) return json(409, { status: 409, title: '处理中', detail: '处理中', code: 'idempotency_in_progress' }, 'application/problem+json');
      return json(200, { id: 'd1', stage: { status: 'submitted' } });
    });
    vi.stubGlobal('fetch', fetchMock);
    vi.useFakeTimers();
    const done = submitDeclaration('d1', 7, 'key-of-this-click');
    await vi.runAllTimersAsync();
    const d = await done;
    expect(d.id).toBe('d1');
    expect(seen).toHaveLength(3);
    expect(new Set(seen.map((s) => s.key))).toEqual(new Set(['key-of-this-click']));
    expect(JSON.parse(seen[0].body)).toEqual({ version: 7 });
  });

  it('does not retry a refusal', async () => {
    const fetchMock = vi.fn(async () =>
      json(
        422,
        { status: 422, title: '请求数据校验未通过', detail: '申报材料不完整', code: 'declaration_incomplete', errors: [{ field: 'photo', message: '请上传证件照' }] },
        'application/problem+json',
      ),
    );
    vi.stubGlobal('fetch', fetchMock);
    await expect(submitDeclaration('d1', 1, 'k')).rejects.toMatchObject({ status: 422 });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('helpers', () => {
  it('makes a fresh key per click', () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
    expect(newIdempotencyKey()).toMatch(/^[\x21-\x7e]{1,100}$/);
  });

  it('tells which failures may be retried', () => {
    expect(retriableSubmitError(new TypeError('Failed to fetch'))).toBe(true);
    expect(retriableSubmitError(new ApiError(503, null))).toBe(true);
    expect(retriableSubmitError(new ApiError(409, { status: 409, title: 't', code: 'idempotency_in_progress' } as never))).toBe(true);
    expect(retriableSubmitError(new ApiError(409, { status: 409, title: 't', code: 'version_conflict' } as never))).toBe(false);
    expect(retriableSubmitError(new ApiError(422, null))).toBe(false);
  });

  it('builds the wizard path', () => {
    expect(declarationWizardPath('abc')).toBe('/declare/edit/abc');
    expect(declarationWizardPath('abc', 3)).toBe('/declare/edit/abc?step=3');
  });
});
