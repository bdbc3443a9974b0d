import type { StickyNote, WorkflowDefinition, WorkflowEdge, WorkflowNode } from '@switchboard/engine/graph';
import { edgeKey } from '../document/edge-key.ts';
import type { CanvasMarks } from './canvas-marks.ts';
import { diffValues, type FieldChange, sameJson } from './diff-values.ts';

export type { FieldChange } from './diff-values.ts';

type FlowDefinition = WorkflowDefinition;
type FlowNode = WorkflowNode;
type FlowEdge = WorkflowEdge;
type Position = { readonly x: number; readonly y: number };

export interface ValueChange<T> {
  readonly before: T;
  readonly after: T;
}

/** A node on both sides whose content differs (its position aside: see `NodeMove`). */
export interface NodeChange {
  readonly id: string;
  readonly before: FlowNode;
  readonly after: FlowNode;
  readonly type?: ValueChange<string>;
  readonly name?: ValueChange<string | undefined>;
  /** Config differences, pointers relative to the node's config (`/branches/0/conditions`). */
  readonly config: readonly FieldChange[];
  /** Other node fields (`/timeoutMs`), pointers relative to the node. */
  readonly other: readonly FieldChange[];
}

/** A node or a note that only changed places: minor, listed apart and never marked on the canvas. */
export interface NodeMove {
  readonly id: string;
  readonly before: Position | undefined;
  readonly after: Position | undefined;
}

export interface NoteChange {
  readonly id: string;
  readonly before: StickyNote;
  readonly after: StickyNote;
  /** Text, colour, size; pointers relative to the note (`/text`). */
  readonly fields: readonly FieldChange[];
}

/**
 * What changed from one definition to another. Lists keep the documents' order: added and changed
 * things in the order of `after`, removed ones in the order of `before`.
 */
export interface DefinitionDiff {
  readonly name?: ValueChange<string>;
  readonly description?: ValueChange<string | undefined>;
  /** Pointers relative to `settings` (`/reentry`). */
  readonly settings: readonly FieldChange[];
  readonly nodes: {
    readonly added: readonly FlowNode[];
    readonly removed: readonly FlowNode[];
    readonly changed: readonly NodeChange[];
    readonly moved: readonly NodeMove[];
  };
  readonly edges: {
    readonly added: readonly FlowEdge[];
    readonly removed: readonly FlowEdge[];
  };
  readonly notes: {
    readonly added: readonly StickyNote[];
    readonly removed: readonly StickyNote[];
    readonly changed: readonly NoteChange[];
    readonly moved: readonly NodeMove[];
  };
}

/**
 * What changed from `before` to `after`: nodes by id (config field by field, name, type, and
 * moves apart), edges by from, port and to, notes by id, settings field by field, name and
 * description. Key order never counts; positions never make a node "changed".
 *
 * @example
 * const diff = diffDefinitions(version.definition, draft);
 * diff.nodes.changed[0]?.config // [{ kind: 'changed', pointer: '/capacity', before: 3, after: 5 }]
 */
export function diffDefinitions(before: FlowDefinition, after: FlowDefinition): DefinitionDiff {
  const beforeNodes = new Map(before.nodes.map((node) => [node.id, node]));
  const afterNodes = new Map(after.nodes.map((node) => [node.id, node]));
  const changed: NodeChange[] = [];
  const moved: NodeMove[] = [];
  for (const node of after.nodes) {
    const previous = beforeNodes.get(node.id);
    if (previous === undefined) continue;
    const change = diffNode(previous, node);
    if (change !== undefined) changed.push(change);
    if (!sameJson(previous.position, node.position)) moved.push({ id: node.id, before: previous.position, after: node.position });
  }

  const beforeEdges = new Set(before.edges.map(edgeKey));
  const afterEdges = new Set(after.edges.map(edgeKey));

  const beforeNotes = new Map((before.notes ?? []).map((note) => [note.id, note]));
  const afterNotes = new Map((after.notes ?? []).map((note) => [note.id, note]));
  const notesChanged: NoteChange[] = [];
  const notesMoved: NodeMove[] = [];
  for (const note of after.notes ?? []) {
    const previous = beforeNotes.get(note.id);
    if (previous === undefined) continue;
    const fields = diffValues(withoutPlace(previous), withoutPlace(note));
    if (fields.length > 0) notesChanged.push({ id: note.id, before: previous, after: note, fields });
    if (previous.x !== note.x || previous.y !== note.y)
      notesMoved.push({ id: note.id, before: { x: previous.x, y: previous.y }, after: { x: note.x, y: note.y } });
  }

  return {
    ...(before.name === after.name ? {} : { name: { before: before.name, after: after.name } }),
    ...(emptyAsAbsent(before.description) === emptyAsAbsent(after.description)
      ? {}
      : { description: { before: before.description, after: after.description } }),
    settings: diffValues(before.settings ?? {}, after.settings ?? {}),
    nodes: {
      added: after.nodes.filter((node) => !beforeNodes.has(node.id)),
      removed: before.nodes.filter((node) => !afterNodes.has(node.id)),
      changed,
      moved,
    },
    edges: {
      added: uniqueByKey(after.edges.filter((edge) => !beforeEdges.has(edgeKey(edge)))),
      removed: uniqueByKey(before.edges.filter((edge) => !afterEdges.has(edgeKey(edge)))),
    },
    notes: {
      added: (after.notes ?? []).filter((note) => !beforeNotes.has(note.id)),
      removed: (before.notes ?? []).filter((note) => !afterNotes.has(note.id)),
      changed: notesChanged,
      moved: notesMoved,
    },
  };
}

function diffNode(before: FlowNode, after: FlowNode): NodeChange | undefined {
  const { id, type, name, config, position: _beforePosition, ...beforeOther } = before;
  const { id: _afterId, type: afterType, name: afterName, config: afterConfig, position: _afterPosition, ...afterOther } = after;
  const configChanges = diffValues(config, afterConfig);
  const other = diffValues(beforeOther, afterOther);
  const isRenamed = emptyAsAbsent(name) !== emptyAsAbsent(afterName);
  if (type === afterType && !isRenamed && configChanges.length === 0 && other.length === 0) return undefined;
  return {
    id,
    before,
    after,
    ...(type === afterType ? {} : { type: { before: type, after: afterType } }),
    ...(isRenamed ? { name: { before: name, after: afterName } } : {}),
    config: configChanges,
    other,
  };
}

/** Whether the diff has anything to show; moves count only with `includeMoves`. */
export function isEmptyDiff(diff: DefinitionDiff, { includeMoves = false }: { readonly includeMoves?: boolean } = {}): boolean {
  return (
    diff.name === undefined &&
    diff.description === undefined &&
    diff.settings.length === 0 &&
    diff.nodes.added.length + diff.nodes.removed.length + diff.nodes.changed.length === 0 &&
    diff.edges.added.length + diff.edges.removed.length === 0 &&
    diff.notes.added.length + diff.notes.removed.length + diff.notes.changed.length === 0 &&
    (!includeMoves || diff.nodes.moved.length + diff.notes.moved.length === 0)
  );
}

/**
 * The diff as the canvas draws it over `after`: added and changed nodes and added edges marked in
 * place, removed nodes and edges drawn as ghosts where they were in `before`. Moves are not marked.
 */
export function marksOf(diff: DefinitionDiff, before: FlowDefinition): CanvasMarks {
  const nodes = new Map<string, 'added' | 'changed' | 'removed'>();
  for (const node of diff.nodes.added) nodes.set(node.id, 'added');
  for (const change of diff.nodes.changed) nodes.set(change.id, 'changed');
  const removedIds = new Set(diff.nodes.removed.map((node) => node.id));
  for (const id of removedIds) nodes.set(id, 'removed');

  const edges = new Map<string, 'added' | 'removed'>();
  for (const edge of diff.edges.added) edges.set(edgeKey(edge), 'added');
  for (const edge of diff.edges.removed) edges.set(edgeKey(edge), 'removed');

  // Ghosts come from `before` as it was, positions included, so they sit where they used to.
  const ghostNodes = before.nodes.filter((node) => removedIds.has(node.id));
  const ghostEdges = diff.edges.removed;
  return ghostNodes.length + ghostEdges.length === 0 ? { nodes, edges } : { nodes, edges, ghosts: { nodes: ghostNodes, edges: [...ghostEdges] } };
}

function withoutPlace(note: StickyNote): Omit<StickyNote, 'x' | 'y' | 'id'> {
  const { id: _id, x: _x, y: _y, ...rest } = note;
  return rest;
}

function emptyAsAbsent(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

function uniqueByKey(edges: readonly FlowEdge[]): FlowEdge[] {
  const seen = new Set<string>();
  return edges.filter((edge) => {
    const key = edgeKey(edge);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
