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
import { api } from '../../../api/client';
import { applyFieldErrors, errorMessage, unwrap } from '../../../api/problem';
import type { components } from '../../../api/schema';
import { ROLE_LABELS, STAFF_ROLES, type AccountView, type Role } from '../../auth/roles';
import { checkPassword, checkPhone, ruleFrom } from '../../../lib/validators';
import { formatDateTime } from '../../../lib/format';
import { searchOrgUnitOptions } from '../api';
import type { OrgUnitKind } from '../orgKinds';
import { AccountStatus } from '../../../components/StatusTags';
import { lengthRules, maxLengthOf } from '../../../lib/limits';

type CreateStaffAccount = components['schemas']['CreateStaffAccount'];
type Values = CreateStaffAccount & { confirm: string };

const FIELDS = ['username', 'name', 'phone', 'role', 'org_unit_id', 'password', 'confirm'];

/** Roles an administrator allocates (admins are not allocated here). */
const ALLOCATABLE: Role[] = ['competent', 'hrss', 'committee_office', 'expert'];
const allocatableRoleEnum = Object.fromEntries(ALLOCATABLE.map((r) => [r, { text: ROLE_LABELS[r] }]));
const staffRoleEnum = Object.fromEntries(STAFF_ROLES.map((r) => [r, { text: ROLE_LABELS[r] }]));

/** Which kind of org unit an account of this role belongs to. */
const ORG_KIND_FOR_ROLE: Partial<Record<Role, OrgUnitKind>> = {
  competent: 'competent',
  hrss: 'hrss',
  committee_office: 'committee',
  expert: 'committee',
};

function CreateStaffAccountModal({ onCreated }: { onCreated: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  return (
    <ModalForm<Values>
      title="新增部门账号"
      form={form}
      width={600}
      layout="horizontal"
      labelCol={{ span: 5 }}
      trigger={
        <Button type="primary" icon={<PlusOutlined />}>
          新增
        </Button>
      }
      modalProps={{ destroyOnHidden: true, maskClosable: false }}
      onFinish={async (v) => {
        try {
          unwrap(
            await api.POST('/api/v1/staff-accounts', {
              body: {
                username: v.username.trim(),
                name: v.name.trim(),
                phone: v.phone.trim(),
                role: v.role,
                org_unit_id: v.org_unit_id,
                password: v.password,
              },
            }),
          );
          message.success('账号已分配');
          onCreated();
          return true;
        } catch (err) {
          if (!applyFieldErrors(form, err, FIELDS)) message.error(errorMessage(err));
          return false;
        }
      }}
    >
      <ProFormText
        name="username"
        label="登录名"
        placeholder="小写字母开头，3-32位小写字母、数字或下划线"
        fieldProps={{ maxLength: maxLengthOf('CreateStaffAccount', 'username') }}
        rules={[
          { required: true, message: '请输入登录名' },
          { pattern: /^[a-z][a-z0-9_]{2,31}$/, message: '登录名须以小写字母开头，由3-32位小写字母、数字或下划线组成' },
        ]}
      />
      <ProFormText name="name" label="姓名" placeholder="请输入使用人姓名" rules={[{ required: true, whitespace: true, message: '请输入姓名' }, ...lengthRules('CreateStaffAccount', 'name', '姓名')]}
      />
      <ProFormText
        name="phone"
        label="手机号"
        placeholder="请输入11位手机号码"
        fieldProps={{ maxLength: 11 }}
        rules={[{ required: true, message: '请输入手机号' }, ruleFrom(checkPhone)]}
      />
      <ProFormSelect
        name="role"
        label="角色"
        placeholder="请选择角色"
        valueEnum={allocatableRoleEnum}
        rules={[{ required: true, message: '请选择角色' }]}
        fieldProps={{ onChange: () => form.setFieldValue('org_unit_id', undefined) }}
      />
      <ProFormSelect
        name="org_unit_id"
        label="所属机构"
        placeholder="输入关键字查找机构"
        showSearch
        debounceTime={300}
        dependencies={['role']}
        fieldProps={{ filterOption: false }}
        rules={[{ required: true, message: '请选择所属机构' }]}
        request={async ({ keyWords, role }) => searchOrgUnitOptions(keyWords, ORG_KIND_FOR_ROLE[role as Role])}
      />
      <ProFormText.Password
        name="password"
        label="初始密码"
        placeholder="至少8位，须同时包含字母和数字"
        fieldProps={{ autoComplete: 'new-password' }}
        rules={[{ required: true, message: '请输入初始密码' }, ruleFrom(checkPassword)]}
      />
      <ProFormText.Password
        name="confirm"
        label="确认密码"
        placeholder="请再次输入密码"
        dependencies={['password']}
        fieldProps={{ autoComplete: 'new-password' }}
        rules={[
          { required: true, message: '请再次输入密码' },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || getFieldValue('password') === value ? Promise.resolve() : Promise.reject(new Error('两次输入的密码不一致')),
          }),
        ]}
      />
    </ModalForm>
  );
}

/** 账号分配: department, committee and administrator accounts (admin). */
export function StaffAccountsPage() {
  const actionRef = useRef<ActionType>(null);
  const { message } = App.useApp();

  const columns: ProColumns<AccountView>[] = [
    { title: '序号', dataIndex: 'index', valueType: 'indexBorder', width: 64, search: false },
    {
      title: '关键字',
      dataIndex: 'q',
      hideInTable: true,
      fieldProps: { placeholder: '登录名或姓名' },
    },
    { title: '登录名', dataIndex: 'username', search: false, copyable: true },
    { title: '姓名', dataIndex: 'name', search: false },
    {
      title: '角色',
      dataIndex: 'role',
      valueType: 'select',
      valueEnum: staffRoleEnum,
      width: 140,
      render: (_, r) => <Tag color="blue">{ROLE_LABELS[r.role]}</Tag>,
    },
    { title: '所属机构', dataIndex: ['org_unit', 'name'], search: false, ellipsis: true, render: (_, r) => r.org_unit?.name ?? '—' },
    { title: '手机号', dataIndex: 'phone_masked', search: false, width: 140 },
    { title: '状态', dataIndex: 'status', search: false, width: 100, render: (_, r) => <AccountStatus status={r.status} /> },
    { title: '创建时间', dataIndex: 'created_at', search: false, width: 180, render: (_, r) => formatDateTime(r.created_at) },
  ];

  return (
    <ProTable<AccountView, { q?: string; role?: Role }>
      headerTitle="账号分配"
      rowKey="id"
      actionRef={actionRef}
      columns={columns}
      cardBordered
      search={{ labelWidth: 'auto' }}
      pagination={{ defaultPageSize: 10, showSizeChanger: true }}
      options={{ density: false, setting: false, reload: true }}
      request={async (params) => {
        try {
          const page = unwrap(
            await api.GET('/api/v1/staff-accounts', {
              params: {
                query: {
                  q: params.q?.trim() || undefined,
                  role: params.role || undefined,
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
      toolBarRender={() => [<CreateStaffAccountModal key="create" onCreated={() => actionRef.current?.reload()} />]}
    />
  );
}
