import type { RecordStatus } from '../../api/types';

export const STATUS_LABELS: Record<RecordStatus, string> = {
  pending: '待审核',
  approved: '通过',
  rejected: '不通过',
  returned: '退回',
};

export const STATUS_COLORS: Record<RecordStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
};

export type StatusTab = RecordStatus | 'all';

/** Tab order of both manuals: 待审核 通过 不通过 退回 全部. */
export const STATUS_TABS: StatusTab[] = ['pending', 'approved', 'rejected', 'returned', 'all'];

export const STATUS_TAB_LABELS: Record<StatusTab, string> = { ...STATUS_LABELS, all: '全部' };

/** Pending and returned records can be edited (saving resubmits them). */
export const isEditable = (s: RecordStatus) => s === 'pending' || s === 'returned';
/** Pending and rejected records can be deleted; approved ones are frozen, returned ones kept. */
export const isDeletable = (s: RecordStatus) => s === 'pending' || s === 'rejected';
