import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB, Role, UsersTable } from './database.ts';

// The SQL of people, sessions, one-time links and sign-in throttling (people/people.ts holds the rules).

export type UserRow = Selectable<UsersTable>;

export interface NewUser {
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly language: 'en' | 'es' | null;
  readonly passwordHash: string | null;
}

export async function insertUser(db: Kysely<DB>, user: NewUser): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({ name: user.name, email: user.email, role: user.role, language: user.language, password_hash: user.passwordHash, last_signed_in_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findUserById(db: Kysely<DB>, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where(sql<string>`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
}

export async function listUsers(db: Kysely<DB>): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().orderBy(sql`lower(name)`).orderBy('id').execute();
}

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('users').select(db.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export interface UserChanges {
  readonly name?: string;
  readonly role?: Role;
  readonly active?: boolean;
  readonly language?: 'en' | 'es' | null;
  readonly timeZone?: string | null;
  readonly passwordHash?: string;
}

export async function updateUser(db: Kysely<DB>, id: string, changes: UserChanges): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set({
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.role === undefined ? {} : { role: changes.role }),
      ...(changes.active === undefined ? {} : { active: changes.active }),
      ...(changes.language === undefined ? {} : { language: changes.language }),
      ...(changes.timeZone === undefined ? {} : { time_zone: changes.timeZone }),
      ...(changes.passwordHash === undefined ? {} : { password_hash: changes.passwordHash }),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function markSignedIn(db: Kysely<DB>, id: string): Promise<void> {
  await db.updateTable('users').set({ last_signed_in_at: sql`now()` }).where('id', '=', id).execute();
}

/**
 * Serializes changes to who is an active admin: the check that one would remain and the
 * change itself run under this lock, so two admins demoting each other at once cannot
 * both succeed. Held until the transaction ends.
 */
export async function lockAdmins(db: Kysely<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('switchboard:admins', 0))`.execute(db);
}

export async function countActiveAdmins(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(db.fn.countAll<string>().as('count'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

// Sessions

export async function insertSession(db: Kysely<DB>, session: { idHash: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('sessions').values({ id_hash: session.idHash, user_id: session.userId, expires_at: session.expiresAt }).execute();
}

/** The session's person, if the session is unexpired and the person still active. */
export async function findSessionUser(db: Kysely<DB>, idHash: string): Promise<{ user: UserRow; lastSeenAt: Date } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.last_seen_at as session_last_seen_at')
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { session_last_seen_at, ...user } = row;
  return { user, lastSeenAt: session_last_seen_at };
}

export async function extendSession(db: Kysely<DB>, idHash: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: sql`now()`, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Kysely<DB>, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

/** Ends every session of a person, but the one `keep` names. */
export async function deleteSessionsOfUser(db: Kysely<DB>, userId: string, keep?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep !== undefined) query = query.where('id_hash', '<>', keep);
  await query.execute();
}

/**
 * Forgets what has expired: sessions, one-time links, and wrong-password counts whose window
 * and lock are over (the retention pass calls it). Each table is small: one statement apiece.
 */
export async function deleteExpiredSignInState(db: Kysely<DB>, windowSeconds: number): Promise<{ sessions: number }> {
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<=', sql<Date>`now()`).executeTakeFirst();
  await db.deleteFrom('one_time_links').where('expires_at', '<=', sql<Date>`now()`).execute();
  await db
    .deleteFrom('sign_in_failures')
    .where('window_started_at', '<', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]))
    .execute();
  return { sessions: Number(sessions.numDeletedRows) };
}

// One-time links

/** Stores a link, replacing the person's earlier one (or the earlier setup link): only the newest works. */
export async function replaceOneTimeLink(
  db: Kysely<DB>,
  link: { tokenHash: string; purpose: 'setup' | 'invite'; userId: string | null; expiresAt: Date },
): Promise<void> {
  await db
    .deleteFrom('one_time_links')
    .where((eb) => (link.userId === null ? eb('purpose', '=', 'setup') : eb('user_id', '=', link.userId)))
    .execute();
  await db
    .insertInto('one_time_links')
    .values({ token_hash: link.tokenHash, purpose: link.purpose, user_id: link.userId, expires_at: link.expiresAt })
    .execute();
}

/** Uses up a link: deletes it and says whose it was, when it exists, has that purpose and has not expired. */
export async function takeOneTimeLink(db: Kysely<DB>, tokenHash: string, purpose: 'setup' | 'invite'): Promise<{ userId: string | null } | undefined> {
  const row = await db
    .deleteFrom('one_time_links')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning('user_id')
    .executeTakeFirst();
  return row === undefined ? undefined : { userId: row.user_id };
}

export async function deleteOneTimeLinksOfUser(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('one_time_links').where('user_id', '=', userId).execute();
}

// Sign-in throttling

/** The latest `locked_until` among the keys, if one is still in the future. */
export async function lockedUntil(db: Kysely<DB>, keys: readonly string[]): Promise<Date | undefined> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => eb.fn.max('locked_until').as('until'))
    .where('key', 'in', keys)
    .where('locked_until', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row?.until ?? undefined;
}

/**
 * Counts a wrong password against a key in one statement (two api processes count together):
 * a window older than `windowSeconds` starts over. Returns the failures in the window.
 */
export async function countFailure(db: Kysely<DB>, key: string, windowSeconds: number): Promise<number> {
  const row = await sql<{ failures: number }>`
    insert into sign_in_failures (key, failures, window_started_at)
    values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when sign_in_failures.window_started_at < now() - make_interval(secs => ${windowSeconds}) then 1 else sign_in_failures.failures + 1 end,
      window_started_at = case when sign_in_failures.window_started_at < now() - make_interval(secs => ${windowSeconds}) then now() else sign_in_failures.window_started_at end
    returning failures
  `.execute(db);
  return row.rows[0]?.failures ?? 1;
}

export async function lockKey(db: Kysely<DB>, key: string, until: Date): Promise<void> {
  await db.updateTable('sign_in_failures').set({ locked_until: until }).where('key', '=', key).execute();
}

export async function clearFailures(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}
