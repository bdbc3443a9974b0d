import type { WorkflowDefinition, WorkflowEdge, WorkflowNode } from '@switchboard/engine/graph';
import { portLabel } from '../document/ports.ts';
import type { NodeType } from '../node-types.ts';
import type { DefinitionDiff } from './definition-diff.ts';
import type { FieldChange } from './diff-values.ts';
import { type FieldPathSegment, fieldPath, schemaAt } from './field-path.ts';
import { type NodeLabel, nodeLabel } from './node-label.ts';
import { type ValueWords, valueText } from './value-text.ts';

/** The node types a diff is read with: the index useNodeTypes gives, or nothing while it loads. */
export interface NodeTypeLookup {
  get(type: string): NodeType | undefined;
}

/** One field's change, ready to read: where (titled), and both values shortened. */
export interface FieldLine {
  readonly kind: FieldChange['kind'];
  readonly pointer: string;
  /** Where the value was before, when that is not `pointer` (an item that moved or shifted). */
  readonly from?: string;
  readonly path: readonly FieldPathSegment[];
  readonly before: string;
  readonly after: string;
}

export interface ChangedNodeEntry {
  readonly node: NodeLabel;
  /** How its name changed: given one, cleared (with the old one) or replaced (with the old one). */
  readonly rename?: { readonly kind: 'named' } | { readonly kind: 'cleared' | 'renamed'; readonly from: string };
  /** The type title it had before, when its type changed. */
  readonly retypedFrom?: string;
  readonly fields: readonly FieldLine[];
}

/**
 * A port's connection: made, taken away, or sent elsewhere (one edge removed and one added from
 * the same port, read as one change).
 */
export interface ConnectionEntry {
  readonly kind: 'added' | 'removed' | 'rerouted';
  readonly key: string;
  readonly from: NodeLabel;
  /** The port's label, or undefined for a node's single unnamed output. */
  readonly port: string | undefined;
  /** Where it goes now (added, rerouted). */
  readonly to: NodeLabel | undefined;
  /** Where it went before (removed, rerouted). */
  readonly was: NodeLabel | undefined;
}

export interface DiffEntries {
  readonly name?: { readonly before: string; readonly after: string };
  readonly description?: { readonly before: string; readonly after: string };
  readonly settings: readonly FieldLine[];
  readonly added: readonly NodeLabel[];
  readonly removed: readonly NodeLabel[];
  readonly changed: readonly ChangedNodeEntry[];
  readonly connections: readonly ConnectionEntry[];
  readonly notes: { readonly added: number; readonly removed: number; readonly changed: number };
  /** Nodes and notes that only changed places. */
  readonly moved: number;
}

export interface DiffEntryOptions {
  readonly nodeTypes: NodeTypeLookup | undefined;
  readonly words: ValueWords;
  /** Titles and enum labels for `settings`, in the person's language. */
  readonly settingsSchema: unknown;
  /** Titles for a node's own fields besides its config (`timeoutMs`). */
  readonly nodeSchema?: unknown;
}

/**
 * A diff as lines a person reads: nodes by their names or type titles, config fields by their
 * schema titles, values by their labels and shortened, ports by their labels. Pure, so the panel
 * stays a view of it.
 */
export function diffEntries(diff: DefinitionDiff, before: WorkflowDefinition, after: WorkflowDefinition, options: DiffEntryOptions): DiffEntries {
  const { nodeTypes, words } = options;
  const beforeNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const afterNodes = new Map(after.nodes.map((node) => [node.id, node]));
  const labelIn = (definition: WorkflowDefinition) => (node: WorkflowNode) => nodeLabel(node, nodeTypes?.get(node.type), definition.nodes);
  const labelBefore = labelIn(before);
  const labelAfter = labelIn(after);
  // A node is named as it is now when it still exists, so one node reads the same everywhere.
  const labelOf = (id: string): NodeLabel => {
    const now = afterNodes.get(id);
    if (now !== undefined) return labelAfter(now);
    const then = beforeNodes.get(id);
    return then === undefined ? { id, title: id, typeTitle: id, isNamed: false } : labelBefore(then);
  };

  const fieldLine = (change: FieldChange, schema: unknown, beforeValue: unknown, afterValue: unknown): FieldLine => {
    const root = change.kind === 'removed' ? beforeValue : afterValue;
    const fieldSchema = schemaAt(schema, change.pointer) ?? (change.from === undefined ? undefined : schemaAt(schema, change.from));
    return {
      kind: change.kind,
      pointer: change.pointer,
      ...(change.from === undefined ? {} : { from: change.from }),
      path: fieldPath(schema, root, change.pointer),
      before: valueText(change.before, fieldSchema, words),
      after: valueText(change.after, fieldSchema, words),
    };
  };

  const changed = diff.nodes.changed.map((change): ChangedNodeEntry => {
    const nodeType = nodeTypes?.get(change.after.type);
    const beforeType = nodeTypes?.get(change.before.type);
    const schema = nodeType?.configSchema;
    const fields = [
      ...change.config.map((field) => fieldLine(field, schema, change.before.config, change.after.config)),
      ...change.other.map((field) => fieldLine(field, options.nodeSchema, change.before, change.after)),
    ];
    return {
      node: labelAfter(change.after),
      ...(change.name === undefined ? {} : { rename: renameOf(change.name.before, change.name.after) }),
      ...(change.type === undefined ? {} : { retypedFrom: beforeType?.title ?? change.type.before }),
      fields,
    };
  });

  return {
    ...(diff.name === undefined ? {} : { name: diff.name }),
    ...(diff.description === undefined
      ? {}
      : { description: { before: valueText(diff.description.before, undefined, words), after: valueText(diff.description.after, undefined, words) } }),
    settings: diff.settings.map((field) => fieldLine(field, options.settingsSchema, before.settings ?? {}, after.settings ?? {})),
    added: diff.nodes.added.map(labelAfter),
    removed: diff.nodes.removed.map(labelBefore),
    changed,
    connections: connectionEntries(diff, { before: beforeNodes, after: afterNodes }, nodeTypes, labelOf),
    notes: { added: diff.notes.added.length, removed: diff.notes.removed.length, changed: diff.notes.changed.length },
    moved: diff.nodes.moved.length + diff.notes.moved.length,
  };
}

function connectionEntries(
  diff: DefinitionDiff,
  nodes: { readonly before: ReadonlyMap<string, WorkflowNode>; readonly after: ReadonlyMap<string, WorkflowNode> },
  nodeTypes: NodeTypeLookup | undefined,
  labelOf: (id: string) => NodeLabel,
): ConnectionEntry[] {
  const portOf = (edge: WorkflowEdge, side: 'before' | 'after'): string | undefined => {
    if (edge.port === undefined) return undefined;
    const node = nodes[side].get(edge.from) ?? nodes[side === 'after' ? 'before' : 'after'].get(edge.from);
    const nodeType = node === undefined ? undefined : nodeTypes?.get(node.type);
    return node === undefined || nodeType === undefined ? edge.port : portLabel(nodeType, node, edge.port);
  };
  const portKey = (edge: WorkflowEdge) => `${edge.from}:${edge.port ?? ''}`;
  const removedByPort = new Map(diff.edges.removed.map((edge) => [portKey(edge), edge]));
  const rerouted = new Set<string>();
  const entries: ConnectionEntry[] = [];
  for (const edge of diff.edges.added) {
    const previous = removedByPort.get(portKey(edge));
    if (previous !== undefined) rerouted.add(portKey(edge));
    entries.push({
      kind: previous === undefined ? 'added' : 'rerouted',
      key: `${portKey(edge)}>${edge.to}`,
      from: labelOf(edge.from),
      port: portOf(edge, 'after'),
      to: labelOf(edge.to),
      was: previous === undefined ? undefined : labelOf(previous.to),
    });
  }
  for (const edge of diff.edges.removed) {
    if (rerouted.has(portKey(edge))) continue;
    entries.push({
      kind: 'removed',
      key: `${portKey(edge)}>${edge.to}`,
      from: labelOf(edge.from),
      port: portOf(edge, 'before'),
      to: undefined,
      was: labelOf(edge.to),
    });
  }
  return entries;
}

function renameOf(before: string | undefined, after: string | undefined): NonNullable<ChangedNodeEntry['rename']> {
  const from = before?.trim() ?? '';
  if (from === '') return { kind: 'named' };
  return (after?.trim() ?? '') === '' ? { kind: 'cleared', from } : { kind: 'renamed', from };
}
