import { queryOptions, type UseQueryResult, useQuery } from '@tanstack/react-query';
import { expectOk } from '../api/api-request-error.ts';
import type { ApiClient } from '../api/client.ts';
import type { components } from '../api/schema.d.ts';
import { useApiClient } from '../api/useApiClient.ts';
import { useLanguage } from '../i18n/useLanguage.ts';

/** An installed node type as `GET /api/node-types` describes it, in the app's language. */
export type NodeType = components['schemas']['NodeType'];

/** Every installed node type: the one registry the palette, the cards, the handles and the layout read. */
export interface NodeTypeIndex {
  /** In the server's order. */
  readonly list: readonly NodeType[];
  get(type: string): NodeType | undefined;
}

export const nodeTypesQueryKey = ['node-types'] as const;

/** `GET /api/node-types` in `language`; node types change only when the server restarts. */
export function nodeTypesQuery(api: ApiClient, language: string) {
  return queryOptions({
    queryKey: [...nodeTypesQueryKey, language] as const,
    queryFn: ({ signal }) => expectOk(api.GET('/api/node-types', { params: { query: { language } }, signal })),
    staleTime: Number.POSITIVE_INFINITY,
    select: nodeTypeIndex,
  });
}

/** Indexes a list of node types by type id. */
export function nodeTypeIndex(list: readonly NodeType[]): NodeTypeIndex {
  const byType = new Map(list.map((nodeType) => [nodeType.type, nodeType]));
  return { list, get: (type) => byType.get(type) };
}

/** The installed node types in the app's language; custom nodes are among them, no editor change needed. */
export function useNodeTypes(): UseQueryResult<NodeTypeIndex> {
  const api = useApiClient();
  const { language } = useLanguage();
  return useQuery(nodeTypesQuery(api, language));
}
