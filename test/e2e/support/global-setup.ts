import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildIfStale } from '../../../editor/scripts/build-if-stale.ts';
import { freePort } from '../../support/free-port.ts';
import { repositoryRoot } from '../../support/run-switchboard.ts';
import { chromiumPath } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the engine under test listens, e.g. `http://127.0.0.1:41234`. */
    baseUrl: string;
    /** Its admin API token (SWITCHBOARD_ADMIN_TOKEN). */
    adminToken: string;
    /** The one-time link the first start printed for creating the first admin (`…/setup#token=…`). */
    setupUrl: string;
  }
}

const START_TIMEOUT_MS = 240_000;

/**
 * Starts one real engine for the browser tests, the way a person does (`switchboard start`),
 * serving the freshly built web app: on `DATABASE_URL` in a schema of its own when it is set,
 * otherwise on its embedded Postgres in a new temporary data directory (mode 0700, as
 * `mktemp -d` makes it). Nobody has an account yet, so it prints the setup link, which the
 * tests get as `setupUrl`. Stopped with SIGTERM after the run.
 */
export async function setup(project: TestProject): Promise<() => Promise<void>> {
  await access(chromiumPath).catch(() => {
    throw new Error(`The browser tests drive Chromium at ${chromiumPath}, which is missing. Install it (apt-get install chromium) or set CHROMIUM_PATH.`);
  });
  await buildIfStale({ say: (line) => process.stderr.write(`${line}\n`) });

  const adminToken = `e2e_${randomBytes(24).toString('base64url')}`;
  const port = await freePort();
  const databaseUrl = process.env['DATABASE_URL'] ?? '';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const dataDir = await mkdtemp(path.join(tmpdir(), 'switchboard-e2e-'));
  const env: Record<string, string> = {
    PORT: String(port),
    SWITCHBOARD_ADMIN_TOKEN: adminToken,
    SWITCHBOARD_DATA_DIR: dataDir,
    // A custom node, as a developer adds one: the editor must offer it with no change of its own.
    SWITCHBOARD_NODES: path.join(repositoryRoot, 'test/e2e/support/custom-nodes'),
    LOG_LEVEL: 'warn',
    // The runs test's HTTP step calls a server of the test's own on this machine, which the
    // egress policy refuses unless allowed.
    SWITCHBOARD_EGRESS_ALLOW: '127.0.0.1',
    ...(databaseUrl === '' ? { DATABASE_URL: '' } : { DATABASE_URL: databaseUrl, SWITCHBOARD_SCHEMA: schema }),
  };

  const child = spawn(process.execPath, [path.join(repositoryRoot, 'bin/switchboard.js'), 'start'], {
    cwd: repositoryRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let output = '';
  let setupUrl = '';
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`switchboard start was not ready within ${START_TIMEOUT_MS / 1000} s:\n${output}`)), START_TIMEOUT_MS);
    const collect = (chunk: Buffer): void => {
      output += String(chunk);
      // On a fresh instance the setup link comes right after the ready line, and the tests need both.
      const link = /(http:\/\/\S+\/setup#token=\S+)/.exec(output);
      if (output.includes('is ready at') && link?.[1] !== undefined) {
        setupUrl = link[1];
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`switchboard start exited with ${code} before it was ready:\n${output}`));
    });
  });

  const teardown = async (): Promise<void> => {
    child.kill('SIGTERM');
    // SIGTERM lets steps in flight finish; a shutdown stuck past that is ended.
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(killTimer);
    if (databaseUrl !== '') await dropSchemas(databaseUrl, schema);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await ready;
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('adminToken', adminToken);
  project.provide('setupUrl', setupUrl);
  return teardown;
}

async function dropSchemas(databaseUrl: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade; drop schema if exists "${schema}_boss" cascade`);
  } finally {
    await client.end();
  }
}
