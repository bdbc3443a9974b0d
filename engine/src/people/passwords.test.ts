import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstNobody, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('stores scrypt with its parameters and a fresh salt, never the password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(second).not.toBe(first);
    expect(first).not.toContain('correct horse battery');
  });

  it('accepts the right password and refuses any other', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    for (const wrong of ['correct horse batter', 'Correct horse battery', 'correct horse battery ', '']) {
      expect(await verifyPassword(wrong, stored)).toBe(false);
    }
  });

  it('reads a hash made with other parameters, so they can be raised later', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('an older password', salt, 32, { N: 2 ** 14, r: 8, p: 1 });
    const stored = ['scrypt', 2 ** 14, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    expect(await verifyPassword('an older password', stored)).toBe(true);
    expect(await verifyPassword('another password', stored)).toBe(false);
  });

  it('treats one password typed in two Unicode forms as the same', async () => {
    const composed = 'contraseña segura';
    const decomposed = 'contrasen\u0303a segura';
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(decomposed, await hashPassword(composed))).toBe(true);
  });

  it('refuses, without throwing, a hash it cannot read', async () => {
    const salt = randomBytes(16).toString('base64url');
    const key = randomBytes(32).toString('base64url');
    for (const stored of [
      '',
      'not a hash',
      `bcrypt$10$${salt}$${key}`,
      'scrypt$32768$8$1',
      // An empty key would equal an empty derived key, whatever the password.
      `scrypt$32768$8$1$${salt}$`,
      `scrypt$not-a-number$8$1$${salt}$${key}`,
      `scrypt$3$8$1$${salt}$${key}`,
      // 2^30 × 8 × 128 bytes is far past the memory bound: refused, not attempted.
      `scrypt$1073741824$8$1$${salt}$${key}`,
    ]) {
      await expect(verifyPassword('correct horse battery', stored)).resolves.toBe(false);
    }
  });

  it('checks a password against no one for an unknown email, and never says yes', async () => {
    await expect(verifyAgainstNobody('correct horse battery')).resolves.toBe(false);
    await expect(verifyAgainstNobody('')).resolves.toBe(false);
  });
});
