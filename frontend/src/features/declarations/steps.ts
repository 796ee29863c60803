import type { CheckKind, Declaration, DeclarationInfo, Progress, SubmitCheck } from './api';
import type { Schemas } from '../../api/types';

/** The wizard's seven steps (seed 002 §4), numbered 1–7 like `progress.last_step`. */
export const STEPS = [
  { no: 1, title: '选择申报计划' },
  { no: 2, title: '上传证件照' },
  { no: 3, title: '签署保证书' },
  { no: 4, title: '填写申报信息' },
  { no: 5, title: '选择业绩' },
  { no: 6, title: '上传附件' },
  { no: 7, title: '预览并提交' },
] as const;

export type StepNo = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const FIRST_STEP: StepNo = 1;
export const LAST_STEP: StepNo = 7;

export function isStepNo(n: number): n is StepNo {
  return Number.isInteger(n) && n >= FIRST_STEP && n <= LAST_STEP;
}

/** A `?step=` value, when it names a step. */
export function parseStep(v: string | null | undefined): StepNo | null {
  if (!v) return null;
  const n = Number(v);
  return isStepNo(n) ? n : null;
}

/**
 * Where to take up a draft: the first of 证件照 / 保证书 (missing or expired) / 申报信息 that is
 * not done; then the step after the furthest one saved (选择业绩 at the earliest), back to
 * 上传附件 while a required attachment is missing once the applicant got that far.
 */
export function resumeStep(progress: Progress, guarantee?: { expired: boolean }): StepNo {
  if (!progress.photo) return 2;
  if (!progress.guarantee_signed || guarantee?.expired) return 3;
  if (!progress.info) return 4;
  const next = Math.min(LAST_STEP, Math.max(5, progress.last_step + 1));
  if (next >= 6 && progress.last_step >= 6 && !progress.attachments_complete) return 6;
  return next as StepNo;
}

const CHECK_STEPS: Record<CheckKind, StepNo> = {
  window: 1,
  photo: 2,
  guarantee: 3,
  info: 4,
  acceptor: 4,
  education: 5,
  work_history: 5,
  assessment: 5,
  attachment: 6,
};

/** The step that fixes an unmet submission check. */
export function checkStep(check: Pick<SubmitCheck, 'kind'>): StepNo {
  return CHECK_STEPS[check.kind] ?? LAST_STEP;
}

/** The step that fixes a field of a 422 `declaration_incomplete` (`photo`, `info.specialty`, `records.education`, `attachments.0`…). */
export function fieldStep(field: string): StepNo {
  const head = field.split('.')[0];
  switch (head) {
    case 'plan':
      return 1;
    case 'photo':
      return 2;
    case 'guarantee':
      return 3;
    case 'info':
    case 'acceptor_id':
      return 4;
    case 'records':
      return 5;
    case 'attachments':
      return 6;
    default:
      return LAST_STEP;
  }
}

/** Unmet checks first (in the order of the steps), met ones after. */
export function sortChecks<C extends Pick<SubmitCheck, 'kind' | 'met'>>(checks: readonly C[]): C[] {
  return checks
    .map((c, i) => ({ c, i }))
    .sort((a, b) => Number(a.c.met) - Number(b.c.met) || checkStep(a.c) - checkStep(b.c) || a.i - b.i)
    .map(({ c }) => c);
}

export function canSubmit(checks: readonly Pick<SubmitCheck, 'met'>[]): boolean {
  return checks.every((c) => c.met);
}

/** 受理评审委员会 for 评审, 受理部门 for 认定 / 初定. */
export function acceptorTitle(planType: Schemas['PlanType']): string {
  return planType === 'review' ? '受理评审委员会' : '受理部门';
}

export const RECOGNITION_KINDS: { value: Schemas['RecognitionKind']; label: string }[] = [
  { value: 'transfer_in', label: '外省调入' },
  { value: 'other', label: '其他' },
];

/** Remaining time of a signing link as 09:58 (mm:ss); 00:00 once expired. */
export function countdown(expiresAt: string | Date, now: number = Date.now()): string {
  const ms = Math.max(0, new Date(expiresAt).getTime() - now);
  const s = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 60))}:${pad(s % 60)}`;
}

const INFO_TEXT_FIELDS = [
  'specialty',
  'current_specialty',
  'archive_location',
  'foreign_language',
  'achievements',
  'specialities',
  'societies',
] as const satisfies readonly (keyof DeclarationInfo)[];

/** Form values of step 4 → the request body: trimmed text, empty text as null. */
export function toInfo(values: Partial<Record<keyof DeclarationInfo, unknown>>): DeclarationInfo {
  const out: DeclarationInfo = {};
  for (const k of INFO_TEXT_FIELDS) {
    const v = values[k];
    out[k] = typeof v === 'string' && v.trim() ? v.trim() : null;
  }
  const years = values.years_in_specialty;
  out.years_in_specialty = typeof years === 'number' && Number.isFinite(years) ? years : null;
  const kind = values.recognition_kind;
  out.recognition_kind = kind === 'transfer_in' || kind === 'other' ? kind : null;
  return out;
}

/** The server reports step 4's fields as `info.<name>`; the form names them `<name>`. */
export function infoFieldName(field: string): string {
  return field.startsWith('info.') ? field.slice(5) : field;
}

/** Whether a draft can still be edited in the wizard. */
export function editable(d: Pick<Declaration, 'actions'>): boolean {
  return d.actions.edit;
}
