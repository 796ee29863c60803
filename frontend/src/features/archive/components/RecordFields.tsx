import { Descriptions } from 'antd';
import type { ArchiveData } from '../../../api/types';
import { categoryConfig } from '../categories';
import { displayValue } from '../formValues';

/** The category's typed fields as a bordered description list. */
export function RecordFields({ content, column = 2 }: { content: ArchiveData; column?: number }) {
  const cfg = categoryConfig(content.category);
  const data = content.data as Record<string, unknown>;
  return (
    <Descriptions
      bordered
      size="small"
      column={column}
      styles={{ label: { width: 150, whiteSpace: 'nowrap' } }}
      items={cfg.fields.map((f) => ({
        key: f.name,
        label: f.label,
        span: f.wide ? column : 1,
        children: <span style={{ whiteSpace: 'pre-wrap' }}>{displayValue(f, data[f.name])}</span>,
      }))}
    />
  );
}
