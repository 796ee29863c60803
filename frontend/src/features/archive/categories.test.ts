// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import { CATEGORIES, CATEGORY_CONFIGS, ENUMS, categoryConfig, numberedLabel, splitTitle, titleColumns } from './categories';
import { displayValue, toArchiveData, toFormValues } from './formValues';

// The committed OpenAPI document the generated types come from.
type Json = Record<string, unknown>;
const spec = JSON.parse(readFileSync(new URL('../../../../openapi/openapi.json', import.meta.url), 'utf8')) as {
  components: { schemas: Record<string, Json> };
};
const schemas = spec.components.schemas;
const refName = (ref: unknown) => String(ref).split('/').pop()!;

/** The data schema of one category, from ArchiveData's oneOf. */
function dataSchema(category: string): { name: string; schema: Json } {
  const variants = (schemas.ArchiveData.oneOf as Json[]).map((v) => v.properties as Record<string, Json>);
  const variant = variants.find((p) => (p.category.enum as string[])[0] === category);
  if (!variant) throw new Error(`no ArchiveData variant for ${category}`);
  const name = refName(variant.data.$ref);
  return { name, schema: schemas[name] };
}

/** What a property is: its format / type, or the enum it refers to. */
function describeProp(p: Json): { kind: string; enumName?: string } {
  const variants = (p.oneOf as Json[] | undefined) ?? [p];
  const main = variants.find((v) => v.type !== 'null') ?? p;
  if (main.$ref) return { kind: 'enum', enumName: refName(main.$ref) };
  const types = ([] as unknown[]).concat(main.type ?? []);
  if (main.format === 'date') return { kind: 'date' };
  if (types.includes('boolean')) return { kind: 'boolean' };
  if (types.includes('integer')) return { kind: 'integer' };
  if (types.includes('number')) return { kind: 'number' };
  return { kind: 'string' };
}

const KIND_FOR: Record<string, string[]> = {
  date: ['date'],
  boolean: ['bool'],
  integer: ['int', 'year'],
  number: ['number'],
  string: ['text', 'textarea'],
  enum: ['select'],
};

describe('archive category field configs', () => {
  const categories = schemas.Category.enum as string[];

  it('has one config per category, in the manuals’ order 1–17', () => {
    expect(categories).toHaveLength(17);
    expect(CATEGORIES.map((c) => c.key)).toEqual(categories);
    CATEGORIES.forEach((c, i) => expect(c.number).toBe(i + 1));
    expect(numberedLabel('education')).toBe('1. 教育经历');
    expect(numberedLabel('training')).toBe('3. 继续教育（培训）情况');
    expect(numberedLabel('assessment')).toBe('17. 考核情况');
  });

  it.each(categories)('%s: fields and required fields match the schema', (category) => {
    const cfg = CATEGORY_CONFIGS[category as keyof typeof CATEGORY_CONFIGS];
    const { schema } = dataSchema(category);
    const props = schema.properties as Record<string, Json>;
    expect(cfg.fields.map((f) => f.name).sort()).toEqual(Object.keys(props).sort());
    const required = cfg.fields.filter((f) => f.required).map((f) => f.name).sort();
    expect(required).toEqual([...((schema.required as string[]) ?? [])].sort());
    for (const f of cfg.fields) {
      expect(f.label, `${category}.${f.name} label`).toMatch(/[\u4e00-\u9fa5A-Z]/);
      const d = describeProp(props[f.name]);
      expect(KIND_FOR[d.kind], `${category}.${f.name} is ${d.kind}`).toContain(f.kind);
      if (d.enumName) {
        const values = schemas[d.enumName].enum as string[];
        expect(f.options, `${category}.${f.name} options`).toBeDefined();
        expect(f.options!.length, `${category}.${f.name} options vs ${d.enumName}`).toBe(values.length);
        // The API exchanges the Chinese labels; once the spec lists them, they must match exactly.
        if (values.some((v) => /[^\x20-\x7e]/.test(v))) expect([...f.options!]).toEqual(values);
      }
    }
    for (const c of cfg.columns) expect(props[c], `${category} column ${c}`).toBeDefined();
  });

  it('declares every enum the schema uses, value for value in length', () => {
    for (const [name, values] of Object.entries(ENUMS)) {
      expect(schemas[name], name).toBeDefined();
      expect((schemas[name].enum as string[]).length, name).toBe(values.length);
    }
  });
});

describe('form values', () => {
  it('round-trips a record through the form', () => {
    const cfg = categoryConfig('education');
    const data = {
      start_date: '2008-09-01',
      end_date: '2012-06-30',
      school: '浙江大学',
      major: '水利水电工程',
      education_level: '大学本科',
      degree: '学士',
      schooling_years: 4,
      study_mode: '全日制',
      diploma_no: null,
      degree_certificate_no: null,
      highest: true,
    };
    const values = toFormValues(cfg, data);
    expect(dayjs.isDayjs(values.start_date)).toBe(true);
    expect(toArchiveData(cfg, values)).toEqual({ category: 'education', data });
  });

  it('trims text, sends null for empty optional fields and a number for the year', () => {
    const cfg = categoryConfig('assessment');
    const out = toArchiveData(cfg, { year: dayjs('2024-01-01'), result: '优秀', assessing_unit: '  ' });
    expect(out).toEqual({ category: 'assessment', data: { year: 2024, result: '优秀', assessing_unit: null } });
    const work = toArchiveData(categoryConfig('work_history'), {
      start_date: dayjs('2012-07-01'),
      unit: ' 宁波市水利规划设计研究院有限公司 ',
      post: '工程师',
      work_content: '水利工程设计',
    });
    expect(work.data).toMatchObject({ end_date: null, unit: '宁波市水利规划设计研究院有限公司', referee: null });
  });

  it('shows 至今 for an open end date, 是/否 for flags and 年度 for years', () => {
    const end = categoryConfig('work_history').fields.find((f) => f.name === 'end_date')!;
    expect(displayValue(end, null)).toBe('至今');
    const highest = categoryConfig('education').fields.find((f) => f.name === 'highest')!;
    expect(displayValue(highest, true)).toBe('是');
    expect(displayValue(highest, false)).toBe('否');
    const year = categoryConfig('assessment').fields.find((f) => f.name === 'year')!;
    expect(displayValue(year, 2024)).toBe('2024年度');
  });
});

describe('review-list title columns', () => {
  it('splits 教育经历 into 学校名称/学位授予单位 and 学历/学位 (seed 000 §3)', () => {
    const edu = categoryConfig('education');
    expect(titleColumns(edu)).toEqual(['学校名称/学位授予单位', '学历/学位']);
    // The server's example title (ReviewRow.title).
    const example = (schemas.ReviewRow.properties as Record<string, Json>).title.example as string;
    expect(splitTitle(edu, example)).toEqual(['测试', '大学本科/学士']);
    expect(splitTitle(edu, '浙江大学 · 城市学院 · 大学本科')).toEqual(['浙江大学 · 城市学院', '大学本科']);
  });

  it('splits 奖惩 after its closed-set first part and keeps one-part titles whole', () => {
    expect(splitTitle(categoryConfig('reward_punishment'), '奖励 · 年度先进 · 个人')).toEqual(['奖励', '年度先进 · 个人']);
    expect(titleColumns(categoryConfig('honor'))).toEqual(['荣誉称号']);
    expect(splitTitle(categoryConfig('honor'), '五一劳动奖章')).toEqual(['五一劳动奖章']);
    expect(splitTitle(categoryConfig('education'), '没有分隔')).toEqual(['没有分隔', '']);
  });
});
