import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProviders } from '../AppProviders';
import { createQueryClient } from '../appConfig';

/** Render routes inside the real providers (zh-CN antd, react-query) at `path`. */
export function renderRoutes(routes: RouteObject[], path: string) {
  const client = createQueryClient();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const utils = render(
    <AppProviders client={client}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...utils, router, client };
}

export function renderWithProviders(ui: ReactElement) {
  const client = createQueryClient();
  return { ...render(<AppProviders client={client}>{ui}</AppProviders>), client };
}
