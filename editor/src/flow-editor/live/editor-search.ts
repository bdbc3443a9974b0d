import { LIVE_WINDOWS, type LiveWindow } from '../../api/pending-api.ts';

/** What `/flows/<id>` keeps in its address: the live counts' window (`?window=7d`; 24 hours when absent). */
export interface FlowEditorSearch {
  readonly window?: LiveWindow;
}

export const DEFAULT_WINDOW: LiveWindow = '24h';

/** TanStack Router's validateSearch for the flow editor; anything else in the address is dropped. */
export function validateFlowEditorSearch(search: Record<string, unknown>): FlowEditorSearch {
  const window = search['window'];
  return typeof window === 'string' && (LIVE_WINDOWS as readonly string[]).includes(window) && window !== DEFAULT_WINDOW
    ? { window: window as LiveWindow }
    : {};
}
