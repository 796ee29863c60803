import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/problem';
import { checkRows, datesBetween, dayKind, namedDays, problemLines } from './calendar';

describe('节假日安排', () => {
  it('marks holidays, make-up working days, weekends and ordinary days', () => {
    expect(dayKind({ date: '2026-02-16', working: false, name: '春节' })).toBe('holiday'); // a Monday off
    expect(dayKind({ date: '2026-02-14', working: true, name: '春节' })).toBe('makeup'); // a Saturday at work
    expect(dayKind({ date: '2026-03-07', working: false })).toBe('weekend');
    expect(dayKind({ date: '2026-10-03', working: false, name: '国庆节' })).toBe('holiday'); // a Saturday of the holiday
    expect(dayKind({ date: '2026-03-09', working: true })).toBe('workday');
  });

  it('reads a year back as the rows of the entry form', () => {
    expect(
      namedDays([
        { date: '2027-01-01', working: false, name: '元旦' },
        { date: '2027-01-04', working: true },
        { date: '2027-02-20', working: true, name: '春节' },
      ]),
    ).toEqual([
      { date: '2027-01-01', off_day: true, name: '元旦' },
      { date: '2027-02-20', off_day: false, name: '春节' },
    ]);
  });

  it('lists the dates of a range, both ends included', () => {
    expect(datesBetween('2027-02-27', '2027-03-02')).toEqual(['2027-02-27', '2027-02-28', '2027-03-01', '2027-03-02']);
  });

  it('refuses rows outside the year, twice the same date and empty names, naming the row', () => {
    const r = checkRows(2027, [
      { date: '2027-10-01', off_day: true, name: '国庆节' },
      { date: '2028-01-01', off_day: true, name: '元旦' },
      { date: '2027-10-01', off_day: true, name: '国庆节' },
      { date: '2027-10-09', off_day: false, name: ' ' },
      { off_day: true, name: '中秋节' },
    ]);
    expect(r).toEqual({
      ok: false,
      errors: ['第 2 行：2028-01-01 不在 2027 年', '第 3 行：2027-10-01 与第 1 行重复', '第 4 行：请填写节日名称', '第 5 行：请选择日期'],
    });
    expect(checkRows(2027, [{ date: '2027-10-09', off_day: false, name: ' 国庆节 ' }])).toEqual({
      ok: true,
      days: [{ date: '2027-10-09', off_day: false, name: '国庆节' }],
    });
  });

  it('turns the server field errors into row numbers', () => {
    const err = new ApiError(422, {
      status: 422,
      title: '请求数据校验未通过',
      detail: '请求数据校验未通过，请按提示修改后重试',
      code: 'validation_failed',
      type: 'about:blank',
      errors: [
        { field: 'days[2].date', message: '日期须在2027年内' },
        { field: 'days.0.name', message: '请填写节日名称' },
        { field: 'note', message: '请填写发布依据' },
      ],
    });
    expect(problemLines(err)).toEqual(['第 3 行：日期须在2027年内', '第 1 行：请填写节日名称', '请填写发布依据']);
  });
});
