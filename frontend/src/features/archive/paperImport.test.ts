// @vitest-environment node
import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { ParsedPaper } from '../../api/types';
import { guessRank, initialCompletion, missingFields, pickerMonth, toPaperRecord } from './paperImport';

const paper: ParsedPaper = {
  title: '基于BIM的水利工程设计协同研究',
  journal: '水利学报',
  year: 2023,
  month: 5,
  volume: '54',
  issue: '5',
  pages: '12-20',
  issn: '0559-9350',
  doi: '10.13243/j.cnki.slxb.2023.05.002',
  authors: ['李华', '张明', '王芳'],
  warnings: ['缺少发表日'],
};

describe('paper import', () => {
  it('finds the person in the author list', () => {
    expect(guessRank(paper.authors, '张明')).toBe(2);
    expect(guessRank(['Ming Zhang', 'Hua Li'], 'ming zhang')).toBe(1);
    expect(guessRank(paper.authors, '赵六')).toBeUndefined();
    expect(guessRank(['合作者', '本人'], '赵六')).toBe(2);
  });

  it('prefills total and rank; asks for the day and 收录情况', () => {
    const c = initialCompletion(paper, '张明');
    expect(c).toMatchObject({ author_total: 3, author_rank: 2 });
    expect(missingFields(paper, c)).toEqual(['发表日期', '收录情况']);
    expect(pickerMonth(paper)?.format('YYYY-MM-DD')).toBe('2023-05-01');
    expect(missingFields(paper, { ...c, author_rank: 4 })).toContain('本人排名不能大于作者总数');
  });

  it('builds the record body', () => {
    const body = toPaperRecord(paper, { publication_date: dayjs('2023-05-15'), author_rank: 1, author_total: 3, indexed_by: '北大核心' });
    expect(body).toEqual({
      category: 'paper',
      data: expect.objectContaining({
        title: paper.title,
        journal: '水利学报',
        publication_date: '2023-05-15',
        author_rank: 1,
        author_total: 3,
        first_author: true,
        indexed_by: '北大核心',
        doi: paper.doi,
        cn_number: null,
      }),
    });
  });
});
