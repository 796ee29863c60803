import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { AppProviders } from './AppProviders';
import { createQueryClient } from './appConfig';
import { createAppRouter } from './routes/router';
import { setAuthFailureHandler } from './api/client';
import { localTokenStore } from './api/tokens';
import './index.css';

const queryClient = createQueryClient();
const router = createAppRouter();

// The refresh middleware gave up: forget the session and go to the login page.
setAuthFailureHandler(() => {
  localTokenStore.clear();
  queryClient.clear();
  if (!router.state.location.pathname.startsWith('/login')) {
    void router.navigate('/login', { replace: true });
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppProviders client={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>
  </StrictMode>,
);
