import { api } from '../../api/client';
import { unwrap } from '../../api/problem';
import type { Attachment, Category, RecordStatus, Schemas } from '../../api/types';
import { filenameFrom, saveBlob } from '../../lib/download';
import { multipart } from '../../api/multipart';


export async function uploadAttachment(recordId: string, file: File): Promise<Attachment> {
  return unwrap(
    await api.POST('/api/v1/archive/records/{id}/attachments', {
      params: { path: { id: recordId } },
      ...multipart<Schemas['FileUpload']>({ file }),
    }),
  );
}

export async function deleteAttachment(recordId: string, attachmentId: string): Promise<void> {
  unwrap(
    await api.DELETE('/api/v1/archive/records/{id}/attachments/{attachment_id}', {
      params: { path: { id: recordId, attachment_id: attachmentId } },
    }),
  );
}

/** Download an attachment with the session's token and save it under its name. */
export async function downloadAttachment(recordId: string, att: Pick<Attachment, 'id' | 'name'>): Promise<void> {
  const blob = await fetchAttachmentBlob(recordId, att.id);
  saveBlob(blob.blob, filenameFrom(blob.disposition, att.name) || att.name);
}

export async function fetchAttachmentBlob(recordId: string, attachmentId: string) {
  const r = await api.GET('/api/v1/archive/records/{id}/attachments/{attachment_id}', {
    params: { path: { id: recordId, attachment_id: attachmentId } },
    parseAs: 'blob',
  });
  const blob = unwrap(r) as unknown as Blob;
  return { blob, disposition: r.response.headers.get('Content-Disposition') };
}

export async function fetchRecord(id: string) {
  return unwrap(await api.GET('/api/v1/archive/records/{id}', { params: { path: { id } } }));
}

export async function fetchLogs(id: string) {
  return unwrap(await api.GET('/api/v1/archive/records/{id}/logs', { params: { path: { id } } }));
}

/** 我的业绩档案库: one page of the applicant's records of a category, with counts per status. */
export async function fetchMyRecords(query: { category: Category; status?: RecordStatus; page: number; perPage: number }) {
  return unwrap(
    await api.GET('/api/v1/archive/records', {
      params: { query: { category: query.category, status: query.status, page: query.page, per_page: query.perPage } },
    }),
  );
}
