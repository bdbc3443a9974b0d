import { useReactFlow } from '@xyflow/react';
import { type RefObject, useEffect, useRef } from 'react';
import { fragmentOfPaste, readFragment } from '../document/clipboard.ts';
import type { FlowStore } from '../document/flow-store.ts';
import type { CanvasCommands } from './useCanvasCommands.ts';

export interface ShortcutHandlers {
  openShortcutSheet(): void;
  focusPalette(): void;
  /** Escape on the canvas: cancel a pending "+" and clear the selection. */
  escape(): void;
}

interface ShortcutsInput {
  readonly store: FlowStore;
  readonly commands: CanvasCommands;
  readonly container: RefObject<HTMLElement | null>;
  readonly readOnly: boolean;
  readonly handlers: ShortcutHandlers;
}

/**
 * The canvas's keyboard shortcuts and clipboard, on the document while the canvas is shown:
 * undo and redo, copy, cut and paste anywhere outside a text field (so a config edit undoes from
 * the panel's buttons too); delete, duplicate, select all, move and the rest only while the
 * focus is on the canvas, so Delete in another panel never removes a step.
 */
export function useCanvasShortcuts({ store, commands, container, readOnly, handlers }: ShortcutsInput): void {
  const flow = useReactFlow();
  const latest = useRef(handlers);
  latest.current = handlers;

  useEffect(() => {
    if (readOnly) {
      const onKeyDown = (event: KeyboardEvent) => {
        if (event.key === '?' && !isTyping(event.target)) latest.current.openShortcutSheet();
      };
      document.addEventListener('keydown', onKeyDown);
      return () => document.removeEventListener('keydown', onKeyDown);
    }
    const onCanvas = (target: EventTarget | null) => target instanceof Node && (container.current?.contains(target) === true || target === document.body);

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target) || inDialog(event.target)) return;
      const mod = event.metaKey || event.ctrlKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) store.getState().redo();
        else store.getState().undo();
        return;
      }
      if (mod && key === 'y' && !event.metaKey) {
        event.preventDefault();
        store.getState().redo();
        return;
      }
      if (event.key === '?') {
        event.preventDefault();
        latest.current.openShortcutSheet();
        return;
      }
      if (!onCanvas(event.target)) return;
      if (mod && key === 'd') {
        event.preventDefault();
        commands.duplicateSelection();
      } else if (mod && key === 'a') {
        event.preventDefault();
        commands.selectAll();
      } else if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        event.preventDefault();
        commands.deleteSelection();
      } else if (!mod && event.key === '/') {
        event.preventDefault();
        latest.current.focusPalette();
      } else if (!mod && event.shiftKey && key === 'n') {
        event.preventDefault();
        commands.addNoteAtCentre();
      } else if (!mod && event.shiftKey && key === 'l') {
        event.preventDefault();
        void commands.autoLayout();
      } else if (!mod && event.shiftKey && event.code === 'Digit1') {
        event.preventDefault();
        void flow.fitView({ duration: 200, maxZoom: 1 });
      } else if (!mod && (event.key === '+' || event.key === '=')) {
        event.preventDefault();
        void flow.zoomIn({ duration: 150 });
      } else if (!mod && event.key === '-') {
        event.preventDefault();
        void flow.zoomOut({ duration: 150 });
      } else if (event.key === 'Escape') {
        latest.current.escape();
      }
    };

    const onCopy = (event: ClipboardEvent) => {
      if (isTyping(event.target) || inDialog(event.target) || hasTextSelection()) return;
      if (commands.copySelection(event.clipboardData) !== null) event.preventDefault();
    };
    const onCut = (event: ClipboardEvent) => {
      if (isTyping(event.target) || inDialog(event.target) || hasTextSelection()) return;
      const { selection } = store.getState();
      if (selection.nodeIds.length + selection.noteIds.length === 0) return;
      event.preventDefault();
      commands.cutSelection(event.clipboardData);
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target) || inDialog(event.target)) return;
      const fragment = fragmentOfPaste(event);
      event.preventDefault();
      if (fragment !== null) commands.paste(fragment);
      else void readFragment().then((kept) => kept !== null && commands.paste(kept));
    };

    document.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
    };
  }, [store, commands, container, readOnly, flow]);
}

/** Whether keys go into text: a field, a text area, an editor (CodeMirror is contenteditable). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(target.type);
  return target instanceof HTMLSelectElement;
}

function inDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('[role="dialog"], [role="alertdialog"]') !== null;
}

function hasTextSelection(): boolean {
  const selection = window.getSelection();
  return selection !== null && !selection.isCollapsed && selection.toString().trim() !== '';
}
