import { type Kysely, sql } from 'kysely';
import type { DB } from './database.ts';

/** What anyone may know of a secret: never its value. */
export interface SecretInfo {
  readonly name: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A secret as stored: its name (also the cipher's associated data), ciphertext with tag, IV and key fingerprint. */
export interface EncryptedSecret {
  readonly name: string;
  readonly ciphertext: Buffer;
  readonly iv: Buffer;
  readonly keyId: string;
}

/**
 * Creates or replaces a secret. `created` tells which: `xmax = 0` holds only for
 * a row this statement inserted, not one it updated, so two concurrent PUTs of
 * one name answer one 201 and one 200, never two 201s.
 */
export async function upsertSecret(db: Kysely<DB>, secret: EncryptedSecret, now: Date): Promise<{ secret: SecretInfo; created: boolean }> {
  const row = await db
    .insertInto('secrets')
    .values({ name: secret.name, ciphertext: secret.ciphertext, iv: secret.iv, key_id: secret.keyId, created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('name').doUpdateSet({ ciphertext: secret.ciphertext, iv: secret.iv, key_id: secret.keyId, updated_at: now }))
    .returning(['name', 'created_at', 'updated_at', sql<boolean>`xmax = 0`.as('inserted')])
    .executeTakeFirstOrThrow();
  return { secret: { name: row.name, createdAt: row.created_at, updatedAt: row.updated_at }, created: row.inserted };
}

export async function listSecretInfos(db: Kysely<DB>): Promise<SecretInfo[]> {
  const rows = await db.selectFrom('secrets').select(['name', 'created_at', 'updated_at']).orderBy('name').execute();
  return rows.map((row) => ({ name: row.name, createdAt: row.created_at, updatedAt: row.updated_at }));
}

/** Whether a secret of that name was there to delete. */
export async function deleteSecret(db: Kysely<DB>, name: string): Promise<boolean> {
  const result = await db.deleteFrom('secrets').where('name', '=', name).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** The stored secrets among `names`; a name with no secret is simply absent from the answer. */
export async function findEncryptedSecrets(db: Kysely<DB>, names: readonly string[]): Promise<EncryptedSecret[]> {
  if (names.length === 0) return [];
  const rows = await db.selectFrom('secrets').select(['name', 'ciphertext', 'iv', 'key_id']).where('name', 'in', names).execute();
  return rows.map((row) => ({ name: row.name, ciphertext: row.ciphertext, iv: row.iv, keyId: row.key_id }));
}

/** The names among `names` that have a secret (publishing checks references without decrypting anything). */
export async function findSecretNames(db: Kysely<DB>, names: readonly string[]): Promise<Set<string>> {
  if (names.length === 0) return new Set();
  const rows = await db.selectFrom('secrets').select('name').where('name', 'in', names).execute();
  return new Set(rows.map((row) => row.name));
}

/** How many secrets each key encrypted: what a process checks its keys against at start. */
export async function countSecretsByKey(db: Kysely<DB>): Promise<{ keyId: string; count: number }[]> {
  const rows = await db
    .selectFrom('secrets')
    .select(['key_id', db.fn.countAll<string>().as('count')])
    .groupBy('key_id')
    .orderBy('key_id')
    .execute();
  return rows.map((row) => ({ keyId: row.key_id, count: Number(row.count) }));
}

/** Secrets written with another key than `keyId`, by name after `after`, a bounded page at a time (a re-encryption's work list). */
export async function listSecretsNotUnderKey(db: Kysely<DB>, keyId: string, after: string | null, limit: number): Promise<EncryptedSecret[]> {
  let query = db.selectFrom('secrets').select(['name', 'ciphertext', 'iv', 'key_id']).where('key_id', '<>', keyId);
  if (after !== null) query = query.where('name', '>', after);
  const rows = await query.orderBy('name').limit(limit).execute();
  return rows.map((row) => ({ name: row.name, ciphertext: row.ciphertext, iv: row.iv, keyId: row.key_id }));
}

/**
 * Replaces a secret's ciphertext with one made under another key, only while the
 * row is still what was read (same key and ciphertext): a PUT that replaced the
 * value meanwhile wins, and its newer value is not overwritten with the old one.
 */
export async function reencryptSecret(db: Kysely<DB>, from: EncryptedSecret, to: EncryptedSecret): Promise<boolean> {
  const result = await db
    .updateTable('secrets')
    .set({ ciphertext: to.ciphertext, iv: to.iv, key_id: to.keyId })
    .where('name', '=', from.name)
    .where('key_id', '=', from.keyId)
    .where('iv', '=', from.iv)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
