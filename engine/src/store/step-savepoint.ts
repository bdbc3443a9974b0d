import { type Kysely, sql } from 'kysely';
import type { DB } from './database.ts';

/**
 * The savepoint around one step's effects: a node that fails is rolled back
 * alone, while the steps before it in the same transaction stay (promise 1).
 */
export async function beginStepSavepoint(db: Kysely<DB>): Promise<void> {
  await sql`savepoint step`.execute(db);
}

export async function endStepSavepoint(db: Kysely<DB>, options: { readonly rollBack: boolean }): Promise<void> {
  if (options.rollBack) await sql`rollback to savepoint step`.execute(db);
  await sql`release savepoint step`.execute(db);
}
