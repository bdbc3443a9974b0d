import { AsyncLocalStorage } from 'node:async_hooks';
import { Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import { createDatabaseOutages, type DatabaseOutages } from '../database-outages.ts';
import type { DB } from './database.ts';
import { PreparingClient } from './prepared-statements.ts';
import { type SessionTimeouts, sessionTimeoutOptions } from './session-timeouts.ts';

export interface DatabaseOptions {
  readonly connectionString: string;
  /** Postgres schema that holds Switchboard's tables. Defaults to `switchboard`. */
  readonly schema: string;
  /** Connections of the pool for everything but job work: API requests, start-up. Defaults to 10. */
  readonly maxConnections?: number;
  /** Connections of the pool for job work (`asJobWork`): runs, timers, schedules, maintenance, plugins' queues. Defaults to 10. */
  readonly jobConnections?: number;
  /** Lock, statement and idle-in-transaction timeouts of every session; defaults in `DEFAULT_SESSION_TIMEOUTS`. */
  readonly sessionTimeouts?: Partial<SessionTimeouts>;
  /** Receives connection errors (a restarted or unreachable server), one line per outage. Defaults to discarding them. */
  readonly logger?: Logger;
}

export interface Database {
  readonly db: Kysely<DB>;
  /** The pool of everything but job work (`asJobWork` says why there are two). */
  readonly pool: pg.Pool;
  readonly schema: string;
  /** How each pooled connection connects, for a connection of its own beside the pool (LISTEN, store/run-changes.ts). */
  readonly connection: pg.ClientConfig;
  /** Whether Postgres is away; pg-boss's connection errors are reported here too (engine.ts). */
  readonly outages: DatabaseOutages;
  /** `select 1` on a connection of its own, beside the pool, so a busy pool is not taken for an outage. */
  probe(): Promise<void>;
  close(): Promise<void>;
}

// Timestamps and bigints come back as Date and string; jsonb as parsed values.
// Kysely's CamelCase plugin is deliberately not used: SQL names match the DB.
export function connectDatabase(options: DatabaseOptions): Database {
  assertIdentifier(options.schema);
  const connection: pg.ClientConfig = {
    connectionString: options.connectionString,
    // Every connection resolves unqualified names in our schema, so the same
    // queries serve any schema (one per test, one per tenant database).
    options: `-c search_path=${options.schema},public ${sessionTimeoutOptions(options.sessionTimeouts)}`,
    // Finds a connection whose server vanished without closing it (a host that died).
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
  // No connectionTimeoutMillis: pg-pool applies it to the wait for a free connection too, and a
  // busy pool would then fail its work as if Postgres were away.
  // Statements are prepared once per connection (prepared-statements.ts says why).
  const pool = new pg.Pool({ ...connection, Client: PreparingClient, max: options.maxConnections ?? 10, application_name: 'switchboard' });
  const jobPool = new pg.Pool({ ...connection, Client: PreparingClient, max: options.jobConnections ?? 10, application_name: 'switchboard-jobs' });
  // Health asks Postgres on a connection of its own: with every pooled connection busy under
  // load, a `select 1` waiting for one would report an outage that is only a queue.
  const probePool = new pg.Pool({ ...connection, max: 1, connectionTimeoutMillis: 3000, application_name: 'switchboard-health' });
  const outages = createDatabaseOutages({ ...(options.logger === undefined ? {} : { log: options.logger }), probe: () => probePool.query('select 1') });
  for (const [each, source] of [
    [pool, 'engine pool'],
    [jobPool, 'job pool'],
    [probePool, 'health check'],
  ] as const) {
    // A client whose server goes away (a restart, a failover) emits 'error', and an 'error' with
    // no listener ends the process. pg-pool listens only while a client is idle in the pool; a
    // client checked out for a transaction (Kysely holds one for each) had no listener, so a
    // restart under load crashed the engine. Every client gets one for its whole life. The
    // statement in flight fails on its own, the transaction with it, the pool drops the client
    // when it is released, and the job or request is retried. One log line per outage.
    each.on('connect', (client) => {
      outages.restored();
      client.on('error', (error) => {
        if (!outages.report(error, source)) options.logger?.error('database connection failed', { error });
      });
    });
    // The same error, re-emitted by pg-pool for an idle client it then drops: the client's own
    // listener above has reported it. Without a listener here, pg-pool's emit would end the process.
    each.on('error', () => undefined);
  }
  // One Kysely over both pools: every store function serves requests and jobs alike, and which
  // pool a transaction's connection comes from is decided where its work started.
  const lanes: PostgresPool = {
    // What Kysely connects a query's cancellation with: both pools connect alike.
    Client: PreparingClient,
    options: pool.options,
    connect: () => (jobWork.getStore() === true ? jobPool : pool).connect(),
    end: async () => void (await Promise.all([pool.end(), jobPool.end()])),
  };
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: lanes }) });
  return {
    db,
    pool,
    schema: options.schema,
    connection,
    outages,
    probe: async () => void (await probePool.query('select 1')),
    async close() {
      await db.destroy();
      await probePool.end();
    },
  };
}

const jobWork = new AsyncLocalStorage<true>();

/**
 * Runs `work` on the job pool: every handler of a pg-boss job runs so (settle-jobs.ts), as does the
 * stuck-run check (repair-stuck-runs.ts); what they query outside a transaction does too. Jobs and requests get pools of their own because
 * one pool hands out connections first come, first served: with more requests arriving than the
 * engine could answer, a due timer's job waited for a connection behind all of them, seconds late
 * (README, "Performance"). Apart, each side waits only for its own: a timer job for one of the
 * connections of the run and timer workers, whose number bounds how many they hold, and requests
 * for one of theirs. The requests' share is also what bounds the load they put on Postgres.
 */
export function asJobWork<T>(work: () => Promise<T>): Promise<T> {
  return jobWork.run(true, work);
}

/** Schema names go into SQL text (search_path, CREATE SCHEMA), so only plain identifiers are allowed. */
export function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Schema name "${name}" must be lower-case letters, digits and underscores (max 63).`);
  }
}
