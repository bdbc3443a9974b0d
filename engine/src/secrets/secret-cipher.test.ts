import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret } from './secret-cipher.ts';
import { keyIdOf } from './secrets-key.ts';

const oldKey = randomBytes(32);
const newKey = randomBytes(32);

describe('the secret cipher', () => {
  it('round-trips a value, and its ciphertext is neither the text nor the same twice', () => {
    const keyring = { current: newKey, previous: [] };
    const value = 'tok_live_0123456789 ñandú';
    const first = encryptSecret(keyring, 'API_TOKEN', value);
    const second = encryptSecret(keyring, 'API_TOKEN', value);
    expect(decryptSecret(keyring, first)).toBe(value);
    expect(first.ciphertext.includes(Buffer.from(value))).toBe(false);
    expect(first.iv).toHaveLength(12);
    expect(first.iv.equals(second.iv)).toBe(false);
    expect(first.ciphertext.equals(second.ciphertext)).toBe(false);
    expect(first.keyId).toBe(keyIdOf(newKey));
  });

  it('refuses a ciphertext moved onto another name', () => {
    const keyring = { current: newKey, previous: [] };
    const stolen = encryptSecret(keyring, 'API_TOKEN', 'tok_live_0123456789');
    expect(() => decryptSecret(keyring, { ...stolen, name: 'PUBLIC_NOTE' })).toThrow(
      expect.objectContaining({ code: 'SECRET_UNREADABLE', message: expect.stringContaining('"PUBLIC_NOTE" fails its integrity check') }),
    );
  });

  it('refuses an altered ciphertext', () => {
    const keyring = { current: newKey, previous: [] };
    const stored = encryptSecret(keyring, 'API_TOKEN', 'tok_live_0123456789');
    const altered = Buffer.from(stored.ciphertext);
    altered[0] = (altered[0] ?? 0) ^ 1;
    expect(() => decryptSecret(keyring, { ...stored, ciphertext: altered })).toThrow(expect.objectContaining({ code: 'SECRET_UNREADABLE' }));
    expect(() => decryptSecret(keyring, { ...stored, ciphertext: Buffer.alloc(3) })).toThrow(expect.objectContaining({ code: 'SECRET_UNREADABLE' }));
  });

  it('reads a value written under a previous key, and names the key it lacks', () => {
    const written = encryptSecret({ current: oldKey, previous: [] }, 'API_TOKEN', 'tok_old');
    expect(decryptSecret({ current: newKey, previous: [oldKey] }, written)).toBe('tok_old');
    expect(() => decryptSecret({ current: newKey, previous: [] }, written)).toThrow(
      expect.objectContaining({ code: 'SECRET_UNREADABLE', message: expect.stringContaining(`encrypted with key ${keyIdOf(oldKey)}`) }),
    );
  });
});
