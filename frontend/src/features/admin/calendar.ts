import dayjs from 'dayjs';
import { api } from '../../api/client';
import { ApiError, isProblem, unwrap } from '../../api/problem';
import type { Schemas } from '../../api/types';

/** 节假日安排: the official calendar of holidays and make-up working days (调休). */
export type CalendarYear = Schemas['CalendarYear'];
export type CalendarDay = Schemas['CalendarDay'];
export type CalendarDayInput = Schemas['CalendarDayInput'];
export type WorkingDays = Schemas['WorkingDays'];

export const CALENDAR_KEY = ['calendar'] as const;

export async function fetchCalendarYears(): Promise<CalendarYear[]> {
  return unwrap(await api.GET('/api/v1/calendar/years'));
}

export async function fetchWorkingDays(start: string, end: string): Promise<WorkingDays> {
  return unwrap(await api.GET('/api/v1/calendar/working-days', { params: { query: { start, end } } }));
}

export async function putCalendarYear(year: number, note: string, days: CalendarDayInput[]): Promise<CalendarYear> {
  return unwrap(await api.PUT('/api/v1/calendar/years/{year}', { params: { path: { year } }, body: { note, days } }));
}

export async function deleteCalendarYear(year: number): Promise<void> {
  unwrap(await api.DELETE('/api/v1/calendar/years/{year}', { params: { path: { year } } }));
}

/**
 * A year's named days as the entry form holds them, read back from the calendar: holidays
 * (放假) and make-up working days (上班) — every day the calendar names.
 */
export function namedDays(days: readonly CalendarDay[]): CalendarDayInput[] {
  return days.filter((d) => !!d.name).map((d) => ({ date: d.date, off_day: !d.working, name: d.name ?? '' }));
}

/** Every date of a range (both ends), as YYYY-MM-DD. */
export function datesBetween(start: string, end: string): string[] {
  const out: string[] = [];
  const last = dayjs(end);
  for (let d = dayjs(start); !d.isAfter(last, 'day') && out.length <= 400; d = d.add(1, 'day')) out.push(d.format('YYYY-MM-DD'));
  return out;
}

export type DayKind = 'holiday' | 'makeup' | 'weekend' | 'workday';

/** What a day of the checker is: 法定节假日, 调休上班, 周末 or an ordinary 工作日. */
export function dayKind(d: Pick<CalendarDay, 'date' | 'working' | 'name'>): DayKind {
  const weekend = [0, 6].includes(dayjs(d.date).day());
  if (!d.working) return weekend && !d.name ? 'weekend' : 'holiday';
  return weekend ? 'makeup' : 'workday';
}

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  holiday: '放假',
  makeup: '调休上班',
  weekend: '周末',
  workday: '工作日',
};

/** Rows of the entry form with a problem: `days[3].date` → row 4 (the server's `errors`). */
export function problemLines(err: unknown): string[] {
  const problem = err instanceof ApiError ? err.problem : isProblem(err) ? err : null;
  return (problem?.errors ?? []).map((e) => {
    const m = /^days(?:\[(\d+)\]|\.(\d+))/.exec(e.field);
    return m ? `第 ${Number(m[1] ?? m[2]) + 1} 行：${e.message}` : e.message;
  });
}

/**
 * Rows to save: a date outside the year or entered twice (the later row names the earlier
 * one) and an empty name are refused here. Answers the days or the messages.
 */
export function checkRows(
  year: number,
  rows: readonly Partial<CalendarDayInput>[],
): { ok: true; days: CalendarDayInput[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const no = i + 1;
    if (!r.date) errors.push(`第 ${no} 行：请选择日期`);
    else if (dayjs(r.date).year() !== year) errors.push(`第 ${no} 行：${r.date} 不在 ${year} 年`);
    else if (seen.has(r.date)) errors.push(`第 ${no} 行：${r.date} 与第 ${seen.get(r.date)} 行重复`);
    else seen.set(r.date, no);
    if (!r.name || !r.name.trim()) errors.push(`第 ${no} 行：请填写节日名称`);
  });
  if (errors.length) return { ok: false, errors };
  // In the rows' order, so the server's `days.<i>` points at the row shown.
  return { ok: true, days: rows.map((r) => ({ date: r.date!, off_day: r.off_day ?? true, name: r.name!.trim() })) };
}
