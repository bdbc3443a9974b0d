import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useApiClient } from '../../api/useApiClient.ts';
import type { FlowDefinition, FlowStore } from '../document/flow-store.ts';
import { DraftSaver, type SaveState } from './draft-saver.ts';
import { browserKeep } from './local-keep.ts';
import { saveOverApi, type WorkflowDraft } from './save-over-api.ts';

export interface DraftSaving {
  readonly saver: DraftSaver<FlowDefinition, WorkflowDraft>;
  readonly state: SaveState;
  /** This browser cannot keep unsaved changes (storage full or disabled). */
  readonly storageUnavailable: boolean;
  /** The document as the server last had it from this editor: what a conflict is compared against. */
  readonly base: () => FlowDefinition;
  /** Replaces the document with one the server already has at `revision` (theirs after a conflict, a restored version), without saving it again. */
  readonly adopt: (definition: FlowDefinition, revision: number, options?: { readonly undoable?: string }) => void;
}

/**
 * Wires the store to the autosave: every change of the document is handed to the saver; the
 * browser's `online` event retries at once; leaving the page sends what is unsaved with
 * keepalive. `onSaved` gets each save's answer (its issues feed the problems list).
 */
export function useDraftSaving(
  workflowId: string,
  loaded: { readonly revision: number; readonly definition: FlowDefinition },
  store: FlowStore,
  onSaved: (draft: WorkflowDraft, definition: FlowDefinition) => void,
): DraftSaving {
  const api = useApiClient();
  const [storageUnavailable, setStorageUnavailable] = useState(false);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;
  const baseRef = useRef(loaded.definition);
  // True while the editor replaces the document itself with what the server has, so that is not saved back.
  const adopting = useRef(false);

  // One saver per opened flow: a new revision from a save must not make a new saver.
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded.revision is read once, at open.
  const saver = useMemo(
    () =>
      new DraftSaver<FlowDefinition, WorkflowDraft>({
        revision: loaded.revision,
        save: saveOverApi(api, workflowId),
        keep: browserKeep<FlowDefinition>(workflowId, () => setStorageUnavailable(true)),
        onSaved: (draft, definition) => {
          baseRef.current = definition;
          onSavedRef.current(draft, definition);
        },
      }),
    [api, workflowId],
  );

  useEffect(() => {
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.definition === previous.definition) return;
      if (adopting.current) return;
      saver.changed(state.definition);
    });
    const online = (): void => saver.retryNow();
    const leaving = (): void => saver.flushOnExit();
    window.addEventListener('online', online);
    window.addEventListener('pagehide', leaving);
    return () => {
      unsubscribe();
      window.removeEventListener('online', online);
      window.removeEventListener('pagehide', leaving);
      // Leaving the editor inside the app (a link): what is unsaved is sent, and stays kept locally until the server has it.
      saver.flushOnExit();
      saver.dispose();
    };
  }, [saver, store]);

  const state = useSyncExternalStore(
    (listener) => saver.subscribe(listener),
    () => saver.state,
  );

  return {
    saver,
    state,
    storageUnavailable,
    base: () => baseRef.current,
    adopt: (definition, revision, options = {}) => {
      baseRef.current = definition;
      const { undoable } = options;
      adopting.current = true;
      try {
        if (undoable === undefined) {
          store.getState().reset(definition);
          saver.resolveConflict(revision);
        } else {
          // A restored version: the server has it already, and it replaces whatever was not saved yet
          // (undo brings that back, as a new change saved as usual).
          saver.resolveConflict(revision);
          store.getState().change(undoable, (draft) => {
            for (const key of Object.keys(draft)) delete (draft as Record<string, unknown>)[key];
            Object.assign(draft, structuredClone(definition));
          });
        }
      } finally {
        adopting.current = false;
      }
    },
  };
}
