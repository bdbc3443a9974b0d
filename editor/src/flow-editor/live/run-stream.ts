/** What the runs stream says: a run of the flow changed, or (re)connected, so re-fetch everything shown. */
export type RunStreamEvent =
  | { readonly kind: 'ready' }
  | { readonly kind: 'run'; readonly runId: string; readonly workflowId: string; readonly status: string };

/** Which runs a stream follows: one flow's (a workflow id), one run, or every run (`{}`, the runs list). */
export interface RunStreamScope {
  readonly workflowId?: string;
  readonly runId?: string;
}

export interface RunStream {
  subscribe(listener: (event: RunStreamEvent) => void): () => void;
  /** Whether the stream is open now; while it is not, screens poll instead (`onConnection`). */
  readonly connected: boolean;
  onConnection(listener: (connected: boolean) => void): () => void;
  close(): void;
}

/**
 * One `GET /api/runs/stream?workflowId=` connection (Server-Sent Events) shared by everything the
 * editor shows live: the canvas's counts and the test chat. EventSource reconnects on its own
 * with Last-Event-ID, which the server answers with `ready`; a route that is not there (an older
 * server) or refuses closes it for good, and `connected` stays false so the screens poll.
 */
export function openRunStream(scope: RunStreamScope | string, createSource: (url: string) => EventSource = (url) => new EventSource(url)): RunStream {
  const listeners = new Set<(event: RunStreamEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let connected = false;
  const setConnected = (next: boolean) => {
    if (next === connected) return;
    connected = next;
    for (const listener of connectionListeners) listener(next);
  };
  const emit = (event: RunStreamEvent) => {
    for (const listener of listeners) listener(event);
  };
  const { workflowId, runId } = typeof scope === 'string' ? { workflowId: scope, runId: undefined } : scope;
  const query = new URLSearchParams({ ...(workflowId === undefined ? {} : { workflowId }), ...(runId === undefined ? {} : { runId }) }).toString();
  const source = createSource(query === '' ? '/api/runs/stream' : `/api/runs/stream?${query}`);
  source.addEventListener('open', () => setConnected(true));
  source.addEventListener('error', () => setConnected(source.readyState === EventSource.OPEN));
  source.addEventListener('ready', () => {
    setConnected(true);
    emit({ kind: 'ready' });
  });
  source.addEventListener('run', (message) => {
    const data = parseRunEvent((message as MessageEvent<string>).data);
    if (data !== undefined) emit({ kind: 'run', ...data });
  });
  return {
    get connected() {
      return connected;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      source.close();
      setConnected(false);
      listeners.clear();
      connectionListeners.clear();
    },
  };
}

function parseRunEvent(text: string): { runId: string; workflowId: string; status: string } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { runId, workflowId, status } = value as Record<string, unknown>;
    if (typeof runId !== 'string' || typeof workflowId !== 'string' || typeof status !== 'string') return undefined;
    return { runId, workflowId, status };
  } catch {
    return undefined;
  }
}

/**
 * `run` at most once per `intervalMs`: the first call at once, later ones folded into one call at
 * the end of the interval, so a burst of 500 run events costs two re-fetches, and the last change
 * is never missed.
 */
export function throttle(run: () => void, intervalMs: number): { (): void; cancel(): void } {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const throttled = () => {
    if (timer !== undefined) return;
    const wait = last + intervalMs - Date.now();
    if (wait <= 0) {
      last = Date.now();
      run();
      return;
    }
    timer = setTimeout(() => {
      timer = undefined;
      last = Date.now();
      run();
    }, wait);
  };
  throttled.cancel = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return throttled;
}
