import type { StickyNote, WorkflowEdge, WorkflowNode } from '@switchboard/engine/graph';
import type { Edge, Node } from '@xyflow/react';
import { edgeKey } from '../document/edge-key.ts';
import type { FlowDefinition, FlowSelection, NodeProblem } from '../document/flow-store.ts';
import { DEFAULT_NOTE_SIZE, type Point } from '../document/operations.ts';
import { portLabel, portsOfNode } from '../document/ports.ts';
import type { NodeType, NodeTypeIndex } from '../node-types.ts';
import type { CanvasLive } from './canvas-live.ts';
import type { CanvasMarks, EdgeMark, NodeMark } from './canvas-marks.ts';
import { cardWidth } from './card-size.ts';
import { configSummary, type NameOfId } from './config-summary.ts';
import { resolvedPort } from './connection-rules.ts';
import { fallbackPositions } from './fallback-positions.ts';

export interface PortView {
  readonly name: string;
  readonly label: string;
  /** Whether an edge leaves by this port (else the card offers "+" on it). */
  readonly connected: boolean;
  /** Live counts: runs that left by this port within the window; undefined without counts. */
  readonly count: number | undefined;
  /** Whether the drawn run path left by this port. */
  readonly taken: boolean;
}

export type StepData = {
  readonly node: WorkflowNode;
  readonly nodeType: NodeType | undefined;
  /** The node's name, else its type's title, else its type id. */
  readonly title: string;
  readonly summary: string;
  readonly ports: readonly PortView[];
  readonly hasInput: boolean;
  readonly problemCount: number;
  readonly mark: NodeMark | undefined;
  /** A removed node of a diff, drawn faded where it was. */
  readonly ghost: boolean;
  readonly readOnly: boolean;
  readonly width: number;
  /** Runs at this node now, from the live counts; undefined without counts. */
  readonly live: { readonly running: number; readonly waiting: number } | undefined;
  /** Visits of the drawn run path (0: not on it), and whether a run of it is here now. */
  readonly visits: number;
  readonly isAt: boolean;
  /** The window the ports' counts cover. */
  readonly countsWindow: '1h' | '24h' | '7d' | undefined;
};

export type NoteData = {
  readonly note: StickyNote;
  readonly readOnly: boolean;
};

export type StepNode = Node<StepData, 'step'>;
export type NoteNode = Node<NoteData, 'note'>;
export type CanvasNode = StepNode | NoteNode;
export type CanvasEdge = Edge<{ readonly mark: EdgeMark | undefined; readonly edge: WorkflowEdge; readonly taken: boolean }>;

export interface CanvasModelInput {
  readonly definition: FlowDefinition;
  readonly nodeTypes: NodeTypeIndex | undefined;
  readonly selection: FlowSelection;
  readonly selectedEdges: ReadonlySet<string>;
  readonly problemsByNode: ReadonlyMap<string, readonly NodeProblem[]>;
  readonly marks: CanvasMarks | undefined;
  readonly live?: CanvasLive | undefined;
  readonly readOnly: boolean;
  /** The accessible name of a card, in the person's language. */
  readonly describe: (data: StepData) => string;
  /** The accessible name of an edge: from which step's port to which step, with its live count. */
  readonly describeEdge: (from: string, port: string, to: string, count: number | undefined, taken: boolean) => string;
  /** What a screen reader calls a card, a note and an edge ("step", "paso"), over React Flow's English "node". */
  readonly roles: { readonly step: string; readonly note: string; readonly edge: string };
  readonly nameOf?: NameOfId;
}

export interface CanvasModel {
  readonly nodes: readonly CanvasNode[];
  readonly edges: readonly CanvasEdge[];
}

/** Ids the canvas gives the ghosts of a diff, apart from the document's ids. */
export const GHOST_PREFIX = 'ghost:';
export const NOTE_PREFIX = 'note:';

interface StepEntry {
  readonly inputs: readonly unknown[];
  readonly node: StepNode;
}

/**
 * Turns the document into React Flow's nodes and edges, reusing last time's object for every
 * node and edge whose inputs did not change: React Flow and the memoised cards then skip them,
 * which keeps a 300-node canvas smooth while one card changes.
 *
 * @example
 * const build = createCanvasModel();
 * const { nodes, edges } = build({ definition, nodeTypes, selection, … });
 */
export function createCanvasModel(): (input: CanvasModelInput) => CanvasModel {
  let steps = new Map<string, StepEntry>();
  let notes = new Map<string, StepEntry>();
  let edges = new Map<string, { readonly inputs: readonly unknown[]; readonly edge: CanvasEdge }>();

  return (input) => {
    const { definition, nodeTypes, selection, marks, readOnly } = input;
    const counts = input.live?.counts;
    const path = input.live?.path;
    const selectedNodes = new Set(selection.nodeIds);
    const selectedNotes = new Set(selection.noteIds);
    const fallback = fallbackPositions(definition);
    const portsById = new Map<string, readonly string[]>();
    const usedPorts = new Set<string>();
    for (const node of definition.nodes) {
      const nodeType = nodeTypes?.get(node.type);
      portsById.set(node.id, nodeType === undefined ? [] : portsOfNode(node, nodeType));
    }
    for (const edge of definition.edges) {
      const port = resolvedPort(edge, portsById.get(edge.from) ?? []);
      if (port !== undefined) usedPorts.add(`${edge.from}:${port}`);
    }

    const nextNotes = new Map<string, StepEntry>();
    const nodes: CanvasNode[] = [];
    // Notes first: drawn under the cards.
    for (const note of definition.notes ?? []) {
      const selected = selectedNotes.has(note.id);
      const inputs = [note, selected, readOnly, input.roles];
      const previous = notes.get(note.id);
      const rfNode = previous !== undefined && sameInputs(previous.inputs, inputs) ? previous.node : noteNode(note, selected, readOnly, input.roles.note);
      nextNotes.set(note.id, { inputs, node: rfNode as unknown as StepNode });
      nodes.push(rfNode);
    }

    const stepAttributes = { 'aria-roledescription': input.roles.step };
    const edgeAttributes = { 'aria-roledescription': input.roles.edge };
    const nextSteps = new Map<string, StepEntry>();
    const addStep = (node: WorkflowNode, ghost: boolean, position: Point) => {
      const nodeType = nodeTypes?.get(node.type);
      const ports = ghost ? [] : (portsById.get(node.id) ?? []);
      const connected = ports.map((port) => usedPorts.has(`${node.id}:${port}`));
      const id = ghost ? `${GHOST_PREFIX}${node.id}` : node.id;
      const selected = !ghost && selectedNodes.has(node.id);
      const problemCount = ghost ? 0 : (input.problemsByNode.get(node.id)?.length ?? 0);
      const mark = ghost ? 'removed' : marks?.nodes.get(node.id);
      // Live numbers as primitives: a refresh hands new objects every second, and only a card
      // whose numbers changed may render again.
      const nodeCounts = ghost ? undefined : counts?.get(node.id);
      const live = counts === undefined || ghost ? undefined : { running: nodeCounts?.running ?? 0, waiting: nodeCounts?.waiting ?? 0 };
      const portCounts = ports.map((port) => (counts === undefined || ghost ? undefined : (nodeCounts?.ports[port] ?? 0)));
      const taken = ports.map((port) => path?.ports.has(`${node.id}:${port}`) === true);
      const visits = ghost ? 0 : (path?.visits.get(node.id) ?? 0);
      const isAt = !ghost && path?.at.has(node.id) === true;
      const inputs = [
        node,
        nodeType,
        selected,
        problemCount,
        mark,
        readOnly,
        position.x,
        position.y,
        connected.join(),
        live?.running,
        live?.waiting,
        portCounts.join(),
        taken.join(),
        visits,
        isAt,
        input.live?.window,
        input.describe,
        input.nameOf,
      ];
      const previous = steps.get(id);
      if (previous !== undefined && sameInputs(previous.inputs, inputs)) {
        nextSteps.set(id, previous);
        nodes.push(previous.node);
        return;
      }
      const portViews: PortView[] = ports.map((port, index) => ({
        name: port,
        label: nodeType === undefined ? port : portLabel(nodeType, node, port),
        connected: connected[index] === true,
        count: portCounts[index],
        taken: taken[index] === true,
      }));
      const data: StepData = {
        node,
        nodeType,
        title: node.name?.trim() || nodeType?.title || node.type,
        summary: nodeType === undefined ? '' : configSummary(nodeType, node.config, input.nameOf),
        ports: portViews,
        hasInput: nodeType?.kind !== 'trigger',
        problemCount,
        mark,
        ghost,
        readOnly: readOnly || ghost,
        width: cardWidth(ports.length),
        live,
        visits,
        isAt,
        countsWindow: counts === undefined ? undefined : input.live?.window,
      };
      const rfNode: StepNode = {
        id,
        type: 'step',
        position,
        data,
        selected,
        draggable: !readOnly && !ghost,
        connectable: !readOnly && !ghost,
        selectable: !ghost,
        deletable: !readOnly && !ghost,
        focusable: !ghost,
        ariaLabel: input.describe(data),
        domAttributes: stepAttributes,
        ...(ghost ? { className: 'sb-ghost' } : visits > 0 ? { className: 'sb-visited' } : {}),
      };
      nextSteps.set(id, { inputs, node: rfNode });
      nodes.push(rfNode);
    };
    const titles = new Map<string, string>();
    const portLabels = new Map<string, string>();
    const portCountOf = new Map<string, number | undefined>();
    const remember = (node: StepNode) => {
      const id = node.data.node.id;
      if (!titles.has(id)) titles.set(id, node.data.title);
      for (const port of node.data.ports) {
        portLabels.set(`${id}:${port.name}`, port.label);
        portCountOf.set(`${id}:${port.name}`, port.count);
      }
    };
    for (const node of definition.nodes) addStep(node, false, node.position ?? fallback.get(node.id) ?? { x: 0, y: 0 });
    const present = new Set(definition.nodes.map((node) => node.id));
    for (const node of marks?.ghosts?.nodes ?? []) {
      if (!present.has(node.id)) addStep(node, true, node.position ?? { x: 0, y: 0 });
    }

    for (const node of nodes) if (node.type === 'step') remember(node);
    const nextEdges = new Map<string, { readonly inputs: readonly unknown[]; readonly edge: CanvasEdge }>();
    const canvasEdges: CanvasEdge[] = [];
    const addEdge = (edge: WorkflowEdge, ghost: boolean) => {
      const key = edgeKey(edge);
      const id = ghost ? `${GHOST_PREFIX}${key}` : key;
      const source = present.has(edge.from) ? edge.from : `${GHOST_PREFIX}${edge.from}`;
      const target = present.has(edge.to) ? edge.to : `${GHOST_PREFIX}${edge.to}`;
      const port = ghost && !present.has(edge.from) ? undefined : resolvedPort(edge, portsById.get(edge.from) ?? []);
      const mark = ghost ? 'removed' : marks?.edges.get(key);
      const selected = !ghost && input.selectedEdges.has(key);
      const fromTitle = titles.get(edge.from) ?? edge.from;
      const portText = port === undefined ? '' : (portLabels.get(`${edge.from}:${port}`) ?? port);
      const toTitle = titles.get(edge.to) ?? edge.to;
      const count = ghost || port === undefined ? undefined : portCountOf.get(`${edge.from}:${port}`);
      const taken = !ghost && port !== undefined && path?.ports.has(`${edge.from}:${port}`) === true;
      const inputs = [edge, source, target, port, mark, selected, readOnly, fromTitle, portText, toTitle, count, taken, input.describeEdge];
      const previous = edges.get(id);
      if (previous !== undefined && sameInputs(previous.inputs, inputs)) {
        nextEdges.set(id, previous);
        canvasEdges.push(previous.edge);
        return;
      }
      const label = input.describeEdge(fromTitle, portText, toTitle, count, taken);
      const className = [mark === undefined ? '' : `sb-edge-${mark}`, taken ? 'sb-edge-taken' : ''].filter(Boolean).join(' ');
      const rfEdge: CanvasEdge = {
        id,
        source,
        target,
        sourceHandle: port ?? null,
        targetHandle: 'in',
        type: 'smoothstep',
        selected,
        selectable: !ghost,
        deletable: !readOnly && !ghost,
        focusable: !ghost && !readOnly,
        data: { mark, edge, taken },
        ariaLabel: label,
        domAttributes: edgeAttributes,
        ...(className === '' ? {} : { className }),
        // The taken path drawn over the rest, as n8n draws an execution's path.
        ...(taken ? { zIndex: 1 } : {}),
      };
      nextEdges.set(id, { inputs, edge: rfEdge });
      canvasEdges.push(rfEdge);
    };
    for (const edge of definition.edges) if (present.has(edge.from) && present.has(edge.to)) addEdge(edge, false);
    const ghostNodes = new Set((marks?.ghosts?.nodes ?? []).map((node) => node.id));
    for (const edge of marks?.ghosts?.edges ?? []) {
      const ends = [edge.from, edge.to];
      if (ends.every((id) => present.has(id) || ghostNodes.has(id))) addEdge(edge, true);
    }

    steps = nextSteps;
    notes = nextNotes;
    edges = nextEdges;
    return { nodes, edges: canvasEdges };
  };
}

function noteNode(note: StickyNote, selected: boolean, readOnly: boolean, role: string): NoteNode {
  return {
    id: `${NOTE_PREFIX}${note.id}`,
    type: 'note',
    position: { x: note.x, y: note.y },
    width: note.width ?? DEFAULT_NOTE_SIZE.width,
    height: note.height ?? DEFAULT_NOTE_SIZE.height,
    data: { note, readOnly },
    selected,
    draggable: !readOnly,
    connectable: false,
    deletable: !readOnly,
    zIndex: -1,
    ariaLabel: note.text.slice(0, 80),
    domAttributes: { 'aria-roledescription': role },
  };
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => Object.is(value, b[index]));
}
