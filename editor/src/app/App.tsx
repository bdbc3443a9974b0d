import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiClientProvider } from '../api/ApiClientProvider.tsx';
import { createApiClient } from '../api/client.ts';
import { createI18n } from '../i18n/create-i18n.ts';
import { meQueryKey } from '../session/me-query.ts';
import { createQueryClient } from './query-client.ts';
import { createAppRouter } from './router.tsx';

/** The app, with one of each of its services per mounted app (none is a module singleton). */
export function App() {
  const [services] = useState(() => {
    const i18n = createI18n();
    const queryClient = createQueryClient();
    // A 401 AUTH_REQUIRED from any request means the session is over: the session provider
    // sees nobody signed in and takes the person to the sign-in page.
    const api = createApiClient({ onAuthRequired: () => queryClient.setQueryData(meQueryKey, null) });
    const router = createAppRouter({ queryClient, api, i18n });
    return { i18n, queryClient, api, router };
  });
  return (
    <I18nextProvider i18n={services.i18n}>
      <QueryClientProvider client={services.queryClient}>
        <ApiClientProvider client={services.api}>
          <RouterProvider router={services.router} />
        </ApiClientProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
