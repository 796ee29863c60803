import type { Category, DataOf } from '../../api/types';

/**
 * The seventeen archive categories 业绩档案类别 (SPEC §5, Appendix A; seed 002 §3): one
 * field config per category, keyed by the generated schema's field names, with the
 * manuals' Chinese labels. The forms, detail views and list columns are derived from it.
 * `categories.test.ts` checks every config against `openapi/openapi.json` (fields,
 * `required`, enum values).
 */

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'date'
  /** A calendar year, stored as an integer (考核年度). */
  | 'year'
  /** A decimal number ≥ 0 (学时, 经费, 学制). */
  | 'number'
  /** A whole number ≥ 1 (排名, 总人数). */
  | 'int'
  | 'select'
  | 'bool';

/** Field names of a category's data (distributes over a union of categories). */
export type KeysOf<C extends Category> = C extends Category ? keyof DataOf<C> & string : never;

export interface FieldDef<K extends string = string> {
  name: K;
  label: string;
  kind: FieldKind;
  required?: boolean;
  /** Select options: the values the API exchanges (the Chinese labels). */
  options?: readonly string[];
  /** Maximum length the server accepts for text. */
  max?: number;
  placeholder?: string;
  /** Takes the whole row of the two-column form. */
  wide?: boolean;
  /** Extra help under the field. */
  extra?: string;
  /** For `number`: must be > 0 rather than ≥ 0. */
  positive?: boolean;
}

export interface CategoryConfig<C extends Category = Category> {
  key: C;
  /** 1–17 as in the manuals. */
  number: number;
  /** Menu label as in the manuals (3.3 继续教育（培训）情况 …). */
  label: string;
  fields: FieldDef<KeysOf<C>>[];
  /** Fields shown as columns in 我的业绩档案库 (besides status and actions). */
  columns: KeysOf<C>[];
  /** The date column of the review list (ReviewRow.record_date). */
  dateLabel: string;
  /** Header of the summary column of the review list (ReviewRow.title). */
  titleLabel: string;
  /**
   * Where the server's `A · B` title splits when the first part is the closed set
   * (奖惩: 类别 · 内容); by default at the last ` · ` (教育经历: 学校 · 学历/学位).
   */
  titleSplit?: 'first' | 'last';
  /** Typical attachments (SPEC Appendix A). */
  attachments: string;
}

// Enum values exactly as the API exchanges them (serde labels of the Rust enums).
export const ENUMS = {
  EducationLevel: ['博士研究生', '硕士研究生', '大学本科', '大学专科', '中专', '高中及以下'],
  Degree: ['博士', '硕士', '学士', '无'],
  StudyMode: ['全日制', '非全日制'],
  TrainingKind: ['公需科目', '专业科目'],
  TrainingMode: ['线上', '线下'],
  PostLevel: ['国家级', '省级', '市级', '其他'],
  AwardGrade: ['特等', '一等', '二等', '三等', '其他'],
  AwardLevel: ['国家级', '省部级', '市厅级', '县处级', '其他'],
  ProjectRole: ['主持', '参与'],
  ProjectState: ['在研', '结题'],
  IndexedBy: ['SCI', 'EI', 'SSCI', 'CSSCI', '北大核心', '科技核心', '一般'],
  BookKind: ['专著', '编著', '译著', '教材'],
  BookRole: ['独著', '主编', '副主编', '参编'],
  PatentKind: ['发明专利', '实用新型', '外观设计', '软件著作权', '其他著作权'],
  StandardLevel: ['国际', '国家', '行业', '地方', '团体', '企业'],
  AdoptionForm: ['批示', '采纳', '应用', '推广'],
  ObtainedBy: ['考试', '评审', '认定'],
  RewardKind: ['奖励', '处分'],
  AssessmentResult: ['优秀', '合格', '基本合格', '不合格'],
} as const satisfies Record<string, readonly string[]>;

export type EnumName = keyof typeof ENUMS;

const SHORT = 100;
const LONG = 300;
const TEXT = 2000;

type Configs = { [C in Category]: CategoryConfig<C> };

export const CATEGORY_CONFIGS: Configs = {
  education: {
    key: 'education',
    number: 1,
    label: '教育经历',
    dateLabel: '日期',
    titleLabel: '学校名称/学位授予单位 · 学历/学位',
    attachments: '毕业证书、学位证书、学信网认证',
    columns: ['start_date', 'end_date', 'school', 'major', 'education_level'],
    fields: [
      { name: 'start_date', label: '入学日期', kind: 'date', required: true },
      { name: 'end_date', label: '毕业日期', kind: 'date', required: true },
      { name: 'school', label: '学校名称/学位授予单位', kind: 'text', required: true, max: SHORT },
      { name: 'major', label: '专业名称', kind: 'text', required: true, max: SHORT },
      { name: 'education_level', label: '学历', kind: 'select', required: true, options: ENUMS.EducationLevel },
      { name: 'degree', label: '学位', kind: 'select', options: ENUMS.Degree },
      { name: 'schooling_years', label: '学制（年）', kind: 'number', positive: true },
      { name: 'study_mode', label: '学习形式', kind: 'select', options: ENUMS.StudyMode },
      { name: 'diploma_no', label: '毕业证书编号', kind: 'text', max: 60 },
      { name: 'degree_certificate_no', label: '学位证书编号', kind: 'text', max: 60 },
      { name: 'highest', label: '是否最高学历', kind: 'bool' },
    ],
  },
  work_history: {
    key: 'work_history',
    number: 2,
    label: '工作经历',
    dateLabel: '开始日期',
    titleLabel: '工作单位 · 职务/岗位',
    attachments: '证明材料',
    columns: ['start_date', 'end_date', 'unit', 'post'],
    fields: [
      { name: 'start_date', label: '开始日期', kind: 'date', required: true },
      { name: 'end_date', label: '结束日期', kind: 'date', placeholder: '至今（不填）', extra: '仍在该单位工作时不填，显示为“至今”' },
      { name: 'unit', label: '工作单位', kind: 'text', required: true, max: SHORT },
      { name: 'post', label: '职务/岗位', kind: 'text', required: true, max: SHORT },
      { name: 'work_content', label: '从事专业技术工作', kind: 'textarea', required: true, max: TEXT, wide: true },
      { name: 'referee', label: '证明人', kind: 'text', max: 50 },
    ],
  },
  training: {
    key: 'training',
    number: 3,
    label: '继续教育（培训）情况',
    dateLabel: '结束日期',
    titleLabel: '培训内容（学时）',
    attachments: '学时证明',
    columns: ['start_date', 'end_date', 'course', 'hours', 'kind'],
    fields: [
      { name: 'start_date', label: '开始日期', kind: 'date', required: true },
      { name: 'end_date', label: '结束日期', kind: 'date', required: true },
      { name: 'course', label: '培训内容/课程名称', kind: 'text', required: true, max: LONG, wide: true },
      { name: 'organiser', label: '主办单位', kind: 'text', required: true, max: SHORT },
      { name: 'hours', label: '学时', kind: 'number', required: true, positive: true },
      { name: 'kind', label: '科目类别', kind: 'select', required: true, options: ENUMS.TrainingKind },
      { name: 'mode', label: '培训方式', kind: 'select', options: ENUMS.TrainingMode },
      { name: 'certificate_no', label: '证书编号', kind: 'text', max: 60 },
    ],
  },
  part_time_post: {
    key: 'part_time_post',
    number: 4,
    label: '学术技术兼职情况',
    dateLabel: '开始日期',
    titleLabel: '兼职组织 · 兼任职务',
    attachments: '聘书',
    columns: ['start_date', 'end_date', 'organisation', 'post', 'level'],
    fields: [
      { name: 'start_date', label: '开始日期', kind: 'date', required: true },
      { name: 'end_date', label: '结束日期', kind: 'date', placeholder: '至今（不填）' },
      { name: 'organisation', label: '兼职组织', kind: 'text', required: true, max: SHORT },
      { name: 'post', label: '兼任职务', kind: 'text', required: true, max: SHORT },
      { name: 'level', label: '级别', kind: 'select', options: ENUMS.PostLevel },
    ],
  },
  award: {
    key: 'award',
    number: 5,
    label: '获奖情况',
    dateLabel: '获奖日期',
    titleLabel: '获奖项目 · 奖项名称及等级',
    attachments: '获奖证书',
    columns: ['date', 'project_title', 'award_name', 'grade', 'level'],
    fields: [
      { name: 'date', label: '获奖日期', kind: 'date', required: true },
      { name: 'project_title', label: '获奖项目/作品名称', kind: 'text', required: true, max: LONG, wide: true },
      { name: 'award_name', label: '奖项名称', kind: 'text', required: true, max: SHORT },
      { name: 'grade', label: '获奖等级', kind: 'select', required: true, options: ENUMS.AwardGrade },
      { name: 'level', label: '奖项级别', kind: 'select', required: true, options: ENUMS.AwardLevel },
      { name: 'awarding_body', label: '授奖单位', kind: 'text', max: SHORT },
      { name: 'rank', label: '本人排名', kind: 'int', required: true },
      { name: 'total', label: '总人数', kind: 'int', required: true },
    ],
  },
  honor: {
    key: 'honor',
    number: 6,
    label: '获得荣誉称号情况',
    dateLabel: '获得日期',
    titleLabel: '荣誉称号',
    attachments: '荣誉证书',
    columns: ['date', 'title', 'awarding_body', 'level'],
    fields: [
      { name: 'date', label: '获得日期', kind: 'date', required: true },
      { name: 'title', label: '荣誉称号', kind: 'text', required: true, max: SHORT },
      { name: 'awarding_body', label: '授予单位', kind: 'text', required: true, max: SHORT },
      { name: 'level', label: '级别', kind: 'select', required: true, options: ENUMS.AwardLevel },
    ],
  },
  research_project: {
    key: 'research_project',
    number: 7,
    label: '主持参与科研项目（基金）情况',
    dateLabel: '开始日期',
    titleLabel: '项目名称 · 本人角色',
    attachments: '立项书、结题证明',
    columns: ['start_date', 'end_date', 'name', 'level', 'role'],
    fields: [
      { name: 'start_date', label: '开始日期', kind: 'date', required: true },
      { name: 'end_date', label: '结束日期', kind: 'date' },
      { name: 'name', label: '项目名称', kind: 'text', required: true, max: LONG, wide: true },
      { name: 'source', label: '项目来源', kind: 'text', required: true, max: SHORT },
      { name: 'level', label: '项目级别', kind: 'select', required: true, options: ENUMS.AwardLevel },
      { name: 'project_no', label: '项目编号', kind: 'text', max: 60 },
      { name: 'funding', label: '经费（万元）', kind: 'number' },
      { name: 'role', label: '本人角色', kind: 'select', required: true, options: ENUMS.ProjectRole },
      { name: 'rank', label: '本人排名', kind: 'int' },
      { name: 'state', label: '项目状态', kind: 'select', options: ENUMS.ProjectState },
      { name: 'acceptance_result', label: '验收（结题）结论', kind: 'text', max: SHORT },
    ],
  },
  engineering_project: {
    key: 'engineering_project',
    number: 8,
    label: '主持参与工程技术项目情况',
    dateLabel: '开始日期',
    titleLabel: '项目名称',
    attachments: '验收证明',
    columns: ['start_date', 'end_date', 'name', 'owner_unit'],
    fields: [
      { name: 'start_date', label: '开始日期', kind: 'date', required: true },
      { name: 'end_date', label: '结束日期', kind: 'date' },
      { name: 'name', label: '项目名称', kind: 'text', required: true, max: LONG, wide: true },
      { name: 'scale', label: '规模/投资额（万元）', kind: 'text', max: SHORT },
      { name: 'owner_unit', label: '建设（业主）单位', kind: 'text', max: SHORT },
      { name: 'role_and_duties', label: '本人角色及承担的工作', kind: 'textarea', required: true, max: TEXT, wide: true },
      { name: 'rank', label: '本人排名', kind: 'int' },
      { name: 'acceptance_result', label: '验收结论', kind: 'text', max: SHORT },
      { name: 'acceptance_date', label: '验收日期', kind: 'date' },
    ],
  },
  paper: {
    key: 'paper',
    number: 9,
    label: '论文',
    dateLabel: '发表日期',
    titleLabel: '论文题目 · 刊物名称',
    attachments: '封面、目录、正文',
    columns: ['publication_date', 'title', 'journal', 'indexed_by'],
    fields: [
      { name: 'title', label: '论文题目', kind: 'text', required: true, max: LONG, wide: true },
      { name: 'journal', label: '刊物名称', kind: 'text', required: true, max: SHORT },
      { name: 'publication_date', label: '发表日期', kind: 'date', required: true },
      { name: 'volume', label: '卷', kind: 'text', max: 40 },
      { name: 'issue', label: '期', kind: 'text', max: 40 },
      { name: 'pages', label: '页码', kind: 'text', max: 40 },
      { name: 'issn', label: 'ISSN', kind: 'text', max: 40 },
      { name: 'cn_number', label: '国内统一刊号（CN）', kind: 'text', max: 40 },
      { name: 'doi', label: 'DOI', kind: 'text', max: 200 },
      { name: 'author_rank', label: '本人排名', kind: 'int', required: true },
      { name: 'author_total', label: '作者总数', kind: 'int', required: true },
      { name: 'indexed_by', label: '收录情况', kind: 'select', required: true, options: ENUMS.IndexedBy },
      { name: 'first_author', label: '第一作者', kind: 'bool' },
      { name: 'corresponding_author', label: '通讯作者', kind: 'bool' },
      { name: 'representative', label: '代表作', kind: 'bool' },
    ],
  },
  book: {
    key: 'book',
    number: 10,
    label: '著（译）作（教材）',
    dateLabel: '出版日期',
    titleLabel: '书名 · 出版社',
    attachments: '封面、版权页',
    columns: ['publication_date', 'title', 'publisher', 'kind', 'role'],
    fields: [
      { name: 'title', label: '书名', kind: 'text', required: true, max: LONG, wide: true },
      { name: 'publisher', label: '出版社', kind: 'text', required: true, max: SHORT },
      { name: 'publication_date', label: '出版日期', kind: 'date', required: true },
      { name: 'isbn', label: 'ISBN', kind: 'text', required: true, max: 20 },
      { name: 'kind', label: '类别', kind: 'select', required: true, options: ENUMS.BookKind },
      { name: 'role', label: '本人角色', kind: 'select', required: true, options: ENUMS.BookRole },
      { name: 'words_written', label: '本人撰写字数（万字）', kind: 'number', positive: true },
    ],
  },
  patent: {
    key: 'patent',
    number: 11,
    label: '专利（著作权）情况',
    dateLabel: '授权日期',
    titleLabel: '名称 · 类别',
    attachments: '专利证书、登记证书',
    columns: ['grant_date', 'title', 'kind', 'number'],
    fields: [
      { name: 'kind', label: '类别', kind: 'select', required: true, options: ENUMS.PatentKind },
      { name: 'title', label: '专利（著作权）名称', kind: 'text', required: true, max: LONG, wide: true },
      { name: 'number', label: '专利号/登记号', kind: 'text', required: true, max: 60 },
      { name: 'grant_date', label: '授权/登记日期', kind: 'date', required: true },
      { name: 'patentee', label: '专利权人', kind: 'text', max: SHORT },
      { name: 'rank', label: '本人排名', kind: 'int', required: true },
      { name: 'total', label: '总人数', kind: 'int', required: true },
      { name: 'commercialised', label: '是否已转化', kind: 'bool' },
    ],
  },
  standard: {
    key: 'standard',
    number: 12,
    label: '主持（参与）制定标准情况',
    dateLabel: '发布日期',
    titleLabel: '标准名称及编号',
    attachments: '标准文本首页',
    columns: ['publication_date', 'name', 'number', 'level', 'role'],
    fields: [
      { name: 'name', label: '标准名称', kind: 'text', required: true, max: LONG, wide: true },
      { name: 'number', label: '标准编号', kind: 'text', required: true, max: 60 },
      { name: 'level', label: '标准级别', kind: 'select', required: true, options: ENUMS.StandardLevel },
      { name: 'publication_date', label: '发布日期', kind: 'date', required: true },
      { name: 'role', label: '本人角色', kind: 'select', required: true, options: ENUMS.ProjectRole },
      { name: 'rank', label: '本人排名', kind: 'int' },
    ],
  },
  adopted_result: {
    key: 'adopted_result',
    number: 13,
    label: '成果被批示、采纳、运用和推广情况',
    dateLabel: '日期',
    titleLabel: '成果名称 · 批示/采纳单位',
    attachments: '证明材料',
    columns: ['date', 'name', 'adopter', 'form'],
    fields: [
      { name: 'name', label: '成果名称', kind: 'text', required: true, max: LONG, wide: true },
      { name: 'adopter', label: '批示/采纳单位', kind: 'text', required: true, max: SHORT },
      { name: 'date', label: '日期', kind: 'date', required: true },
      { name: 'form', label: '形式', kind: 'select', required: true, options: ENUMS.AdoptionForm },
      { name: 'endorsement_level', label: '批示（采纳）层级', kind: 'select', options: ENUMS.AwardLevel },
      { name: 'effect', label: '取得成效', kind: 'textarea', max: TEXT, wide: true },
    ],
  },
  qualification: {
    key: 'qualification',
    number: 14,
    label: '专业技术资格证书（考试）',
    dateLabel: '取得日期',
    titleLabel: '资格名称 · 专业',
    attachments: '资格证书',
    columns: ['obtained_date', 'name', 'level', 'specialty', 'obtained_by'],
    fields: [
      { name: 'name', label: '资格名称', kind: 'text', required: true, max: SHORT },
      { name: 'level', label: '资格级别', kind: 'text', required: true, max: 30, placeholder: '如：中级' },
      { name: 'specialty', label: '专业', kind: 'text', required: true, max: SHORT },
      { name: 'obtained_date', label: '取得日期', kind: 'date', required: true },
      { name: 'certificate_no', label: '证书编号', kind: 'text', required: true, max: 60 },
      { name: 'issuer', label: '发证单位', kind: 'text', max: SHORT },
      { name: 'obtained_by', label: '取得方式', kind: 'select', required: true, options: ENUMS.ObtainedBy },
    ],
  },
  licence: {
    key: 'licence',
    number: 15,
    label: '资质证书',
    dateLabel: '发证日期',
    titleLabel: '证书名称 · 编号',
    attachments: '资质证书',
    columns: ['issue_date', 'name', 'number', 'specialty'],
    fields: [
      { name: 'name', label: '证书名称', kind: 'text', required: true, max: SHORT },
      { name: 'number', label: '证书编号', kind: 'text', required: true, max: 60 },
      { name: 'specialty', label: '专业', kind: 'text', required: true, max: SHORT },
      { name: 'issuer', label: '发证单位', kind: 'text', required: true, max: SHORT },
      { name: 'issue_date', label: '发证日期', kind: 'date', required: true },
      { name: 'valid_until', label: '有效期至', kind: 'date' },
    ],
  },
  reward_punishment: {
    key: 'reward_punishment',
    number: 16,
    label: '奖惩情况',
    dateLabel: '日期',
    titleLabel: '类别 · 奖惩内容',
    titleSplit: 'first',
    attachments: '奖惩文件',
    columns: ['date', 'kind', 'content', 'decided_by'],
    fields: [
      { name: 'date', label: '日期', kind: 'date', required: true },
      { name: 'kind', label: '类别', kind: 'select', required: true, options: ENUMS.RewardKind },
      { name: 'content', label: '奖惩内容', kind: 'textarea', required: true, max: TEXT, wide: true },
      { name: 'decided_by', label: '决定单位', kind: 'text', required: true, max: SHORT },
      { name: 'document_no', label: '文号', kind: 'text', max: 60 },
    ],
  },
  assessment: {
    key: 'assessment',
    number: 17,
    label: '考核情况',
    dateLabel: '考核年度',
    titleLabel: '考核年度 · 考核结果',
    attachments: '年度考核表',
    columns: ['year', 'result', 'assessing_unit'],
    fields: [
      { name: 'year', label: '考核年度', kind: 'year', required: true },
      { name: 'result', label: '考核结果', kind: 'select', required: true, options: ENUMS.AssessmentResult },
      { name: 'assessing_unit', label: '考核单位', kind: 'text', max: SHORT },
    ],
  },
};

/** The categories in the manuals' order. */
export const CATEGORIES: CategoryConfig[] = (Object.values(CATEGORY_CONFIGS) as CategoryConfig[]).sort(
  (a, b) => a.number - b.number,
);

export const CATEGORY_KEYS = CATEGORIES.map((c) => c.key);

export function isCategory(v: string | undefined | null): v is Category {
  return !!v && (CATEGORY_KEYS as string[]).includes(v);
}

/** A category's config, typed loosely for the generic form / detail / list code. */
export function categoryConfig(c: Category): CategoryConfig {
  return CATEGORY_CONFIGS[c] as unknown as CategoryConfig;
}

/** "1. 教育经历" as in the menus of both manuals. */
export function numberedLabel(c: Category): string {
  const cfg = CATEGORY_CONFIGS[c];
  return `${cfg.number}. ${cfg.label}`;
}

/** ` · `: how the server joins the two parts of a review row's title (学校 · 学历/学位). */
export const TITLE_SEPARATOR = ' · ';

/**
 * The review list's columns for the row title: two (学校名称/学位授予单位 | 学历/学位, as in
 * seed 000 §3) when the category's title has two parts, else one.
 */
export function titleColumns(cfg: CategoryConfig): string[] {
  return cfg.titleLabel.split(TITLE_SEPARATOR);
}

/** A review row's title cut into the parts of `titleColumns` (a part may be empty). */
export function splitTitle(cfg: CategoryConfig, title: string): string[] {
  if (titleColumns(cfg).length < 2) return [title];
  const at = cfg.titleSplit === 'first' ? title.indexOf(TITLE_SEPARATOR) : title.lastIndexOf(TITLE_SEPARATOR);
  if (at < 0) return [title, ''];
  return [title.slice(0, at), title.slice(at + TITLE_SEPARATOR.length)];
}
