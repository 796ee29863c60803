import dayjs, { type Dayjs } from 'dayjs';
import type { ArchiveData, DataOf, ParsedPaper } from '../../api/types';

/** What the user completes per imported paper before it becomes a record. */
export interface PaperCompletion {
  publication_date?: Dayjs | null;
  author_rank?: number | null;
  author_total?: number | null;
  indexed_by?: string | null;
}

/** Normalise a name for matching ("Zhang, Ming" / "张 明" / "ZHANG Ming"). */
function norm(s: string): string {
  return s.replace(/[\s,.，·]/g, '').toLowerCase();
}

/** The person's 1-based position in the author list, when their name is in it. */
export function guessRank(authors: string[], myName: string | undefined): number | undefined {
  if (!myName) return undefined;
  const me = norm(myName);
  // "本人" is how some sources (the simulated 百度学术) mark the scholar themself.
  const i = authors.findIndex((a) => norm(a) === me || a.trim() === '本人');
  return i >= 0 ? i + 1 : undefined;
}

/** Prefill from the import: total authors, my rank, the day when the source had one. */
export function initialCompletion(p: ParsedPaper, myName?: string): PaperCompletion {
  return {
    publication_date: null,
    author_total: p.authors.length || undefined,
    author_rank: guessRank(p.authors, myName),
    indexed_by: undefined,
  };
}

/** Labels of the required fields still missing for one paper. */
export function missingFields(p: ParsedPaper, c: PaperCompletion): string[] {
  const out: string[] = [];
  if (!p.title?.trim()) out.push('论文题目');
  if (!p.journal?.trim()) out.push('刊物名称');
  if (!c.publication_date) out.push('发表日期');
  if (!c.author_rank) out.push('本人排名');
  if (!c.author_total) out.push('作者总数');
  if (c.author_rank && c.author_total && c.author_rank > c.author_total) out.push('本人排名不能大于作者总数');
  if (!c.indexed_by) out.push('收录情况');
  return out;
}

/** The record body for one completed paper. */
export function toPaperRecord(p: ParsedPaper, c: PaperCompletion): ArchiveData {
  const data = {
    title: p.title.trim(),
    journal: (p.journal ?? '').trim(),
    publication_date: (c.publication_date ?? dayjs()).format('YYYY-MM-DD'),
    volume: p.volume || null,
    issue: p.issue || null,
    pages: p.pages || null,
    issn: p.issn || null,
    cn_number: null,
    doi: p.doi || null,
    author_rank: c.author_rank ?? 1,
    author_total: c.author_total ?? 1,
    first_author: c.author_rank === 1,
    corresponding_author: false,
    indexed_by: c.indexed_by,
    representative: false,
  };
  // indexed_by carries the API's Chinese label (see categories.ts ENUMS).
  return { category: 'paper', data: data as unknown as DataOf<'paper'> };
}

/** The month the date picker opens on: the imported year/month. */
export function pickerMonth(p: ParsedPaper): Dayjs | undefined {
  if (!p.year) return undefined;
  return dayjs(`${p.year}-${String(p.month ?? 1).padStart(2, '0')}-01`);
}
