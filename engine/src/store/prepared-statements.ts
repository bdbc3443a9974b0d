import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { HeldLocks } from './held-locks.ts';

/**
 * Statements get a name the first time their text is seen, so that each connection parses and
 * plans them once instead of on every call: node-postgres prepares a named statement on a
 * connection the first time it runs there and only binds it afterwards. Under `pnpm bench`,
 * planning alone was about half of Postgres' time per routed conversation (README,
 * "Where the time goes"); Postgres' own plan cache then decides, per statement, whether a
 * generic plan is as good as one planned for the values (plan_cache_mode auto), so a statement
 * whose best plan depends on its values keeps being planned for them.
 *
 * Only statements with parameters are named: without any, node-postgres uses the simple
 * protocol, which is what lets a migration send several statements in one text, and what
 * `begin` and `commit` need no plan for. Names are given to at most `MAX_NAMED` texts a process:
 * each costs a plan on every connection that runs it, and a text built from values (an identifier
 * in a `create sequence`) would otherwise add one per value. Texts past the cap run unnamed,
 * as before.
 *
 * A prepared statement keeps its result's shape: a migration that changed a table under a
 * running process's `select *` would make that statement fail until the connection is replaced
 * ("cached plan must not change result type"). Migrations run before a process serves, and every
 * process of one version runs the same schema, so this only matters for a schema changed by
 * hand under a running engine. Poolers that hand one client's statements to several server
 * connections must support protocol-level prepared statements (PgBouncer 1.21 and later).
 */
const MAX_NAMED = 2000;
const names = new Map<string, string>();
const plannable = /^\s*(select|insert|update|delete|with)\b/i;

function nameFor(text: string): string | undefined {
  const known = names.get(text);
  if (known !== undefined || names.size >= MAX_NAMED) return known;
  const name = `switchboard_${names.size + 1}`;
  names.set(text, name);
  return name;
}

/**
 * The client the engine's pools make (pg.Pool's `Client` option): it names statements as above,
 * and answers a request for an advisory lock its open transaction already holds without sending
 * it (held-locks.ts).
 */
export class PreparingClient extends pg.Client {
  private readonly held = new HeldLocks();

  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; this only looks at the first two arguments.
  override query(config: any, values?: any, callback?: any): any {
    connectionProbe.getStore()?.add(this);
    if (typeof config !== 'string' || typeof values === 'function') {
      this.held.forget();
      return super.query(config, values, callback);
    }
    const parameters: unknown[] | undefined = Array.isArray(values) ? values : undefined;
    const name = parameters !== undefined && parameters.length > 0 && plannable.test(config) ? nameFor(config) : undefined;
    // pg.Pool#query passes a callback; Kysely, which sends everything in a transaction, awaits the promise.
    if (callback !== undefined) {
      this.held.forget();
      return name === undefined ? super.query(config, values, callback) : super.query({ name, text: config, values: parameters }, callback);
    }
    if (parameters !== undefined && this.held.holds(config, parameters)) return Promise.resolve(heldLockResult);
    const sent: Promise<pg.QueryResult> = name === undefined ? super.query(config, values) : super.query({ name, text: config, values: parameters });
    return sent.then(
      (result) => {
        this.held.succeeded(config, parameters);
        return result;
      },
      (error: unknown) => {
        this.held.forget();
        throw error;
      },
    );
  }
}

/** What Postgres answers `select pg_advisory_xact_lock(...)`: one row with an empty (void) value. */
const heldLockResult: pg.QueryResult = { command: 'SELECT', rowCount: 1, oid: 0, fields: [], rows: [{ pg_advisory_xact_lock: '' }] };

const connectionProbe = new AsyncLocalStorage<Set<object>>();

/**
 * Runs `body` and tells which of the engine pool's connections its statements went to, when they
 * all went to one (else, or when none did, `undefined`). Two Kysely handles are one transaction
 * when their statements share a connection while it is open, whatever wrapped them in between
 * (a plugin's `withTables`, a step's deadline guard), which comparing the handles cannot tell.
 * The answer is found in the process, with no statement of its own: every statement of the
 * engine's pools goes through PreparingClient#query in the caller's async context.
 */
export async function connectionOf<T>(body: () => Promise<T>): Promise<{ readonly value: T; readonly connection: object | undefined }> {
  const used = new Set<object>();
  const value = await connectionProbe.run(used, body);
  return { value, connection: used.size === 1 ? used.values().next().value : undefined };
}
