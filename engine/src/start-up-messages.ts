import { access } from 'node:fs/promises';
import path from 'node:path';

/**
 * The few lines a person starting Switchboard needs to read: what the first, slow start is
 * doing, the generated admin token, where the token file is, and where the app listens.
 *
 * They go to stderr as plain text, always (TTY or not, whatever LOG_LEVEL): stdout carries only
 * the JSON log lines, one per entry, so a log shipper reading stdout never meets prose, and a
 * person reading a terminal never has to dig a token out of an escaped JSON string. Nothing
 * else is written here; everything else is a log entry.
 */
export interface StartUpMessages {
  /** Before initdb, which takes about half a minute on a small machine. */
  creatingDatabase(dataDir: string): void;
  databaseCreated(): void;
  /** A token made on first start, shown only this once. */
  tokenGenerated(token: string, tokenFile: string): void;
  /** The secrets key made on first start: without it the stored secrets cannot be read, so it is worth a backup. */
  secretsKeyGenerated(keyFile: string): void;
  /** Later starts: where the token of the first start is kept (if the file is still there). */
  tokenKept(tokenFile: string): Promise<void>;
  listening(address: string, what: string): void;
}

export function createStartUpMessages(write: (text: string) => void = (text) => process.stderr.write(text), cwd: string = process.cwd()): StartUpMessages {
  const shown = (file: string) => {
    const relative = path.relative(cwd, file);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  };
  return {
    creatingDatabase(dataDir) {
      write(`Creating the embedded database in ${shown(dataDir)} (first start only, about half a minute)…\n`);
    },
    databaseCreated() {
      write('Embedded database created.\n');
    },
    tokenGenerated(token, tokenFile) {
      write(
        `\nAdmin API token (shown only this once):\n\n    ${token}\n\n` +
          `It is stored in ${shown(tokenFile)} (readable only by you). Send it as: Authorization: Bearer <token>\n\n`,
      );
    },
    secretsKeyGenerated(keyFile) {
      write(
        `Generated the key that encrypts secrets, in ${shown(keyFile)} (readable only by you). Back it up with the data: without it, stored secrets cannot be read.\n`,
      );
    },
    async tokenKept(tokenFile) {
      const exists = await access(tokenFile).then(
        () => true,
        () => false,
      );
      if (exists) write(`The admin API token is in ${shown(tokenFile)}.\n`);
    },
    listening(address, what) {
      write(`Switchboard (${what}) is ready at ${address}; API reference at ${address}/docs. Stop it with Ctrl-C.\n`);
    },
  };
}
