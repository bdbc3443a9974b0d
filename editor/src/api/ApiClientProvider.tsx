import { createContext, type ReactNode } from 'react';
import type { ApiClient } from './client.ts';

export const ApiClientContext = createContext<ApiClient | undefined>(undefined);

/** Hands the app's API client to every screen (useApiClient); tests and a second app can pass their own. */
export function ApiClientProvider({ client, children }: { readonly client: ApiClient; readonly children: ReactNode }) {
  return <ApiClientContext value={client}>{children}</ApiClientContext>;
}
