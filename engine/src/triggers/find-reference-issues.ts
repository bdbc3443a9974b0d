import { type Issue, SwitchboardError } from '../errors.ts';
import type { WorkflowDefinition } from '../graph/definition.ts';
import { pointer } from '../graph/json-pointer.ts';
import type { NodeCatalog } from '../graph/node-catalog.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { AnyNodeDefinition, NodeDatabase } from '../sdk.ts';

/**
 * Asks each node whose type has `checkReferences` whether what its config
 * names exists (a team, an agent, a contact field), and returns one
 * CONFIG_REFERENCE_NOT_FOUND issue per miss, its path prefixed with the node's
 * pointer: `/teamId` becomes `/nodes/3/config/teamId`. Publishing and the dry
 * run call it, never a running step: a flow that names a missing team would
 * otherwise be published and queue every conversation forever.
 *
 * Nodes whose type is unknown or whose config fails its schema are skipped;
 * compile reports those, and what a broken config names means nothing yet.
 */
export async function findReferenceIssues(db: Kysely<DB>, catalog: NodeCatalog<AnyNodeDefinition>, definition: WorkflowDefinition): Promise<Issue[]> {
  const issues: Issue[] = [];
  const checked = new Set<string>();
  for (const [index, node] of definition.nodes.entries()) {
    const entry = catalog.get(node.type);
    const check = entry?.definition.checkReferences;
    if (entry === undefined || check === undefined || checked.has(node.id)) continue;
    checked.add(node.id);
    // The check sees the config as a run would: validated, schema defaults filled in.
    const config = structuredClone(node.config) as Record<string, unknown>;
    if (!entry.validateConfig(config)) continue;
    let found: Awaited<ReturnType<typeof check>>;
    try {
      // Nodes see the public handle with no tables known, as a step's ctx.db.
      found = await check(config, { db: db as unknown as NodeDatabase });
    } catch (error) {
      // A failed lookup is not a problem in the user's flow: say so instead of blaming the config.
      throw new SwitchboardError('INTERNAL', `Node "${node.id}" (${node.type}): checking what its config names failed: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const at = `${pointer('nodes', index)}/config`;
    for (const issue of found)
      issues.push({ path: `${at}${issue.path}`, code: 'CONFIG_REFERENCE_NOT_FOUND', message: `Node "${node.id}" (${node.type}): ${issue.message}` });
  }
  return issues;
}
