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

export async function markSignedIn(db: Kysely<DB>, id: string, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_signed_in_at: now }).where('id', '=', id).execute();
}

/**
 * Serializes changes to who is an active admin: the check that one would remain and the
 * change itself run under this lock, so two admins demoting each other at once cannot
 * both succeed. Held until the transaction ends.
 */
export async function lockAdmins(db: Kysely<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended('switchboard:admins', 0))`.execute(db);
}

/**
 * Admins who can sign in: active, with a password. An invited admin who has not chosen a
 * password yet does not count: their link may expire unused, leaving no one to manage people.
 */
export async function countActiveAdmins(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(db.fn.countAll<string>().as('count'))
    .where('role', '=', 'admin')
    .where('active', '=', true)
    .where('password_hash', 'is not', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

// Sessions

// Times come from the engine's clock (`now`), not Postgres's now(): the expiry a session is
// given and the one it is checked against are then read off one clock.

export async function insertSession(db: Kysely<DB>, session: { idHash: string; userId: string; now: Date; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id_hash: session.idHash, user_id: session.userId, created_at: session.now, last_seen_at: session.now, expires_at: session.expiresAt })
    .execute();
}

/** The session's person, if the session is unexpired at `now` and the person still active. */
export async function findSessionUser(db: Kysely<DB>, idHash: string, now: Date): Promise<{ user: UserRow; lastSeenAt: Date; expiresAt: Date } | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.last_seen_at as session_last_seen_at', 'sessions.expires_at as session_expires_at'])
    .where('sessions.id_hash', '=', idHash)
    .where('sessions.expires_at', '>', now)
    .where('users.active', '=', true)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const { session_last_seen_at, session_expires_at, ...user } = row;
  return { user, lastSeenAt: session_last_seen_at, expiresAt: session_expires_at };
}

export async function extendSession(db: Kysely<DB>, idHash: string, now: Date, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now, expires_at: expiresAt }).where('id_hash', '=', idHash).execute();
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
 * Forgets what has expired at `now`: sessions, one-time links, and wrong-password counts whose
 * window and lock are over (the retention pass calls it). Each table is small: one statement apiece.
 */
export async function deleteExpiredSignInState(
  db: Kysely<DB>,
  now: Date,
  windowSeconds: number,
): Promise<{ sessions: number; links: number; signInFailures: number }> {
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  const links = await db.deleteFrom('one_time_links').where('expires_at', '<=', now).executeTakeFirst();
  const signInFailures = await db
    .deleteFrom('sign_in_failures')
    .where('window_started_at', '<=', new Date(now.getTime() - windowSeconds * 1000))
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), links: Number(links.numDeletedRows), signInFailures: Number(signInFailures.numDeletedRows) };
}

// One-time links

/** Stores a link, replacing the person's earlier one (or the earlier setup link): only the newest works. */
export async function replaceOneTimeLink(
  db: Kysely<DB>,
  link: { tokenHash: string; purpose: 'setup' | 'invite'; userId: string | null; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .deleteFrom('one_time_links')
    .where((eb) => (link.userId === null ? eb('purpose', '=', 'setup') : eb('user_id', '=', link.userId)))
    .execute();
  await db
    .insertInto('one_time_links')
    .values({ token_hash: link.tokenHash, purpose: link.purpose, user_id: link.userId, created_at: link.now, expires_at: link.expiresAt })
    .execute();
}

/** Uses up a link: deletes it and says whose it was, when it exists, has that purpose and has not expired. */
export async function takeOneTimeLink(
  db: Kysely<DB>,
  tokenHash: string,
  purpose: 'setup' | 'invite',
  now: Date,
): Promise<{ userId: string | null } | undefined> {
  // One statement: of two requests with one link, only the one whose delete finds the row gets it.
  const row = await db
    .deleteFrom('one_time_links')
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row === undefined ? undefined : { userId: row.user_id };
}

export async function deleteOneTimeLinksOfUser(db: Kysely<DB>, userId: string): Promise<void> {
  await db.deleteFrom('one_time_links').where('user_id', '=', userId).execute();
}

// Sign-in throttling

/** The latest `locked_until` among the keys, if one is still in the future at `now`. */
export async function lockedUntil(db: Kysely<DB>, keys: readonly string[], now: Date): Promise<Date | undefined> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => eb.fn.max('locked_until').as('until'))
    .where('key', 'in', keys)
    .where('locked_until', '>', now)
    .executeTakeFirst();
  return row?.until ?? undefined;
}

export interface ThrottleRule {
  /** Attempts in a window before the key is locked. */
  readonly after: number;
  /** The first lock; each further attempt doubles it, up to the window. */
  readonly baseLockSeconds: number;
  readonly windowSeconds: number;
}

/** An attempt taken: its number in the window, and the lock it set when it reached the rule's limit. */
export interface SignInAttempt {
  readonly key: string;
  readonly attempts: number;
  readonly lockedUntil: Date | null;
}

/**
 * Counts a sign-in attempt against a key before its password is checked, unless the key is
 * locked; undefined when it is. The attempt that reaches the rule's limit locks the key in the
 * same statement, as if it were wrong (a right password gives the attempt back, see
 * `forgiveSignInAttempt`). One conditional upsert, so it wins the race a check-then-count
 * would lose: of 100 concurrent guesses only `after` get their password checked, the others are
 * refused without scrypt, and two api processes count together. A window older than
 * `windowSeconds` starts over.
 */
export async function takeSignInAttempt(db: Kysely<DB>, key: string, rule: ThrottleRule, now: Date): Promise<SignInAttempt | undefined> {
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  const firstLock = rule.after <= 1 ? new Date(now.getTime() + Math.min(rule.windowSeconds, rule.baseLockSeconds) * 1000) : null;
  // The exponent is bounded so that power() cannot overflow; the lock is bounded by the window anyway.
  const result = await sql<{ attempts: number; locked_until: Date | null }>`
    insert into sign_in_failures as f (key, failures, window_started_at, locked_until)
    values (${key}, 1, ${now}, ${firstLock})
    on conflict (key) do update set
      failures = case when f.window_started_at <= ${windowStart} then 1 else f.failures + 1 end,
      window_started_at = case when f.window_started_at <= ${windowStart} then ${now} else f.window_started_at end,
      locked_until = case
        when (case when f.window_started_at <= ${windowStart} then 1 else f.failures + 1 end) >= ${rule.after}
        then ${now}::timestamptz + make_interval(secs => least(
          ${rule.windowSeconds}::double precision,
          ${rule.baseLockSeconds}::double precision
            * power(2, least(30, (case when f.window_started_at <= ${windowStart} then 1 else f.failures + 1 end) - ${rule.after}))
        ))
        else f.locked_until
      end
    where f.locked_until is null or f.locked_until <= ${now}
    returning failures as attempts, locked_until
  `.execute(db);
  const row = result.rows[0];
  if (row === undefined) return undefined;
  const setLock = row.locked_until !== null && row.locked_until.getTime() > now.getTime() ? row.locked_until : null;
  return { key, attempts: row.attempts, lockedUntil: setLock };
}

/**
 * Gives back an attempt that turned out right (or was never checked): one failure fewer, and
 * the lock lifted if this attempt set it (a lock another attempt set stays).
 */
export async function forgiveSignInAttempt(db: Kysely<DB>, attempt: SignInAttempt): Promise<void> {
  await db
    .updateTable('sign_in_failures')
    .set((eb) => ({
      failures: sql<number>`greatest(0, ${eb.ref('failures')} - 1)`,
      ...(attempt.lockedUntil === null
        ? {}
        : { locked_until: sql<Date | null>`case when ${eb.ref('locked_until')} = ${attempt.lockedUntil} then null else ${eb.ref('locked_until')} end` }),
    }))
    .where('key', '=', attempt.key)
    .execute();
}

export async function clearFailures(db: Kysely<DB>, key: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('key', '=', key).execute();
}
