import type { Decision, DecisionResult } from '../../api/types';

export const DECISION_LABELS: Record<Decision, string> = {
  approve: '通过',
  reject: '不通过',
  return: '退回',
};

/** The opinion box's title, as in seed 000 (填写审核通过意见 / 填写审核不通过意见 / 填写退回意见). */
export const OPINION_TITLES: Record<Decision, string> = {
  approve: '填写审核通过意见',
  reject: '填写审核不通过意见',
  return: '填写退回意见',
};

export const OPINION_REQUIRED: Record<Decision, string | null> = {
  approve: null,
  reject: '请填写不通过意见',
  return: '请填写退回意见，说明需要修改的内容',
};

export interface OutcomeFailure {
  recordId: string;
  /** Applicant and record as shown in the list, when known. */
  who: string;
  message: string;
}

export interface OutcomeSummary {
  succeeded: number;
  failed: number;
  /** "成功 n 条，失败 m 条" */
  text: string;
  failures: OutcomeFailure[];
}

/**
 * Per-item outcomes of a batch decision → "成功 n 条，失败 m 条" and the failures with
 * the applicant's name and the record's summary (from the rows the reviewer selected).
 */
export function summarizeOutcomes(
  result: DecisionResult,
  rows: ReadonlyMap<string, { owner: { name: string }; title: string }>,
): OutcomeSummary {
  const failures = result.items
    .filter((i) => !i.ok)
    .map((i) => {
      const row = rows.get(i.record_id);
      return {
        recordId: i.record_id,
        who: row ? `${row.owner.name} · ${row.title}` : i.record_id,
        message:
          i.message ??
          (i.code === 'already_reviewed' ? '该记录已被其他审核人处理' : i.code === 'not_found' ? '记录不存在或不属于本单位' : '审核失败'),
      };
    });
  const succeeded = result.items.filter((i) => i.ok).length;
  const failed = failures.length;
  return { succeeded, failed, text: `成功 ${succeeded} 条，失败 ${failed} 条`, failures };
}
