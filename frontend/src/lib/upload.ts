/**
 * Client-side pre-checks for uploads, mirroring the server's rules (SPEC §12: the content
 * is checked, not only the name). The server stays the authority (413 / 422 problems).
 */

export type FileKind = 'pdf' | 'jpeg' | 'png';

export interface UploadRule {
  /** Accepted kinds (by content). */
  kinds: readonly FileKind[];
  /** Accepted file-name extensions, lower case, without the dot. */
  extensions: readonly string[];
  maxBytes: number;
  /** How the rule reads for people: "PDF、JPG 或 PNG 文件，不超过10MB". */
  describe: string;
}

export const MB = 1024 * 1024;

/** 业绩档案附件: pdf / jpg / png, ≤ 10 MB. */
export const ARCHIVE_ATTACHMENT: UploadRule = {
  kinds: ['pdf', 'jpeg', 'png'],
  extensions: ['pdf', 'jpg', 'jpeg', 'png'],
  maxBytes: 10 * MB,
  describe: '支持 PDF、JPG、PNG 格式，单个文件不超过10MB',
};

/** 单位证件 for registration without a credit code: jpg / jpeg, ≤ 1 MB (seed 000 §1.1). */
export const UNIT_CERTIFICATE: UploadRule = {
  kinds: ['jpeg'],
  extensions: ['jpg', 'jpeg'],
  maxBytes: 1 * MB,
  describe: '照片支持.jpg、.jpeg 格式，大小不超过1M',
};

/** 授权委托书证明: a PDF scan, ≤ 10 MB (seed 000 §2). */
export const AUTHORISATION_PDF: UploadRule = {
  kinds: ['pdf'],
  extensions: ['pdf'],
  maxBytes: 10 * MB,
  describe: '请上传加盖单位公章的PDF扫描件，不超过10MB',
};

/** BibTeX / RIS files for 导入论文. */
export const PAPER_IMPORT: UploadRule = {
  kinds: [],
  extensions: ['bib', 'ris', 'txt'],
  maxBytes: 2 * MB,
  describe: '支持 BibTeX（.bib）或 RIS（.ris）文件，不超过2MB',
};

const KIND_LABEL: Record<FileKind, string> = { pdf: 'PDF', jpeg: 'JPG', png: 'PNG' };

/** What the first bytes say the file is. */
export function sniffKind(head: Uint8Array): FileKind | null {
  const starts = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  return null;
}

export function formatSize(bytes: number): string {
  if (bytes >= MB) return `${(bytes / MB).toFixed(bytes >= 10 * MB ? 0 : 1)}MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)}KB`;
  return `${bytes}B`;
}

function extensionOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i < 0 ? '' : name.slice(i + 1).toLowerCase();
}

export type PrecheckResult = { ok: true } | { ok: false; message: string };

/** Name, size and (when `head` is given) content checks. */
export function precheck(
  file: { name: string; size: number },
  rule: UploadRule,
  head?: Uint8Array,
): PrecheckResult {
  if (file.size === 0) return { ok: false, message: `文件“${file.name}”是空文件` };
  if (!rule.extensions.includes(extensionOf(file.name))) {
    return { ok: false, message: `文件“${file.name}”格式不支持：${rule.describe}` };
  }
  if (file.size > rule.maxBytes) {
    return {
      ok: false,
      message: `文件“${file.name}”大小为${formatSize(file.size)}，超过${formatSize(rule.maxBytes)}的限制`,
    };
  }
  if (head && rule.kinds.length) {
    const kind = sniffKind(head);
    if (!kind || !rule.kinds.includes(kind)) {
      const want = rule.kinds.map((k) => KIND_LABEL[k]).join('、');
      return { ok: false, message: `文件“${file.name}”的内容不是有效的${want}文件` };
    }
  }
  return { ok: true };
}

/** Read the first bytes of a Blob (content check before upload). */
export async function readHead(file: Blob, n = 16): Promise<Uint8Array> {
  const part = file.slice(0, n);
  const buf = typeof part.arrayBuffer === 'function' ? await part.arrayBuffer() : await new Response(part).arrayBuffer();
  return new Uint8Array(buf);
}

/** The full pre-check for a browser File: name, size, then content. */
export async function precheckFile(file: File, rule: UploadRule): Promise<PrecheckResult> {
  const first = precheck(file, rule);
  if (!first.ok || !rule.kinds.length) return first;
  return precheck(file, rule, await readHead(file));
}
