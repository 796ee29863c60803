import type { components } from '../../api/schema';

export type Role = components['schemas']['AccountView']['role'];
export type AccountView = components['schemas']['AccountView'];
export type LoginRequest = components['schemas']['LoginRequest'];
export type AccountKind = LoginRequest['account_kind'];

export const ROLE_LABELS: Record<Role, string> = {
  individual: '个人',
  employer: '用人单位',
  competent: '主管部门',
  hrss: '人力社保部门',
  committee_office: '评委会办公室',
  expert: '评审专家',
  admin: '系统管理员',
};

export const ACCOUNT_KIND_LABELS: Record<AccountKind, string> = {
  individual: '个人登录',
  employer: '法人登录',
  staff: '部门登录',
};

export const ALL_ROLES = Object.keys(ROLE_LABELS) as Role[];
export const STAFF_ROLES: Role[] = ['competent', 'hrss', 'committee_office', 'expert', 'admin'];
