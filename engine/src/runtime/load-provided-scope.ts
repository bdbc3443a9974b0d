import type { CompiledNode } from '../graph/compile-graph.ts';
import type { CatalogEntry } from '../graph/node-catalog.ts';
import { scopeRootsOf } from '../graph/scope-roots.ts';
import type { ContextProvider, NodeDatabase, RunInfo } from '../sdk.ts';

/** Compiled nodes live as long as their cached graph and never change, so their roots are worked out once. */
const rootsByNode = new WeakMap<CompiledNode, ReadonlySet<string> | 'all'>();

/**
 * What context providers add to a step's scope: only the providers that
 * provide a root the step reads are called (a branch on `vars` in a run on a
 * conversation costs no inbox query). A provider that does not say what it
 * provides is called for every step.
 */
export async function loadProvidedScope(
  providers: readonly ContextProvider[],
  db: NodeDatabase,
  run: RunInfo,
  node: CompiledNode,
  entry: CatalogEntry,
): Promise<Record<string, unknown>> {
  let roots = rootsByNode.get(node);
  if (roots === undefined) {
    roots = scopeRootsOf(entry.definition, node.config);
    rootsByNode.set(node, roots);
  }
  const provided: Record<string, unknown> = {};
  for (const provider of providers) {
    if (roots !== 'all' && provider.provides !== undefined && !provider.provides.some((root) => (roots as ReadonlySet<string>).has(root))) continue;
    Object.assign(provided, await provider.load(db, run));
  }
  return provided;
}
