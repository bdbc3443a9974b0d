import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { expectOk } from '../../api/api-request-error.ts';
import { useApiClient } from '../../api/useApiClient.ts';
import type { NodeTypeIndex } from '../node-types.ts';
import type { NameOfId } from './config-summary.ts';

const FIVE_MINUTES = 5 * 60_000;

/**
 * Names for the ids pickers chose, so a card says "Sales" rather than a team's uuid: teams,
 * agents and workflows, loaded only when an installed node type picks one. A list that cannot
 * be read (no access, offline) leaves the ids as they are.
 */
export function usePickedNames(nodeTypes: NodeTypeIndex | undefined): NameOfId | undefined {
  const api = useApiClient();
  const kinds = useMemo(() => pickerKinds(nodeTypes), [nodeTypes]);
  const teams = useQuery({
    queryKey: ['canvas', 'names', 'teams'],
    queryFn: async ({ signal }) => (await expectOk(api.GET('/api/inbox/teams', { signal }))).teams.map((team) => [team.id, team.name] as const),
    enabled: kinds.has('team'),
    staleTime: FIVE_MINUTES,
    retry: false,
  });
  const agents = useQuery({
    queryKey: ['canvas', 'names', 'agents'],
    queryFn: async ({ signal }) => (await expectOk(api.GET('/api/inbox/agents', { signal }))).agents.map((agent) => [agent.id, agent.name] as const),
    enabled: kinds.has('agent'),
    staleTime: FIVE_MINUTES,
    retry: false,
  });
  const workflows = useQuery({
    queryKey: ['canvas', 'names', 'workflows'],
    queryFn: async ({ signal }) => (await expectOk(api.GET('/api/workflows', { signal }))).map((workflow) => [workflow.id, workflow.name] as const),
    enabled: kinds.has('workflow'),
    staleTime: FIVE_MINUTES,
    retry: false,
  });
  return useMemo(() => {
    const byKind = new Map<string, ReadonlyMap<string, string>>();
    if (teams.data !== undefined) byKind.set('team', new Map(teams.data));
    if (agents.data !== undefined) byKind.set('agent', new Map(agents.data));
    if (workflows.data !== undefined) byKind.set('workflow', new Map(workflows.data));
    if (byKind.size === 0) return undefined;
    return (picker, id) => byKind.get(picker)?.get(id);
  }, [teams.data, agents.data, workflows.data]);
}

/** The `x-picker` kinds the installed node types' configs use (top-level fields and array items). */
function pickerKinds(nodeTypes: NodeTypeIndex | undefined): ReadonlySet<string> {
  const kinds = new Set<string>();
  for (const nodeType of nodeTypes?.list ?? []) {
    const properties = (nodeType.configSchema as { properties?: Record<string, { 'x-picker'?: unknown; items?: { 'x-picker'?: unknown } }> } | null)
      ?.properties;
    for (const property of Object.values(properties ?? {})) {
      const kind = property['x-picker'] ?? property.items?.['x-picker'];
      if (typeof kind === 'string') kinds.add(kind);
    }
  }
  return kinds;
}
