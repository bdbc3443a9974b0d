import { isUuid } from '@switchboard/engine';
import type { NodeDatabase } from '@switchboard/engine/sdk';
import { existingAgentIds } from '../store/inbox/agents.ts';
import { findContactFields } from '../store/inbox/contact-fields.ts';
import { findSnippet, findSnippetByShortcut } from '../store/inbox/snippets.ts';
import { existingTeamIds } from '../store/inbox/teams.ts';
import { inboxTables } from './inbox-tables.ts';

/** Things a flow can name in the inbox, as a node's config spells them. */
export interface InboxReferences {
  readonly teamIds?: readonly string[];
  readonly agentIds?: readonly string[];
  /** Custom contact field keys (not name, email or phone). */
  readonly fieldKeys?: readonly string[];
  /** Snippet shortcuts or ids. */
  readonly snippets?: readonly string[];
}

/**
 * Which of the given references name nothing: the publish-time check that keeps
 * a flow naming a deleted team from queueing every conversation forever. A
 * value that is not a uuid is no team's or agent's id, and is reported without
 * asking Postgres (which would refuse it as a uuid).
 */
export async function findMissingReferences(db: NodeDatabase, references: InboxReferences): Promise<Required<InboxReferences>> {
  const tables = inboxTables(db);
  const teamIds = references.teamIds ?? [];
  const agentIds = references.agentIds ?? [];
  const fieldKeys = references.fieldKeys ?? [];
  const teams = await existingTeamIds(tables, teamIds.filter(isUuid));
  const agents = await existingAgentIds(tables, agentIds.filter(isUuid));
  const fields = await findContactFields(tables, fieldKeys);
  const missingSnippets: string[] = [];
  for (const snippet of references.snippets ?? []) {
    const found = (isUuid(snippet) ? await findSnippet(tables, snippet) : undefined) ?? (await findSnippetByShortcut(tables, snippet));
    if (found === undefined) missingSnippets.push(snippet);
  }
  return {
    teamIds: teamIds.filter((id) => !teams.has(id)),
    agentIds: agentIds.filter((id) => !agents.has(id)),
    fieldKeys: fieldKeys.filter((key) => !fields.has(key)),
    snippets: missingSnippets,
  };
}
