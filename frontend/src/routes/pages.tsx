import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
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
  MessageOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { ALL_ROLES, type Role } from '../features/auth/roles';
import { AUTHORISATION_PATH, FORGOT_PASSWORD_PATH, HOME_PATH, LOGIN_PATH, PROFILE_PATH } from './paths';

export { AUTHORISATION_PATH, FORGOT_PASSWORD_PATH, HOME_PATH, LOGIN_PATH, PROFILE_PATH };

export type PageKey =
  | 'login'
  | 'register-individual'
  | 'register-employer'
  | 'forgot-password'
  | 'sign'
  | 'user-center'
  | 'profile'
  | 'messages'
  | 'authorisation'
  | 'archive'
  | 'declare'
  | 'declaration-wizard'
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
  | 'reference-data'
  | 'calendar'
  | 'sms-outbox';

export type PageComponent = LazyExoticComponent<ComponentType>;

export interface PageDef {
  key: PageKey;
  path: string;
  /** Title (menu label for pages after login); may depend on the role (个人中心 vs 用户中心). */
  label: string | ((role: Role) => string);
  /** Roles that may open the page; `'public'` for the pages before login. */
  access: readonly Role[] | 'public';
  /** The page itself, loaded when the route is first visited. */
  element: PageComponent;
  icon?: ReactNode;
  /** Reachable by link (header bell, user centre) but not listed in the menu. */
  hideInMenu?: boolean;
  /** Optional trailing route segment, e.g. `:category?` for the archive categories. */
  subPath?: string;
}

/** A page module's named export, loaded lazily (its code is a separate chunk). */
function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K): PageComponent {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

/** 功能建设中: pages of later work share one lazily loaded placeholder. */
const placeholder = lazyPage(() => import('../components/PlaceholderPage'), 'PlaceholderRoute');

/**
 * Every page of the SPA — public ones first, then the signed-in pages in menu order — with
 * its path, who may open it and its lazily imported element. The router, the menus per role
 * and the menu highlight all derive from this one list.
 */
export const PAGES: readonly PageDef[] = [
  // before login
  {
    key: 'login',
    path: LOGIN_PATH,
    label: '登录',
    access: 'public',
    element: lazyPage(() => import('../features/auth/pages/LoginPage'), 'LoginPage'),
  },
  {
    key: 'register-individual',
    path: '/register/individual',
    label: '个人注册',
    access: 'public',
    element: lazyPage(() => import('../features/auth/pages/RegisterIndividualPage'), 'RegisterIndividualPage'),
  },
  {
    key: 'register-employer',
    path: '/register/employer',
    label: '法人注册',
    access: 'public',
    element: lazyPage(() => import('../features/auth/pages/RegisterEmployerPage'), 'RegisterEmployerPage'),
  },
  {
    key: 'forgot-password',
    path: FORGOT_PASSWORD_PATH,
    label: '忘记密码',
    access: 'public',
    element: lazyPage(() => import('../features/auth/pages/ForgotPasswordPage'), 'ForgotPasswordPage'),
  },
  {
    // 手机签署保证书: opened from the QR code, no login and no app chrome.
    key: 'sign',
    path: '/sign',
    label: '签署保证书',
    access: 'public',
    subPath: ':token',
    element: lazyPage(() => import('../features/declarations/pages/SigningPage'), 'SigningPage'),
  },
  // everyone signed in
  {
    key: 'user-center',
    path: HOME_PATH,
    label: (role) => (role === 'individual' ? '个人中心' : '用户中心'),
    access: ALL_ROLES,
    icon: <HomeOutlined />,
    element: lazyPage(() => import('../features/auth/pages/UserCenterPage'), 'UserCenterPage'),
  },
  // individual 个人
  {
    key: 'profile',
    path: PROFILE_PATH,
    label: '个人基本信息',
    access: ['individual'],
    icon: <IdcardOutlined />,
    element: lazyPage(() => import('../features/profile/pages/ProfilePage'), 'ProfilePage'),
  },
  {
    key: 'archive',
    path: '/archive',
    label: '我的业绩档案库',
    access: ['individual'],
    icon: <FolderOpenOutlined />,
    subPath: ':category?',
    element: lazyPage(() => import('../features/archive/pages/MyArchivePage'), 'MyArchivePage'),
  },
  {
    key: 'declare',
    path: '/declare',
    label: '职称申报',
    access: ['individual'],
    icon: <FileDoneOutlined />,
    element: lazyPage(() => import('../features/plans/pages/DeclarePage'), 'DeclarePage'),
  },
  {
    // 【马上申报】 lands here (features/declarations/api.ts startDeclaration): the wizard of a draft.
    key: 'declaration-wizard',
    path: '/declare/edit',
    label: '职称申报',
    access: ['individual'],
    icon: <FileDoneOutlined />,
    hideInMenu: true,
    subPath: ':id',
    element: lazyPage(() => import('../features/declarations/pages/DeclarationWizardPage'), 'DeclarationWizardPage'),
  },
  {
    key: 'my-declarations',
    path: '/my-declarations',
    label: '我的申报记录',
    access: ['individual'],
    icon: <UnorderedListOutlined />,
    element: lazyPage(() => import('../features/declarations/pages/MyDeclarationsPage'), 'MyDeclarationsPage'),
  },
  // employer 用人单位
  {
    key: 'archive-review',
    path: '/archive-review',
    label: '业绩档案审核',
    access: ['employer'],
    icon: <FileSearchOutlined />,
    subPath: ':category?',
    element: lazyPage(() => import('../features/review/pages/ArchiveReviewPage'), 'ArchiveReviewPage'),
  },
  {
    key: 'declaration-review',
    path: '/declaration-review',
    label: '职称申报资格审查',
    access: ['employer'],
    icon: <AuditOutlined />,
    element: lazyPage(() => import('../features/review-chain/pages/ReviewPages'), 'EmployerReviewPage'),
  },
  {
    key: 'recognition-review',
    path: '/recognition-review',
    label: '认定资格审查',
    access: ['employer'],
    icon: <SafetyCertificateOutlined />,
    element: lazyPage(() => import('../features/review-chain/pages/ReviewPages'), 'EmployerRecognitionPage'),
  },
  {
    key: 'unit-info',
    path: '/unit-info',
    label: '本单位基本信息',
    access: ['employer'],
    icon: <IdcardOutlined />,
    element: lazyPage(() => import('../features/onboarding/pages/UnitInfoPage'), 'UnitInfoPage'),
  },
  {
    key: 'authorisation',
    path: AUTHORISATION_PATH,
    label: '提交授权委托证明',
    access: ['employer'],
    icon: <SafetyCertificateOutlined />,
    hideInMenu: true,
    element: lazyPage(() => import('../features/onboarding/pages/AuthorisationPage'), 'AuthorisationPage'),
  },
  // competent / hrss 主管部门 / 人力社保部门
  {
    key: 'qualification-review',
    path: '/qualification-review',
    label: '职称评审资格审查',
    access: ['competent', 'hrss'],
    icon: <AuditOutlined />,
    element: lazyPage(() => import('../features/review-chain/pages/ReviewPages'), 'QualificationReviewPage'),
  },
  {
    key: 'plans',
    path: '/plans',
    label: '申报计划',
    access: ['hrss'],
    icon: <CalendarOutlined />,
    element: lazyPage(() => import('../features/plans/pages/PlanManagePage'), 'PlanManagePage'),
  },
  {
    key: 'employer-authorizations',
    path: '/employer-authorizations',
    label: '单位授权审核',
    access: ['hrss'],
    icon: <SafetyCertificateOutlined />,
    element: lazyPage(() => import('../features/onboarding/pages/EmployerApplicationsPage'), 'EmployerApplicationsPage'),
  },
  // committee office 评委会办公室
  {
    key: 'committee-acceptance',
    path: '/committee/acceptance',
    label: '评审受理',
    access: ['committee_office'],
    icon: <ProfileOutlined />,
    element: lazyPage(() => import('../features/review-chain/pages/ReviewPages'), 'CommitteeAcceptancePage'),
  },
  {
    key: 'committee-meetings',
    path: '/committee/meetings',
    label: '评审会议',
    access: ['committee_office'],
    icon: <ScheduleOutlined />,
    element: placeholder,
  },
  // expert 评审专家
  { key: 'expert-tasks', path: '/expert/tasks', label: '评审任务', access: ['expert'], icon: <SolutionOutlined />, element: placeholder },
  // admin 系统管理员
  {
    key: 'org-units',
    path: '/admin/org-units',
    label: '组织机构',
    access: ['admin'],
    icon: <ApartmentOutlined />,
    element: lazyPage(() => import('../features/admin/pages/OrgUnitsPage'), 'OrgUnitsPage'),
  },
  {
    key: 'staff-accounts',
    path: '/admin/staff-accounts',
    label: '账号分配',
    access: ['admin'],
    icon: <TeamOutlined />,
    element: lazyPage(() => import('../features/admin/pages/StaffAccountsPage'), 'StaffAccountsPage'),
  },
  {
    key: 'reference-data',
    path: '/admin/reference-data',
    label: '基础数据',
    access: ['admin'],
    icon: <DatabaseOutlined />,
    element: lazyPage(() => import('../features/admin/pages/ReferenceDataPage'), 'ReferenceDataPage'),
  },
  {
    key: 'calendar',
    path: '/admin/calendar',
    label: '节假日安排',
    access: ['admin'],
    icon: <CalendarOutlined />,
    element: lazyPage(() => import('../features/admin/pages/CalendarPage'), 'CalendarPage'),
  },
  {
    key: 'sms-outbox',
    path: '/admin/sms-outbox',
    label: '短信发送记录',
    access: ['admin'],
    icon: <MessageOutlined />,
    element: lazyPage(() => import('../features/notify/pages/SmsOutboxPage'), 'SmsOutboxPage'),
  },
  // everyone signed in, off the menu
  {
    key: 'messages',
    path: '/messages',
    label: '我的消息',
    access: ALL_ROLES,
    icon: <BellOutlined />,
    hideInMenu: true,
    element: lazyPage(() => import('../features/notify/pages/MessagesPage'), 'MessagesPage'),
  },
];

export const isPublic = (page: PageDef) => page.access === 'public';

/** Whether `role` may open `page` (public pages are open to everyone). */
export function allows(page: PageDef, role: Role): boolean {
  return page.access === 'public' || page.access.includes(role);
}

export function pageLabel(page: PageDef, role: Role): string {
  return typeof page.label === 'function' ? page.label(role) : page.label;
}

export interface MenuEntry {
  path: string;
  name: string;
  icon: ReactNode;
}

/** The side menu of a role: its pages of the list, in list order, minus those off the menu. */
export function menuFor(role: Role): MenuEntry[] {
  return PAGES.filter((p) => !isPublic(p) && allows(p, role) && !p.hideInMenu).map((p) => ({
    path: p.path,
    name: pageLabel(p, role),
    icon: p.icon,
  }));
}

/** The page a location belongs to (`/archive/paper` → 我的业绩档案库), for the menu highlight. */
export function pageOf(pathname: string): PageDef | undefined {
  return PAGES.find((p) => pathname === p.path || pathname.startsWith(`${p.path}/`));
}

/** The selected menu key for a location: its page's path when that page is in `menu`, else none. */
export function selectedMenuKeys(pathname: string, menu: readonly { path: string }[]): string[] {
  const page = pageOf(pathname);
  return page && menu.some((m) => m.path === page.path) ? [page.path] : [];
}
