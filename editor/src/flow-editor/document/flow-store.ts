import type { WorkflowDefinition } from '@switchboard/engine/graph';
import { type Draft, enablePatches, type Patch, applyPatches, produceWithPatches } from 'immer';
import { createContext, createElement, type ReactNode, useContext } from 'react';
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';

enablePatches();

/** The document the editor edits: a workflow definition with node positions and sticky notes. */
export type FlowDefinition = WorkflowDefinition;
/** A definition as a `change` recipe sees it: immer's mutable draft. */
export type FlowDraft = Draft<FlowDefinition>;

/**
 * A problem with a node (or the whole document) to show where it is: a badge on the card, a
 * message on the config field.
 */
export interface NodeProblem {
  /** JSON Pointer relative to the node's config; '' for the node itself. */
  readonly field: string;
  readonly message: string;
  readonly code: string;
}

export interface FlowSelection {
  readonly nodeIds: readonly string[];
  readonly noteIds: readonly string[];
}

export interface FocusRequest {
  readonly nodeId: string;
  readonly field?: string;
  /** Grows with every request, so asking twice for the same node is seen twice. */
  readonly seq: number;
}

export interface ChangeOptions {
  /**
   * Consecutive changes with the same key, each within `COALESCE_MS` of the last, make one undo
   * step: typing in a field undoes as one edit, not one per key. Use `config:<nodeId>:<field>`.
   */
  readonly coalesce?: string;
}

export interface FlowState {
  /** The current document; an immutable snapshot, replaced (never mutated) by each change. */
  readonly definition: FlowDefinition;
  /**
   * Applies a user edit as one undo step labelled `label` ("Add step", "Move 3 steps"). A recipe
   * that changes nothing records nothing.
   *
   * @example
   * change('Rename step', (draft) => { findNode(draft, 'assign_to')!.name = 'Sales'; });
   */
  change(label: string, recipe: (draft: FlowDraft) => void, options?: ChangeOptions): void;
  undo(): void;
  redo(): void;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
  /**
   * Replaces the document from outside (the first load, a reload after a conflict) and forgets
   * the history. Not an edit: `changeCount` stays, so an autosave does not save what it loaded.
   */
  reset(definition: FlowDefinition): void;
  /** Grows on every change of the definition by an edit, an undo or a redo (what autosave watches). */
  readonly changeCount: number;
  readonly selection: FlowSelection;
  /** Not part of the history; ids that are not in the document are dropped. */
  select(selection: Partial<FlowSelection>): void;
  readonly problemsByNode: ReadonlyMap<string, readonly NodeProblem[]>;
  readonly documentProblems: readonly NodeProblem[];
  setProblems(byNode: ReadonlyMap<string, readonly NodeProblem[]>, document: readonly NodeProblem[]): void;
  /** "Go to this node (and field)": the canvas selects and centres it, the config panel opens it. */
  readonly focusRequest: FocusRequest | null;
  requestFocus(nodeId: string, field?: string): void;
}

export type FlowStore = StoreApi<FlowState>;

export interface FlowStoreOptions {
  /** The clock coalescing reads; tests pass their own. Defaults to `Date.now`. */
  readonly now?: () => number;
  /** Undo steps kept; the oldest go first. Defaults to 200. */
  readonly historyLimit?: number;
}

/** How close in time two changes with the same coalesce key must be to merge. */
export const COALESCE_MS = 1000;

interface HistoryEntry {
  readonly label: string;
  readonly patches: readonly Patch[];
  readonly inversePatches: readonly Patch[];
}

const emptySelection: FlowSelection = { nodeIds: [], noteIds: [] };

/**
 * One editor's document store: the definition, its undo history as immer patches (small even for
 * a 300-node flow, unlike whole snapshots), the selection, the problems and focus requests.
 * Created per editor instance, so a diff or a version view can sit beside the draft.
 *
 * @example
 * const store = createFlowStore(workflow.definition);
 * store.getState().change('Add step', (draft) => addNode(draft, { type: 'inbox.assign_to', config: {} }));
 */
export function createFlowStore(definition: FlowDefinition, options: FlowStoreOptions = {}): FlowStore {
  const now = options.now ?? Date.now;
  const historyLimit = options.historyLimit ?? 200;
  let past: HistoryEntry[] = [];
  let future: HistoryEntry[] = [];
  // The key and time of the last change, while it may still absorb the next one.
  let open: { key: string; at: number } | null = null;

  const history = () => {
    const last = past.at(-1);
    const next = future.at(-1);
    return { canUndo: last !== undefined, canRedo: next !== undefined, undoLabel: last?.label ?? null, redoLabel: next?.label ?? null };
  };

  return createStore<FlowState>()((set, get) => {
    const replaceDefinition = (next: FlowDefinition): void => {
      const state = get();
      set({ definition: next, changeCount: state.changeCount + 1, selection: pruneSelection(state.selection, next), ...history() });
    };

    return {
      definition,
      changeCount: 0,
      canUndo: false,
      canRedo: false,
      undoLabel: null,
      redoLabel: null,
      selection: emptySelection,
      problemsByNode: new Map(),
      documentProblems: [],
      focusRequest: null,

      change(label, recipe, changeOptions) {
        const [next, patches, inversePatches] = produceWithPatches(get().definition, recipe);
        if (patches.length === 0) return;
        const at = now();
        const key = changeOptions?.coalesce;
        const last = past.at(-1);
        if (key !== undefined && open !== null && open.key === key && at - open.at <= COALESCE_MS && last !== undefined) {
          // Replaying the merged patches in order redoes both; their inverses, newest first, undo both.
          past[past.length - 1] = { label: last.label, patches: [...last.patches, ...patches], inversePatches: [...inversePatches, ...last.inversePatches] };
        } else {
          past.push({ label, patches, inversePatches });
          if (past.length > historyLimit) past = past.slice(past.length - historyLimit);
        }
        future = [];
        open = key === undefined ? null : { key, at };
        replaceDefinition(next);
      },

      undo() {
        const entry = past.pop();
        if (entry === undefined) return;
        future.push(entry);
        open = null;
        replaceDefinition(applyPatches(get().definition, entry.inversePatches as Patch[]));
      },

      redo() {
        const entry = future.pop();
        if (entry === undefined) return;
        past.push(entry);
        open = null;
        replaceDefinition(applyPatches(get().definition, entry.patches as Patch[]));
      },

      reset(next) {
        past = [];
        future = [];
        open = null;
        set({ definition: next, selection: pruneSelection(get().selection, next), ...history() });
      },

      select(selection) {
        const current = get().selection;
        const next = pruneSelection({ nodeIds: selection.nodeIds ?? current.nodeIds, noteIds: selection.noteIds ?? current.noteIds }, get().definition);
        if (sameIds(next.nodeIds, current.nodeIds) && sameIds(next.noteIds, current.noteIds)) return;
        set({ selection: next });
      },

      setProblems(byNode, document) {
        set({ problemsByNode: byNode, documentProblems: document });
      },

      requestFocus(nodeId, field) {
        const seq = (get().focusRequest?.seq ?? 0) + 1;
        set({ focusRequest: field === undefined ? { nodeId, seq } : { nodeId, field, seq } });
      },
    };
  });
}

const FlowStoreContext = createContext<FlowStore | undefined>(undefined);

/** Hands an editor's store to the canvas, the config panel and the outline below it. */
export function FlowStoreProvider({ store, children }: { readonly store: FlowStore; readonly children?: ReactNode }) {
  return createElement(FlowStoreContext.Provider, { value: store }, children);
}

/** The store itself, for event handlers that read the latest state (`getState()`) without re-rendering. */
export function useFlowStore(): FlowStore {
  const store = useContext(FlowStoreContext);
  if (store === undefined) throw new Error('useFlowStore needs a <FlowStoreProvider> above it.');
  return store;
}

/**
 * A slice of the store; the component re-renders when the slice changes (by `Object.is`). Select
 * small values, or wrap an object-returning selector in zustand's `useShallow`.
 *
 * @example
 * const node = useFlow((s) => s.definition.nodes.find((each) => each.id === nodeId));
 */
export function useFlow<T>(selector: (state: FlowState) => T): T {
  return useStore(useFlowStore(), selector);
}

function pruneSelection(selection: FlowSelection, definition: FlowDefinition): FlowSelection {
  if (selection.nodeIds.length === 0 && selection.noteIds.length === 0) return selection;
  const nodes = new Set(definition.nodes.map((node) => node.id));
  const notes = new Set((definition.notes ?? []).map((note) => note.id));
  const nodeIds = selection.nodeIds.filter((id) => nodes.has(id));
  const noteIds = selection.noteIds.filter((id) => notes.has(id));
  if (nodeIds.length === selection.nodeIds.length && noteIds.length === selection.noteIds.length) return selection;
  return { nodeIds, noteIds };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
