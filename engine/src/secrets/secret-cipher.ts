import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { SwitchboardError } from '../errors.ts';
import type { EncryptedSecret } from '../store/secrets.ts';
import { keyIdOf, type SecretsKeyring } from './secrets-key.ts';

const ALGORITHM = 'aes-256-gcm';
/** GCM's recommended IV length; a fresh random one per value, so one key never reuses an IV in practice. */
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts a secret's value under the current key (AES-256-GCM). The name is the
 * associated data: a ciphertext copied onto another name's row fails to decrypt,
 * so nobody with write access to the table can make `{{ secrets.PUBLIC_NOTE }}`
 * reveal `API_TOKEN`.
 */
export function encryptSecret(keyring: SecretsKeyring, name: string, value: string): EncryptedSecret {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, keyring.current, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(name, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { name, ciphertext, iv, keyId: keyIdOf(keyring.current) };
}

/** Decrypts a stored secret with whichever of the keyring's keys wrote it; SECRET_UNREADABLE when none did or the row was altered. */
export function decryptSecret(keyring: SecretsKeyring, secret: EncryptedSecret): string {
  const key = [keyring.current, ...keyring.previous].find((candidate) => keyIdOf(candidate) === secret.keyId);
  if (key === undefined) {
    throw new SwitchboardError(
      'SECRET_UNREADABLE',
      `Secret "${secret.name}" was encrypted with key ${secret.keyId}, which is neither SWITCHBOARD_SECRETS_KEY (${keyIdOf(keyring.current)}) nor a SWITCHBOARD_SECRETS_KEY_PREVIOUS of this process. Give the process that key, or store the secret again.`,
    );
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, secret.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(secret.name, 'utf8'));
    decipher.setAuthTag(secret.ciphertext.subarray(secret.ciphertext.length - TAG_BYTES));
    return Buffer.concat([decipher.update(secret.ciphertext.subarray(0, secret.ciphertext.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new SwitchboardError(
      'SECRET_UNREADABLE',
      `Secret "${secret.name}" fails its integrity check: its stored row was altered or copied from another secret. Store it again with PUT /api/secrets/${secret.name}.`,
      { cause: error },
    );
  }
}
