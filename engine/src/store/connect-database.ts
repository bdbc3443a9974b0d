import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from '../logger.ts';
import type { DB } from './database.ts';
import { type SessionTimeouts, sessionTimeoutOptions } from './session-timeouts.ts';

export interface DatabaseOptions {
  readonly connectionString: string;
  /** Postgres schema that holds Switchboard's tables. Defaults to `switchboard`. */
  readonly schema: string;
  /** Pool size. Defaults to 10. */
  readonly maxConnections?: number;
  /** Lock, statement and idle-in-transaction timeouts of every session; defaults in `DEFAULT_SESSION_TIMEOUTS`. */
  readonly sessionTimeouts?: Partial<SessionTimeouts>;
  /** Receives errors of idle connections (a restarted or unreachable server). Defaults to discarding them. */
  readonly logger?: Logger;
}

export interface Database {
  readonly db: Kysely<DB>;
  readonly pool: pg.Pool;
  readonly schema: string;
  close(): Promise<void>;
}

// Timestamps and bigints come back as Date and string; jsonb as parsed values.
// Kysely's CamelCase plugin is deliberately not used: SQL names match the DB.
export function connectDatabase(options: DatabaseOptions): Database {
  assertIdentifier(options.schema);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    // Every connection resolves unqualified names in our schema, so the same
    // queries serve any schema (one per test, one per tenant database).
    options: `-c search_path=${options.schema},public ${sessionTimeoutOptions(options.sessionTimeouts)}`,
    application_name: 'switchboard',
  });
  // An idle client that loses its server emits 'error'; without a listener Node would crash.
  // The pool drops that client and connects anew on the next query, so this is worth a log
  // line (a failover, a Postgres restart) but nothing more.
  pool.on('error', (error) => options.logger?.error('database connection lost', { error }));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    pool,
    schema: options.schema,
    close: () => db.destroy(),
  };
}

/** Schema names go into SQL text (search_path, CREATE SCHEMA), so only plain identifiers are allowed. */
export function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`Schema name "${name}" must be lower-case letters, digits and underscores (max 63).`);
  }
}
