import type { InboxActions } from '@switchboard/engine/inbox';
import type { ConfigIssue, NodeDatabase } from '@switchboard/sdk';

/** A value in a node's config that names something in the inbox; `path` is relative to the config. */
export interface InboxReference {
  readonly path: string;
  readonly kind: 'team' | 'agent' | 'field' | 'snippet';
  /** Undefined when the config leaves it out (the node's own validate says whether it must be set). */
  readonly value: string | undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The inbox nodes' `checkReferences`: one issue per team, agent, contact field
 * or snippet the config names that does not exist, at its path. Templates
 * (`{{ vars.team }}`) are only known at run time and are not checked.
 */
export async function checkInboxReferences(inbox: InboxActions, db: NodeDatabase, references: readonly InboxReference[]): Promise<ConfigIssue[]> {
  const checked = references.filter(
    (reference): reference is InboxReference & { value: string } => reference.value !== undefined && !isTemplate(reference.value),
  );
  if (checked.length === 0) return [];
  const valuesOf = (kind: InboxReference['kind']) => checked.filter((reference) => reference.kind === kind).map((reference) => reference.value);
  const missing = await inbox.findMissingReferences(db, {
    teamIds: valuesOf('team'),
    agentIds: valuesOf('agent'),
    fieldKeys: valuesOf('field'),
    snippets: valuesOf('snippet'),
  });
  const missingOf = { team: missing.teamIds, agent: missing.agentIds, field: missing.fieldKeys, snippet: missing.snippets };
  return checked
    .filter((reference) => missingOf[reference.kind].includes(reference.value))
    .map((reference) => ({ path: reference.path, message: messageFor(reference) }));
}

function messageFor({ kind, value }: InboxReference & { value: string }): string {
  const quoted = JSON.stringify(value);
  switch (kind) {
    case 'team':
      return UUID.test(value)
        ? `no team has the id ${quoted}; it may have been deleted. Pick a team from GET /api/inbox/teams.`
        : `${quoted} is not a team id: set the team's id (a UUID, listed by GET /api/inbox/teams), not its name.`;
    case 'agent':
      return UUID.test(value)
        ? `no agent has the id ${quoted}; they may have been removed. Pick an agent from GET /api/inbox/agents.`
        : `${quoted} is not an agent id: set the agent's id (a UUID, listed by GET /api/inbox/agents), not their name or email.`;
    case 'field':
      return `no contact field ${quoted} is defined. Define it first (POST /api/inbox/contact-fields), or use name, email or phone.`;
    case 'snippet':
      return `no snippet has the shortcut or id ${quoted}. Create it (POST /api/inbox/snippets) or send a text instead.`;
  }
}

function isTemplate(value: string): boolean {
  return value.includes('{{') || value.includes('{%');
}
