import type { KeptDraft, LocalKeep } from './draft-saver.ts';

const PREFIX = 'switchboard.draft.';

/**
 * The browser's copy of a flow's unsaved changes, in localStorage under the flow's id: written on
 * every change, cleared once the server has them, read when the editor opens, so a reload, a
 * crash or a closed tab while offline loses nothing.
 *
 * Storage can be full or disabled (a private window); then nothing is kept and the editor says
 * so through `onUnavailable`, rather than the person believing their change is safe.
 */
export function browserKeep<D>(workflowId: string, onUnavailable: () => void = () => {}): LocalKeep<D> {
  const key = `${PREFIX}${workflowId}`;
  return {
    read() {
      try {
        const text = window.localStorage.getItem(key);
        if (text === null) return undefined;
        const kept = JSON.parse(text) as Partial<KeptDraft<D>>;
        if (typeof kept.baseRevision !== 'number' || typeof kept.keptAt !== 'string' || typeof kept.definition !== 'object' || kept.definition === null)
          return undefined;
        return kept as KeptDraft<D>;
      } catch {
        return undefined;
      }
    },
    write(draft) {
      try {
        window.localStorage.setItem(key, JSON.stringify(draft));
      } catch {
        onUnavailable();
      }
    },
    clear() {
      try {
        window.localStorage.removeItem(key);
      } catch {
        // Nothing kept, nothing to clear.
      }
    },
  };
}
