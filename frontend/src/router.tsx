import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { AppLayout } from './layouts/AppLayout';
import { RequireAuth, RequireRole } from './auth/guards';
import { LoginPage } from './pages/LoginPage';
import { RegisterIndividualPage } from './pages/register/RegisterIndividualPage';
import { RegisterEmployerPage } from './pages/register/RegisterEmployerPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PAGES, HOME_PATH } from './routes/pages';
import { PageElement } from './routes/PageElement';

export const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  { path: '/register/individual', element: <RegisterIndividualPage /> },
  { path: '/register/employer', element: <RegisterEmployerPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to={HOME_PATH} replace /> },
      ...PAGES.map((page) => ({
        path: page.subPath ? `${page.path.slice(1)}/${page.subPath}` : page.path.slice(1),
        element: (
          <RequireRole roles={page.roles}>
            <PageElement page={page} />
          </RequireRole>
        ),
      })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
