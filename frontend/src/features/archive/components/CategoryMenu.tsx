import { Badge, Card, Grid, Menu, Select } from 'antd';
import type { Category } from '../../../api/types';
import { CATEGORIES, numberedLabel } from '../categories';

/**
 * The seventeen categories as a side menu ("1. 教育经历 … 17. 考核情况"); with `pending`
 * the red unreviewed count stands beside each name (seed 000 §3).
 */
export function CategoryMenu({
  title,
  selected,
  onSelect,
  pending,
}: {
  title: string;
  selected: Category;
  onSelect: (c: Category) => void;
  pending?: Partial<Record<Category, number>>;
}) {
  // On a phone the seventeen entries would push the list off the screen: a picker instead.
  const narrow = !Grid.useBreakpoint().md;
  if (narrow) {
    return (
      <Card size="small" variant="borderless" title={title} styles={{ body: { padding: 8 } }}>
        <Select<Category>
          value={selected}
          onChange={onSelect}
          style={{ width: '100%' }}
          data-testid="category-select"
          options={CATEGORIES.map((c) => {
            const n = pending?.[c.key] ?? 0;
            return { value: c.key, label: n > 0 ? `${numberedLabel(c.key)}（${n}）` : numberedLabel(c.key) };
          })}
        />
      </Card>
    );
  }
  return (
    <Card
      title={title}
      size="small"
      variant="borderless"
      style={{ width: 232, flex: 'none', alignSelf: 'flex-start' }}
      styles={{ body: { padding: 4 } }}
    >
      <Menu
        mode="inline"
        selectedKeys={[selected]}
        onClick={({ key }) => onSelect(key as Category)}
        style={{ borderInlineEnd: 'none' }}
        items={CATEGORIES.map((c) => {
          const n = pending?.[c.key] ?? 0;
          return {
            key: c.key,
            style: { height: 'auto', minHeight: 36, lineHeight: '20px', paddingBlock: 8, whiteSpace: 'normal' },
            label: (
              <span data-testid={`category-${c.key}`} style={{ display: 'flex', justifyContent: 'space-between', gap: 6 }}>
                <span>{numberedLabel(c.key)}</span>
                {n > 0 && <Badge count={n} overflowCount={999} style={{ boxShadow: 'none' }} />}
              </span>
            ),
          };
        })}
      />
    </Card>
  );
}
