import type { Schemas } from '../../api/types';
import { MB, type FileKind as SniffKind, type UploadRule } from '../../lib/upload';

type FileKind = Schemas['FileKind'];

const KIND_LABELS: Record<FileKind, string> = { pdf: 'PDF', jpg: 'JPG', png: 'PNG' };
const SNIFF: Record<FileKind, SniffKind> = { pdf: 'pdf', jpg: 'jpeg', png: 'png' };
const EXTENSIONS: Record<FileKind, string[]> = { pdf: ['pdf'], jpg: ['jpg', 'jpeg'], png: ['png'] };

/** 证件照: jpg / png, ≤ 2 MB, portrait (the server checks the content and the size in pixels). */
export const PHOTO_RULE: UploadRule = {
  kinds: ['jpeg', 'png'],
  extensions: ['jpg', 'jpeg', 'png'],
  maxBytes: 2 * MB,
  describe: '支持 JPG、PNG 格式，不超过2MB',
};

/** The upload rule of one item of the plan's 附件要求 (its types, ≤ 10 MB). */
export function ruleFor(types: readonly FileKind[]): UploadRule {
  return {
    kinds: types.map((t) => SNIFF[t]),
    extensions: types.flatMap((t) => EXTENSIONS[t]),
    maxBytes: 10 * MB,
    describe: `支持 ${types.map((t) => KIND_LABELS[t]).join('、')} 格式，单个文件不超过10MB`,
  };
}

/** The `accept` of the file chooser for those types. */
export function acceptOf(types: readonly FileKind[]): string {
  return types.flatMap((t) => EXTENSIONS[t].map((e) => `.${e}`)).join(',');
}

export function typesLabel(types: readonly FileKind[]): string {
  return types.map((t) => KIND_LABELS[t]).join(' / ');
}
