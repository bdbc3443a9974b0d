import type { Kysely } from 'kysely';
import type { DB } from './database.ts';

export interface ApiToken {
  readonly id: string;
  readonly name: string;
  readonly role: 'admin';
}

export async function insertApiToken(db: Kysely<DB>, token: { name: string; tokenHash: string; role: 'admin' }): Promise<ApiToken> {
  const row = await db
    .insertInto('api_tokens')
    .values({ name: token.name, token_hash: token.tokenHash, role: token.role })
    .onConflict((oc) => oc.column('token_hash').doUpdateSet({ name: token.name }))
    .returning(['id', 'name', 'role'])
    .executeTakeFirstOrThrow();
  return row;
}

export async function findApiTokenByHash(db: Kysely<DB>, tokenHash: string): Promise<ApiToken | undefined> {
  return db.selectFrom('api_tokens').select(['id', 'name', 'role']).where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function countApiTokens(db: Kysely<DB>): Promise<number> {
  const row = await db.selectFrom('api_tokens').select(db.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}
