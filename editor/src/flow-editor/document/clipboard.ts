import { type FlowFragment, parseFragment } from './fragment.ts';

// The last fragment copied in this tab: what paste falls back to when the browser refuses to read
// the system clipboard (no permission, not a secure context, Firefox without a user gesture).
let lastCopied: { readonly text: string; readonly fragment: FlowFragment; readonly onSystemClipboard: boolean } | null = null;

/**
 * Puts a fragment on the system clipboard as definition JSON, so it pastes into another flow,
 * another tab or a text editor, and keeps it for this tab whatever the browser allows.
 */
export async function writeFragment(fragment: FlowFragment): Promise<void> {
  const text = JSON.stringify(fragment, null, 2);
  lastCopied = { text, fragment, onSystemClipboard: false };
  try {
    await navigator.clipboard.writeText(text);
    lastCopied = { text, fragment, onSystemClipboard: true };
  } catch {
    // Refused or unavailable: this tab still pastes from lastCopied.
  }
}

/**
 * The fragment on the clipboard: the system clipboard's when it holds one, else the last one
 * copied in this tab if the browser never let it reach the system clipboard, else null.
 */
export async function readFragment(): Promise<FlowFragment | null> {
  try {
    const text = await navigator.clipboard.readText();
    if (text === lastCopied?.text) return lastCopied.fragment;
    const fragment = parseFragment(text);
    // Something else was copied since (here or in another app): paste that, not an older fragment.
    if (fragment !== null || lastCopied?.onSystemClipboard === true) return fragment;
  } catch {
    // Reading needs a permission the person may refuse; fall back to this tab's copy.
  }
  return lastCopied?.fragment ?? null;
}

/** Reads a fragment from a paste event's data, which needs no permission. */
export function fragmentOfPaste(event: ClipboardEvent): FlowFragment | null {
  const text = event.clipboardData?.getData('text/plain');
  return text === undefined || text === '' ? null : parseFragment(text);
}

/** Keeps a fragment a copy event put on the system clipboard, for this tab's paste to fall back to. */
export function rememberFragment(fragment: FlowFragment): void {
  lastCopied = { text: JSON.stringify(fragment, null, 2), fragment, onSystemClipboard: true };
}
