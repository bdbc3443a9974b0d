import type { WorkflowEdge, WorkflowNode } from '@switchboard/engine/graph';

export type NodeMark = 'added' | 'changed' | 'removed';
export type EdgeMark = 'added' | 'removed';

/**
 * A diff drawn on the canvas: nodes and edges of the shown definition marked added or changed
 * (edges keyed by `edgeKey`), the removed ones drawn faded from `ghosts`, where they were.
 */
export interface CanvasMarks {
  readonly nodes: ReadonlyMap<string, NodeMark>;
  readonly edges: ReadonlyMap<string, EdgeMark>;
  readonly ghosts?: { readonly nodes: readonly WorkflowNode[]; readonly edges: readonly WorkflowEdge[] };
}
