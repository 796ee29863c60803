import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  attachmentOptions,
  decisionLabel,
  qualificationLabel,
  recommendLabel,
  returnItems,
  returnSectionOptions,
  summarizeBatch,
  publicityEnded,
  tabLabels,
} from './labels';

describe('review chain labels', () => {
  it('names the tabs as the seed does, and the committee office 受理s', () => {
    expect(tabLabels('employer')).toMatchObject({ pending: '待审查', passed: '审查通过', failed: '审查不通过', returned: '退回记录', all: '全部' });
    expect(tabLabels('committee').pending).toBe('待受理');
    expect(recommendLabel('employer')).toBe('资格审查推荐');
    expect(recommendLabel('department')).toBe('审核推荐');
  });

  it('takes the pass label from the server', () => {
    expect(decisionLabel('pass', '受理')).toBe('受理');
    expect(decisionLabel('pass')).toBe('通过');
    expect(decisionLabel('fail', '受理')).toBe('不通过');
    expect(decisionLabel('return')).toBe('退回');
    expect(decisionLabel('fail', '审查通过', 'department')).toBe('评审不通过');
  });

  it('drops the series from the title', () => {
    expect(qualificationLabel('工程技术-高级工程师(副高级)')).toBe('高级工程师(副高级)');
    expect(qualificationLabel('工程师(中级)')).toBe('工程师(中级)');
  });

  it('offers 1 基本信息, the record sections and 18 申报材料附件信息', () => {
    const opts = returnSectionOptions([
      { no: 2, title: '教育经历' },
      { no: 15, title: '资格与资质证书' },
      { no: 17, title: '考核情况' },
    ]);
    expect(opts.map((o) => o.value)).toEqual([1, 2, 15, 17, 18]);
    expect(opts[0].label).toBe('1. 基本信息');
    expect(opts[4].label).toBe('18. 申报材料附件信息');
    expect(opts[1].label).toBe('2. 教育经历');
  });

  it('numbers attachments 1-based but sends them 0-based', () => {
    expect(attachmentOptions([{ no: 1, name: '单位推荐意见表', required: true }])).toEqual([{ value: 0, label: '1. 单位推荐意见表（必要）' }]);
  });

  it('sends an attachment only with section 18 and trims comments', () => {
    expect(
      returnItems([
        { section: 18, attachment: 2, comment: ' 未盖章 ' },
        { section: 3, attachment: 1, comment: '补充' },
        { comment: '没有选部分' },
      ]),
    ).toEqual([
      { section: 18, attachment: 2, comment: '未盖章' },
      { section: 3, attachment: null, comment: '补充' },
    ]);
  });

  it('summarises batch outcomes per declaration', () => {
    const s = summarizeBatch(
      {
        succeeded: 1,
        failed: 1,
        items: [
          { declaration_id: 'a', ok: true, holder: { id: 'u', name: '宁波市水利局', kind: 'competent' } },
          { declaration_id: 'b', ok: false, code: 'publicity_required', message: '尚未完成公示' },
        ],
      },
      new Map([
        ['a', { applicant_name: '张明' }],
        ['b', { applicant_name: '李娜' }],
      ]),
    );
    expect(s.text).toBe('成功 1 份，失败 1 份');
    expect(s.rows).toEqual([
      { id: 'a', name: '张明', ok: true, message: '已推荐至宁波市水利局' },
      { id: 'b', name: '李娜', ok: false, message: '尚未完成公示' },
    ]);
  });
});

describe('publicityEnded', () => {
  it('is over from the day after its last day', () => {
    const today = dayjs('2026-11-27');
    expect(publicityEnded(dayjs('2026-11-26'), today)).toBe(true);
    expect(publicityEnded(dayjs('2026-11-27'), today)).toBe(false);
    expect(publicityEnded(undefined, today)).toBe(false);
  });
});
