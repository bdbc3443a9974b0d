import { useQuery } from '@tanstack/react-query';
import { useLanguage } from '../../i18n/useLanguage.ts';
import type { ScopeRoot } from './template-scope.ts';

export interface ScopeRoots {
  readonly roots: readonly ScopeRoot[];
  /** False until (or unless) the server answers with its roots. */
  readonly known: boolean;
}

const unknown: ScopeRoots = { roots: [], known: false };

/**
 * The roots the server's context providers put in every run's scope (contact, conversation,
 * assignee...), with their schemas and examples, from `GET /api/template-scope?language=`. The
 * typed API client learns the route when the server describes it; until then, and on a server
 * without it (404), templates get the trigger, vars and steps only.
 */
export function useTemplateScopeRoots(): ScopeRoots {
  const { language } = useLanguage();
  const { data } = useQuery({
    queryKey: ['template-scope', language],
    queryFn: async ({ signal }) => {
      const response = await fetch(`/api/template-scope?language=${encodeURIComponent(language)}`, {
        signal,
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) return unknown;
      const body: unknown = await response.json();
      const roots = typeof body === 'object' && body !== null ? (body as { roots?: unknown }).roots : undefined;
      return Array.isArray(roots) ? { roots: roots.filter(isScopeRoot), known: true } : unknown;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  return data ?? unknown;
}

function isScopeRoot(value: unknown): value is ScopeRoot {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}
