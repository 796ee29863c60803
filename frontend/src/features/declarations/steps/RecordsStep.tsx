import { useMemo, useState } from 'react';
import { Alert, App, Button, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/problem';
import type { Category } from '../../../api/types';
import { formatDate, formatDateTime } from '../../../lib/format';
import { CATEGORIES } from '../../archive/categories';
import { DECLARATION_KEY, extractRecords, fetchRecordChoices, ignoreRecords, type RecordChoice } from '../api';
import { useRefreshDeclaration } from '../hooks';
import { categorySection, itemsForStep, openReturn } from '../returns';
import { ReturnMarks } from '../components/ReturnNotes';
import { StepActions, type StepProps } from './shared';

/** Step 5 选择业绩: approved archive records, 【提取】 into the declaration or 【忽略】. */
export function RecordsStep({ d, go }: StepProps) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const refresh = useRefreshDeclaration();
  const key = [...DECLARATION_KEY, d.id, 'records'];
  const records = useQuery({ queryKey: key, queryFn: () => fetchRecordChoices(d.id) });
  const [category, setCategory] = useState<Category | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState<'extract' | 'ignore' | null>(null);

  const items = useMemo(() => records.data?.items ?? [], [records.data]);
  const shown = category ? items.filter((r) => r.category === category) : items;
  const counts = useMemo(() => {
    const m = new Map<Category, number>();
    for (const r of items) m.set(r.category, (m.get(r.category) ?? 0) + 1);
    return m;
  }, [items]);
  const changed = items.filter((r) => r.changed_since).length;
  // 退回修改: the sections the reviewer named, their rows marked
  const returned = itemsForStep(openReturn(d), 5);
  const returnedSections = new Set(returned.map((i) => i.section));
  const isReturned = (c: Category) => returnedSections.has(categorySection(c));
  const extracted = items.filter((r) => r.extracted).length;

  const act = async (what: 'extract' | 'ignore') => {
    setBusy(what);
    try {
      const next = await (what === 'extract' ? extractRecords : ignoreRecords)(d.id, selected);
      qc.setQueryData(key, next);
      message.success(`${what === 'extract' ? '已提取' : '已忽略'} ${selected.length} 条业绩`);
      setSelected([]);
      void refresh(d.id);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="step-records">
      <Typography.Paragraph type="secondary">
        只能提取已审核通过的业绩。提取时保存业绩的副本，之后在档案库中修改业绩不会改变本次申报的内容。
      </Typography.Paragraph>
      <ReturnMarks items={returned} />
      {changed ? (
        <Alert
          style={{ marginBottom: 12 }}
          type="warning"
          showIcon
          message={`有 ${changed} 条已提取的业绩在档案库中已更新；本次申报保留提取时的内容，如需采用新内容，请先忽略再重新提取。`}
          data-testid="records-changed"
        />
      ) : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<Category>
          allowClear
          placeholder="全部类别"
          style={{ width: 240 }}
          value={category}
          onChange={(v) => setCategory(v)}
          options={CATEGORIES.filter((c) => counts.has(c.key)).map((c) => ({
            value: c.key,
            label: `${c.number}. ${c.label}（${counts.get(c.key)}）${isReturned(c.key) ? ' · 需修改' : ''}`,
          }))}
          data-testid="records-category"
        />
        <Button type="primary" disabled={!selected.length} loading={busy === 'extract'} onClick={() => void act('extract')} data-testid="records-extract">
          提取
        </Button>
        <Button disabled={!selected.length} loading={busy === 'ignore'} onClick={() => void act('ignore')} data-testid="records-ignore">
          忽略
        </Button>
        <Typography.Text type="secondary">
          已选 {selected.length} 条；共 {items.length} 条，已提取 {extracted} 条
        </Typography.Text>
      </Space>
      <Table<RecordChoice>
        rowKey="record_id"
        size="small"
        bordered
        loading={records.isPending}
        dataSource={shown}
        pagination={shown.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        rowClassName={(r) => (isReturned(r.category) ? 'decl-row-returned' : '')}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]) }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={
                <span data-testid="records-empty">
                  暂无审核通过的业绩，请先在<Link to="/archive">我的业绩档案库</Link>填写并经单位审核通过
                </span>
              }
            />
          ),
        }}
        columns={[
          {
            title: '类别',
            key: 'category',
            width: 170,
            render: (_, r) => (
              <Space size={4} wrap>
                <span>{r.category_label}</span>
                {isReturned(r.category) ? (
                  <Tag color="error" data-testid="record-returned">
                    需修改
                  </Tag>
                ) : null}
              </Space>
            ),
          },
          { title: '业绩', dataIndex: 'title', render: (v: string) => <span style={{ wordBreak: 'break-word' }}>{v}</span> },
          { title: '日期', key: 'date', width: 110, render: (_, r) => formatDate(r.record_date) },
          {
            title: '状态',
            key: 'state',
            width: 170,
            render: (_, r) =>
              r.extracted ? (
                <Space size={4} wrap>
                  <Tooltip title={r.extracted_at ? `提取于 ${formatDateTime(r.extracted_at)}` : undefined}>
                    <Tag color="success" data-testid="record-extracted">
                      已提取
                    </Tag>
                  </Tooltip>
                  {r.changed_since ? (
                    <Tooltip title="提取后档案库中的业绩已修改，忽略后重新提取可采用新内容">
                      <Tag color="warning">档案已更新</Tag>
                    </Tooltip>
                  ) : null}
                </Space>
              ) : (
                <Tag>未提取</Tag>
              ),
          },
        ]}
      />
      <StepActions step={5} go={go} />
    </div>
  );
}
