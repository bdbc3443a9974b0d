import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { connectDatabase, type Database } from './connect-database.ts';
import type { DB } from './database.ts';

/** The engine's pool (its PreparingClient remembers held locks) and a connection of another session. */
let database: Database;
let other: pg.Client;

beforeAll(async () => {
  database = connectDatabase({ connectionString: inject('databaseUrl'), schema: 'public', maxConnections: 1 });
  other = new pg.Client({ connectionString: inject('databaseUrl') });
  await other.connect();
});

afterAll(async () => {
  await other.end();
  await database.close();
});

const lock = (db: Kysely<DB>, key: string) => sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);

/** Whether another session could take the lock now (it lets go of it at once if so). */
async function free(key: string): Promise<boolean> {
  const { rows } = await other.query<{ got: boolean }>('select pg_try_advisory_lock(hashtextextended($1, 0)) as got', [key]);
  if (rows[0]?.got === true) await other.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]);
  return rows[0]?.got === true;
}

/** The statements the pool's client sent to Postgres while `body` ran. */
async function sentDuring(body: () => Promise<unknown>): Promise<string[]> {
  const spy = vi.spyOn(pg.Client.prototype, 'query');
  try {
    await body();
    return spy.mock.calls.map(([config]) => (typeof config === 'string' ? config : String((config as { text: string }).text)));
  } finally {
    spy.mockRestore();
  }
}

const locksIn = (statements: readonly string[]) => statements.filter((text) => text.includes('pg_advisory_xact_lock')).length;

describe('a transaction asking again for an advisory lock it holds', () => {
  it('is answered without a round trip, while the lock stays held until commit', async () => {
    const sent = await sentDuring(() =>
      database.db.transaction().execute(async (trx) => {
        await lock(trx, 'held-a');
        await lock(trx, 'held-a');
        await lock(trx, 'held-b');
        await lock(trx, 'held-a');
        expect(await free('held-a')).toBe(false);
      }),
    );
    expect(locksIn(sent)).toBe(2);
    expect(await free('held-a')).toBe(true);
  });

  it('sends it again in the next transaction on the same connection', async () => {
    await database.db.transaction().execute((trx) => lock(trx, 'held-c'));
    const sent = await sentDuring(() =>
      database.db.transaction().execute(async (trx) => {
        await lock(trx, 'held-c');
        expect(await free('held-c')).toBe(false);
      }),
    );
    expect(locksIn(sent)).toBe(1);
  });

  it('takes it again after rolling back to a savepoint taken before it, and keeps it through a release', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`savepoint step`.execute(trx);
      await lock(trx, 'held-d');
      await sql`rollback to savepoint step`.execute(trx);
      await sql`release savepoint step`.execute(trx);
      // Postgres let go of it with the rollback: the memo must not answer for it.
      expect(await free('held-d')).toBe(true);
      await lock(trx, 'held-d');
      expect(await free('held-d')).toBe(false);

      await sql`savepoint step`.execute(trx);
      await lock(trx, 'held-e');
      await sql`release savepoint step`.execute(trx);
      const again = await sentDuring(() => lock(trx, 'held-e'));
      expect(locksIn(again)).toBe(0);
      expect(await free('held-e')).toBe(false);
    });
  });

  it('follows a text of several commands, as the step savepoints send them', async () => {
    await database.db.transaction().execute(async (trx) => {
      await sql`savepoint step`.execute(trx);
      await lock(trx, 'held-h');
      await sql`release savepoint step; savepoint step`.execute(trx);
      await lock(trx, 'held-i');
      await sql`rollback to savepoint step`.execute(trx);
      // held-h was taken before the savepoint the rollback went back to; held-i after it.
      expect(locksIn(await sentDuring(() => lock(trx, 'held-h')))).toBe(0);
      expect(await free('held-h')).toBe(false);
      expect(await free('held-i')).toBe(true);
      expect(locksIn(await sentDuring(() => lock(trx, 'held-i')))).toBe(1);
      expect(await free('held-i')).toBe(false);
    });
  });

  it('takes it again after a failed statement, even once the transaction recovered to a savepoint', async () => {
    await database.db.transaction().execute(async (trx) => {
      await lock(trx, 'held-f');
      await sql`savepoint step`.execute(trx);
      await expect(sql`select 1 / 0`.execute(trx)).rejects.toThrow(/division by zero/);
      await sql`rollback to savepoint step`.execute(trx);
      const again = await sentDuring(() => lock(trx, 'held-f'));
      expect(locksIn(again)).toBe(1);
      expect(await free('held-f')).toBe(false);
    });
  });

  it('is sent every time outside a transaction, where a transaction-scoped lock ends with its statement', async () => {
    const sent = await sentDuring(async () => {
      await lock(database.db, 'held-g');
      await lock(database.db, 'held-g');
    });
    expect(locksIn(sent)).toBe(2);
  });
});
