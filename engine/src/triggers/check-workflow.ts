import type { Issue } from '../errors.ts';
import { type CompileResult, compileDefinition } from '../graph/compile-graph.ts';
import type { WorkflowDefinition } from '../graph/definition.ts';
import type { NodeCatalog } from '../graph/node-catalog.ts';
import { validateDefinition } from '../graph/validate-definition.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { AnyNodeDefinition } from '../sdk.ts';
import { findReferenceIssues } from './find-reference-issues.ts';
import { findMissingSecrets } from './find-missing-secrets.ts';

/**
 * Everything publishing checks, and nothing it writes: the document's shape,
 * then compile (types, configs, ports, reachability, loops) and the references
 * node configs make (teams, agents, fields, secrets). Every issue is returned at once,
 * each with its JSON Pointer. Publishing, drafts and `POST /api/workflows/validate`
 * all call this, so a dry run says exactly what a publish would.
 */
export async function checkWorkflow(db: Kysely<DB>, catalog: NodeCatalog<AnyNodeDefinition>, document: unknown): Promise<CompileResult> {
  const shape = validateDefinition(document);
  return shape.ok ? checkDefinition(db, catalog, shape.definition) : shape;
}

/** checkWorkflow for a definition that already passed validateDefinition. */
export async function checkDefinition(db: Kysely<DB>, catalog: NodeCatalog<AnyNodeDefinition>, definition: WorkflowDefinition): Promise<CompileResult> {
  const compiled = compileDefinition(definition, catalog);
  const references = [...(await findReferenceIssues(db, catalog, definition)), ...(await findMissingSecrets(db, definition))];
  if (references.length === 0) return compiled;
  const issues: Issue[] = [...(compiled.ok ? [] : compiled.issues), ...references];
  return { ok: false, issues };
}
