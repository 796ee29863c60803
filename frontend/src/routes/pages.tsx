import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BellOutlined,
  CalendarOutlined,
  DatabaseOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FolderOpenOutlined,
  HomeOutlined,
  IdcardOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { ALL_ROLES, type Role } from '../auth/roles';

export type PageKey =
  | 'user-center'
  | 'profile'
  | 'messages'
  | 'authorisation'
  | 'archive'
  | 'declare'
  | 'my-declarations'
  | 'archive-review'
  | 'declaration-review'
  | 'recognition-review'
  | 'unit-info'
  | 'qualification-review'
  | 'plans'
  | 'employer-authorizations'
  | 'committee-acceptance'
  | 'committee-meetings'
  | 'expert-tasks'
  | 'org-units'
  | 'staff-accounts'
  | 'reference-data';

export interface PageDef {
  key: PageKey;
  path: string;
  /** Menu label; may depend on the role (个人中心 vs 用户中心). */
  label: string | ((role: Role) => string);
  roles: readonly Role[];
  icon: ReactNode;
  /** Reachable by link (header bell, user centre) but not listed in the menu. */
  hideInMenu?: boolean;
  /** Optional trailing route segment, e.g. `:category?` for the archive categories. */
  subPath?: string;
}

/** Every page after login, in menu order. Menus are derived from this list per role. */
export const PAGES: readonly PageDef[] = [
  {
    key: 'user-center',
    path: '/user-center',
    label: (role) => (role === 'individual' ? '个人中心' : '用户中心'),
    roles: ALL_ROLES,
    icon: <HomeOutlined />,
  },
  // individual 个人
  { key: 'profile', path: '/profile', label: '个人基本信息', roles: ['individual'], icon: <IdcardOutlined /> },
  {
    key: 'archive',
    path: '/archive',
    label: '我的业绩档案库',
    roles: ['individual'],
    icon: <FolderOpenOutlined />,
    subPath: ':category?',
  },
  { key: 'declare', path: '/declare', label: '职称申报', roles: ['individual'], icon: <FileDoneOutlined /> },
  { key: 'my-declarations', path: '/my-declarations', label: '我的申报记录', roles: ['individual'], icon: <UnorderedListOutlined /> },
  // employer 用人单位
  {
    key: 'archive-review',
    path: '/archive-review',
    label: '业绩档案审核',
    roles: ['employer'],
    icon: <FileSearchOutlined />,
    subPath: ':category?',
  },
  { key: 'declaration-review', path: '/declaration-review', label: '职称申报资格审查', roles: ['employer'], icon: <AuditOutlined /> },
  { key: 'recognition-review', path: '/recognition-review', label: '认定资格审查', roles: ['employer'], icon: <SafetyCertificateOutlined /> },
  { key: 'unit-info', path: '/unit-info', label: '本单位基本信息', roles: ['employer'], icon: <IdcardOutlined /> },
  {
    key: 'authorisation',
    path: '/authorisation',
    label: '提交授权委托证明',
    roles: ['employer'],
    icon: <SafetyCertificateOutlined />,
    hideInMenu: true,
  },
  // competent / hrss 主管部门 / 人力社保部门
  { key: 'qualification-review', path: '/qualification-review', label: '职称评审资格审查', roles: ['competent', 'hrss'], icon: <AuditOutlined /> },
  { key: 'plans', path: '/plans', label: '申报计划', roles: ['hrss'], icon: <CalendarOutlined /> },
  { key: 'employer-authorizations', path: '/employer-authorizations', label: '单位授权审核', roles: ['hrss'], icon: <SafetyCertificateOutlined /> },
  // committee office 评委会办公室
  { key: 'committee-acceptance', path: '/committee/acceptance', label: '评审受理', roles: ['committee_office'], icon: <ProfileOutlined /> },
  { key: 'committee-meetings', path: '/committee/meetings', label: '评审会议', roles: ['committee_office'], icon: <ScheduleOutlined /> },
  // expert 评审专家
  { key: 'expert-tasks', path: '/expert/tasks', label: '评审任务', roles: ['expert'], icon: <SolutionOutlined /> },
  // admin 系统管理员
  { key: 'org-units', path: '/admin/org-units', label: '组织机构', roles: ['admin'], icon: <ApartmentOutlined /> },
  { key: 'staff-accounts', path: '/admin/staff-accounts', label: '账号分配', roles: ['admin'], icon: <TeamOutlined /> },
  { key: 'reference-data', path: '/admin/reference-data', label: '基础数据', roles: ['admin'], icon: <DatabaseOutlined /> },
  // everyone
  { key: 'messages', path: '/messages', label: '我的消息', roles: ALL_ROLES, icon: <BellOutlined />, hideInMenu: true },
];

export function pageLabel(page: PageDef, role: Role): string {
  return typeof page.label === 'function' ? page.label(role) : page.label;
}

export function menuFor(role: Role): { path: string; name: string; icon: ReactNode }[] {
  return PAGES.filter((p) => p.roles.includes(role) && !p.hideInMenu).map((p) => ({
    path: p.path,
    name: pageLabel(p, role),
    icon: p.icon,
  }));
}

export const HOME_PATH = '/user-center';
export const PROFILE_PATH = '/profile';
export const AUTHORISATION_PATH = '/authorisation';

/** The page a location belongs to (`/archive/paper` → 我的业绩档案库), for the menu highlight. */
export function pageOf(pathname: string): PageDef | undefined {
  return PAGES.find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));
}

/** The selected menu key for a location: its page's path when that page is in `menu`, else none. */
export function selectedMenuKeys(pathname: string, menu: readonly { path: string }[]): string[] {
  const page = pageOf(pathname);
  return page && menu.some((m) => m.path === page.path) ? [page.path] : [];
}
