import type { WorkflowEdge } from '@switchboard/engine/graph';
import { type ReactFlowInstance, useReactFlow } from '@xyflow/react';
import { type RefObject, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { rememberFragment, writeFragment } from '../document/clipboard.ts';
import { edgeKey } from '../document/edge-key.ts';
import type { FlowStore } from '../document/flow-store.ts';
import { copyFragment, type FlowFragment } from '../document/fragment.ts';
import {
  addNode,
  addNote,
  connect,
  duplicate,
  moveNodes,
  moveNotes,
  type Point,
  pasteFragment,
  removeNotes,
  removeSelection,
  spliceIntoEdge,
  updateNote,
} from '../document/operations.ts';
import { portsOfNode } from '../document/ports.ts';
import type { NodeType, NodeTypeIndex } from '../node-types.ts';
import type { CanvasEdge, CanvasNode } from './canvas-model.ts';
import { targetOfPort, wouldBeSecondTrigger } from './connection-rules.ts';
import { layoutGraph, positionsOfLayout, type Size } from './layout-graph.ts';
import { freeSpot, placeBelow } from './placement.ts';
import { runLayout } from './run-layout.ts';

/** Where a step waits to be added: after this port, once the palette gives its type. */
export interface PendingAdd {
  readonly nodeId: string;
  readonly port: string;
  /** Where the connection was dropped, when it was. */
  readonly at?: Point;
}

export interface AddOptions {
  readonly at?: Point;
  readonly after?: PendingAdd;
  readonly intoEdge?: WorkflowEdge;
  /** Open the new step's config (the palette's Enter and click; not a drop). */
  readonly configure?: boolean;
}

export interface CanvasCommands {
  add(nodeType: NodeType, options?: AddOptions): void;
  /** The palette's Enter: below the selected step, from its first free port. */
  addFromPalette(nodeType: NodeType, pending: PendingAdd | null): void;
  deleteSelection(): void;
  copySelection(clipboard?: DataTransfer | null): FlowFragment | null;
  cutSelection(clipboard?: DataTransfer | null): void;
  paste(fragment: FlowFragment): void;
  duplicateSelection(): void;
  selectAll(): void;
  addNoteAtCentre(): void;
  autoLayout(): Promise<void>;
  commitMoves(positions: ReadonlyMap<string, Point>, coalesce: string | undefined): void;
  configure(nodeId: string): void;
  deleteNotes(noteIds: readonly string[]): void;
  editNote(noteId: string, patch: Parameters<typeof updateNote>[2]): void;
}

interface CommandsInput {
  readonly store: FlowStore;
  readonly nodeTypes: NodeTypeIndex | undefined;
  readonly selectedEdges: RefObject<ReadonlySet<string>>;
  readonly container: RefObject<HTMLElement | null>;
  announce(message: string): void;
}

/**
 * The canvas's edits, each one `change` (one undo step) with a label in the person's language.
 * The object is stable for the canvas's life; it reads the latest state when called.
 */
export function useCanvasCommands(input: CommandsInput): CanvasCommands {
  const { t } = useTranslation('canvas');
  const flow = useReactFlow<CanvasNode, CanvasEdge>();
  const latest = useRef({ input, t, flow });
  latest.current = { input, t, flow };
  const pasteRun = useRef<{ fragment: FlowFragment | null; count: number }>({ fragment: null, count: 0 });

  return useMemo<CanvasCommands>(() => {
    const state = () => latest.current.input.store.getState();
    // The translation function of the latest render, for labels in the person's current language.
    const tr = () => latest.current.t;
    const announce = (message: string) => latest.current.input.announce(message);
    const viewportCentre = (): Point => centreOf(latest.current.flow, latest.current.input.container.current);
    const isTrigger = (type: string) => latest.current.input.nodeTypes?.get(type)?.kind === 'trigger';

    const commands: CanvasCommands = {
      add(nodeType, options = {}) {
        const nodeTypes = latest.current.input.nodeTypes;
        if (nodeTypes === undefined) return;
        const { definition } = state();
        if (wouldBeSecondTrigger(definition, nodeTypes, nodeType)) {
          announce(tr()('palette.secondTrigger'));
          return;
        }
        let id = '';
        state().change(tr()('history.add', { step: nodeType.title }), (draft) => {
          let position = options.at ?? (definition.nodes.length === 0 ? { x: 0, y: 0 } : freeSpot(definition, viewportCentre()));
          const after = options.after;
          const source = after === undefined ? undefined : definition.nodes.find((node) => node.id === after.nodeId);
          const sourceType = source === undefined ? undefined : nodeTypes.get(source.type);
          const sourcePorts = source === undefined || sourceType === undefined ? [] : portsOfNode(source, sourceType);
          if (after !== undefined && source !== undefined && options.at === undefined) {
            position = after.at ?? placeBelow(definition, source.position ?? { x: 0, y: 0 }, Math.max(0, sourcePorts.indexOf(after.port)), sourcePorts.length);
          }
          id = addNode(draft, { type: nodeType.type, config: {}, position });
          if (after !== undefined && source !== undefined && nodeType.kind !== 'trigger')
            connect(draft, { from: source.id, port: after.port, to: id }, { sourcePorts });
          if (options.intoEdge !== undefined && nodeType.kind !== 'trigger') {
            const ports = portsOfNode({ id, type: nodeType.type, config: {} }, nodeType);
            spliceIntoEdge(draft, options.intoEdge, id, ports[0]);
          }
        });
        state().select({ nodeIds: [id], noteIds: [] });
        announce(tr()('announce.added', { step: nodeType.title }));
        if (options.configure === true) state().requestFocus(id);
      },

      addFromPalette(nodeType, pending) {
        if (pending !== null) {
          commands.add(nodeType, { after: pending, configure: true });
          return;
        }
        const nodeTypes = latest.current.input.nodeTypes;
        const { definition, selection } = state();
        const selected = selection.nodeIds.length === 1 ? definition.nodes.find((node) => node.id === selection.nodeIds[0]) : undefined;
        const selectedType = selected === undefined ? undefined : nodeTypes?.get(selected.type);
        if (selected !== undefined && selectedType !== undefined) {
          const ports = portsOfNode(selected, selectedType);
          const free = ports.find((port) => targetOfPort(definition.edges, selected.id, port, ports) === undefined);
          if (free !== undefined) {
            commands.add(nodeType, { after: { nodeId: selected.id, port: free }, configure: true });
            return;
          }
          commands.add(nodeType, { at: placeBelow(definition, selected.position ?? { x: 0, y: 0 }, 0, 1), configure: true });
          return;
        }
        commands.add(nodeType, { configure: true });
      },

      deleteSelection() {
        const { selection, definition } = state();
        const edgeKeys = latest.current.input.selectedEdges.current;
        const edges = definition.edges.filter((edge) => edgeKeys.has(edgeKey(edge)));
        const count = selection.nodeIds.length + selection.noteIds.length + edges.length;
        if (count === 0) return;
        state().change(tr()('history.delete', { count }), (draft) => {
          const keys = new Set(edges.map(edgeKey));
          for (let index = draft.edges.length - 1; index >= 0; index -= 1) {
            const edge = draft.edges[index];
            if (edge !== undefined && keys.has(edgeKey(edge))) draft.edges.splice(index, 1);
          }
          removeSelection(draft, selection);
        });
        announce(tr()('announce.deleted', { count }));
      },

      copySelection(clipboard) {
        const { selection, definition } = state();
        if (selection.nodeIds.length + selection.noteIds.length === 0) return null;
        const fragment = copyFragment(definition, selection);
        if (clipboard === undefined || clipboard === null) void writeFragment(fragment);
        else {
          clipboard.setData('text/plain', JSON.stringify(fragment, null, 2));
          rememberFragment(fragment);
        }
        pasteRun.current = { fragment: null, count: 0 };
        announce(tr()('announce.copied', { count: fragment.nodes.length + fragment.notes.length }));
        return fragment;
      },

      cutSelection(clipboard) {
        if (commands.copySelection(clipboard) !== null) commands.deleteSelection();
      },

      paste(fragment) {
        const { definition } = state();
        const hasTrigger = definition.nodes.some((node) => isTrigger(node.type));
        const keepNode = (node: FlowFragment['nodes'][number]) => !(hasTrigger && isTrigger(node.type));
        // Copied from this flow (the nodes are still here): beside the originals, a step further
        // each paste. From elsewhere: in the middle of what the person sees.
        const fromHere =
          fragment.nodes.length > 0 && fragment.nodes.every((node) => definition.nodes.some((each) => each.id === node.id && each.type === node.type));
        const run = pasteRun.current.fragment === fragment ? pasteRun.current.count + 1 : 1;
        pasteRun.current = { fragment, count: run };
        const centre = viewportCentre();
        let pasted = { nodeIds: [] as readonly string[], noteIds: [] as readonly string[] };
        state().change(tr()('history.paste'), (draft) => {
          pasted = pasteFragment(
            draft,
            fragment,
            fromHere ? { offset: { x: 40 * run, y: 40 * run }, keepNode } : { at: { x: centre.x - 120, y: centre.y - 60 }, keepNode },
          );
        });
        state().select(pasted);
        const count = pasted.nodeIds.length + pasted.noteIds.length;
        const skipped = fragment.nodes.length - pasted.nodeIds.length;
        announce(skipped > 0 ? tr()('announce.pastedWithoutTrigger', { count }) : tr()('announce.pasted', { count }));
      },

      duplicateSelection() {
        const { selection, definition } = state();
        if (selection.nodeIds.length + selection.noteIds.length === 0) return;
        const keepNode = (node: FlowFragment['nodes'][number]) => !isTrigger(node.type);
        let copies = { nodeIds: [] as readonly string[], noteIds: [] as readonly string[] };
        state().change(tr()('history.duplicate'), (draft) => {
          copies = duplicate(draft, copyFragment(definition, selection), { x: 40, y: 40 }, keepNode);
        });
        state().select(copies);
      },

      selectAll() {
        const { definition } = state();
        state().select({ nodeIds: definition.nodes.map((node) => node.id), noteIds: (definition.notes ?? []).map((note) => note.id) });
      },

      addNoteAtCentre() {
        const centre = viewportCentre();
        let id = '';
        state().change(tr()('history.addNote'), (draft) => {
          id = addNote(draft, { x: centre.x - 120, y: centre.y - 80 });
        });
        state().select({ nodeIds: [], noteIds: [id] });
      },

      async autoLayout() {
        const nodeTypes = latest.current.input.nodeTypes;
        if (nodeTypes === undefined) return;
        const before = state().definition;
        if (before.nodes.length === 0) return;
        const sizes = new Map<string, Size>();
        for (const node of latest.current.flow.getNodes()) {
          if (node.type === 'step' && node.measured?.width !== undefined && node.measured.height !== undefined)
            sizes.set(node.id, { width: node.measured.width, height: node.measured.height });
        }
        announce(tr()('announce.layingOut'));
        const laidOut = await runLayout(layoutGraph(before, nodeTypes, sizes));
        const positions = positionsOfLayout(laidOut, before);
        state().change(tr()('history.layout'), (draft) => moveNodes(draft, positions));
        announce(tr()('announce.laidOut'));
        requestAnimationFrame(() => void latest.current.flow.fitView({ duration: 300, maxZoom: 1 }));
      },

      commitMoves(positions, coalesce) {
        const steps = new Map<string, Point>();
        const notes = new Map<string, Point>();
        for (const [id, position] of positions) {
          if (id.startsWith('note:')) notes.set(id.slice('note:'.length), position);
          else steps.set(id, position);
        }
        const count = steps.size + notes.size;
        state().change(
          tr()('history.move', { count }),
          (draft) => {
            moveNodes(draft, steps);
            moveNotes(draft, notes);
          },
          coalesce === undefined ? undefined : { coalesce },
        );
      },

      configure(nodeId) {
        state().select({ nodeIds: [nodeId], noteIds: [] });
        state().requestFocus(nodeId);
      },

      deleteNotes(noteIds) {
        state().change(tr()('history.deleteNote'), (draft) => removeNotes(draft, noteIds));
      },

      editNote(noteId, patch) {
        const typing = patch.text !== undefined && Object.keys(patch).length === 1;
        state().change(tr()('history.editNote'), (draft) => updateNote(draft, noteId, patch), typing ? { coalesce: `note:${noteId}:text` } : undefined);
      },
    };
    return commands;
  }, []);
}

function centreOf(flow: ReactFlowInstance<CanvasNode, CanvasEdge>, container: HTMLElement | null): Point {
  const rect = container?.getBoundingClientRect();
  if (rect === undefined) return { x: 0, y: 0 };
  return flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
}
