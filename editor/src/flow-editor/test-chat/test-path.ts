import type { components } from '../../api/schema.d.ts';
import type { Run } from '../../api/pending-api.ts';
import type { RunPath } from '../canvas/canvas-live.ts';

type Step = Pick<components['schemas']['Step'], 'nodeId' | 'visit' | 'port'>;

/**
 * The path a test's runs took, for the canvas: each node's visits (from the run's own visit
 * counts, known before its steps are fetched), every port a step left by, and where the runs in
 * flight are now. Several runs (one per message the tester wrote) add up.
 */
export function testPath(runs: readonly { readonly run: Pick<Run, 'status' | 'cursorNode' | 'visits'>; readonly steps?: readonly Step[] }[]): RunPath {
  const visits = new Map<string, number>();
  const ports = new Set<string>();
  const at = new Set<string>();
  for (const { run, steps } of runs) {
    const seen = new Map<string, number>();
    for (const [nodeId, count] of Object.entries(run.visits)) seen.set(nodeId, count);
    for (const step of steps ?? []) {
      seen.set(step.nodeId, Math.max(seen.get(step.nodeId) ?? 0, step.visit));
      if (step.port !== null) ports.add(`${step.nodeId}:${step.port}`);
    }
    for (const [nodeId, count] of seen) if (count > 0) visits.set(nodeId, (visits.get(nodeId) ?? 0) + count);
    if ((run.status === 'running' || run.status === 'waiting') && run.cursorNode !== null) at.add(run.cursorNode);
  }
  return { visits, ports, at };
}
