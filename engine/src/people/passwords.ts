import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * scrypt from Node's crypto: memory-hard, no native dependency to build. N = 2^15, r = 8
 * (32 MiB and about 50–100 ms per hash on a small server) is OWASP's minimum for scrypt.
 * The parameters are stored with each hash, so raising them later leaves old hashes readable.
 */
const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
/** Node refuses more than 32 MiB by default; 128 * N * r is exactly that, plus headroom. */
const MAX_MEMORY = 64 * 1024 * 1024;

/** Shorter passwords are refused (NIST SP 800-63B asks for at least 8; we ask for 10). */
export const MIN_PASSWORD_LENGTH = 10;
/** scrypt reads any length; this bounds the work a request can ask for. */
export const MAX_PASSWORD_LENGTH = 200;

function derive(password: string, salt: Buffer, options: ScryptOptions & { readonly keyLength: number }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, options.keyLength, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64url. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, { N: COST, r: BLOCK_SIZE, p: PARALLELISM, maxmem: MAX_MEMORY, keyLength: KEY_LENGTH });
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Shorter stored keys are refused: an empty one would match every password. */
const MIN_KEY_LENGTH = 16;

/** False for a wrong password and for a hash this code cannot read; never throws on either. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || salt === undefined || key === undefined) return false;
  const expected = Buffer.from(key, 'base64url');
  if (expected.length < MIN_KEY_LENGTH) return false;
  try {
    const actual = await derive(password, Buffer.from(salt, 'base64url'), {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: MAX_MEMORY,
      keyLength: expected.length,
    });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    // Parameters Node refuses (N not a power of two, past the memory bound): not a hash we can read.
    return false;
  }
}

let nobodyHash: Promise<string> | undefined;

/**
 * Checks a password against no one's hash, for an unknown email: an unknown email takes as
 * long to refuse as a wrong password, so the time of an answer does not say who has an account.
 */
export async function verifyAgainstNobody(password: string): Promise<false> {
  nobodyHash ??= hashPassword(randomBytes(16).toString('base64url'));
  await verifyPassword(password, await nobodyHash);
  return false;
}
