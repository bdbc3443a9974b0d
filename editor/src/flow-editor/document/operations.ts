/**
 * Pure edits of a flow, for `change` recipes: each takes the immer draft and does one thing a
 * person does on the canvas, so the canvas, the outline and the tests share them.
 *
 * @example
 * change('Add step', (draft) => {
 *   const id = addNode(draft, { type: 'inbox.assign_to', config: {}, position: { x: 0, y: 160 } });
 *   connect(draft, { from: 'opened', to: id });
 * });
 */
import type { StickyNote, StickyNoteColor, WorkflowEdge } from '@switchboard/engine/graph';
import type { Draft } from 'immer';
import type { FlowFragment } from './fragment.ts';
import type { FlowDefinition, FlowDraft, FlowSelection } from './flow-store.ts';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** The colours a sticky note may have, in the palette's order. */
export const STICKY_NOTE_COLORS: readonly StickyNoteColor[] = ['yellow', 'orange', 'red', 'pink', 'purple', 'blue', 'green', 'gray'];
export const DEFAULT_NOTE_SIZE = { width: 240, height: 160 } as const;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * A readable id for a new node of `type`, unique in the definition: the type's name after the
 * pack (`inbox.assign_to` → `assign_to`), then `assign_to_2`, `assign_to_3`…
 */
export function newNodeId(definition: Pick<FlowDefinition, 'nodes'>, type: string): string {
  const taken = new Set(definition.nodes.map((node) => node.id));
  const base = (type.split('.').at(-1) ?? '').replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 56) || 'step';
  return uniqueId(base, taken);
}

/** A unique id for a new sticky note: `note`, `note_2`… */
export function newNoteId(definition: Pick<FlowDefinition, 'notes'>): string {
  return uniqueId('note', new Set((definition.notes ?? []).map((note) => note.id)));
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const id = `${base}_${n}`;
    if (!taken.has(id)) return id;
  }
}

export interface NewNode {
  readonly type: string;
  readonly config?: Readonly<Record<string, unknown>>;
  readonly name?: string;
  readonly position?: Point;
  /** Defaults to `newNodeId`. */
  readonly id?: string;
}

/** Adds a node and returns its id. */
export function addNode(draft: FlowDraft, node: NewNode): string {
  const id = node.id ?? newNodeId(draft, node.type);
  draft.nodes.push({
    id,
    type: node.type,
    config: structuredClone(node.config ?? {}) as Draft<Record<string, unknown>>,
    ...(node.name === undefined ? {} : { name: node.name }),
    ...(node.position === undefined ? {} : { position: { x: Math.round(node.position.x), y: Math.round(node.position.y) } }),
  });
  return id;
}

/** Removes nodes and every edge into or out of them. */
export function removeNodes(draft: FlowDraft, nodeIds: Iterable<string>): void {
  const ids = new Set(nodeIds);
  if (ids.size === 0) return;
  removeWhere(draft.nodes, (node) => ids.has(node.id));
  removeWhere(draft.edges, (edge) => ids.has(edge.from) || ids.has(edge.to));
}

export interface ConnectOptions {
  /**
   * The source node's ports. With one port, an edge that names no port and one that names it are
   * the same port (templates leave a single port unnamed).
   */
  readonly sourcePorts?: readonly string[];
}

/**
 * Connects `from`'s port to `to`, replacing the edge that port had (a port leads to one node).
 * The new edge names its port whenever it has one.
 */
export function connect(draft: FlowDraft, edge: WorkflowEdge, options: ConnectOptions = {}): void {
  const port = edge.port ?? (options.sourcePorts?.length === 1 ? options.sourcePorts[0] : undefined);
  const existing = draft.edges.findIndex((each) => each.from === edge.from && samePort(each.port, port, options.sourcePorts));
  const next: WorkflowEdge = port === undefined ? { from: edge.from, to: edge.to } : { from: edge.from, port, to: edge.to };
  const current = existing === -1 ? undefined : draft.edges[existing];
  if (current !== undefined && current.to === next.to && current.port === next.port) return;
  if (existing === -1) draft.edges.push(next);
  else draft.edges[existing] = next;
}

/** Removes the edges that match `edge` (from, port, to). */
export function disconnect(draft: FlowDraft, edge: WorkflowEdge): void {
  removeWhere(draft.edges, (each) => isSameEdge(each, edge));
}

/** Whether two edge descriptions name the same edge; an unnamed port matches only an unnamed one. */
export function isSameEdge(a: WorkflowEdge, b: WorkflowEdge): boolean {
  return a.from === b.from && a.to === b.to && (a.port ?? '') === (b.port ?? '');
}

function samePort(a: string | undefined, b: string | undefined, sourcePorts: readonly string[] | undefined): boolean {
  if (a === b) return true;
  const only = sourcePorts?.length === 1 ? sourcePorts[0] : undefined;
  return only !== undefined && (a ?? only) === (b ?? only);
}

/**
 * Puts node `nodeId` into an edge: `from -port-> to` becomes `from -port-> nodeId -outPort-> to`.
 * Without `outPort` (a node with no output) the edge only ends at the node.
 */
export function spliceIntoEdge(draft: FlowDraft, edge: WorkflowEdge, nodeId: string, outPort: string | undefined): void {
  const index = draft.edges.findIndex((each) => isSameEdge(each, edge));
  if (index === -1) return;
  const original = draft.edges[index] as WorkflowEdge;
  draft.edges[index] = original.port === undefined ? { from: original.from, to: nodeId } : { from: original.from, port: original.port, to: nodeId };
  if (outPort !== undefined && original.to !== nodeId) draft.edges.push({ from: nodeId, port: outPort, to: original.to });
}

/** Moves nodes (and notes, by id) to new positions, rounded to whole pixels. */
export function moveNodes(draft: FlowDraft, positions: ReadonlyMap<string, Point>): void {
  for (const node of draft.nodes) {
    const to = positions.get(node.id);
    if (to === undefined) continue;
    const x = Math.round(to.x);
    const y = Math.round(to.y);
    if (node.position?.x !== x || node.position?.y !== y) node.position = { x, y };
  }
}

/** Moves sticky notes to new positions. */
export function moveNotes(draft: FlowDraft, positions: ReadonlyMap<string, Point>): void {
  for (const note of draft.notes ?? []) {
    const to = positions.get(note.id);
    if (to === undefined) continue;
    note.x = Math.round(to.x);
    note.y = Math.round(to.y);
  }
}

export interface PasteOptions {
  /** Where the fragment's top-left corner lands; else it keeps its positions plus `offset`. */
  readonly at?: Point;
  /** Added to every position when `at` is not given. Defaults to none. */
  readonly offset?: Point;
  /** Leave out nodes this refuses (e.g. a trigger when the flow has one). */
  readonly keepNode?: (node: FlowFragment['nodes'][number]) => boolean;
}

/**
 * Adds a fragment's nodes, edges and notes. Ids that clash with the flow's are renamed (and
 * edges follow); edges whose ends are not both pasted are dropped. Returns the new ids, for
 * selecting what was pasted.
 */
export function pasteFragment(draft: FlowDraft, fragment: FlowFragment, options: PasteOptions = {}): FlowSelection {
  const nodes = options.keepNode === undefined ? fragment.nodes : fragment.nodes.filter(options.keepNode);
  const notes = fragment.notes;
  const shift = pasteShift(nodes, notes, options);
  const takenNodes = new Set(draft.nodes.map((node) => node.id));
  const renamed = new Map<string, string>();
  for (const node of nodes) {
    if (renamed.has(node.id)) continue; // a repeated id in a hand-edited fragment: the first wins
    const base = ID_PATTERN.test(node.id) ? node.id : (node.type.split('.').at(-1) ?? 'step');
    const id = uniqueId(baseOf(base, takenNodes), takenNodes);
    takenNodes.add(id);
    renamed.set(node.id, id);
    const position = node.position ?? { x: 0, y: 0 };
    draft.nodes.push({
      ...(structuredClone(node) as Draft<typeof node>),
      id,
      position: { x: Math.round(position.x + shift.x), y: Math.round(position.y + shift.y) },
    });
  }
  const usedPorts = new Set<string>();
  for (const edge of fragment.edges) {
    const from = renamed.get(edge.from);
    const to = renamed.get(edge.to);
    const portKey = `${edge.from}:${edge.port ?? ''}`;
    if (from === undefined || to === undefined || usedPorts.has(portKey)) continue;
    usedPorts.add(portKey);
    draft.edges.push(edge.port === undefined ? { from, to } : { from, port: edge.port, to });
  }
  const takenNotes = new Set((draft.notes ?? []).map((note) => note.id));
  const noteIds: string[] = [];
  if (notes.length > 0) draft.notes ??= [];
  for (const note of notes) {
    const id = uniqueId(baseOf(ID_PATTERN.test(note.id) ? note.id : 'note', takenNotes), takenNotes);
    takenNotes.add(id);
    noteIds.push(id);
    draft.notes?.push({ ...note, id, x: Math.round(note.x + shift.x), y: Math.round(note.y + shift.y) });
  }
  return { nodeIds: [...renamed.values()], noteIds };
}

/** A pasted copy of a clashing `assign_to_2` becomes `assign_to_3`, not `assign_to_2_2`. */
function baseOf(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  return id.replace(/_\d+$/, '') || id;
}

function pasteShift(nodes: FlowFragment['nodes'], notes: FlowFragment['notes'], options: PasteOptions): Point {
  if (options.at === undefined) return options.offset ?? { x: 0, y: 0 };
  const xs = [...nodes.map((node) => node.position?.x ?? 0), ...notes.map((note) => note.x)];
  const ys = [...nodes.map((node) => node.position?.y ?? 0), ...notes.map((note) => note.y)];
  if (xs.length === 0) return { x: 0, y: 0 };
  return { x: options.at.x - Math.min(...xs), y: options.at.y - Math.min(...ys) };
}

/** Copies of the selected nodes (with the edges between them) and notes, `offset` away. */
export function duplicate(draft: FlowDraft, fragment: FlowFragment, offset: Point = { x: 40, y: 40 }, keepNode?: PasteOptions['keepNode']): FlowSelection {
  return pasteFragment(draft, fragment, keepNode === undefined ? { offset } : { offset, keepNode });
}

export interface NewNote {
  readonly text?: string;
  readonly x: number;
  readonly y: number;
  readonly width?: number;
  readonly height?: number;
  readonly color?: StickyNoteColor;
}

/** Adds a sticky note and returns its id. */
export function addNote(draft: FlowDraft, note: NewNote): string {
  const id = newNoteId(draft);
  draft.notes ??= [];
  draft.notes.push({
    id,
    text: note.text ?? '',
    x: Math.round(note.x),
    y: Math.round(note.y),
    width: note.width ?? DEFAULT_NOTE_SIZE.width,
    height: note.height ?? DEFAULT_NOTE_SIZE.height,
    color: note.color ?? 'yellow',
  });
  return id;
}

/** Changes a note's text, size or colour. */
export function updateNote(draft: FlowDraft, id: string, patch: Partial<Omit<StickyNote, 'id'>>): void {
  const note = draft.notes?.find((each) => each.id === id);
  if (note === undefined) return;
  if (patch.text !== undefined) note.text = patch.text;
  if (patch.x !== undefined) note.x = Math.round(patch.x);
  if (patch.y !== undefined) note.y = Math.round(patch.y);
  if (patch.width !== undefined) note.width = Math.round(patch.width);
  if (patch.height !== undefined) note.height = Math.round(patch.height);
  if (patch.color !== undefined) note.color = patch.color;
}

export function removeNotes(draft: FlowDraft, noteIds: Iterable<string>): void {
  const ids = new Set(noteIds);
  if (draft.notes === undefined || ids.size === 0) return;
  removeWhere(draft.notes, (note) => ids.has(note.id));
}

/** Removes the selected nodes (with their edges) and notes. */
export function removeSelection(draft: FlowDraft, selection: FlowSelection): void {
  removeNodes(draft, selection.nodeIds);
  removeNotes(draft, selection.noteIds);
}

/** The node with this id in a draft, for recipes that edit one node's name or config. */
export function findNode(draft: FlowDraft, id: string): FlowDraft['nodes'][number] | undefined {
  return draft.nodes.find((node) => node.id === id);
}

/** Removes items from a draft array in place. */
function removeWhere<T>(items: T[], predicate: (item: T) => boolean): void {
  for (let index = items.length - 1; index >= 0; index -= 1) {
    if (predicate(items[index] as T)) items.splice(index, 1);
  }
}
