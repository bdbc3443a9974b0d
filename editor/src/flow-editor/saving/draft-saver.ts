/**
 * The flow editor's autosave, with no React and no fetch in it so its timing and its failure
 * paths are unit-tested (draft-saver.test.ts).
 *
 * Every change is kept in the browser at once (`LocalKeep`), then saved to the server a moment
 * after the person stops changing things, and at least every few seconds while they keep going.
 * A save sends the revision it was based on (`If-Match`), so a save over someone else's newer
 * one is refused (409) instead of overwriting it: the saver stops and reports the conflict, and
 * the person chooses. A save the network or the server failed is retried with backoff, and the
 * change stays kept locally meanwhile, so closing the tab while offline loses nothing.
 */

export type SaveState =
  /** Everything is on the server. */
  | { readonly kind: 'saved'; readonly at: Date | null }
  /** A change waits for the debounce, or for the save in flight to finish. */
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  /** The server could not be reached; the change is kept in this browser and retried. */
  | { readonly kind: 'offline'; readonly retryAt: Date }
  /** The server refused the save for a reason a retry may fix (a 5xx), or one it won't (a 4xx). */
  | { readonly kind: 'failed'; readonly status: number; readonly code: string | undefined; readonly message: string; readonly retryAt: Date | null }
  /** Someone saved since this editor's revision; nothing more is saved until `resolveConflict`. */
  | { readonly kind: 'conflict'; readonly conflict: Conflict };

export interface Conflict {
  readonly currentRevision: number;
  readonly updatedAt: string;
  readonly updatedBy: { readonly id: string; readonly name: string } | null;
}

export type SaveResult<T> =
  | { readonly ok: true; readonly revision: number; readonly value: T }
  | { readonly ok: false; readonly kind: 'conflict'; readonly conflict: Conflict }
  | { readonly ok: false; readonly kind: 'network' }
  | { readonly ok: false; readonly kind: 'refused'; readonly status: number; readonly code: string | undefined; readonly message: string };

/** What is kept in the browser between a change and its save: the document and the revision it was based on. */
export interface KeptDraft<D> {
  readonly baseRevision: number;
  readonly definition: D;
  readonly keptAt: string;
}

export interface LocalKeep<D> {
  read(): KeptDraft<D> | undefined;
  write(draft: KeptDraft<D>): void;
  clear(): void;
}

export interface DraftSaverOptions<D, T> {
  /** The revision the editor's document was loaded at. */
  readonly revision: number;
  readonly save: (definition: D, baseRevision: number, options: { readonly keepalive: boolean }) => Promise<SaveResult<T>>;
  readonly keep: LocalKeep<D>;
  /** Called with the server's answer to each successful save (the draft's issues, for the problems list). */
  readonly onSaved?: (value: T, definition: D) => void;
  readonly debounceMs?: number;
  /** A person typing without pause still gets a save this often. */
  readonly maxWaitMs?: number;
  readonly now?: () => number;
  readonly setTimer?: (callback: () => void, ms: number) => unknown;
  readonly clearTimer?: (handle: unknown) => void;
}

const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

export class DraftSaver<D, T = unknown> {
  #state: SaveState = { kind: 'saved', at: null };
  #revision: number;
  /** The latest document not yet on the server, or undefined when there is none. */
  #unsaved: D | undefined;
  #firstUnsavedAt = 0;
  #inFlight: Promise<void> | undefined;
  #timer: unknown;
  #failures = 0;
  #disposed = false;
  readonly #listeners = new Set<(state: SaveState) => void>();
  readonly #waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];
  readonly #options: Required<Pick<DraftSaverOptions<D, T>, 'debounceMs' | 'maxWaitMs' | 'now' | 'setTimer' | 'clearTimer'>> & DraftSaverOptions<D, T>;

  constructor(options: DraftSaverOptions<D, T>) {
    this.#options = {
      debounceMs: 800,
      maxWaitMs: 3_000,
      now: () => Date.now(),
      setTimer: (callback, ms) => setTimeout(callback, ms),
      clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
      ...options,
    };
    this.#revision = options.revision;
  }

  get state(): SaveState {
    return this.#state;
  }

  /** The revision the server has for what this editor last saved (or loaded). */
  get revision(): number {
    return this.#revision;
  }

  get hasUnsavedChanges(): boolean {
    return this.#unsaved !== undefined || this.#inFlight !== undefined;
  }

  subscribe(listener: (state: SaveState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The person changed the document: keep it now, save it soon. */
  changed(definition: D): void {
    if (this.#disposed) return;
    if (this.#unsaved === undefined) this.#firstUnsavedAt = this.#options.now();
    this.#unsaved = definition;
    this.#options.keep.write({ baseRevision: this.#revision, definition, keptAt: new Date(this.#options.now()).toISOString() });
    if (this.#state.kind === 'conflict') return;
    if (this.#state.kind === 'offline' || (this.#state.kind === 'failed' && this.#state.retryAt !== null)) return;
    this.#setState({ kind: 'pending' });
    this.#schedule();
  }

  /** Saves what is unsaved now, and resolves once the server has it (rejects when it cannot). */
  flush(): Promise<void> {
    if (this.#state.kind === 'conflict') return Promise.reject(new Error('The draft has a conflict to resolve first.'));
    if (!this.hasUnsavedChanges) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    this.#clearTimer();
    void this.#saveNow();
    return done;
  }

  /** The page is going away: send what is unsaved with `keepalive`, so the browser finishes the request after the tab closes. */
  flushOnExit(): void {
    if (this.#unsaved === undefined || this.#inFlight !== undefined || this.#state.kind === 'conflict') return;
    void this.#options.save(this.#unsaved, this.#revision, { keepalive: true });
  }

  /** The server is reachable again (the browser's `online` event): retry at once. */
  retryNow(): void {
    if (this.#state.kind !== 'offline' && this.#state.kind !== 'failed') return;
    if (this.#unsaved === undefined) return;
    this.#clearTimer();
    void this.#saveNow();
  }

  /**
   * The editor now holds a document the server has at `revision`: theirs reloaded after a
   * conflict, a restored version; or, with `definition`, the person's own to save over it.
   * Whatever was unsaved is dropped.
   */
  resolveConflict(revision: number, definition?: D): void {
    this.#revision = revision;
    this.#failures = 0;
    this.#unsaved = undefined;
    this.#options.keep.clear();
    this.#setState({ kind: 'saved', at: null });
    if (definition !== undefined) this.changed(definition);
  }

  /** Someone else's save was found another way (a restore the server refused): stop saving as a refused save would. */
  conflictFound(conflict: Conflict): void {
    if (conflict.currentRevision <= this.#revision) return;
    this.#clearTimer();
    this.#setState({ kind: 'conflict', conflict });
    this.#rejectWaiters(new Error('Someone else saved this flow since you opened it.'));
  }

  dispose(): void {
    this.#disposed = true;
    this.#clearTimer();
    this.#listeners.clear();
  }

  #schedule(): void {
    this.#clearTimer();
    if (this.#inFlight !== undefined) return; // the save in flight schedules the next one when it ends
    const waited = this.#options.now() - this.#firstUnsavedAt;
    const delay = Math.max(0, Math.min(this.#options.debounceMs, this.#options.maxWaitMs - waited));
    this.#timer = this.#options.setTimer(() => {
      this.#timer = undefined;
      void this.#saveNow();
    }, delay);
  }

  #clearTimer(): void {
    if (this.#timer === undefined) return;
    this.#options.clearTimer(this.#timer);
    this.#timer = undefined;
  }

  async #saveNow(): Promise<void> {
    if (this.#inFlight !== undefined) {
      await this.#inFlight;
      return;
    }
    const definition = this.#unsaved;
    if (definition === undefined) {
      this.#settleWaiters();
      return;
    }
    this.#unsaved = undefined;
    this.#setState({ kind: 'saving' });
    const run = this.#send(definition);
    this.#inFlight = run;
    try {
      await run;
    } finally {
      this.#inFlight = undefined;
    }
    if (this.#disposed) return;
    if (this.#unsaved !== undefined && (this.#state.kind === 'pending' || this.#state.kind === 'saving' || this.#state.kind === 'saved')) {
      // Changes made while the save was in flight: a waiting flush wants them too.
      if (this.#waiters.length > 0) await this.#saveNow();
      else {
        this.#firstUnsavedAt = Math.min(this.#firstUnsavedAt, this.#options.now());
        this.#setState({ kind: 'pending' });
        this.#schedule();
      }
    } else if (this.#unsaved === undefined) this.#settleWaiters();
  }

  async #send(definition: D): Promise<void> {
    let result: SaveResult<T>;
    try {
      result = await this.#options.save(definition, this.#revision, { keepalive: false });
    } catch {
      result = { ok: false, kind: 'network' };
    }
    if (this.#disposed) return;
    if (result.ok) {
      this.#revision = result.revision;
      this.#failures = 0;
      if (this.#unsaved === undefined) {
        this.#options.keep.clear();
        this.#setState({ kind: 'saved', at: new Date(this.#options.now()) });
      } else {
        // Kept again under the new base, so a reload now finds the newer changes based on the right revision.
        this.#options.keep.write({ baseRevision: this.#revision, definition: this.#unsaved, keptAt: new Date(this.#options.now()).toISOString() });
      }
      this.#options.onSaved?.(result.value, definition);
      return;
    }
    // Not saved: what was sent is unsaved again, unless something newer replaced it meanwhile.
    this.#unsaved ??= definition;
    if (result.kind === 'conflict') {
      this.#setState({ kind: 'conflict', conflict: result.conflict });
      this.#rejectWaiters(new Error('Someone else saved this flow since you opened it.'));
      return;
    }
    const delay = RETRY_DELAYS_MS[Math.min(this.#failures, RETRY_DELAYS_MS.length - 1)] ?? 30_000;
    this.#failures += 1;
    const retryAt = new Date(this.#options.now() + delay);
    if (result.kind === 'network') this.#setState({ kind: 'offline', retryAt });
    else {
      // A 4xx will fail the same way again until the document changes; a 5xx may pass on retry.
      const retries = result.status >= 500 || result.status === 429;
      this.#setState({ kind: 'failed', status: result.status, code: result.code, message: result.message, retryAt: retries ? retryAt : null });
      if (!retries) {
        this.#rejectWaiters(new Error(result.message));
        return;
      }
    }
    this.#rejectWaiters(new Error(result.kind === 'network' ? 'The server could not be reached.' : result.message));
    this.#timer = this.#options.setTimer(() => {
      this.#timer = undefined;
      void this.#saveNow();
    }, delay);
  }

  #setState(state: SaveState): void {
    this.#state = state;
    for (const listener of this.#listeners) listener(state);
  }

  #settleWaiters(): void {
    for (const waiter of this.#waiters.splice(0)) waiter.resolve();
  }

  #rejectWaiters(error: Error): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }
}
