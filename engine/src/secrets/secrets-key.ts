import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SwitchboardError } from '../errors.ts';

/** AES-256 takes a 32-byte key. */
export const SECRETS_KEY_BYTES = 32;

/**
 * The keys a process holds for secrets: `current` encrypts every write and
 * reads rows it wrote; `previous` keys only read rows not yet re-encrypted
 * (during a rotation, README "Secrets").
 */
export interface SecretsKeyring {
  readonly current: Buffer;
  readonly previous: readonly Buffer[];
}

/**
 * A key's fingerprint, stored beside each row so the right key is picked without
 * trial decryption and a missing one is named. A hash of a random 256-bit key
 * tells nothing about the key.
 */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('switchboard secrets key\0').update(key).digest('hex').slice(0, 16);
}

/**
 * Decodes a key given as 64 hex digits or as base64 (or base64url) of 32 bytes,
 * as `openssl rand -hex 32` or `openssl rand -base64 32` print it. Anything
 * else is a CONFIG_ENV_INVALID naming where the key came from, never the key.
 */
export function parseSecretsKey(text: string, source: string): Buffer {
  const trimmed = text.trim();
  let key: Buffer | undefined;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) key = Buffer.from(trimmed, 'hex');
  else if (/^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)) key = Buffer.from(trimmed, 'base64');
  if (key === undefined || key.length !== SECRETS_KEY_BYTES) {
    throw new SwitchboardError(
      'CONFIG_ENV_INVALID',
      `${source} must be ${SECRETS_KEY_BYTES} random bytes, written as 64 hex digits or 44 characters of base64; make one with \`openssl rand -base64 32\`.`,
    );
  }
  return key;
}

/** Reads a key file; one that is missing or does not hold a key is a CONFIG_ENV_INVALID naming the file. */
export async function readSecretsKeyFile(file: string, source: string): Promise<Buffer> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new SwitchboardError('CONFIG_ENV_INVALID', `${source}: the secrets key file ${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  return parseSecretsKey(text, `The key in ${file}`);
}

/**
 * The key file of a single-machine install (`start` on the embedded Postgres): read when it
 * exists, otherwise a new random key is written there first (mode 0600, like the admin
 * token), so the quick start needs no step. `created` says which, for the start-up lines.
 */
export async function ensureSecretsKeyFile(file: string): Promise<{ readonly key: Buffer; readonly created: boolean }> {
  try {
    return { key: parseSecretsKey(await readFile(file, 'utf8'), `The key in ${file}`), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(SECRETS_KEY_BYTES);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  let created = true;
  try {
    // `wx`: two starts racing on one data directory never overwrite each other's key.
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    created = false;
  }
  // `mode` applies only when the file is created by this call.
  await chmod(file, 0o600);
  return { key: parseSecretsKey(await readFile(file, 'utf8'), `The key in ${file}`), created };
}
