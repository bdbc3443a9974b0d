import type { Logger } from './logger.ts';
import { databaseUnavailable } from './transient-database-error.ts';

/**
 * What the engine knows about Postgres being away (a restart, a failover). An outage makes
 * every pooled connection, every poll of every worker and every job in flight fail at once;
 * it is logged as one warn line when its first error is reported and one info line when a
 * connection succeeds again (with how long it lasted and how many errors it caused), and the
 * errors in between are counted, not logged one by one.
 */
export interface DatabaseOutages {
  /** Counts an error that says Postgres is away (see `databaseUnavailable`) and returns true; returns false for any other error. */
  report(error: unknown, source: string): boolean;
  /** A connection to Postgres was made: the outage in progress, if any, is over. */
  restored(): void;
  /** When the outage in progress was first noticed; undefined while none is known. */
  since(): Date | undefined;
  /**
   * Resolves once Postgres answers again, at once when no outage is known, and at the latest
   * after `timeoutMs` or when `signal` aborts. One probe serves every caller.
   */
  waitUntilBack(options: { readonly timeoutMs: number; readonly signal?: AbortSignal }): Promise<void>;
}

/** How often `waitUntilBack` asks Postgres while it is away. */
const PROBE_INTERVAL_MS = 500;

/**
 * @param probe a trivial query on the engine's pool (`select 1`); it rejects while Postgres is away.
 */
export function createDatabaseOutages(options: {
  readonly log?: Logger;
  readonly probe: () => Promise<unknown>;
  readonly clock?: () => Date;
}): DatabaseOutages {
  const clock = options.clock ?? (() => new Date());
  let outage: { readonly since: Date; errors: number } | undefined;
  let probing: Promise<void> | undefined;
  let waiting = 0;

  const outages: DatabaseOutages = {
    report(error, source) {
      const reason = databaseUnavailable(error);
      if (reason === undefined) return false;
      if (outage !== undefined) {
        outage.errors += 1;
        return true;
      }
      outage = { since: clock(), errors: 1 };
      options.log?.warn('database unavailable: work in flight is retried and the API answers 503 DATABASE_UNAVAILABLE until it is back', {
        reason,
        source,
        message: error instanceof Error ? error.message : String(error),
      });
      return true;
    },
    restored() {
      if (outage === undefined) return;
      const { since, errors } = outage;
      outage = undefined;
      options.log?.info('database available again', { outageMs: clock().getTime() - since.getTime(), errors });
    },
    since: () => outage?.since,
    async waitUntilBack({ timeoutMs, signal }) {
      if (outage === undefined || signal?.aborted === true) return;
      waiting += 1;
      probing ??= probeUntilBack().finally(() => {
        probing = undefined;
      });
      let timer: NodeJS.Timeout | undefined;
      let onAbort: (() => void) | undefined;
      await Promise.race([
        probing,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
          onAbort = resolve;
          signal?.addEventListener('abort', onAbort, { once: true });
        }),
      ]);
      waiting -= 1;
      clearTimeout(timer);
      if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    },
  };

  // Only while someone waits: nothing probes a pool that nobody needs (or that has been closed).
  async function probeUntilBack(): Promise<void> {
    while (outage !== undefined && waiting > 0) {
      try {
        await options.probe();
        outages.restored();
      } catch {
        await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS).unref());
      }
    }
  }

  return outages;
}
