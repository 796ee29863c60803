import { useRef } from 'react';
import {
  ModalForm,
  ProFormSelect,
  ProFormText,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { App, Button, Form, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { applyFieldErrors, errorMessage, unwrap } from '../../../api/problem';
import type { components } from '../../../api/schema';
import { ORG_KIND_COLORS, ORG_KIND_LABELS, orgKindValueEnum, type OrgUnit, type OrgUnitKind } from '../orgKinds';
import { searchOrgUnitOptions } from '../api';
import { OrgStatus } from '../../../components/StatusTags';
import { formatDate } from '../../../lib/format';
import { lengthRules, maxLengthOf } from '../../../lib/limits';

type CreateOrgUnit = components['schemas']['CreateOrgUnit'];

/** Names of (up to 100) org units, to show a parent's name beside its id. */
function useOrgUnitNames() {
  return useQuery({
    queryKey: ['org-units', 'names'],
    queryFn: async () => {
      const page = unwrap(await api.GET('/api/v1/org-units', { params: { query: { page: 1, per_page: 100 } } }));
      return new Map(page.items.map((u) => [u.id, u.name]));
    },
    staleTime: 30_000,
  });
}

function CreateOrgUnitModal({ onCreated }: { onCreated: () => void }) {
  const [form] = Form.useForm<CreateOrgUnit>();
  const { message } = App.useApp();
  return (
    <ModalForm<CreateOrgUnit>
      title="新增组织机构"
      form={form}
      width={560}
      layout="horizontal"
      labelCol={{ span: 5 }}
      trigger={
        <Button type="primary" icon={<PlusOutlined />}>
          新增
        </Button>
      }
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      onFinish={async (values) => {
        try {
          unwrap(
            await api.POST('/api/v1/org-units', {
              body: { name: values.name.trim(), kind: values.kind, parent_id: values.parent_id ?? null },
            }),
          );
          message.success('新增成功');
          onCreated();
          return true;
        } catch (err) {
          if (!applyFieldErrors(form, err, ['name', 'kind', 'parent_id'])) message.error(errorMessage(err));
          return false;
        }
      }}
    >
      <ProFormText name="name" label="机构名称" placeholder="请输入机构名称" fieldProps={{ maxLength: maxLengthOf('CreateOrgUnit', 'name') }}
        rules={[{ required: true, whitespace: true, message: '请输入机构名称' }, ...lengthRules('CreateOrgUnit', 'name', '机构名称')]}
      />
      <ProFormSelect
        name="kind"
        label="机构类型"
        placeholder="请选择机构类型"
        valueEnum={orgKindValueEnum}
        rules={[{ required: true, message: '请选择机构类型' }]}
      />
      <ProFormSelect
        name="parent_id"
        label="上级机构"
        placeholder="输入关键字查找上级机构（省级部门可不选）"
        showSearch
        debounceTime={300}
        fieldProps={{ filterOption: false, allowClear: true }}
        request={async ({ keyWords }) => searchOrgUnitOptions(keyWords)}
      />
    </ModalForm>
  );
}

/** 组织机构: the org tree as a searchable, paged list (admin). */
export function OrgUnitsPage() {
  const actionRef = useRef<ActionType>(null);
  const names = useOrgUnitNames();
  const { message } = App.useApp();

  const columns: ProColumns<OrgUnit>[] = [
    { title: '序号', dataIndex: 'index', valueType: 'indexBorder', width: 64, search: false },
    { title: '机构名称', dataIndex: 'name', ellipsis: true, width: 250, fieldProps: { placeholder: '请输入机构名称关键字' } },
    {
      title: '机构类型',
      dataIndex: 'kind',
      valueType: 'select',
      valueEnum: orgKindValueEnum,
      width: 110,
      render: (_, r) => <Tag color={ORG_KIND_COLORS[r.kind]}>{ORG_KIND_LABELS[r.kind]}</Tag>,
    },
    {
      title: '上级机构',
      dataIndex: 'parent_id',
      search: false,
      ellipsis: true,
      width: 230,
      render: (_, r) => (r.parent_id ? (names.data?.get(r.parent_id) ?? r.parent_id) : '—'),
    },
    { title: '状态', dataIndex: 'status', search: false, width: 100, render: (_, r) => <OrgStatus status={r.status} /> },
    { title: '统一社会信用代码', dataIndex: 'credit_code', search: false, width: 190, render: (_, r) => r.credit_code || '—' },
    { title: '创建日期', dataIndex: 'created_at', search: false, width: 110, render: (_, r) => formatDate(r.created_at) },
  ];

  return (
    <ProTable<OrgUnit, { name?: string; kind?: OrgUnitKind }>
      headerTitle="组织机构"
      rowKey="id"
      actionRef={actionRef}
      columns={columns}
      cardBordered
      search={{ labelWidth: 'auto', defaultCollapsed: false }}
      pagination={{ defaultPageSize: 10, showSizeChanger: true }}
      options={{ density: false, setting: false, reload: true }}
      request={async (params) => {
        try {
          const page = unwrap(
            await api.GET('/api/v1/org-units', {
              params: {
                query: {
                  q: params.name?.trim() || undefined,
                  kind: params.kind || undefined,
                  page: params.current ?? 1,
                  per_page: params.pageSize ?? 10,
                },
              },
            }),
          );
          return { data: page.items, total: page.total, success: true };
        } catch (err) {
          message.error(errorMessage(err));
          return { data: [], total: 0, success: false };
        }
      }}
      toolBarRender={() => [
        <CreateOrgUnitModal
          key="create"
          onCreated={() => {
            void names.refetch();
            actionRef.current?.reload();
          }}
        />,
      ]}
    />
  );
}
