import { useQuery } from '@tanstack/react-query';
import { expectOk } from '../api/api-request-error.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

/**
 * Each installed node type's title in the app's language (`GET /api/node-types?language=`), for
 * saying what a template uses; a type missing from the map is not installed. Shares the flow
 * editor's cache entry (`['node-types', language]`, the raw list), so opening a template's draft
 * asks nothing again.
 */
export function useNodeTypeTitles(): ReadonlyMap<string, string> | undefined {
  const api = useApiClient();
  const { language } = useLanguage();
  const query = useQuery({
    queryKey: ['node-types', language] as const,
    queryFn: ({ signal }) => expectOk(api.GET('/api/node-types', { params: { query: { language } }, signal })),
    staleTime: Number.POSITIVE_INFINITY,
    select: (list) => new Map(list.map((nodeType) => [nodeType.type, nodeType.title])),
  });
  return query.data;
}
