import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { plan } from './testPlan';
import {
  EDUCATION_LEVELS,
  emptyPlanForm,
  formatFee,
  formPathOf,
  formToPlanInput,
  gradeOfLabel,
  planToForm,
  rulesToWords,
  yuanToFen,
  fenToYuan,
} from './planForm';


describe('fees', () => {
  it('converts 元 to 分 without float noise', () => {
    expect(yuanToFen(450)).toBe(45000);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(0)).toBe(0);
    expect(fenToYuan(45050)).toBe(450.5);
  });

  it('shows 分 as 元 with two decimals', () => {
    expect(formatFee(45000)).toBe('450.00 元');
    expect(formatFee(1999)).toBe('19.99 元');
    expect(formatFee(5)).toBe('0.05 元');
    expect(formatFee(0)).toBe('0.00 元');
    expect(formatFee(100000000)).toBe('1000000.00 元');
  });
});

describe('rules in words', () => {
  it('says every rule, in a fixed order', () => {
    expect(rulesToWords(plan.rules)).toEqual([
      '具有大学本科及以上学历',
      '从事本专业技术工作满10年',
      '取得中级及以上职称后任职满5年',
      '近5年每年继续教育学时不少于90学时',
      '近3年年度考核均为合格及以上',
    ]);
  });

  it('leaves absent rules out, and says a title without years plainly', () => {
    expect(rulesToWords({})).toEqual([]);
    expect(rulesToWords(undefined)).toEqual([]);
    expect(rulesToWords({ current_title: { level: 'assistant', min_years_held: 0 }, min_years_in_profession: 0 })).toEqual([
      '从事本专业技术工作满0年',
      '具有助理级及以上职称',
    ]);
  });
});

describe('plan form ↔ PlanInput', () => {
  it('round-trips a plan', () => {
    const input = formToPlanInput(planToForm(plan));
    expect(input).toEqual({
      year: 2026,
      name: plan.name,
      plan_type: 'review',
      series: 'engineering',
      level: 'associate_senior',
      specialties: ['水利工程', '水文水资源'],
      affiliation_ids: ['a1'],
      acceptor_ids: ['c1'],
      opens_at: '2026-03-01T00:00:00.000Z',
      closes_at: '2026-04-30T09:30:00.000Z',
      description: '说明',
      attachments: plan.attachments,
      qualification: '遵守国家法律法规',
      rules: plan.rules,
      fee_fen: 45000,
    });
  });

  it('sends only the switched-on rules, trims texts and converts the fee', () => {
    const v = planToForm(plan);
    v.rule_on = { ...v.rule_on, min_years_in_profession: false, continuing_education: false, assessments: false };
    v.name = '  关于2027年度工程师申报通知 ';
    v.specialties = [' 水利工程 ', '', '水文'];
    v.attachments = [{ name: ' 推荐表 ', required: undefined, types: ['pdf'] }];
    v.fee_yuan = 12.34;
    const input = formToPlanInput(v);
    expect(input.rules).toEqual({ min_education: '大学本科', current_title: { level: 'intermediate', min_years_held: 5 } });
    expect(input.name).toBe('关于2027年度工程师申报通知');
    expect(input.specialties).toEqual(['水利工程', '水文']);
    expect(input.attachments).toEqual([{ name: '推荐表', required: false, types: ['pdf'] }]);
    expect(input.fee_fen).toBe(1234);
  });

  it('turns a switched-on rule without numbers into zeros for the server to judge', () => {
    const v = emptyPlanForm(dayjs('2026-05-01'));
    v.rule_on = { continuing_education: true, assessments: true, current_title: true };
    expect(formToPlanInput(v).rules).toEqual({ continuing_education: { hours_per_year: 0, years: 0 }, assessments: { years: 0 } });
  });

  it('starts a new plan this year as a free 评审 with one required PDF', () => {
    const v = emptyPlanForm(dayjs('2026-05-01'));
    expect(v.year).toBe(2026);
    expect(v.plan_type).toBe('review');
    expect(v.attachments).toEqual([{ name: '单位推荐意见表', required: true, types: ['pdf'] }]);
    expect(formToPlanInput(v).fee_fen).toBe(0);
  });
});

describe('helpers', () => {
  it('maps server error fields onto form paths', () => {
    expect(formPathOf('name')).toEqual(['name']);
    expect(formPathOf('attachments[1].name')).toEqual(['attachments', 1, 'name']);
    expect(formPathOf('rules.current_title.min_years_held')).toEqual(['rules', 'current_title', 'min_years_held']);
    expect(formPathOf('fee_fen')).toEqual(['fee_yuan']);
  });

  it('knows the catalogue level names and the education order', () => {
    expect(gradeOfLabel('副高级')).toBe('associate_senior');
    expect(gradeOfLabel('特级')).toBeUndefined();
    expect(EDUCATION_LEVELS[0]).toBe('博士研究生');
    expect(EDUCATION_LEVELS.at(-1)).toBe('高中及以下');
  });
});
