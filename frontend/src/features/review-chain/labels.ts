import dayjs, { type Dayjs } from 'dayjs';
import type { BatchOutcome, ChainDecision, DeclarationStatus, ReviewItem, ReviewTab } from './api';

/** Who is reviewing: the employer, a competent / HRSS department, or the committee office. */
export type ReviewerRole = 'employer' | 'department' | 'committee';

/** The tabs of every review list, in the seed's order. */
export const REVIEW_TABS: readonly ReviewTab[] = ['pending', 'passed', 'failed', 'returned', 'all'];

/** 待审查 · 审查通过 · 审查不通过 · 退回记录 · 全部 (seed 000 §4); the committee office 受理s. */
export function tabLabels(role: ReviewerRole): Record<ReviewTab, string> {
  if (role === 'committee') {
    return { pending: '待受理', passed: '已受理', awaiting: '待推荐', failed: '不予受理', returned: '退回记录', all: '全部' };
  }
  return { pending: '待审查', passed: '审查通过', awaiting: '待推荐', failed: '审查不通过', returned: '退回记录', all: '全部' };
}

/** 资格审查推荐 (employer) or 审核推荐 (departments, seed 004 二 4). */
export function recommendLabel(role: ReviewerRole): string {
  return role === 'employer' ? '资格审查推荐' : '审核推荐';
}

/** The opinion box of each decision, as in seed 000 §4. */
export const OPINION_TITLES: Record<ChainDecision, string> = {
  pass: '填写审核通过意见',
  fail: '填写审核不通过意见',
  return: '填写退回意见',
};

/**
 * The buttons: 通过 is the server's `pass_label` (审查通过 / 受理 / 认定通过) when given; the
 * departments' fail is 评审不通过 (seed 004 二 3).
 */
export function decisionLabel(d: ChainDecision, passLabel?: string | null, role?: ReviewerRole): string {
  if (d === 'pass') return passLabel || '通过';
  if (d === 'fail') return role === 'department' ? '评审不通过' : '不通过';
  return '退回';
}

/** The declaration's states, as the 审查日志 shows them (from → to). */
export const DECLARATION_STATUS_LABELS: Record<DeclarationStatus, string> = {
  draft: '草稿',
  submitted: '待单位审查',
  returned: '退回修改',
  in_review: '审查中',
  passed: '审查通过，待推荐',
  failed: '审查不通过',
  accepted: '评委会已受理',
  approved: '认定通过',
};

/** 专业技术资格 as the seed lists it: 高级工程师(副高级), without the series. */
export function qualificationLabel(titleName: string): string {
  const i = titleName.lastIndexOf('-');
  return i >= 0 ? titleName.slice(i + 1) : titleName;
}

export interface SectionOption {
  value: number;
  label: string;
}

/**
 * What a 退回 item can name: 1. 基本信息, the record sections of the view (2–17, with 14 and
 * 15 together), 18. 申报材料附件信息.
 */
export function returnSectionOptions(sections: readonly { no: number; title: string }[]): SectionOption[] {
  const middle = sections.filter((s) => s.no > 1 && s.no < 18).map((s) => ({ value: s.no, label: `${s.no}. ${s.title}` }));
  return [{ value: 1, label: '1. 基本信息' }, ...middle, { value: 18, label: '18. 申报材料附件信息' }];
}

/** Section 18's attachment items (`attachment` is 0-based, the row numbers 1-based). */
export function attachmentOptions(rows: readonly { no: number; name: string; required: boolean }[]): SectionOption[] {
  return rows.map((r) => ({ value: r.no - 1, label: `${r.no}. ${r.name}${r.required ? '（必要）' : ''}` }));
}

export interface ReturnDraft {
  section?: number;
  attachment?: number | null;
  comment?: string;
}

/** The form's items → the request's, trimmed; `attachment` only for section 18. */
export function returnItems(drafts: readonly ReturnDraft[]) {
  return drafts
    .filter((d): d is ReturnDraft & { section: number } => typeof d.section === 'number')
    .map((d) => ({
      section: d.section,
      attachment: d.section === 18 && typeof d.attachment === 'number' ? d.attachment : null,
      comment: (d.comment ?? '').trim(),
    }));
}

export interface RecommendSummary {
  text: string;
  rows: { id: string; name: string; ok: boolean; message: string }[];
}

/** Per-item outcomes of a batch → "成功 n 份，失败 m 份" and a line per declaration. */
export function summarizeBatch(outcome: BatchOutcome, rows: ReadonlyMap<string, Pick<ReviewItem, 'applicant_name'>>): RecommendSummary {
  return {
    text: `成功 ${outcome.succeeded} 份，失败 ${outcome.failed} 份`,
    rows: outcome.items.map((i) => ({
      id: i.declaration_id,
      name: rows.get(i.declaration_id)?.applicant_name ?? i.declaration_id,
      ok: i.ok,
      message: i.ok
        ? i.holder
          ? `已推荐至${i.holder.name}`
          : '已推荐'
        : (i.message ?? (i.code === 'version_conflict' ? '该申报已被他人处理，请刷新后重试' : '推荐失败')),
    })),
  };
}

/** Whether a publicity ending on `endsOn` has ended (its last day is before today). */
export function publicityEnded(endsOn: Dayjs | undefined, today: Dayjs = dayjs()): boolean {
  return !!endsOn && endsOn.isBefore(today, 'day');
}
