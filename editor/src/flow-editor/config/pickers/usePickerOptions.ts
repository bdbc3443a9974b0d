import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { timeZoneGroups } from '../../../account/time-zones.ts';
import { expectOk } from '../../../api/api-request-error.ts';
import type { ApiClient } from '../../../api/client.ts';
import { useApiClient } from '../../../api/useApiClient.ts';
import { useLanguage } from '../../../i18n/useLanguage.ts';
import type { ComboboxOption } from './combobox-filter.ts';
import type { ListPickerKind } from './picker-kind.ts';

export interface PickerOptions {
  /** What the list offers; undefined while it loads. */
  readonly options: readonly ComboboxOption[] | undefined;
  /** The list could not be loaded: the picker falls back to typing the value. */
  readonly failed: boolean;
  /** A value not in the list is fine (a new tag): it is never "unknown". */
  readonly freeEntry: boolean;
  /** Whether a value that is not in the list may still be right (a template: `{{ contact.timezone }}`). */
  readonly accepts?: (value: string) => boolean;
}

/** The contact fields every contact has, besides the custom ones (as `x-picker: 'field'` documents). */
const STANDARD_FIELDS = ['name', 'email', 'phone'] as const;

type LoadedOption = ComboboxOption & { readonly status?: 'draft' | 'active' | 'stopped' };

interface OptionsQuery {
  readonly queryKey: readonly string[];
  readonly queryFn: (context: { readonly signal: AbortSignal }) => Promise<readonly LoadedOption[]>;
}

/** The query of each kind, keyed by resource, so pickers of a kind on one screen share one request. */
function queryOf(kind: ListPickerKind, api: ApiClient): OptionsQuery | undefined {
  switch (kind) {
    case 'agent':
      return {
        queryKey: ['inbox', 'agents'],
        queryFn: async ({ signal }) =>
          (await expectOk(api.GET('/api/inbox/agents', { signal }))).agents.map((agent) => ({ value: agent.id, label: agent.name, detail: agent.email })),
      };
    case 'team':
      return {
        queryKey: ['inbox', 'teams'],
        queryFn: async ({ signal }) => (await expectOk(api.GET('/api/inbox/teams', { signal }))).teams.map((team) => ({ value: team.id, label: team.name })),
      };
    case 'field':
      return {
        queryKey: ['inbox', 'contact-fields'],
        queryFn: async ({ signal }) =>
          (await expectOk(api.GET('/api/inbox/contact-fields', { signal }))).fields.map((field) => ({
            value: field.key,
            label: field.label,
            detail: field.key,
          })),
      };
    case 'snippet':
      return {
        queryKey: ['inbox', 'snippets'],
        queryFn: async ({ signal }) =>
          (await expectOk(api.GET('/api/inbox/snippets', { signal }))).snippets.map((snippet) => ({
            value: snippet.shortcut,
            label: snippet.title,
            detail: `/${snippet.shortcut}`,
          })),
      };
    case 'workflow':
      return {
        queryKey: ['workflows', 'picker'],
        queryFn: async ({ signal }) =>
          (await expectOk(api.GET('/api/workflows', { signal }))).map((workflow) => ({ value: workflow.id, label: workflow.name, status: workflow.status })),
      };
    case 'tag':
      return { queryKey: ['inbox', 'tags'], queryFn: ({ signal }) => fetchTags(api, signal) };
    case 'timezone':
    case 'node':
      return undefined;
  }
}

/** Tags in use, most used first (`GET /api/inbox/tags`); a server without the route suggests none, and tags are typed. */
async function fetchTags(api: ApiClient, signal: AbortSignal): Promise<ComboboxOption[]> {
  const { data, response } = await api.GET('/api/inbox/tags', { signal });
  if (!response.ok || data === undefined) return [];
  return data.tags.map((tag) => ({ value: tag.name, label: tag.name }));
}

/**
 * The options of a picker kind, loaded with TanStack Query (agents, teams, contact fields,
 * snippets, workflows, tags), or built here (time zones from Intl with today's offset; the
 * flow's own nodes from `nodeOptions`).
 */
export function usePickerOptions(kind: ListPickerKind, nodeOptions?: readonly ComboboxOption[]): PickerOptions {
  const { t } = useTranslation('flowConfig');
  const api = useApiClient();
  const { language } = useLanguage();
  const query = queryOf(kind, api);
  const result = useQuery({
    queryKey: query?.queryKey ?? ['picker', kind],
    queryFn: query?.queryFn ?? (async (): Promise<readonly LoadedOption[]> => []),
    enabled: query !== undefined,
    staleTime: 30_000,
  });
  return useMemo((): PickerOptions => {
    switch (kind) {
      case 'timezone': {
        const options = timeZoneGroups(language).flatMap((group) => group.zones.map((zone) => ({ value: zone.value, label: zone.label, detail: zone.value })));
        return { options, failed: false, freeEntry: false, accepts: hasTemplate };
      }
      case 'node':
        return { options: nodeOptions ?? [], failed: false, freeEntry: false };
      case 'tag':
        return { options: result.data ?? (result.isError ? [] : undefined), failed: false, freeEntry: true };
      case 'field': {
        const standard = STANDARD_FIELDS.map((field) => ({ value: field, label: t(`picker.standardField.${field}`), detail: t('picker.standardFieldDetail') }));
        return {
          options: result.data === undefined ? undefined : [...result.data, ...standard],
          failed: result.isError,
          freeEntry: false,
          accepts: hasTemplate,
        };
      }
      case 'workflow': {
        const options = result.data?.map(({ status, ...option }) =>
          status === undefined ? option : { ...option, detail: t(`picker.workflowStatus.${status}`) },
        );
        return { options, failed: result.isError, freeEntry: false };
      }
      default:
        return { options: result.data, failed: result.isError, freeEntry: false };
    }
  }, [kind, language, nodeOptions, result.data, result.isError, t]);
}

function hasTemplate(value: string): boolean {
  return value.includes('{{') || value.includes('{%');
}
