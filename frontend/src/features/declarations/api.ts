import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { multipart } from '../../api/multipart';
import { ApiError, unwrap } from '../../api/problem';
import type { Schemas } from '../../api/types';
import { filenameFrom, saveBlob } from '../../lib/download';

/** 职称申报 (declarations, SPEC §8; seed 002 §4–7). */
export type Declaration = Schemas['Declaration'];
export type DeclarationSummary = Schemas['DeclarationSummary'];
export type DeclarationView = Schemas['DeclarationView'];
export type DeclarationInfo = Schemas['DeclarationInfo'];
export type DeclarationStatus = Schemas['DeclarationStatus'];
export type Progress = Schemas['Progress'];
export type SubmitCheck = Schemas['SubmitCheck'];
export type CheckKind = Schemas['CheckKind'];
export type RecordChoice = Schemas['RecordChoice'];
export type AttachmentItem = Schemas['AttachmentItem'];
export type AttachmentRow = Schemas['AttachmentRow'];
export type SigningSession = Schemas['SigningSession'];
export type SigningPage = Schemas['SigningPage'];
export type RuleOutcome = Schemas['RuleOutcome'];
export type RecognitionKind = Schemas['RecognitionKind'];

export const DECLARATION_KEY = ['declaration'] as const;
export const DECLARATIONS_KEY = ['declarations'] as const;

/** The wizard of a declaration. */
export function declarationWizardPath(id: string, step?: number): string {
  const path = `/declare/edit/${encodeURIComponent(id)}`;
  return step ? `${path}?step=${step}` : path;
}

export const MY_DECLARATIONS_PATH = '/my-declarations';

/**
 * 【马上申报】: create the draft declaration for the plan (or take up the existing draft) and
 * answer the wizard's path (a plan already submitted answers 409 declaration_exists).
 */
export async function startDeclaration(planId: string): Promise<string> {
  const d = unwrap(await api.POST('/api/v1/declarations', { body: { plan_id: planId } }));
  return declarationWizardPath(d.id);
}

export async function fetchDeclaration(id: string): Promise<Declaration> {
  return unwrap(await api.GET('/api/v1/declarations/{id}', { params: { path: { id } } }));
}

/** The declaration being edited; `pollMs` keeps asking (the phone may sign meanwhile). */
export function useDeclaration(id: string | null | undefined, pollMs?: number | false) {
  return useQuery({
    queryKey: [...DECLARATION_KEY, id],
    enabled: !!id,
    queryFn: () => fetchDeclaration(id!),
    refetchInterval: pollMs || false,
  });
}

export async function fetchDeclarations(query: { status?: DeclarationStatus; page: number; perPage: number }) {
  return unwrap(
    await api.GET('/api/v1/declarations', {
      params: { query: { status: query.status, page: query.page, per_page: query.perPage } },
    }),
  );
}

export async function deleteDeclaration(id: string): Promise<void> {
  unwrap(await api.DELETE('/api/v1/declarations/{id}', { params: { path: { id } } }));
}

export async function withdrawDeclaration(id: string): Promise<Declaration> {
  return unwrap(await api.POST('/api/v1/declarations/{id}/withdraw', { params: { path: { id } } }));
}

export async function uploadPhoto(id: string, file: File): Promise<Declaration> {
  return unwrap(
    await api.PUT('/api/v1/declarations/{id}/photo', {
      params: { path: { id } },
      ...multipart<Schemas['FileUpload']>({ file }),
    }),
  );
}

async function blobOf(r: { data?: unknown; error?: unknown; response: Response }): Promise<{ blob: Blob; disposition: string | null }> {
  const blob = unwrap(r) as unknown as Blob;
  return { blob, disposition: r.response.headers.get('Content-Disposition') };
}

export async function fetchPhoto(id: string): Promise<Blob> {
  return (await blobOf(await api.GET('/api/v1/declarations/{id}/photo', { params: { path: { id } }, parseAs: 'blob' }))).blob;
}

export async function fetchSignature(id: string): Promise<Blob> {
  return (
    await blobOf(await api.GET('/api/v1/declarations/{id}/guarantee/signature', { params: { path: { id } }, parseAs: 'blob' }))
  ).blob;
}

export async function startSigning(id: string): Promise<SigningSession> {
  return unwrap(await api.POST('/api/v1/declarations/{id}/guarantee/signing', { params: { path: { id } } }));
}

export async function saveInfo(id: string, info: DeclarationInfo, acceptorId: string | null): Promise<Declaration> {
  return unwrap(
    await api.PUT('/api/v1/declarations/{id}/info', {
      params: { path: { id } },
      body: { info, acceptor_id: acceptorId },
    }),
  );
}

export async function fetchRecordChoices(id: string) {
  return unwrap(await api.GET('/api/v1/declarations/{id}/records', { params: { path: { id } } }));
}

export async function extractRecords(id: string, recordIds: string[]) {
  return unwrap(
    await api.POST('/api/v1/declarations/{id}/records/extract', { params: { path: { id } }, body: { record_ids: recordIds } }),
  );
}

export async function ignoreRecords(id: string, recordIds: string[]) {
  return unwrap(
    await api.POST('/api/v1/declarations/{id}/records/ignore', { params: { path: { id } }, body: { record_ids: recordIds } }),
  );
}

export async function uploadDeclarationAttachment(id: string, item: number, file: File): Promise<AttachmentItem> {
  return unwrap(
    await api.POST('/api/v1/declarations/{id}/attachments/{item}', {
      params: { path: { id, item } },
      ...multipart<Schemas['FileUpload']>({ file }),
    }),
  );
}

export async function deleteDeclarationAttachment(id: string, item: number, attachmentId: string): Promise<AttachmentItem> {
  return unwrap(
    await api.DELETE('/api/v1/declarations/{id}/attachments/{item}/{attachment_id}', {
      params: { path: { id, item, attachment_id: attachmentId } },
    }),
  );
}

export async function fetchDeclarationAttachmentBlob(id: string, item: number, attachmentId: string) {
  return blobOf(
    await api.GET('/api/v1/declarations/{id}/attachments/{item}/{attachment_id}', {
      params: { path: { id, item, attachment_id: attachmentId } },
      parseAs: 'blob',
    }),
  );
}

/** Download one of the declaration's attachments with the session's token. */
export async function downloadDeclarationAttachment(id: string, item: number, att: { id: string; name: string }) {
  const { blob, disposition } = await fetchDeclarationAttachmentBlob(id, item, att.id);
  saveBlob(blob, filenameFrom(disposition, att.name) || att.name);
}

/** Download a file of an extracted record as its snapshot holds it. */
export async function downloadSnapshotAttachment(id: string, recordId: string, att: { id: string; name: string }) {
  const { blob, disposition } = await blobOf(
    await api.GET('/api/v1/declarations/{id}/records/{record_id}/attachments/{file_id}', {
      params: { path: { id, record_id: recordId, file_id: att.id } },
      parseAs: 'blob',
    }),
  );
  saveBlob(blob, filenameFrom(disposition, att.name) || att.name);
}

export async function fetchPreview(id: string): Promise<DeclarationView> {
  return unwrap(await api.GET('/api/v1/declarations/{id}/preview', { params: { path: { id } } }));
}

export function usePreview(id: string | null | undefined) {
  return useQuery({ queryKey: [...DECLARATION_KEY, id, 'preview'], enabled: !!id, queryFn: () => fetchPreview(id!) });
}

/** A fresh key for one click of 【提交】 (kept for that click's automatic retries only). */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/** Whether a failed submission may be sent again with the same key (network loss, still in progress). */
export function retriableSubmitError(err: unknown): boolean {
  if (err instanceof TypeError) return true;
  if (err instanceof ApiError) {
    return err.status >= 502 || (err.status === 409 && err.problem?.code === 'idempotency_in_progress');
  }
  return false;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * 【提交】: one click, one Idempotency-Key; a lost answer or a request still in progress is
 * retried with the same key (at most `attempts` times), so the server submits at most once.
 */
export async function submitDeclaration(id: string, version: number, key = newIdempotencyKey(), attempts = 3): Promise<Declaration> {
  for (let n = 1; ; n++) {
    try {
      return unwrap(
        await api.POST('/api/v1/declarations/{id}/submit', {
          params: { path: { id }, header: { 'Idempotency-Key': key } },
          body: { version },
        }),
      );
    } catch (err) {
      if (n >= attempts || !retriableSubmitError(err)) throw err;
      await sleep(600 * n);
    }
  }
}

/** 手机签署页 (no login). */
export async function fetchSigningPage(token: string): Promise<SigningPage> {
  return unwrap(await api.GET('/api/v1/signing/{token}', { params: { path: { token } } }));
}

export async function signGuarantee(token: string, png: Blob): Promise<void> {
  const file = new File([png], 'signature.png', { type: 'image/png' });
  unwrap(
    await api.POST('/api/v1/signing/{token}', {
      params: { path: { token } },
      ...multipart<Schemas['FileUpload']>({ file }),
    }),
  );
}
