import type { Kysely } from 'kysely';
import type { DB } from '../store/database.ts';
import { type Issue, SwitchboardError } from '../errors.ts';
import { SECRET_NAME_PATTERN } from '../graph/secret-references.ts';
import {
  countSecretsByKey,
  deleteSecret,
  findEncryptedSecrets,
  listSecretsNotUnderKey,
  reencryptSecret,
  type SecretInfo,
  upsertSecret,
} from '../store/secrets.ts';
import { decryptSecret, encryptSecret } from './secret-cipher.ts';
import { keyIdOf, type SecretsKeyring } from './secrets-key.ts';

/** Characters a secret's value may have: room for a PEM private key or a service account's JSON, not for a document. */
export const MAX_SECRET_VALUE_LENGTH = 65_536;

/** Rows a re-encryption reads at a time. */
const REENCRYPT_PAGE = 100;

/** The problem with a secret's name, as an issue at `path`, or undefined for a good name. */
export function secretNameIssue(name: string, path: string): Issue | undefined {
  if (SECRET_NAME_PATTERN.test(name)) return undefined;
  return {
    path,
    code: 'REQUEST_INVALID',
    message: `${path} must be a secret name: upper-case letters, digits and _, starting with a letter, at most 64 characters (e.g. API_TOKEN); found ${JSON.stringify(name.length > 70 ? `${name.slice(0, 67)}...` : name)}`,
  };
}

/** Creates or replaces a secret, encrypted under the current key. */
export async function putSecret(
  db: Kysely<DB>,
  keyring: SecretsKeyring | undefined,
  name: string,
  value: string,
  now: Date,
): Promise<{ secret: SecretInfo; created: boolean }> {
  const issues = [secretNameIssue(name, '/name'), valueIssue(value)].filter((issue) => issue !== undefined);
  if (issues.length > 0)
    throw new SwitchboardError('REQUEST_INVALID', `The secret is invalid: ${issues.map((issue) => issue.message).join('; ')}.`, { issues });
  return upsertSecret(db, encryptSecret(requireKeyring(keyring), name, value), now);
}

/** Deletes a secret; SECRET_NOT_FOUND when there is none. Steps and webhooks that read it fail from then on. */
export async function removeSecret(db: Kysely<DB>, name: string): Promise<void> {
  const issue = secretNameIssue(name, '/name');
  if (issue !== undefined) throw new SwitchboardError('REQUEST_INVALID', `The secret name is invalid: ${issue.message}.`, { issues: [issue] });
  if (!(await deleteSecret(db, name))) throw new SwitchboardError('SECRET_NOT_FOUND', `Secret "${name}" does not exist.`);
}

/**
 * The values of the secrets `names`, decrypted. Any that does not exist is a
 * SECRET_NOT_FOUND naming it (a step that reads it fails, clearly, rather than
 * sending an empty Authorization header).
 */
export async function loadSecrets(db: Kysely<DB>, keyring: SecretsKeyring | undefined, names: readonly string[]): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  if (names.length === 0) return values;
  const rows = await findEncryptedSecrets(db, names);
  const missing = names.filter((name) => !rows.some((row) => row.name === name));
  if (missing.length > 0) {
    throw new SwitchboardError(
      'SECRET_NOT_FOUND',
      `${missing.length === 1 ? 'Secret' : 'Secrets'} ${missing.map((name) => `"${name}"`).join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist; create ${missing.length === 1 ? 'it' : 'them'} with PUT /api/secrets/<name>.`,
      { details: { names: missing } },
    );
  }
  const ring = requireKeyring(keyring);
  for (const row of rows) values.set(row.name, decryptSecret(ring, row));
  return values;
}

/**
 * At start: refuses a process that could not read the secrets the database
 * holds (no key, or a key that wrote none of them), with CONFIG_ENV_INVALID
 * naming the key ids, instead of starting and failing every step that needs
 * one. A database without secrets needs no key.
 */
export async function checkSecretsKey(db: Kysely<DB>, keyring: SecretsKeyring | undefined): Promise<void> {
  const counts = await countSecretsByKey(db);
  if (counts.length === 0) return;
  const total = counts.reduce((sum, entry) => sum + entry.count, 0);
  const stored = (count: number) => (count === 1 ? '1 secret is' : `${count} secrets are`);
  if (keyring === undefined) {
    throw new SwitchboardError(
      'CONFIG_ENV_INVALID',
      `The database holds ${total === 1 ? '1 secret' : `${total} secrets`}, but this process has no key to read them: set SWITCHBOARD_SECRETS_KEY (or SWITCHBOARD_SECRETS_KEY_FILE) to the key they were stored with (key id ${counts.map((entry) => entry.keyId).join(', ')}).`,
    );
  }
  const known = new Set([keyring.current, ...keyring.previous].map(keyIdOf));
  const unknown = counts.filter((entry) => !known.has(entry.keyId));
  if (unknown.length === 0) return;
  throw new SwitchboardError(
    'CONFIG_ENV_INVALID',
    `${unknown.map((entry) => `${stored(entry.count)} encrypted with key ${entry.keyId}`).join(', ')}, which this process does not have (SWITCHBOARD_SECRETS_KEY is key ${keyIdOf(keyring.current)}). ` +
      'Set SWITCHBOARD_SECRETS_KEY to the key they were stored with; while rotating, keep the old one in SWITCHBOARD_SECRETS_KEY_PREVIOUS until `switchboard reencrypt-secrets` has run.',
  );
}

/**
 * Re-encrypts every secret not under the current key (read with a previous
 * key), one conditional update each: a PUT that replaces a value meanwhile
 * keeps its newer value. Safe to run again, and beside running processes that
 * hold both keys. Returns how many rows it rewrote.
 */
export async function reencryptSecrets(db: Kysely<DB>, keyring: SecretsKeyring | undefined): Promise<{ readonly reencrypted: number }> {
  const ring = requireKeyring(keyring);
  const currentId = keyIdOf(ring.current);
  let reencrypted = 0;
  let after: string | null = null;
  for (;;) {
    const page = await listSecretsNotUnderKey(db, currentId, after, REENCRYPT_PAGE);
    for (const row of page) {
      if (await reencryptSecret(db, row, encryptSecret(ring, row.name, decryptSecret(ring, row)))) reencrypted += 1;
    }
    if (page.length < REENCRYPT_PAGE) return { reencrypted };
    after = page.at(-1)?.name ?? null;
  }
}

function requireKeyring(keyring: SecretsKeyring | undefined): SecretsKeyring {
  if (keyring !== undefined) return keyring;
  throw new SwitchboardError(
    'SECRETS_KEY_MISSING',
    'Secrets need a key and this process has none: set SWITCHBOARD_SECRETS_KEY (32 random bytes, e.g. `openssl rand -base64 32`) or SWITCHBOARD_SECRETS_KEY_FILE on every api and worker process.',
  );
}

function valueIssue(value: unknown): Issue | undefined {
  if (typeof value === 'string' && value.length >= 1 && value.length <= MAX_SECRET_VALUE_LENGTH) return undefined;
  return { path: '/value', code: 'REQUEST_INVALID', message: `/value must be a string of 1 to ${MAX_SECRET_VALUE_LENGTH} characters` };
}
