import { useContext } from 'react';
import type { ApiClient } from './client.ts';
import { ApiClientContext } from './ApiClientProvider.tsx';

export function useApiClient(): ApiClient {
  const client = useContext(ApiClientContext);
  if (client === undefined) throw new Error('useApiClient needs an <ApiClientProvider> above it.');
  return client;
}
