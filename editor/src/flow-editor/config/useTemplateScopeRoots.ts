import { useQuery } from '@tanstack/react-query';
import { useApiClient } from '../../api/useApiClient.ts';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { ScopeRoot } from './template-scope.ts';

export interface ScopeRoots {
  readonly roots: readonly ScopeRoot[];
  /** False until (or unless) the server answers with its roots. */
  readonly known: boolean;
}

const unknown: ScopeRoots = { roots: [], known: false };

/**
 * The roots every template may read besides trigger and steps (vars, run, now, secrets, contact,
 * conversation, assignee...), with their schemas and samples, from `GET /api/template-scope`.
 * A server that cannot answer leaves templates with the trigger, vars and steps, and the
 * preview does not call other names unknown.
 */
export function useTemplateScopeRoots(): ScopeRoots {
  const api = useApiClient();
  const { language } = useLanguage();
  const { data } = useQuery({
    queryKey: ['template-scope', language],
    queryFn: async ({ signal }): Promise<ScopeRoots> => {
      const { data: body, response } = await api.GET('/api/template-scope', { params: { query: { language } }, signal });
      return response.ok && body !== undefined ? { roots: body.roots, known: true } : unknown;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data ?? unknown;
}
