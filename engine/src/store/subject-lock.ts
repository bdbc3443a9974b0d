import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from './database.ts';

/**
 * Promise 3: work for one subject is serialized. Every transaction that
 * advances a run, starts runs for an event, or resumes a wait takes this lock
 * on the run's subject first, so two of them for one conversation never
 * interleave their effects, in one process or across many.
 */
export async function lockSubject(db: Kysely<DB>, subject: string): Promise<void> {
  await subjectLockStatement(subject).execute(db);
}

/**
 * The key is a 64-bit hash (`hashtextextended`): with the 32-bit `hashtext`,
 * two of a few tens of thousands of live conversations already share a key by
 * the birthday bound, and then one conversation's steps wait for another's.
 * Processes of a version that used `hashtext` take different keys: do not run
 * them beside this one.
 */
export function subjectLockStatement(subject: string): RawBuilder<unknown> {
  return sql`select pg_advisory_xact_lock(hashtextextended(${`subject:${subject}`}, 0))`;
}
