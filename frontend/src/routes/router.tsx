import { lazy, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, ScrollRestoration, type RouteObject } from 'react-router';
import { PageLoading } from '../components/PageLoading';
import { HOME_PATH, isPublic, PAGES, type PageDef } from './pages';
import { useDestroyMessagesOnRouteChange } from './RouteEffects';

/** The signed-in shell (session check, ProLayout, menus): its own chunk, never on the login route. */
const SignedInShell = lazy(async () => ({ default: (await import('../layouts/SignedInShell')).SignedInShell }));
const RoleGate = lazy(async () => ({ default: (await import('../features/auth/components/guards')).RequireRole }));
const NotFoundPage = lazy(async () => ({ default: (await import('../components/NotFoundPage')).NotFoundPage }));

function Root() {
  useDestroyMessagesOnRouteChange();
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

function PublicPage({ page }: { page: PageDef }) {
  const Element = page.element;
  return (
    <Suspense fallback={<PageLoading fullScreen />}>
      <Element />
    </Suspense>
  );
}

function SignedInPage({ page }: { page: PageDef }) {
  const Element = page.element;
  if (page.access === 'public') return null;
  return (
    <RoleGate roles={page.access}>
      <Element />
    </RoleGate>
  );
}

const routePath = (page: PageDef) => {
  const path = page.path.slice(1);
  return page.subPath ? `${path}/${page.subPath}` : path;
};

/** All routes, from the one page list. */
export const routes: RouteObject[] = [
  {
    element: <Root />,
    children: [
      ...PAGES.filter(isPublic).map((page) => ({ path: `/${routePath(page)}`, element: <PublicPage page={page} /> })),
      {
        path: '/',
        element: (
          <Suspense fallback={<PageLoading fullScreen />}>
            <SignedInShell />
          </Suspense>
        ),
        children: [
          { index: true, element: <Navigate to={HOME_PATH} replace /> },
          ...PAGES.filter((p) => !isPublic(p)).map((page) => ({ path: routePath(page), element: <SignedInPage page={page} /> })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter(routes);
}
