import pg from 'pg';
import { type RawBuilder, sql } from 'kysely';
import type { RunStatus } from './database.ts';
import type { DatabaseOutages } from '../database-outages.ts';
import type { Logger } from '../logger.ts';

/** What a run-change notification says: which run, of which workflow, and its status after the change. */
export interface RunChange {
  readonly runId: string;
  readonly workflowId: string;
  readonly status: RunStatus;
}

/**
 * The channel a schema's run changes are notified on. Schema-qualified, so
 * that schemas sharing one database (one per test file, one per tenant) never
 * hear each other.
 */
export function runChangesChannel(schema: string): string {
  return `${schema}.runs`;
}

/**
 * A `pg_notify` call for the run row in scope (`id`, `workflow_id`, `status`),
 * for the RETURNING or SELECT list of the statement that changes the run: the
 * notification costs no statement of its own, and Postgres delivers it at
 * commit (never for a transaction that rolls back) and folds identical ones of
 * one transaction into one, so a segment that saves its run twice notifies once.
 * `current_schema()` is the engine's schema: every connection's search_path
 * starts with it (connect-database.ts).
 */
export function notifyRunChange(): RawBuilder<string> {
  return sql<string>`pg_notify(current_schema() || '.runs', json_build_object('runId', id, 'workflowId', workflow_id, 'status', status)::text)`;
}

export interface RunChangeListener {
  close(): Promise<void>;
}

const RECONNECT_MIN_MS = 250;
const RECONNECT_MAX_MS = 5000;

/**
 * LISTENs for run changes on a connection of its own (a pooled one would be
 * handed back and lose the LISTEN). When the connection is lost (a database
 * restart) it reconnects with backoff; `onListening` is called on every
 * (re)connect, because notifications sent while it was away are lost and
 * whoever relies on them must re-read.
 */
export function listenForRunChanges(options: {
  readonly connection: pg.ClientConfig;
  readonly schema: string;
  readonly outages: DatabaseOutages;
  readonly log: Logger;
  readonly onChange: (change: RunChange) => void;
  readonly onListening: () => void;
}): RunChangeListener {
  const channel = runChangesChannel(options.schema);
  let client: pg.Client | undefined;
  let closed = false;
  let delayMs = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | undefined;

  const scheduleReconnect = () => {
    if (closed || timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, delayMs);
    delayMs = Math.min(delayMs * 2, RECONNECT_MAX_MS);
  };

  const connect = async () => {
    const next = new pg.Client({ ...options.connection, application_name: 'switchboard-run-changes' });
    const lost = (error?: unknown) => {
      if (client === next) client = undefined;
      next.removeAllListeners('notification');
      // 'error' stays listened to: a client that emits it with no listener ends the process.
      if (error !== undefined && !options.outages.report(error, 'run changes')) options.log.error('run changes connection failed', { error });
      void next.end().catch(() => undefined);
      scheduleReconnect();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', (message) => {
      if (message.channel !== channel || message.payload === undefined) return;
      const change = parseRunChange(message.payload);
      if (change !== undefined) options.onChange(change);
    });
    try {
      await next.connect();
      await next.query(`listen "${channel}"`);
    } catch (error) {
      lost(error);
      return;
    }
    if (closed) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    delayMs = RECONNECT_MIN_MS;
    options.outages.restored();
    options.onListening();
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      const current = client;
      client = undefined;
      if (current !== undefined) {
        current.removeAllListeners('end');
        await current.end().catch(() => undefined);
      }
    },
  };
}

function parseRunChange(payload: string): RunChange | undefined {
  try {
    const value = JSON.parse(payload) as Partial<RunChange>;
    if (typeof value.runId !== 'string' || typeof value.workflowId !== 'string' || typeof value.status !== 'string') return undefined;
    return { runId: value.runId, workflowId: value.workflowId, status: value.status };
  } catch {
    return undefined;
  }
}
