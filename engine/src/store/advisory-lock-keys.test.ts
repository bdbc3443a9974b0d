import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../../../test/support/test-database.ts';
import { connectDatabase, type Database } from './connect-database.ts';
import type { DB } from './database.ts';
import { migrationLockStatement } from './migration-lock.ts';
import { lockSignalKey, signalKeyLockStatement } from './signals.ts';
import { lockSubject, subjectLockStatement } from './subject-lock.ts';

/**
 * Two names whose 32-bit `hashtext` keys collide (after `prefix`), found by the birthday bound
 * among 200,000 candidates: the pair a 32-bit lock would make wait for each other.
 */
async function hashtextCollision(db: Kysely<DB>, prefix: string): Promise<[string, string]> {
  const { rows } = await sql<{ a: string; b: string }>`
    select min(name) as a, max(name) as b
    from (select 'c' || g as name from generate_series(1, 200000) as g) as candidates
    group by hashtext(${prefix} || name) having count(*) > 1 limit 1
  `.execute(db);
  const pair = rows[0];
  if (pair === undefined) throw new Error(`no hashtext collision among the candidates for "${prefix}"`);
  return [pair.a, pair.b];
}

/** Holds the lock `take` takes in one transaction while `other` tries its own lock in another, with a short lock_timeout. */
async function lockBesideHeld(
  db: Kysely<DB>,
  take: (trx: Kysely<DB>) => Promise<void>,
  other: (trx: Kysely<DB>) => Promise<void>,
): Promise<'taken' | 'blocked'> {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let holding: () => void = () => undefined;
  const isHolding = new Promise<void>((resolve) => (holding = resolve));
  const holder = db.transaction().execute(async (trx) => {
    await take(trx);
    holding();
    await held;
  });
  await isHolding;
  try {
    return await db.transaction().execute(async (trx) => {
      await sql`set local lock_timeout = '300ms'`.execute(trx);
      await other(trx);
      return 'taken' as const;
    });
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return 'blocked';
    throw error;
  } finally {
    release();
    await holder;
  }
}

describe('advisory lock keys', () => {
  let schema: TestSchema;
  let database: Database;
  beforeAll(async () => {
    schema = await createTestSchema();
    database = connectDatabase({ connectionString: schema.databaseUrl, schema: schema.schema });
  });
  afterAll(async () => {
    await database?.close();
    await schema?.drop();
  });

  it('hashes subject, signal and migration locks to 64-bit keys', () => {
    const subject = subjectLockStatement('conversation:42').compile(database.db);
    expect(subject.sql).toBe('select pg_advisory_xact_lock(hashtextextended($1, 0))');
    expect(subject.parameters).toEqual(['subject:conversation:42']);
    const signal = signalKeyLockStatement('event:x:conversation:42').compile(database.db);
    expect(signal.sql).toBe('select pg_advisory_xact_lock(hashtextextended($1, 0))');
    expect(signal.parameters).toEqual(['signal:event:x:conversation:42']);
    expect(migrationLockStatement('lock', 'switchboard').compile(database.db).sql).toBe('select pg_advisory_lock(hashtextextended($1, 0))');
    expect(migrationLockStatement('unlock', 'switchboard').compile(database.db).sql).toBe('select pg_advisory_unlock(hashtextextended($1, 0))');
  });

  it('lets two subjects whose 32-bit hashes collide lock at once, and still serializes one subject', async () => {
    const { db } = database;
    const [a, b] = await hashtextCollision(db, 'subject:');
    expect(
      await lockBesideHeld(
        db,
        (trx) => lockSubject(trx, a),
        (trx) => lockSubject(trx, b),
      ),
    ).toBe('taken');
    expect(
      await lockBesideHeld(
        db,
        (trx) => lockSubject(trx, a),
        (trx) => lockSubject(trx, a),
      ),
    ).toBe('blocked');
  });

  it('lets two signal keys whose 32-bit hashes collide lock at once', async () => {
    const { db } = database;
    const [a, b] = await hashtextCollision(db, 'signal:');
    expect(
      await lockBesideHeld(
        db,
        (trx) => lockSignalKey(trx, a),
        (trx) => lockSignalKey(trx, b),
      ),
    ).toBe('taken');
    expect(
      await lockBesideHeld(
        db,
        (trx) => lockSignalKey(trx, b),
        (trx) => lockSignalKey(trx, b),
      ),
    ).toBe('blocked');
  });
});
