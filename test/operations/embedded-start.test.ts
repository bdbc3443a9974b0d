import { spawn } from 'node:child_process';
import { access, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.ts';
import { repositoryRoot, runSwitchboard } from '../support/run-switchboard.ts';

// `pnpm start` as a new user runs it: no DATABASE_URL, an embedded Postgres in a data directory.
// The tests share one data directory, in order, so only the first pays for initdb.
describe('switchboard start on the embedded Postgres', () => {
  let dataDir: string;
  let env: Record<string, string>;

  const postmasterRunning = () =>
    access(path.join(dataDir, 'postgres', 'postmaster.pid')).then(
      () => true,
      () => false,
    );

  beforeAll(async () => {
    // Mode 0700, as `mktemp -d` makes it: as root, Postgres runs as the `postgres` user, whom the
    // start must let through this directory (and nothing more).
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-start-'));
    // An empty DATABASE_URL counts as unset, overriding the one the test run itself may use.
    env = { DATABASE_URL: '', SWITCHBOARD_DATA_DIR: dataDir, SWITCHBOARD_ADMIN_TOKEN: '', SWITCHBOARD_SCHEMA: 'switchboard' };
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says it is creating the database, then exits 1 on a custom node that does not load, leaving no Postgres running', async () => {
    const nodes = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bad-node-'));
    try {
      await writeFile(path.join(nodes, 'broken.ts'), 'throw new Error("this node does not load");\n');
      const result = await runSwitchboard(['start'], { ...env, PORT: String(await freePort()), SWITCHBOARD_NODES: nodes });
      expect(result.code, result.output).toBe(1);
      expect(result.output).toContain(`Creating the embedded database in ${dataDir}/postgres (first start only`);
      expect(result.output).toContain(path.join(nodes, 'broken.ts'));
      expect(result.output).toContain(`Generated the key that encrypts secrets, in ${dataDir}/secrets-key (readable only by you)`);
      expect(await postmasterRunning()).toBe(false);
    } finally {
      await rm(nodes, { recursive: true, force: true });
    }
  }, 240_000);

  it('as root, has let the postgres user through the 0700 data directory with search permission only (o+x)', async () => {
    const isRoot = process.getuid?.() === 0;
    expect((await stat(dataDir)).mode & 0o777).toBe(isRoot ? 0o701 : 0o700);
    await expect(access(path.join(dataDir, 'postgres', 'PG_VERSION'))).resolves.toBeUndefined();
  });

  describe('on a port already in use', () => {
    let blocker: Server;
    let port: number;
    beforeAll(async () => {
      blocker = createServer();
      await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
      port = (blocker.address() as { port: number }).port;
    });
    afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

    it('exits 1 within seconds, leaving no Postgres running, and has shown the token it made as plain lines', async () => {
      const startedAt = Date.now();
      const result = await runSwitchboard(['start'], { ...env, PORT: String(port) });
      expect(result.code, result.output).toBe(1);
      expect(Date.now() - startedAt).toBeLessThan(30_000);
      expect(result.output).toContain('EADDRINUSE');
      expect(result.output).not.toContain('Creating the embedded database');
      expect(await postmasterRunning()).toBe(false);

      const token = (await readFile(path.join(dataDir, 'admin-token'), 'utf8')).trim();
      expect(result.output).toContain(`Admin API token (shown only this once):\n\n    ${token}\n`);
      // The JSON log lines on stdout never carry the secret.
      expect(result.stdout).not.toContain(token);
      // The secrets key of the first start is kept, readable only by its owner, and not made again.
      expect((await stat(path.join(dataDir, 'secrets-key'))).mode & 0o777).toBe(0o600);
      expect(result.output).not.toContain('Generated the key that encrypts secrets');
    }, 120_000);
  });

  it('stops cleanly on a SIGTERM that arrives while it is still starting', async () => {
    let sent = false;
    const result = await runSwitchboard(['start'], { ...env, PORT: String(await freePort()) }, (output, child) => {
      if (sent || !output.includes('embedded Postgres started')) return;
      sent = true;
      child.kill('SIGTERM');
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain('SIGTERM received');
    expect(result.output).toContain('stopped cleanly');
    expect(await postmasterRunning()).toBe(false);
  }, 120_000);

  it('runs the README "Try it" block, import-template and templates beside it, refuses a second start, then stops cleanly', async () => {
    const port = await freePort();
    const serverEnv = { ...env, PORT: String(port) };
    const record = path.join(dataDir, 'running-instance.json');
    let checks: Promise<void> | undefined;
    const result = await runSwitchboard(['start'], serverEnv, (output, child) => {
      if (checks !== undefined || !output.includes('is ready at')) return;
      checks = (async () => {
        try {
          expect((await stat(record)).mode & 0o777).toBe(0o600);

          // The web app answers a browser at / and at a deep link.
          for (const page of ['/', '/flows/some-id']) {
            const response = await fetch(`http://127.0.0.1:${port}${page}`, { headers: { accept: 'text/html' } });
            expect({ page, status: response.status, type: response.headers.get('content-type') }).toEqual({
              page,
              status: 200,
              type: 'text/html; charset=utf-8',
            });
            expect(await response.text()).toContain('<div id="root"></div>');
          }

          const tryIt = await runBash(readmeBlock(await readFile(path.join(repositoryRoot, 'README.md'), 'utf8'), 'Try it'), serverEnv);
          expect(tryIt.code, tryIt.output).toBe(0);
          expect(tryIt.stdout).toMatch(/^completed: start -> next, priority -> high, urgent -> next$/m);

          const imported = await runSwitchboard(['import-template', 'close-and-restart-bot', '--publish'], env);
          expect(imported.code, imported.output).toBe(0);
          expect(imported.output).toContain('workflow published');
          expect(imported.output).toContain('using the database of the running Switchboard');

          const second = await runSwitchboard(['start'], { ...env, PORT: String(await freePort()) });
          expect(second.code, second.output).toBe(1);
          expect(second.output).toContain(`Switchboard is already running on ${dataDir} (process ${child.pid}, http://127.0.0.1:${port})`);

          const templates = await runSwitchboard(['templates'], env);
          expect(templates.code, templates.output).toBe(0);
          expect(templates.stdout).toContain('sales-round-robin');
        } finally {
          child.kill('SIGTERM');
        }
      })();
      // Reported by the `await` below, once the process has exited.
      checks.catch(() => undefined);
    });
    await checks;
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain(`The admin API token is in ${dataDir}/admin-token`);
    expect(result.output).toContain('stopped cleanly');
    await expect(access(record)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await postmasterRunning()).toBe(false);
  }, 180_000);
});

/** The first ```sh block after the paragraph that starts with `lead`, as a reader would copy it. */
function readmeBlock(readme: string, lead: string): string {
  const at = readme.indexOf(`\n${lead}`);
  const match = at < 0 ? null : /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  if (match?.[1] === undefined) throw new Error(`README has no \`\`\`sh block after "${lead}"`);
  return match[1];
}

/** Runs a script with bash at the repository root, stopping at the first failing command. */
function runBash(script: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += String(chunk);
      output += String(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += String(chunk);
    });
    child.on('exit', (code) => resolve({ code, stdout, output }));
  });
}
