import type { ReactNode } from 'react';
import { useMe } from '../auth/session';
import { UserCenterPage } from '../pages/UserCenterPage';
import { PlaceholderPage } from '../pages/PlaceholderPage';
import { OrgUnitsPage } from '../pages/admin/OrgUnitsPage';
import { StaffAccountsPage } from '../pages/admin/StaffAccountsPage';
import { ReferenceDataPage } from '../pages/admin/ReferenceDataPage';
import { ProfilePage } from '../pages/profile/ProfilePage';
import { MyArchivePage } from '../pages/archive/MyArchivePage';
import { ArchiveReviewPage } from '../pages/review/ArchiveReviewPage';
import { MessagesPage } from '../pages/MessagesPage';
import { AuthorisationPage } from '../pages/employer/AuthorisationPage';
import { UnitInfoPage } from '../pages/employer/UnitInfoPage';
import { EmployerApplicationsPage } from '../pages/hrss/EmployerApplicationsPage';
import { pageLabel, type PageDef, type PageKey } from './pages';

const IMPLEMENTED: Partial<Record<PageKey, () => ReactNode>> = {
  'user-center': () => <UserCenterPage />,
  profile: () => <ProfilePage />,
  archive: () => <MyArchivePage />,
  'archive-review': () => <ArchiveReviewPage />,
  messages: () => <MessagesPage />,
  authorisation: () => <AuthorisationPage />,
  'unit-info': () => <UnitInfoPage />,
  'employer-authorizations': () => <EmployerApplicationsPage />,
  'org-units': () => <OrgUnitsPage />,
  'staff-accounts': () => <StaffAccountsPage />,
  'reference-data': () => <ReferenceDataPage />,
};

/** The page for a menu entry; entries not built yet show 功能建设中. */
export function PageElement({ page }: { page: PageDef }) {
  const me = useMe();
  const render = IMPLEMENTED[page.key];
  if (render) return <>{render()}</>;
  return <PlaceholderPage title={me.data ? pageLabel(page, me.data.role) : ''} />;
}
