import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from './database.ts';
import { transientDatabaseError } from '../transient-database-error.ts';

/**
 * Two processes starting at once must not both migrate one schema: they
 * serialize on a session advisory lock with a 64-bit key (`hashtextextended`,
 * as the subject locks). The session's `lock_timeout` also bounds this wait,
 * but a second process must wait for as long as the first one migrates, so a
 * lock timeout here only means "try again".
 */
export async function acquireMigrationLock(connection: Kysely<DB>, schema: string): Promise<void> {
  for (;;) {
    try {
      await migrationLockStatement('lock', schema).execute(connection);
      return;
    } catch (error) {
      if (transientDatabaseError(error) !== '55P03') throw error;
    }
  }
}

export async function releaseMigrationLock(connection: Kysely<DB>, schema: string): Promise<void> {
  await migrationLockStatement('unlock', schema).execute(connection);
}

export function migrationLockStatement(action: 'lock' | 'unlock', schema: string): RawBuilder<unknown> {
  const key = `switchboard-migrate:${schema}`;
  return action === 'lock' ? sql`select pg_advisory_lock(hashtextextended(${key}, 0))` : sql`select pg_advisory_unlock(hashtextextended(${key}, 0))`;
}
