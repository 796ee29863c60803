import type { Category } from '../../api/types';
import { CATEGORIES } from '../archive/categories';
import { formatDateTime } from '../../lib/format';
import type { Declaration, DeclarationStatus } from './api';
import type { StepNo } from './steps';
import type { Schemas } from '../../api/types';

/** 退回修改: what the reviewer named, and where the applicant fixes it (SPEC §9). */
export type ReturnRecord = Schemas['ReturnRecord'];
export type ReturnItem = Schemas['ReturnItem'];
type Stage = Schemas['Stage'];

/** Section 1 基本信息 (with the declaration info of step 4). */
export const BASIC_SECTION = 1;
/** Section 18 申报材料附件信息. */
export const ATTACHMENT_SECTION = 18;

/**
 * The archive categories of section 2–17, in the order of the manuals; 14 专业技术资格证书 and
 * 15 资质证书 share section 15 资格与资质证书, so the categories after them move up by one.
 */
export function sectionCategories(section: number): Category[] {
  if (!Number.isInteger(section) || section < 2 || section > 17) return [];
  const byNumber = (n: number) => CATEGORIES.find((c) => c.number === n)?.key;
  const numbers = section <= 14 ? [section - 1] : section === 15 ? [14, 15] : [section];
  return numbers.map(byNumber).filter((c): c is Category => !!c);
}

/** The section of the 18-section layout that shows an archive category. */
export function categorySection(category: Category): number {
  const n = CATEGORIES.find((c) => c.key === category)?.number ?? 0;
  return n <= 13 ? n + 1 : n <= 15 ? 15 : n;
}

/** The wizard step that fixes a returned item: 1 → 填写申报信息, 2–17 → 选择业绩, 18 → 上传附件. */
export function sectionStep(section: number): StepNo {
  if (section === ATTACHMENT_SECTION) return 6;
  if (section >= 2 && section <= 17) return 5;
  return 4;
}

/** The items of a return that one step fixes, in the reviewer's order. */
export function itemsForStep(ret: Pick<ReturnRecord, 'items'> | null | undefined, step: StepNo): ReturnItem[] {
  return (ret?.items ?? []).filter((i) => sectionStep(i.section) === step);
}

/** The steps a return names, in step order (for the marks on the step bar). */
export function returnSteps(ret: Pick<ReturnRecord, 'items'> | null | undefined): StepNo[] {
  return [...new Set((ret?.items ?? []).map((i) => sectionStep(i.section)))].sort((a, b) => a - b);
}

/** The items naming one archive category (its section). */
export function itemsForCategory(ret: Pick<ReturnRecord, 'items'> | null | undefined, category: Category): ReturnItem[] {
  const section = categorySection(category);
  return (ret?.items ?? []).filter((i) => i.section === section);
}

/**
 * The items naming one attachment of the plan (0-based); a section-18 item without an
 * attachment names the whole list and is shown above it instead.
 */
export function itemsForAttachment(ret: Pick<ReturnRecord, 'items'> | null | undefined, item: number): ReturnItem[] {
  return (ret?.items ?? []).filter((i) => i.section === ATTACHMENT_SECTION && i.attachment === item);
}

/** What a returned item is called: the server's title, else the section number. */
export function itemTitle(i: ReturnItem): string {
  if (i.title) return i.title;
  if (i.section === ATTACHMENT_SECTION) return i.attachment != null ? `18. 申报材料附件信息 · 第 ${i.attachment + 1} 项` : '18. 申报材料附件信息';
  return `第 ${i.section} 部分`;
}

/** The colour of a status tag (antd Tag presets). */
export function statusColor(status: DeclarationStatus): string {
  switch (status) {
    case 'draft':
      return 'default';
    case 'returned':
      return 'warning';
    case 'failed':
      return 'error';
    case 'passed':
    case 'accepted':
    case 'approved':
      return 'success';
    default:
      return 'processing';
  }
}

/** Every status, as the filter of 我的申报记录 lists them. */
export const STATUS_OPTIONS: { value: DeclarationStatus; label: string }[] = [
  { value: 'draft', label: '草稿' },
  { value: 'submitted', label: '待单位审查' },
  { value: 'returned', label: '退回修改' },
  { value: 'in_review', label: '审查中' },
  { value: 'passed', label: '审查通过，待推荐' },
  { value: 'failed', label: '审查不通过' },
  { value: 'accepted', label: '评委会已受理' },
  { value: 'approved', label: '认定通过' },
];

/**
 * Where a declaration stands in one line: the unit holding it, the stage and since when
 * ("宁波市水利局 资格审查中（2026-11-27 10:00 起）"); a return waits for the applicant; without
 * a holder otherwise (a draft) the server's sentence.
 */
export function stageLine(stage: Stage): string {
  if (stage.status === 'returned') return `${stage.status_label}（${formatDateTime(stage.since)} 起），请按退回意见修改后重新提交`;
  if (!stage.holder) return stage.description;
  return `${stage.holder.name} ${stage.status_label}（${formatDateTime(stage.since)} 起）`;
}

/** Whether the wizard is open for a returned declaration (the alert and the highlights show). */
export function openReturn(d: Pick<Declaration, 'open_return' | 'stage'>): ReturnRecord | null {
  return d.stage.status === 'returned' && d.open_return ? d.open_return : null;
}
