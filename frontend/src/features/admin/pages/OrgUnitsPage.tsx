import { useMemo, useRef, useState, type Key, type ReactNode } from 'react';
import {
  ModalForm,
  ProFormSelect,
  ProFormText,
  ProTable,
  type ActionType,
  type ProColumns,
} from '@ant-design/pro-components';
import { Alert, App, Button, Card, Form, Segmented, Space, Spin, Tag, Tree, Typography } from 'antd';
import { ApartmentOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { applyFieldErrors, errorMessage, unwrap } from '../../../api/problem';
import type { components } from '../../../api/schema';
import { ORG_KIND_COLORS, ORG_KIND_LABELS, orgKindValueEnum, type OrgUnit, type OrgUnitKind } from '../orgKinds';
import { fetchAllOrgUnits, fetchDepartments, searchOrgUnitOptions } from '../api';
import { buildOrgTree, keysToDepth, type OrgTreeNode } from '../orgTree';
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

type View = 'tree' | 'list';

/** 组织机构 (admin): the org tree, or a searchable, paged list; 新增 in both. */
export function OrgUnitsPage() {
  const [view, setView] = useState<View>('tree');
  const [version, setVersion] = useState(0);
  const switcher = (
    <Segmented<View>
      value={view}
      onChange={setView}
      options={[
        { value: 'tree', label: '树形', icon: <ApartmentOutlined /> },
        { value: 'list', label: '列表查询', icon: <UnorderedListOutlined /> },
      ]}
      data-testid="org-view"
    />
  );
  return view === 'tree' ? (
    <OrgTreeCard key={version} switcher={switcher} onCreated={() => setVersion((v) => v + 1)} />
  ) : (
    <OrgUnitList switcher={switcher} />
  );
}

/**
 * The tree: every department at once (人社部门 → 主管部门 / 评审委员会), the employers under a
 * department loaded when it is opened.
 */
function OrgTreeCard({ switcher, onCreated }: { switcher: ReactNode; onCreated: () => void }) {
  const departments = useQuery({ queryKey: ['org-units', 'departments'], queryFn: fetchDepartments });
  const [employers, setEmployers] = useState<Record<string, OrgUnit[]>>({});
  const tree = useMemo(() => buildOrgTree(departments.data ?? [], employers), [departments.data, employers]);
  const [expanded, setExpanded] = useState<Key[] | null>(null);
  const expandedKeys = expanded ?? keysToDepth(tree, 3);

  const loadEmployers = async (node: OrgTreeNode) => {
    if (node.isLeaf || node.key in employers) return;
    const list = await fetchAllOrgUnits({ parent_id: node.key, kind: 'employer' });
    setEmployers((e) => ({ ...e, [node.key]: list }));
  };

  return (
    <Card
      variant="borderless"
      title={
        <Space>
          组织机构
          <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 400 }}>
            {departments.data ? `共 ${departments.data.length} 个部门，展开部门查看其下用人单位` : ''}
          </Typography.Text>
        </Space>
      }
      extra={
        <Space>
          {switcher}
          <CreateOrgUnitModal onCreated={onCreated} />
        </Space>
      }
    >
      {departments.isPending ? (
        <div style={{ textAlign: 'center', padding: 40 }}>
          <Spin />
        </div>
      ) : departments.isError ? (
        <Alert type="error" showIcon message={errorMessage(departments.error)} />
      ) : (
        <Tree<OrgTreeNode>
          showLine
          blockNode
          treeData={tree}
          expandedKeys={expandedKeys}
          onExpand={(keys) => setExpanded(keys)}
          loadData={loadEmployers}
          selectable={false}
          fieldNames={{ key: 'key', children: 'children' }}
          titleRender={(n) => (
            <span data-testid="org-tree-node" style={{ display: 'inline-flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
              <span>{n.unit.name}</span>
              <Tag color={ORG_KIND_COLORS[n.unit.kind]} style={{ marginInlineEnd: 0 }}>
                {ORG_KIND_LABELS[n.unit.kind]}
              </Tag>
              {n.unit.status !== 'active' && <OrgStatus status={n.unit.status} />}
              {n.unit.credit_code && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {n.unit.credit_code}
                </Typography.Text>
              )}
            </span>
          )}
        />
      )}
    </Card>
  );
}

/** The searchable, paged list of every unit. */
function OrgUnitList({ switcher }: { switcher: ReactNode }) {
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
        switcher,
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
