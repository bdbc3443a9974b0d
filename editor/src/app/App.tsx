import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ApiClientProvider } from '../api/ApiClientProvider.tsx';
import { createApiClient } from '../api/client.ts';
import { createI18n } from '../i18n/create-i18n.ts';
import { createQueryClient } from './query-client.ts';
import { createAppRouter } from './router.tsx';

/** The app, with one of each of its services per mounted app (none is a module singleton). */
export function App() {
  const [i18n] = useState(createI18n);
  const [queryClient] = useState(createQueryClient);
  const [api] = useState(() => createApiClient());
  const [router] = useState(() => createAppRouter(queryClient));
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <ApiClientProvider client={api}>
          <RouterProvider router={router} />
        </ApiClientProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
