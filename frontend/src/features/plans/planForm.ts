import dayjs, { type Dayjs } from 'dayjs';
import type { AttachmentRequirement, EducationLevel, EligibilityRules, FileKind, Plan, PlanInput, PlanStatus, PlanType, TitleGrade } from './api';

export const PLAN_TYPE_LABELS: Record<PlanType, string> = { review: '评审', recognition: '认定', initial: '初定' };
export const PLAN_TYPES = Object.keys(PLAN_TYPE_LABELS) as PlanType[];

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = { draft: '草稿', published: '已发布', closed: '已关闭' };
export const PLAN_STATUS_COLORS: Record<PlanStatus, string> = { draft: 'default', published: 'success', closed: 'error' };

/** 职称层级, lowest first: the catalogue's level names. */
export const GRADE_LABELS: Record<TitleGrade, string> = {
  junior: '员级',
  assistant: '助理级',
  intermediate: '中级',
  associate_senior: '副高级',
  senior: '正高级',
};
export const GRADES = Object.keys(GRADE_LABELS) as TitleGrade[];

/** The grade of a catalogue level name (副高级 → associate_senior). */
export function gradeOfLabel(label: string): TitleGrade | undefined {
  return GRADES.find((g) => GRADE_LABELS[g] === label);
}

/** 最低学历, highest first (the server's EducationLevel enum). */
const EDUCATION: Record<EducationLevel, number> = {
  博士研究生: 0,
  硕士研究生: 1,
  大学本科: 2,
  大学专科: 3,
  中专: 4,
  高中及以下: 5,
};
export const EDUCATION_LEVELS = (Object.keys(EDUCATION) as EducationLevel[]).sort((a, b) => EDUCATION[a] - EDUCATION[b]);

export const FILE_KIND_LABELS: Record<FileKind, string> = { pdf: 'PDF', jpg: 'JPG', png: 'PNG' };
export const FILE_KINDS = Object.keys(FILE_KIND_LABELS) as FileKind[];

/** Who accepts declarations of a plan type: 受理评审委员会 for 评审, 受理部门 for 认定 / 初定. */
export function acceptorLabel(t: PlanType): string {
  return t === 'review' ? '受理评审委员会' : '受理部门';
}

// ── money: the API counts 分, people read 元 ──────────────────────────────────────────

/** 450 (元, up to two decimals) → 45000 分; rounding away binary fractions (19.99 → 1999). */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export function fenToYuan(fen: number): number {
  return fen / 100;
}

/** 45000 → "450.00 元" (integer arithmetic, no float rounding). */
export function formatFee(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} 元`;
}

// ── 申报对象资格 in words ────────────────────────────────────────────────────────────

/** The machine-checkable rules of a plan as sentences, in a fixed order; none → []. */
export function rulesToWords(rules: EligibilityRules | null | undefined): string[] {
  if (!rules) return [];
  const out: string[] = [];
  if (rules.min_education) out.push(`具有${rules.min_education}及以上学历`);
  if (rules.min_years_in_profession !== undefined && rules.min_years_in_profession !== null) {
    out.push(`从事本专业技术工作满${rules.min_years_in_profession}年`);
  }
  if (rules.current_title) {
    const t = rules.current_title;
    const level = GRADE_LABELS[t.level];
    out.push(t.min_years_held > 0 ? `取得${level}及以上职称后任职满${t.min_years_held}年` : `具有${level}及以上职称`);
  }
  if (rules.continuing_education) {
    const c = rules.continuing_education;
    out.push(`近${c.years}年每年继续教育学时不少于${c.hours_per_year}学时`);
  }
  if (rules.assessments) out.push(`近${rules.assessments.years}年年度考核均为合格及以上`);
  return out;
}

// ── the plan form ───────────────────────────────────────────────────────────────────

export type RuleKey = keyof EligibilityRules;
export const RULE_KEYS: RuleKey[] = ['min_years_in_profession', 'min_education', 'current_title', 'continuing_education', 'assessments'];

/** The form's values: PlanInput with times as dayjs, the fee in 元 and a switch per rule. */
export interface PlanFormValues {
  year?: number;
  name?: string;
  plan_type?: PlanType;
  series?: string;
  level?: TitleGrade;
  specialties?: string[];
  affiliation_ids?: string[];
  acceptor_ids?: string[];
  opens_at?: Dayjs | null;
  closes_at?: Dayjs | null;
  description?: string;
  attachments?: Partial<AttachmentRequirement>[];
  qualification?: string;
  fee_yuan?: number | null;
  /** Which rules are checked. */
  rule_on?: Partial<Record<RuleKey, boolean>>;
  rules?: {
    min_years_in_profession?: number | null;
    min_education?: EducationLevel | null;
    current_title?: { level?: TitleGrade | null; min_years_held?: number | null };
    continuing_education?: { hours_per_year?: number | null; years?: number | null };
    assessments?: { years?: number | null };
  };
}

/** A new plan's form: this year, 评审, one required PDF attachment, free. */
export function emptyPlanForm(now: Dayjs = dayjs()): PlanFormValues {
  return {
    year: now.year(),
    plan_type: 'review',
    specialties: [],
    affiliation_ids: [],
    acceptor_ids: [],
    description: '',
    qualification: '',
    attachments: [{ name: '单位推荐意见表', required: true, types: ['pdf'] }],
    fee_yuan: 0,
    rule_on: {},
    rules: {},
  };
}

/** A plan as read → the form's values. */
export function planToForm(p: Plan): PlanFormValues {
  const r = p.rules ?? {};
  return {
    year: p.year,
    name: p.name,
    plan_type: p.plan_type,
    series: p.series,
    level: p.level,
    specialties: [...p.specialties],
    affiliation_ids: p.affiliations.map((u) => u.id),
    acceptor_ids: p.acceptors.map((u) => u.id),
    opens_at: dayjs(p.opens_at),
    closes_at: dayjs(p.closes_at),
    description: p.description,
    attachments: p.attachments.map((a) => ({ name: a.name, required: a.required, types: [...a.types] })),
    qualification: p.qualification,
    fee_yuan: fenToYuan(p.fee_fen),
    rule_on: Object.fromEntries(RULE_KEYS.map((k) => [k, r[k] !== undefined && r[k] !== null])),
    rules: {
      min_years_in_profession: r.min_years_in_profession ?? null,
      min_education: r.min_education ?? null,
      current_title: r.current_title ? { ...r.current_title } : undefined,
      continuing_education: r.continuing_education ? { ...r.continuing_education } : undefined,
      assessments: r.assessments ? { ...r.assessments } : undefined,
    },
  };
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? 0 : Number(v));

/** Only the switched-on rules, with their numbers. */
function formRules(v: PlanFormValues): EligibilityRules {
  const on = v.rule_on ?? {};
  const r = v.rules ?? {};
  const out: EligibilityRules = {};
  if (on.min_years_in_profession) out.min_years_in_profession = num(r.min_years_in_profession);
  if (on.min_education && r.min_education) out.min_education = r.min_education;
  if (on.current_title && r.current_title?.level) {
    out.current_title = { level: r.current_title.level, min_years_held: num(r.current_title.min_years_held) };
  }
  if (on.continuing_education) {
    out.continuing_education = {
      hours_per_year: num(r.continuing_education?.hours_per_year),
      years: num(r.continuing_education?.years),
    };
  }
  if (on.assessments) out.assessments = { years: num(r.assessments?.years) };
  return out;
}

/**
 * The form's values → the request body. Texts are trimmed, empty specialties dropped, the
 * fee converted to 分; the server checks the rest and answers per field.
 */
export function formToPlanInput(v: PlanFormValues): PlanInput {
  return {
    year: Number(v.year),
    name: (v.name ?? '').trim(),
    plan_type: v.plan_type ?? 'review',
    series: v.series ?? '',
    level: v.level ?? 'intermediate',
    specialties: (v.specialties ?? []).map((s) => s.trim()).filter(Boolean),
    affiliation_ids: [...(v.affiliation_ids ?? [])],
    acceptor_ids: [...(v.acceptor_ids ?? [])],
    opens_at: (v.opens_at ?? dayjs()).toISOString(),
    closes_at: (v.closes_at ?? dayjs()).toISOString(),
    description: v.description ?? '',
    attachments: (v.attachments ?? []).map((a) => ({
      name: (a.name ?? '').trim(),
      required: !!a.required,
      types: [...(a.types ?? [])],
    })),
    qualification: v.qualification ?? '',
    rules: formRules(v),
    fee_fen: yuanToFen(Number(v.fee_yuan ?? 0)),
  };
}

/**
 * The form field of a server validation error: `attachments[1].name` → ['attachments', 1,
 * 'name'], `rules.current_title.level` → ['rules', 'current_title', 'level'], `fee_fen` → the
 * 元 field.
 */
export function formPathOf(field: string): (string | number)[] {
  if (field === 'fee_fen') return ['fee_yuan'];
  return field
    .split(/[.[\]]+/)
    .filter(Boolean)
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** Fields the form shows, as their top-level names (errors on others go to a message). */
export const PLAN_FORM_FIELDS = [
  'year',
  'name',
  'plan_type',
  'series',
  'level',
  'specialties',
  'affiliation_ids',
  'acceptor_ids',
  'opens_at',
  'closes_at',
  'description',
  'attachments',
  'qualification',
  'fee_yuan',
  'rules',
] as const;

/** What a published plan still lets its publisher change (the server's rule, for the form). */
export const PUBLISHED_EDITABLE: readonly string[] = ['description', 'closes_at', 'attachments.name'];
