import { type Kysely, sql } from 'kysely';
import type { DB, Role } from './database.ts';

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  /** The owner's role today (a token carries its person's role), or `admin` for a machine token. */
  readonly role: Role;
  /** Null for a machine token (made at first start or from SWITCHBOARD_ADMIN_TOKEN). */
  readonly userId: string | null;
}

export interface ApiTokenInfo extends ApiToken {
  readonly userName: string | null;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
}

export async function insertApiToken(db: Kysely<DB>, token: { name: string; tokenHash: string; role: Role; userId?: string | null }): Promise<ApiToken> {
  const row = await db
    .insertInto('api_tokens')
    .values({ name: token.name, token_hash: token.tokenHash, role: token.role, user_id: token.userId ?? null })
    .onConflict((oc) => oc.column('token_hash').doUpdateSet({ name: token.name }))
    .returning(['id', 'name', 'role', 'user_id'])
    .executeTakeFirstOrThrow();
  return { id: row.id, name: row.name, role: row.role, userId: row.user_id };
}

/**
 * The token with this hash, with its owner's current role; none when the owner is deactivated.
 * Marks it used (a token is looked up once per cache period, so this write is rare).
 */
export async function findApiTokenByHash(db: Kysely<DB>, tokenHash: string): Promise<ApiToken | undefined> {
  const row = await db
    .updateTable('api_tokens')
    .set({ last_used_at: sql`now()` })
    .from('api_tokens as token')
    .leftJoin('users', 'users.id', 'token.user_id')
    .whereRef('api_tokens.id', '=', 'token.id')
    .where('token.token_hash', '=', tokenHash)
    .where((eb) => eb.or([eb('token.user_id', 'is', null), eb('users.active', '=', true)]))
    .returning(['api_tokens.id', 'api_tokens.name', 'api_tokens.user_id', sql<Role>`coalesce(users.role, api_tokens.role)`.as('role')])
    .executeTakeFirst();
  return row === undefined ? undefined : { id: row.id, name: row.name, role: row.role, userId: row.user_id };
}

/** Every token, newest first; or, with `id`, that one alone. */
export async function listApiTokens(db: Kysely<DB>, id?: string): Promise<ApiTokenInfo[]> {
  let query = db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.user_id')
    .select([
      'api_tokens.id',
      'api_tokens.name',
      'api_tokens.user_id',
      'users.name as user_name',
      'api_tokens.created_at',
      'api_tokens.last_used_at',
      sql<Role>`coalesce(users.role, api_tokens.role)`.as('role'),
    ])
    .orderBy('api_tokens.created_at', 'desc')
    .orderBy('api_tokens.id');
  if (id !== undefined) query = query.where('api_tokens.id', '=', id);
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    role: row.role,
    userId: row.user_id,
    userName: row.user_name,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  }));
}

/** The hash of the deleted token (so caches can forget it), or undefined when there was none. */
export async function deleteApiToken(db: Kysely<DB>, id: string): Promise<{ tokenHash: string } | undefined> {
  const row = await db.deleteFrom('api_tokens').where('id', '=', id).returning('token_hash').executeTakeFirst();
  return row === undefined ? undefined : { tokenHash: row.token_hash };
}

export async function countApiTokens(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('api_tokens').select(db.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
