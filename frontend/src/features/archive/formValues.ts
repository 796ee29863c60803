import dayjs, { type Dayjs } from 'dayjs';
import type { ArchiveData } from '../../api/types';
import type { CategoryConfig, FieldDef } from './categories';

export type FormValues = Record<string, unknown>;

const DATE = 'YYYY-MM-DD';

/** Record data → antd form values (dates become dayjs, years a dayjs year). */
export function toFormValues(cfg: CategoryConfig, data: Record<string, unknown> | undefined): FormValues {
  const out: FormValues = {};
  for (const f of cfg.fields) {
    const v = data?.[f.name];
    if (v === undefined || v === null) {
      out[f.name] = f.kind === 'bool' ? false : undefined;
      continue;
    }
    if (f.kind === 'date') out[f.name] = dayjs(String(v));
    else if (f.kind === 'year') out[f.name] = dayjs(`${v}-01-01`);
    else out[f.name] = v;
  }
  return out;
}

function convert(f: FieldDef, v: unknown): unknown {
  const empty = v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
  switch (f.kind) {
    case 'bool':
      return !!v;
    case 'date':
      return empty ? null : (v as Dayjs).format(DATE);
    case 'year':
      return empty ? null : (v as Dayjs).year();
    case 'number':
    case 'int':
      return empty ? null : Number(v);
    case 'text':
    case 'textarea':
      return empty ? (f.required ? '' : null) : String(v).trim();
    case 'select':
      return empty ? null : v;
  }
}

/**
 * Form values → the typed request body. The generic form cannot prove the shape to the
 * compiler; the field config is checked against the schema in `categories.test.ts`.
 */
export function toArchiveData(cfg: CategoryConfig, values: FormValues): ArchiveData {
  const data: Record<string, unknown> = {};
  for (const f of cfg.fields) data[f.name] = convert(f, values[f.name]);
  return { category: cfg.key, data } as ArchiveData;
}

/** A field's value as text for detail views (enum values already are the Chinese labels). */
export function displayValue(f: FieldDef, v: unknown): string {
  if (f.kind === 'bool') return v ? '是' : '否';
  if (v === undefined || v === null || v === '') {
    if (f.kind === 'date' && f.placeholder?.startsWith('至今')) return '至今';
    return '—';
  }
  if (f.kind === 'year') return `${v}年度`;
  return String(v);
}

/** The server reports field errors as `data.<field>`; map them onto the form's field names. */
export function fieldErrorMap(cfg: CategoryConfig): Record<string, string> {
  return Object.fromEntries(cfg.fields.map((f) => [`data.${f.name}`, f.name]));
}
