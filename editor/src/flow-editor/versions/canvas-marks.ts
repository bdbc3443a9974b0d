import type { WorkflowEdge, WorkflowNode } from '@switchboard/engine/graph';

/**
 * A diff drawn on the canvas (BRIEF contract, owned by the canvas): nodes and edges of the shown
 * definition marked added or changed, removed ones drawn from `ghosts`.
 * TODO(issue 10): import it from canvas/FlowCanvas.tsx once the canvas lands on main.
 */
export interface CanvasMarks {
  readonly nodes: ReadonlyMap<string, 'added' | 'changed' | 'removed'>;
  readonly edges: ReadonlyMap<string, 'added' | 'removed'>;
  readonly ghosts?: { readonly nodes: WorkflowNode[]; readonly edges: WorkflowEdge[] };
}
