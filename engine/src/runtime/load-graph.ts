import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import type { CompiledGraph } from '../graph/compile-graph.ts';
import { findVersionGraph } from '../store/versions.ts';
import { SwitchboardError } from '../errors.ts';
import type { Runtime } from './runtime.ts';

/** The compiled graph a run is pinned to (promise 6). Versions never change, so the cache never goes stale. */
export async function loadGraph(rt: Runtime, db: Kysely<DB>, workflowId: string, version: number): Promise<CompiledGraph> {
  const key = `${workflowId}@${version}`;
  const cached = rt.graphs.get(key);
  if (cached !== undefined) return cached;
  const graph = await findVersionGraph(db, workflowId, version);
  if (graph === undefined) throw new SwitchboardError('RUN_VERSION_MISSING', `Version ${version} of workflow ${workflowId} is missing.`);
  if (rt.graphs.size > 10_000) rt.graphs.clear();
  rt.graphs.set(key, graph);
  return graph;
}
