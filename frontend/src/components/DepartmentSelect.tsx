import { useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { Department } from '../api/types';

const KIND_LABEL: Record<string, string> = { hrss: '人力社保部门', competent: '主管部门' };

/**
 * 属地人社部门 / 单位隶属关系: the public department list (no login needed), searchable.
 * `kind` limits it to HRSS or competent departments; both when absent.
 */
export function DepartmentSelect({
  kind,
  value,
  onChange,
  placeholder,
  testId,
}: {
  kind?: 'hrss' | 'competent';
  value?: string;
  onChange?: (v: string) => void;
  placeholder?: string;
  testId?: string;
}) {
  const [q, setQ] = useState('');
  const list = useQuery({
    queryKey: ['public-departments', kind ?? 'all', q],
    staleTime: 60_000,
    placeholderData: (prev) => prev,
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/public/departments', { params: { query: { kind, q: q || undefined } } })),
  });
  const option = (d: Department) => ({
    value: d.id,
    label: d.parent_name ? `${d.name}（${d.parent_name}）` : d.name,
  });
  const items = list.data ?? [];
  type Opt = { value: string; label: string };
  const options: (Opt | { label: string; options: Opt[] })[] = kind
    ? items.map(option)
    : (['competent', 'hrss'] as const)
        .map((k) => ({ label: KIND_LABEL[k], options: items.filter((d) => d.kind === k).map(option) }))
        .filter((g) => g.options.length);
  return (
    <Select<string, Opt | { label: string; options: Opt[] }>
      showSearch
      value={value}
      onChange={onChange}
      placeholder={placeholder ?? '请选择'}
      filterOption={false}
      onSearch={(v) => setQ(v.trim())}
      options={options}
      notFoundContent={list.isFetching ? <Spin size="small" /> : '暂无匹配的部门'}
      data-testid={testId}
      allowClear
    />
  );
}
