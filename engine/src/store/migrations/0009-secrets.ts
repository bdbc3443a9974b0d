import { type Kysely, sql } from 'kysely';

// Secrets (README "Secrets"): each value is encrypted by the process before it is written
// (AES-256-GCM, secrets/secret-cipher.ts), so the table holds no plaintext and a dump of it
// grants nothing without the key. `key_id` names the key a row was written with (a
// fingerprint, never the key), so a process tells at start whether it can read every row and
// a re-encryption finds the rows still under an old key.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table secrets (
      name text primary key check (name ~ '^[A-Z][A-Z0-9_]{0,63}$'),
      ciphertext bytea not null,
      iv bytea not null check (octet_length(iv) = 12),
      key_id text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null
    );
  `.execute(db);
}
