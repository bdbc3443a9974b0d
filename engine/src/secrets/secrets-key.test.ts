import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSecretsKeyFile, keyIdOf, parseSecretsKey, readSecretsKeyFile } from './secrets-key.ts';

describe('the secrets key', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-key-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads 32 bytes written as hex, base64 or base64url', () => {
    const key = randomBytes(32);
    for (const text of [key.toString('hex'), key.toString('base64'), key.toString('base64url'), ` ${key.toString('base64')}\n`]) {
      expect(parseSecretsKey(text, 'SWITCHBOARD_SECRETS_KEY').equals(key)).toBe(true);
    }
  });

  it('refuses anything else with CONFIG_ENV_INVALID, naming the variable and not the value', () => {
    for (const text of ['hunter2', randomBytes(16).toString('hex'), randomBytes(33).toString('base64'), 'g'.repeat(64)]) {
      expect(() => parseSecretsKey(text, 'SWITCHBOARD_SECRETS_KEY')).toThrow(
        expect.objectContaining({ code: 'CONFIG_ENV_INVALID', message: expect.stringMatching(/^SWITCHBOARD_SECRETS_KEY must be 32 random bytes/) }),
      );
      try {
        parseSecretsKey(text, 'SWITCHBOARD_SECRETS_KEY');
      } catch (error) {
        expect((error as Error).message).not.toContain(text);
      }
    }
  });

  it('makes a key file readable only by its owner on first use, and reads the same key after', async () => {
    const file = path.join(dir, 'data', 'secrets-key');
    const made = await ensureSecretsKeyFile(file);
    expect(made.created).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const again = await ensureSecretsKeyFile(file);
    expect(again).toMatchObject({ created: false });
    expect(again.key.equals(made.key)).toBe(true);
    expect((await readSecretsKeyFile(file, 'SWITCHBOARD_SECRETS_KEY_FILE')).equals(made.key)).toBe(true);
    expect(keyIdOf(made.key)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses a key file that is missing or holds no key, naming the file', async () => {
    const missing = path.join(dir, 'nope');
    await expect(readSecretsKeyFile(missing, 'SWITCHBOARD_SECRETS_KEY_FILE')).rejects.toMatchObject({
      code: 'CONFIG_ENV_INVALID',
      message: expect.stringContaining(missing),
    });
    const bad = path.join(dir, 'bad-key');
    await writeFile(bad, 'not a key\n');
    await expect(ensureSecretsKeyFile(bad)).rejects.toMatchObject({ code: 'CONFIG_ENV_INVALID', message: expect.stringContaining(bad) });
    expect(await readFile(bad, 'utf8')).toBe('not a key\n');
  });
});
