import type { ExportKind, ExportRequest, ReviewKind, ReviewTab } from './api';

/** The list's filters as the page keeps them. */
export interface ListFilters {
  kind: ReviewKind;
  tab: ReviewTab;
  q: string;
  year?: number;
  planId?: string;
  acceptorId?: string;
}

/** The export request for what the list shows (the same filters as `GET /reviews`). */
export function exportRequest(kind: ExportKind, f: ListFilters): ExportRequest {
  return {
    kind,
    filters: {
      kind: f.kind,
      tab: f.tab,
      year: f.year ?? null,
      plan_id: f.planId ?? null,
      acceptor_id: f.acceptorId ?? null,
      q: f.q.trim() || null,
    },
  };
}

export const EXPORT_LABELS: Record<ExportKind, string> = { roster: '导出名单', publicity: '导出公示表' };

/** Why the export buttons are off on a tab, or null when they work (退回记录 cannot be exported). */
export function exportBlocker(tab: ReviewTab): string | null {
  return tab === 'returned' ? '退回记录不能导出，请切换到其他标签' : null;
}
