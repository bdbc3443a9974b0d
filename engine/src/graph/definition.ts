/**
 * The workflow definition: one JSON document that operations staff draw in the
 * editor, import from a template, and publish. definition.schema.json is its
 * published JSON Schema; these types mirror it.
 */

export type Reentry = 'ignore' | 'restart' | 'parallel';

export interface WorkflowNode {
  /** Stable key, unique in the workflow. Edges and runs refer to nodes by id, never by name. */
  readonly id: string;
  /** Node type id, `pack.snake_name`, e.g. `core.business_hours`. */
  readonly type: string;
  readonly config: Readonly<Record<string, unknown>>;
  /** Display name shown in the editor. */
  readonly name?: string;
  /** This node's step deadline in ms (100 to 600000), over its node type's `timeoutMs` (30 s by default). */
  readonly timeoutMs?: number;
  /** Canvas position, kept for the editor and ignored by the engine. */
  readonly position?: { readonly x: number; readonly y: number };
}

export interface WorkflowEdge {
  readonly from: string;
  /** Output port of the source node; omitted means its single default output. */
  readonly port?: string;
  readonly to: string;
}

export interface WorkflowSettings {
  /**
   * What happens when a subject that is already in a run of this workflow
   * triggers it again. `ignore` (default) enrolls it once; `restart` cancels the
   * run in flight and starts anew; `parallel` starts another run beside it.
   */
  readonly reentry?: Reentry;
  /** Step cap per run (promise 8). Defaults to 1000. */
  readonly maxSteps?: number;
  /** Days this workflow's finished runs (steps and waits with them) are kept. Defaults to the engine's retention (`SWITCHBOARD_RETENTION_DAYS`, 30). */
  readonly retentionDays?: number;
}

/** A sticky note on the editor's canvas. Kept with the draft and its versions; the engine ignores it. */
export interface StickyNote {
  /** Stable key, unique among the notes. */
  readonly id: string;
  /** At most 5,000 characters. */
  readonly text: string;
  /** Canvas coordinates, as a node's `position` (each within ±1,000,000). */
  readonly x: number;
  readonly y: number;
  /** 20 to 4,000; the editor's default size when absent. */
  readonly width?: number;
  readonly height?: number;
  readonly color?: StickyNoteColor;
}

export type StickyNoteColor = 'yellow' | 'orange' | 'red' | 'pink' | 'purple' | 'blue' | 'green' | 'gray';

export interface WorkflowDefinition {
  readonly name: string;
  readonly description?: string;
  readonly nodes: readonly WorkflowNode[];
  readonly edges: readonly WorkflowEdge[];
  readonly settings?: WorkflowSettings;
  /** Sticky notes on the canvas (at most 200). */
  readonly notes?: readonly StickyNote[];
}

export const DEFAULT_MAX_STEPS = 1000;
