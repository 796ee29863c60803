import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderWithProviders } from '../../../test/render';
import type { DeclarationView } from '../api';
import { DeclarationPreview } from './DeclarationPreview';

const unit = (name: string, kind: 'employer' | 'committee' | 'hrss' = 'employer') => ({ id: `id-${name}`, name, kind });

const SECTION_TITLES = [
  '教育经历',
  '工作经历',
  '继续教育（培训）情况',
  '学术技术兼职情况',
  '获奖情况',
  '获得荣誉称号情况',
  '主持参与科研项目（基金）情况',
  '主持参与工程技术项目情况',
  '论文',
  '著（译）作（教材）',
  '专利（著作权）情况',
  '主持（参与）制定标准情况',
  '成果被批示、采纳、运用和推广情况',
  '资格与资质证书',
  '奖惩情况',
  '考核情况',
];
const CATEGORIES = [
  ['education'],
  ['work_history'],
  ['training'],
  ['part_time_post'],
  ['award'],
  ['honor'],
  ['research_project'],
  ['engineering_project'],
  ['paper'],
  ['book'],
  ['patent'],
  ['standard'],
  ['adopted_result'],
  ['qualification', 'licence'],
  ['reward_punishment'],
  ['assessment'],
] as const;

const view: DeclarationView = {
  id: 'decl-1',
  version: 3,
  stage: { status: 'draft', status_label: '草稿', holder: null, since: '2026-11-27T08:00:00Z', description: '草稿，尚未提交' },
  basic: {
    plan_name: '关于2026年度高级工程师申报通知',
    plan_type: 'review',
    declaration_type: '职称评审',
    title_name: '工程技术-高级工程师(副高级)',
    acceptor: unit('宁波市水利工程技术人员高级专业技术职务任职资格评审委员会', 'committee'),
    employer: unit('宁波市水利规划设计研究院有限公司'),
    person: {
      name: '张明',
      gender: '女',
      birth_date: '1990-01-01',
      id_type: '身份证',
      id_number_masked: '330203********0022',
      phone_masked: '139****0001',
      ethnicity: '汉族',
      completed: true,
    },
    info: { current_specialty: '水利水电工程设计', years_in_specialty: 12, specialty: '水利工程', archive_location: '宁波市人才服务中心' },
  },
  sections: SECTION_TITLES.map((title, i) => ({
    no: i + 2,
    title,
    categories: [...CATEGORIES[i]],
    records:
      i === 0
        ? [
            {
              record_id: 'r1',
              category: 'education',
              category_label: '教育经历',
              title: '浙江大学 · 硕士研究生/硕士',
              record_date: '2015-06-30',
              extracted_at: '2026-11-27T08:00:00Z',
              attachments: [],
              content: {
                category: 'education',
                data: { start_date: '2012-09-01', end_date: '2015-06-30', school: '浙江大学', major: '水利工程', education_level: '硕士研究生', highest: true },
              },
            },
          ]
        : [],
  })),
  attachments: [
    { no: 1, required: true, name: '单位推荐意见表', files: [{ id: 'f1', name: '推荐表.pdf', content_type: 'application/pdf', size: 1000, created_at: '2026-11-27T08:00:00Z' }] },
    { no: 2, required: false, name: '其他证明材料', files: [] },
  ],
  eligibility: [
    { rule: 'years_in_profession', met: true, reason: '从事本专业工作11年，要求不少于10年' },
    { rule: 'assessments', met: false, reason: '缺少2025年的考核结果' },
  ],
  checks: [],
};

describe('DeclarationPreview', () => {
  it('shows the eighteen sections of 申报信息预览 in order', () => {
    renderWithProviders(<DeclarationPreview view={view} />);
    const titles = screen.getAllByRole('heading', { level: 5 }).map((h) => h.textContent);
    expect(titles).toEqual(['1. 基本信息', '2. 教育经历共 1 条', ...SECTION_TITLES.slice(1).map((t, i) => `${i + 3}. ${t}`), '18. 申报材料附件信息']);
  });

  it('fills 基本信息 with the plan, the declaration info and the masked person', () => {
    renderWithProviders(<DeclarationPreview view={view} />);
    const basic = screen.getByTestId('preview-section-1');
    for (const text of ['评审计划名称', '关于2026年度高级工程师申报通知', '受理评审委员会', '现从事专业', '水利水电工程设计', '12年', '档案所在地', '139****0001']) {
      expect(within(basic).getAllByText(text).length).toBeGreaterThan(0);
    }
    expect(within(basic).getByTestId('preview-id-number')).toHaveTextContent('[身份证] 330203********0022');
    expect(basic).not.toHaveTextContent('330203199001010022');
  });

  it('tables the records with the category’s columns and says 暂无 for empty sections', () => {
    renderWithProviders(<DeclarationPreview view={view} />);
    const education = screen.getByTestId('preview-section-2');
    expect(within(education).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(
      expect.arrayContaining(['入学日期', '毕业日期', '学校名称/学位授予单位', '专业名称', '学历']),
    );
    expect(within(education).getByText('浙江大学')).toBeInTheDocument();
    expect(within(screen.getByTestId('preview-section-3')).getByText('暂无')).toBeInTheDocument();
    // 14 and 15 together: category, name, date
    expect(screen.getByTestId('preview-section-15')).toHaveTextContent('资格与资质证书');
  });

  it('lists section 18 as # · 必要 · 材料名称 · 申报材料 and opens a file through the caller', () => {
    const open = vi.fn();
    renderWithProviders(<DeclarationPreview view={view} onOpenFile={open} showEligibility />);
    const s18 = screen.getByTestId('preview-section-18');
    expect(within(s18).getAllByRole('columnheader').map((th) => th.textContent)).toEqual(['#', '必要', '材料名称', '申报材料']);
    expect(within(s18).getByText('√')).toBeInTheDocument();
    expect(within(s18).getByText('/')).toBeInTheDocument();
    fireEvent.click(within(s18).getByText('推荐表.pdf'));
    expect(open).toHaveBeenCalledWith(view.attachments[0], view.attachments[0].files[0]);
    const items = screen.getAllByTestId('eligibility-item');
    expect(items.map((i) => i.getAttribute('data-met'))).toEqual(['yes', 'no']);
  });
});
