import type { StickyNote } from '@switchboard/engine/graph';
import { createContext, useContext } from 'react';

/**
 * What a card or a note asks of the canvas. The functions are stable for the canvas's life, so
 * passing them down does not re-render the memoised cards.
 */
export interface CanvasActions {
  /** The "+" of a free port: open the palette to add a step connected to it. */
  addAfter(nodeId: string, port: string): void;
  /** Open the node's config (select it and ask the config panel to focus it). */
  configure(nodeId: string): void;
  /** The keyboard way to connect: choose a port, then the step it leads to. */
  openConnect(nodeId: string): void;
  duplicateNode(nodeId: string): void;
  deleteNode(nodeId: string): void;
  /** One undo step per call; typing in a note coalesces into one. */
  editNote(noteId: string, patch: Partial<Omit<StickyNote, 'id'>>): void;
  deleteNote(noteId: string): void;
}

export const CanvasActionsContext = createContext<CanvasActions | undefined>(undefined);

export function useCanvasActions(): CanvasActions {
  const actions = useContext(CanvasActionsContext);
  if (actions === undefined) throw new Error('useCanvasActions needs the <FlowCanvas> around it.');
  return actions;
}
