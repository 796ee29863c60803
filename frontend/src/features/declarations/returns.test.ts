import { describe, expect, it } from 'vitest';
import type { Category } from '../../api/types';
import { CATEGORIES } from '../archive/categories';
import {
  categorySection,
  itemsForAttachment,
  itemsForCategory,
  itemsForStep,
  itemTitle,
  openReturn,
  returnSteps,
  sectionCategories,
  sectionStep,
  stageLine,
  statusColor,
  STATUS_OPTIONS,
  type ReturnItem,
} from './returns';

const ret = {
  items: [
    { section: 18, attachment: 0, comment: '未加盖公章', title: '18. 申报材料附件信息 · 单位推荐意见表' },
    { section: 1, comment: '现从事专业与申报专业不一致' },
    { section: 10, comment: '论文缺少检索证明', title: '10. 论文' },
    { section: 15, comment: '资质证书已过期' },
    { section: 18, comment: '附件不清晰' },
  ] as ReturnItem[],
};

describe('退回修改: section → wizard step', () => {
  it('sends 基本信息 to 填写申报信息, the archive sections to 选择业绩, the attachments to 上传附件', () => {
    expect(sectionStep(1)).toBe(4);
    for (let s = 2; s <= 17; s++) expect(sectionStep(s)).toBe(5);
    expect(sectionStep(18)).toBe(6);
  });

  it('lays the 17 categories over sections 2–17, 14 and 15 sharing section 15', () => {
    expect(sectionCategories(2)).toEqual(['education']);
    expect(sectionCategories(10)).toEqual(['paper']);
    expect(sectionCategories(14)).toEqual(['adopted_result']);
    expect(sectionCategories(15)).toEqual(['qualification', 'licence']);
    expect(sectionCategories(16)).toEqual(['reward_punishment']);
    expect(sectionCategories(17)).toEqual(['assessment']);
    expect(sectionCategories(1)).toEqual([]);
    expect(sectionCategories(18)).toEqual([]);
    const all = Array.from({ length: 16 }, (_, i) => sectionCategories(i + 2)).flat();
    expect(all).toEqual(CATEGORIES.map((c) => c.key));
    for (const c of CATEGORIES) expect(sectionCategories(categorySection(c.key))).toContain(c.key);
  });

  it('picks the items of a step, a category and an attachment', () => {
    expect(returnSteps(ret)).toEqual([4, 5, 6]);
    expect(returnSteps(null)).toEqual([]);
    expect(itemsForStep(ret, 4).map((i) => i.comment)).toEqual(['现从事专业与申报专业不一致']);
    expect(itemsForStep(ret, 5)).toHaveLength(2);
    expect(itemsForStep(ret, 6)).toHaveLength(2);
    expect(itemsForStep(ret, 7)).toEqual([]);
    expect(itemsForCategory(ret, 'paper' as Category).map((i) => i.comment)).toEqual(['论文缺少检索证明']);
    expect(itemsForCategory(ret, 'licence' as Category).map((i) => i.comment)).toEqual(['资质证书已过期']);
    expect(itemsForCategory(ret, 'book' as Category)).toEqual([]);
    expect(itemsForAttachment(ret, 0).map((i) => i.comment)).toEqual(['未加盖公章']);
    expect(itemsForAttachment(ret, 1)).toEqual([]);
  });

  it('names an item by the server title, else by its section', () => {
    expect(itemTitle(ret.items[0])).toBe('18. 申报材料附件信息 · 单位推荐意见表');
    expect(itemTitle(ret.items[1])).toBe('第 1 部分');
    expect(itemTitle({ section: 18, attachment: 2, comment: '' })).toBe('18. 申报材料附件信息 · 第 3 项');
  });

  it('shows the return only while the declaration is returned', () => {
    const open = { id: 'r', declaration_id: 'd', unit: { id: 'u', name: '单位', kind: 'employer' as const }, comment: '', at: '', items: [] };
    const stage = (status: 'returned' | 'submitted') => ({ status, status_label: '', description: '', since: '' });
    expect(openReturn({ open_return: open, stage: stage('returned') })).toBe(open);
    expect(openReturn({ open_return: open, stage: stage('submitted') })).toBeNull();
    expect(openReturn({ open_return: null, stage: stage('returned') })).toBeNull();
  });
});

describe('where a declaration stands', () => {
  it('colours every status', () => {
    expect(STATUS_OPTIONS.map((o) => o.value)).toEqual(['draft', 'submitted', 'returned', 'in_review', 'passed', 'failed', 'accepted', 'approved']);
    expect(statusColor('returned')).toBe('warning');
    expect(statusColor('failed')).toBe('error');
    expect(statusColor('accepted')).toBe('success');
    expect(statusColor('approved')).toBe('success');
    expect(statusColor('in_review')).toBe('processing');
    expect(statusColor('submitted')).toBe('processing');
    expect(statusColor('draft')).toBe('default');
  });

  it('names the holder and since when, or the server sentence without a holder', () => {
    expect(
      stageLine({
        status: 'in_review',
        status_label: '资格审查中',
        description: '…',
        since: '2026-11-27T10:00:00+08:00',
        holder: { id: 'x', name: '宁波市水利局', kind: 'competent' },
      }),
    ).toMatch(/^宁波市水利局 资格审查中（2026-11-2\d \d\d:00 起）$/);
    expect(stageLine({ status: 'returned', status_label: '退回修改', description: '…', since: '2026-11-27T10:00:00+08:00' })).toMatch(
      /^退回修改（2026-11-2\d \d\d:00 起），请按退回意见修改后重新提交$/,
    );
    expect(stageLine({ status: 'draft', status_label: '草稿', description: '草稿，尚未提交', since: '' })).toBe('草稿，尚未提交');
  });
});
