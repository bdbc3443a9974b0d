import type { AnyNodeDefinition } from '../sdk.ts';
import type { CompiledNode } from './compile-graph.ts';

/** A step's deadline when neither its node type nor its node sets `timeoutMs`. */
export const DEFAULT_STEP_TIMEOUT_MS = 30_000;
/** Shorter deadlines would fail steps on an ordinary round trip to Postgres. */
export const MIN_STEP_TIMEOUT_MS = 100;
/**
 * The longest deadline a node type or a node may ask for. A run job that runs
 * longer than its queue's `expireInSeconds` (15 minutes) is taken back by
 * pg-boss and run again, so a step must always end well before that.
 */
export const MAX_STEP_TIMEOUT_MS = 600_000;

/** The node's own `timeoutMs` (from the workflow definition), else its node type's, else 30 s. */
export function stepTimeoutMs(node: CompiledNode, definition: AnyNodeDefinition): number {
  return node.timeoutMs ?? (definition.kind === 'step' ? definition.timeoutMs : undefined) ?? DEFAULT_STEP_TIMEOUT_MS;
}
