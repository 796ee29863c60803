import { Card, Space, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { errorMessage, unwrap } from '../../../api/problem';
import type { Schemas } from '../../../api/types';

type RefItem = Schemas['RefItem'];
type TitleSeries = Schemas['TitleSeries'];

const indexColumn = { title: '序号', key: 'index', width: 72, render: (_: unknown, __: unknown, i: number) => i + 1 };

/**
 * Columns of a coded list: the Chinese name, and the code only where it is a national
 * numeric code people use (民族 01 汉族 …); internal English codes (`bachelor`) stay hidden.
 */
function refColumns(items: readonly RefItem[]): ColumnsType<RefItem> {
  const numeric = items.length > 0 && items.every((i) => /^\d+$/.test(i.code));
  return [
    indexColumn,
    ...(numeric ? [{ title: '代码', dataIndex: 'code', width: 120 }] : []),
    { title: '名称', dataIndex: 'name' },
  ];
}

const seriesColumns: ColumnsType<TitleSeries> = [
  indexColumn,
  { title: '职称系列', dataIndex: 'name', width: 240, render: (name: string) => <span data-testid="series-name">{name}</span> },
  {
    title: '级别及职称名称',
    key: 'levels',
    render: (_, s) => (
      <Space direction="vertical" size={4}>
        {s.levels.map((l) => (
          <div key={l.level}>
            <Tag color="blue" style={{ minWidth: 64, textAlign: 'center' }}>
              {l.level}
            </Tag>
            {l.titles.join('、')}
          </div>
        ))}
      </Space>
    ),
  },
];

function useReference<T>(key: string, fetcher: () => Promise<T>) {
  return useQuery({ queryKey: ['reference', key], queryFn: fetcher, staleTime: 5 * 60_000 });
}

function ErrorOr({ error }: { error: unknown }) {
  return error ? <div style={{ color: '#cf1322', marginBottom: 12 }}>{errorMessage(error)}</div> : null;
}

/** 基础数据: read-only reference tables, by their Chinese names. */
export function ReferenceDataPage() {
  const series = useReference('title-series', async () => unwrap(await api.GET('/api/v1/reference/title-series')));
  const ethnicities = useReference('ethnicities', async () => unwrap(await api.GET('/api/v1/reference/ethnicities')));
  const political = useReference('political-statuses', async () => unwrap(await api.GET('/api/v1/reference/political-statuses')));
  const education = useReference('education-levels', async () => unwrap(await api.GET('/api/v1/reference/education-levels')));

  const refTab = (key: string, label: string, q: typeof ethnicities) => ({
    key,
    label,
    children: (
      <>
        <ErrorOr error={q.error} />
        <Table<RefItem>
          rowKey="code"
          size="middle"
          columns={refColumns(q.data ?? [])}
          dataSource={q.data ?? []}
          loading={q.isLoading}
          pagination={{ defaultPageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
        />
      </>
    ),
  });

  return (
    <Card title="基础数据" variant="borderless">
      <Tabs
        items={[
          {
            key: 'title-series',
            label: '职称系列',
            children: (
              <>
                <ErrorOr error={series.error} />
                <Table<TitleSeries>
                  rowKey="code"
                  size="middle"
                  columns={seriesColumns}
                  dataSource={series.data ?? []}
                  loading={series.isLoading}
                  pagination={{ defaultPageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 条` }}
                />
              </>
            ),
          },
          refTab('ethnicities', '民族', ethnicities),
          refTab('political-statuses', '政治面貌', political),
          refTab('education-levels', '学历', education),
        ]}
      />
    </Card>
  );
}
