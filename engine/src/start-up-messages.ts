import { access } from 'node:fs/promises';
import path from 'node:path';

/**
 * The few lines a person starting Switchboard needs to read: what the first, slow start is
 * doing (creating the database, building the web app), the generated admin token, where the
 * token file is, and where the app listens.
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
  /** `webApp`: the browser app is served at the address too. */
  listening(address: string, what: string, webApp?: boolean): void;
  /** Until someone has an account: the one-time link that creates the first admin. */
  setupLink(url: string, expiresAt: Date): void;
  /** A line of the web app's preparation (a build at start), as its builder words it. */
  webAppProgress(line: string): void;
  /** No built web app to serve: only the API is. */
  webAppMissing(dir: string): void;
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
    listening(address, what, webApp = false) {
      const open = webApp ? `; open ${address}/ in a browser` : '';
      write(`Switchboard (${what}) is ready at ${address}${open}; API reference at ${address}/docs. Stop it with Ctrl-C.\n`);
    },
    setupLink(url, expiresAt) {
      write(
        `\nNobody has an account yet. Open this one-time link to create the first admin (it works until ${expiresAt.toISOString()}, or until the next start prints a new one):\n\n    ${url}\n\n`,
      );
    },
    webAppProgress(line) {
      write(`${line}\n`);
    },
    webAppMissing(dir) {
      write(
        `The web app is not built (${shown(dir)}/index.html is missing), so only the API is served. Build it with: pnpm --filter @switchboard/editor build\n`,
      );
    },
  };
}
