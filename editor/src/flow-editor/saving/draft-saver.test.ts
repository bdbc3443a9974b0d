import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftSaver, type KeptDraft, type LocalKeep, type SaveResult, type SaveState } from './draft-saver.ts';

interface Doc {
  readonly text: string;
}

function memoryKeep(): LocalKeep<Doc> & { kept: KeptDraft<Doc> | undefined } {
  return {
    kept: undefined,
    read() {
      return this.kept;
    },
    write(draft) {
      this.kept = draft;
    },
    clear() {
      this.kept = undefined;
    },
  };
}

/** A server whose answers the test hands out one at a time. */
function scriptedServer() {
  const calls: { definition: Doc; baseRevision: number; keepalive: boolean; answer: (result: SaveResult<string>) => void }[] = [];
  const save = (definition: Doc, baseRevision: number, options: { keepalive: boolean }) =>
    new Promise<SaveResult<string>>((resolve) => calls.push({ definition, baseRevision, keepalive: options.keepalive, answer: resolve }));
  return { calls, save };
}

function saverWith(server: ReturnType<typeof scriptedServer>, keep = memoryKeep()) {
  const states: SaveState['kind'][] = [];
  const saved: string[] = [];
  const saver = new DraftSaver<Doc, string>({ revision: 1, save: server.save, keep, onSaved: (value) => saved.push(value) });
  saver.subscribe((state) => states.push(state.kind));
  return { saver, keep, states, saved };
}

describe('DraftSaver', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps a change at once and saves it once the person pauses, based on the revision it has', async () => {
    const server = scriptedServer();
    const { saver, keep, states } = saverWith(server);
    saver.changed({ text: 'a' });
    expect(keep.kept).toMatchObject({ baseRevision: 1, definition: { text: 'a' } });
    saver.changed({ text: 'ab' });
    await vi.advanceTimersByTimeAsync(799);
    expect(server.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls.map((call) => [call.definition.text, call.baseRevision])).toEqual([['ab', 1]]);
    server.calls[0]?.answer({ ok: true, revision: 2, value: 'r2' });
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state.kind).toBe('saved');
    expect(saver.revision).toBe(2);
    expect(keep.kept).toBeUndefined();
    expect(states).toEqual(['pending', 'pending', 'saving', 'saved']);
  });

  it('saves at least every three seconds while the person keeps typing', async () => {
    const server = scriptedServer();
    const { saver } = saverWith(server);
    for (let i = 0; i < 10; i += 1) {
      saver.changed({ text: `t${i}` });
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(server.calls.length).toBeGreaterThanOrEqual(1);
    expect(server.calls[0]?.definition.text).toBe('t5');
  });

  it('sends changes made during a save in a second save on the new revision', async () => {
    const server = scriptedServer();
    const { saver, keep } = saverWith(server);
    saver.changed({ text: 'a' });
    await vi.advanceTimersByTimeAsync(800);
    saver.changed({ text: 'ab' });
    server.calls[0]?.answer({ ok: true, revision: 2, value: 'r2' });
    await vi.advanceTimersByTimeAsync(0);
    // Still kept, now on top of revision 2, while it waits for its own save.
    expect(keep.kept).toMatchObject({ baseRevision: 2, definition: { text: 'ab' } });
    expect(saver.state.kind).toBe('pending');
    await vi.advanceTimersByTimeAsync(800);
    expect(server.calls.map((call) => [call.definition.text, call.baseRevision])).toEqual([
      ['a', 1],
      ['ab', 2],
    ]);
  });

  it('goes offline when the server is unreachable, keeps the change, and saves the latest one on retry', async () => {
    const server = scriptedServer();
    const { saver, keep } = saverWith(server);
    saver.changed({ text: 'a' });
    await vi.advanceTimersByTimeAsync(800);
    server.calls[0]?.answer({ ok: false, kind: 'network' });
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state.kind).toBe('offline');
    saver.changed({ text: 'ab' });
    expect(keep.kept?.definition.text).toBe('ab');
    expect(server.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.calls[1]?.definition.text).toBe('ab');
    server.calls[1]?.answer({ ok: true, revision: 2, value: 'r2' });
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state.kind).toBe('saved');
    expect(keep.kept).toBeUndefined();
  });

  it('retries at once when the browser comes back online', async () => {
    const server = scriptedServer();
    const { saver } = saverWith(server);
    saver.changed({ text: 'a' });
    await vi.advanceTimersByTimeAsync(800);
    server.calls[0]?.answer({ ok: false, kind: 'network' });
    await vi.advanceTimersByTimeAsync(0);
    saver.retryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls).toHaveLength(2);
  });

  it('stops on a conflict, keeps the change, and saves nothing until the person resolves it', async () => {
    const server = scriptedServer();
    const { saver, keep } = saverWith(server);
    saver.changed({ text: 'mine' });
    await vi.advanceTimersByTimeAsync(800);
    server.calls[0]?.answer({
      ok: false,
      kind: 'conflict',
      conflict: { currentRevision: 5, updatedAt: '2026-12-02T10:00:00Z', updatedBy: { id: 'u', name: 'Ana' } },
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state).toMatchObject({ kind: 'conflict', conflict: { currentRevision: 5, updatedBy: { name: 'Ana' } } });
    saver.changed({ text: 'mine, more' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls).toHaveLength(1);
    expect(keep.kept?.definition.text).toBe('mine, more');
    await expect(saver.flush()).rejects.toThrow(/conflict/i);

    // "Save mine over theirs": on their revision.
    saver.resolveConflict(5, { text: 'mine, more' });
    await vi.advanceTimersByTimeAsync(800);
    expect(server.calls[1]).toMatchObject({ baseRevision: 5, definition: { text: 'mine, more' } });
  });

  it('does not retry a save the server refused for the document itself until it changes', async () => {
    const server = scriptedServer();
    const { saver } = saverWith(server);
    saver.changed({ text: '' });
    await vi.advanceTimersByTimeAsync(800);
    server.calls[0]?.answer({ ok: false, kind: 'refused', status: 422, code: 'DEFINITION_INVALID', message: 'name must not be empty' });
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.state).toMatchObject({ kind: 'failed', status: 422, retryAt: null });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.calls).toHaveLength(1);
    saver.changed({ text: 'fixed' });
    await vi.advanceTimersByTimeAsync(800);
    expect(server.calls[1]?.definition.text).toBe('fixed');
  });

  it('retries a save the server failed (5xx) with backoff', async () => {
    const server = scriptedServer();
    const { saver } = saverWith(server);
    saver.changed({ text: 'a' });
    await vi.advanceTimersByTimeAsync(800);
    server.calls[0]?.answer({ ok: false, kind: 'refused', status: 503, code: 'DATABASE_UNAVAILABLE', message: 'down' });
    await vi.advanceTimersByTimeAsync(999);
    expect(server.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    server.calls[1]?.answer({ ok: false, kind: 'refused', status: 503, code: 'DATABASE_UNAVAILABLE', message: 'down' });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(server.calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.calls).toHaveLength(3);
  });

  it('flush saves at once and resolves when the server has everything', async () => {
    const server = scriptedServer();
    const { saver, saved } = saverWith(server);
    saver.changed({ text: 'a' });
    let flushed = false;
    const flush = saver.flush().then(() => {
      flushed = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(server.calls).toHaveLength(1);
    expect(flushed).toBe(false);
    server.calls[0]?.answer({ ok: true, revision: 2, value: 'r2' });
    await flush;
    expect(saved).toEqual(['r2']);
    await expect(saver.flush()).resolves.toBeUndefined();
  });

  it('sends what is unsaved with keepalive when the page goes away', async () => {
    const server = scriptedServer();
    const { saver } = saverWith(server);
    saver.changed({ text: 'last words' });
    saver.flushOnExit();
    expect(server.calls).toMatchObject([{ keepalive: true, definition: { text: 'last words' }, baseRevision: 1 }]);
  });

  it('stops saving when a conflict is found another way, but not for a revision it already has', async () => {
    const server = scriptedServer();
    const { saver } = saverWith(server);
    saver.conflictFound({ currentRevision: 1, updatedAt: '2026-12-02T10:00:00Z', updatedBy: null });
    expect(saver.state.kind).toBe('saved');
    saver.conflictFound({ currentRevision: 4, updatedAt: '2026-12-02T10:00:00Z', updatedBy: null });
    expect(saver.state.kind).toBe('conflict');
    saver.changed({ text: 'later' });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.calls).toHaveLength(0);
  });
});
