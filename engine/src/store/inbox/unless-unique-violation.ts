import { sql } from 'kysely';
import type { InboxDatabase } from './database.ts';

/**
 * Runs one statement in a savepoint and answers `conflict` instead when it
 * breaks a unique index (SQLSTATE 23505): a concurrent insert took the email,
 * name or shortcut between our check and our write. Without the savepoint the
 * error would abort the caller's whole transaction (a 500 for a plain 409).
 */
export async function unlessUniqueViolation<T, C>(db: InboxDatabase, body: () => Promise<T>, conflict: C): Promise<T | C> {
  await sql`savepoint unique_check`.execute(db);
  try {
    const result = await body();
    await sql`release savepoint unique_check`.execute(db);
    return result;
  } catch (error) {
    if ((error as { code?: unknown }).code !== '23505') throw error;
    await sql`rollback to savepoint unique_check`.execute(db);
    return conflict;
  }
}
