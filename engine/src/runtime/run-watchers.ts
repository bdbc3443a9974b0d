import type { Database } from '../store/connect-database.ts';
import { listenForRunChanges, type RunChange, type RunChangeListener } from '../store/run-changes.ts';
import type { Logger } from '../logger.ts';

/** Someone following run changes (an SSE response of GET /api/runs/stream). */
export interface RunWatcher {
  /** A run changed: committed, by this process or any other on the database. */
  change(change: RunChange): void;
  /** Listening (again): changes may have been missed before this, so re-read what you show. */
  ready(): void;
  /** The engine stops: nothing more will come. */
  end(): void;
}

export interface RunWatchers {
  /** Adds a watcher; returns its removal. */
  watch(watcher: RunWatcher): () => void;
  /** Ends every watcher and the LISTEN connection. */
  close(): Promise<void>;
}

/**
 * One LISTEN connection per process, fanned out to every watcher. It is opened
 * with the first watcher and kept until the engine stops, so a process no one
 * watches holds no extra connection. A watcher added while the connection is
 * up is told `ready` at once; one added before, when it comes up.
 */
export function createRunWatchers(database: Database, log: Logger): RunWatchers {
  const watchers = new Set<RunWatcher>();
  let listener: RunChangeListener | undefined;
  let isListening = false;
  let closed = false;

  const each = (deliver: (watcher: RunWatcher) => void) => {
    for (const watcher of [...watchers]) {
      try {
        deliver(watcher);
      } catch (error) {
        // A watcher's failure (a socket gone) must not starve the others.
        log.warn('run watcher failed', { error });
        watchers.delete(watcher);
      }
    }
  };

  return {
    watch(watcher) {
      if (closed) {
        watcher.end();
        return () => undefined;
      }
      watchers.add(watcher);
      if (listener === undefined) {
        listener = listenForRunChanges({
          connection: database.connection,
          schema: database.schema,
          outages: database.outages,
          log,
          onChange: (change) => each((w) => w.change(change)),
          onListening: () => {
            isListening = true;
            each((w) => w.ready());
          },
        });
      } else if (isListening) {
        watcher.ready();
      }
      return () => void watchers.delete(watcher);
    },
    async close() {
      closed = true;
      each((w) => w.end());
      watchers.clear();
      await listener?.close();
    },
  };
}
