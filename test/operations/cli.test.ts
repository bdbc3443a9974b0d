import { randomBytes } from 'node:crypto';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../support/test-database.ts';
import { freePort } from '../support/free-port.ts';
import { repositoryRoot, runSwitchboard } from '../support/run-switchboard.ts';
import { encryptSecret } from '../../engine/src/secrets/secret-cipher.ts';

const sdk = path.join(repositoryRoot, 'engine/src/sdk.ts');

describe('the switchboard command', () => {
  let schema: TestSchema;
  let env: Record<string, string>;
  let client: pg.Client;

  beforeAll(async () => {
    schema = await createTestSchema();
    env = { DATABASE_URL: schema.databaseUrl, SWITCHBOARD_SCHEMA: schema.schema };
    client = new pg.Client({ connectionString: schema.databaseUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await schema?.drop();
  });

  it('migrates a database and reports it up to date the second time', async () => {
    const first = await runSwitchboard(['migrate'], env);
    expect(first.code).toBe(0);
    expect(first.output).toContain('database migrated');
    const second = await runSwitchboard(['migrate'], env);
    expect(second.code).toBe(0);
    expect(second.output).toContain('database is up to date');
  });

  it('imports a definition file as a draft and publishes it with --publish', async () => {
    const result = await runSwitchboard(['import', 'examples/ticket-priority.json', '--publish'], env);
    expect(result.code, result.output).toBe(0);
    const id = result.output.trim().split('\n').at(-1) as string;
    const row = await client.query(`select name, status, active_version from ${schema.schema}.workflows where id = $1`, [id]);
    expect(row.rows[0]).toEqual({ name: 'Route tickets by priority', status: 'active', active_version: 1 });
  });

  it('loads custom nodes from SWITCHBOARD_NODES and names the file of a broken one', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-nodes-'));
    await writeFile(
      path.join(dir, 'shout.ts'),
      `import { defineNode, Type } from ${JSON.stringify(sdk)};
export const shout = defineNode({
  type: 'acme.shout', title: 'Shout', category: 'Custom', description: 'Upper-cases a text.', kind: 'step',
  configSchema: Type.Object({ text: Type.String() }), ports: ['next'],
  run: (ctx) => ctx.next('next', { loud: ctx.config.text.toUpperCase() }),
});\n`,
    );
    const definition = path.join(dir, 'flow.json');
    await writeFile(
      definition,
      JSON.stringify({
        name: 'Uses a custom node',
        nodes: [
          { id: 'start', type: 'core.manual', config: {} },
          { id: 'shout', type: 'acme.shout', config: { text: 'hola' } },
        ],
        edges: [{ from: 'start', to: 'shout' }],
      }),
    );
    const loaded = await runSwitchboard(['import', definition, '--publish'], { ...env, SWITCHBOARD_NODES: dir });
    expect(loaded.code, loaded.output).toBe(0);
    expect(loaded.output).toContain('acme.shout');

    await writeFile(path.join(dir, 'broken.ts'), 'export const broken = { type: "Not A Type", kind: "step", configSchema: {} };\n');
    const failed = await runSwitchboard(['import', definition], { ...env, SWITCHBOARD_NODES: dir });
    expect(failed.code).toBe(1);
    expect(failed.output).toContain(path.join(dir, 'broken.ts'));
    expect(failed.output).toContain('NODE_DEFINITION_INVALID');
  });

  it('refuses to run against a database migrated by a newer version', async () => {
    const other = await createTestSchema();
    try {
      const otherEnv = { DATABASE_URL: other.databaseUrl, SWITCHBOARD_SCHEMA: other.schema };
      expect((await runSwitchboard(['migrate'], otherEnv)).code).toBe(0);
      await client.query(`insert into ${other.schema}.schema_migrations (name, timestamp) values ('9999-from-the-future', now()::text)`);
      const refused = await runSwitchboard(['migrate'], otherEnv);
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('DATABASE_TOO_NEW');
      expect(refused.output).toContain('9999-from-the-future');
    } finally {
      await other.drop();
    }
  });

  it('refuses to run api or worker without DATABASE_URL, saying why and what to do', async () => {
    const commands = ['api', 'worker'];
    const results = await Promise.all(commands.map((command) => runSwitchboard([command], { DATABASE_URL: '' })));
    for (const [index, result] of results.entries()) {
      expect(result.code, result.output).toBe(2);
      expect(result.output).toContain(`\`switchboard ${commands[index]}\` needs DATABASE_URL`);
      expect(result.output).toContain('run `switchboard start` to use the embedded Postgres');
    }
  });

  it('refuses to start without the key of the stored secrets, and re-encrypts them under a new key', async () => {
    // On the file's migrated schema; the secret is removed again, since later tests start without a key.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-key-'));
    try {
      const [oldKey, newKey] = [randomBytes(32), randomBytes(32)];
      const stored = encryptSecret({ current: oldKey, previous: [] }, 'API_TOKEN', 'tok_live_1');
      await client.query(`insert into ${schema.schema}.secrets (name, ciphertext, iv, key_id, created_at, updated_at) values ($1, $2, $3, $4, now(), now())`, [
        stored.name,
        stored.ciphertext,
        stored.iv,
        stored.keyId,
      ]);
      const keyFile = path.join(dir, 'secrets-key');
      await writeFile(keyFile, `${oldKey.toString('hex')}\n`);
      const [keyless, malformed, fromFile] = await Promise.all([
        runSwitchboard(['worker'], env),
        runSwitchboard(['worker'], { ...env, SWITCHBOARD_SECRETS_KEY: 'hunter2' }),
        runSwitchboard(['reencrypt-secrets'], { ...env, SWITCHBOARD_SECRETS_KEY_FILE: keyFile }),
      ]);
      expect(keyless.code, keyless.output).toBe(2);
      expect(keyless.output).toContain('The database holds 1 secret, but this process has no key to read them');
      expect(malformed.code, malformed.output).toBe(2);
      expect(malformed.output).toContain('SWITCHBOARD_SECRETS_KEY must be 32 random bytes');
      // The key in the file reads the secret, which is already under it: nothing to re-encrypt.
      expect(fromFile.code, fromFile.output).toBe(0);
      expect(fromFile.stdout.trim().split('\n').at(-1)).toBe('0');

      const rotated = await runSwitchboard(['reencrypt-secrets'], {
        ...env,
        SWITCHBOARD_SECRETS_KEY: newKey.toString('base64'),
        SWITCHBOARD_SECRETS_KEY_PREVIOUS: oldKey.toString('hex'),
      });
      expect(rotated.code, rotated.output).toBe(0);
      expect(rotated.stdout.trim().split('\n').at(-1)).toBe('1');
      const row = await client.query(`select key_id from ${schema.schema}.secrets where name = 'API_TOKEN'`);
      expect(row.rows).toEqual([{ key_id: encryptSecret({ current: newKey, previous: [] }, 'X', 'x').keyId }]);
    } finally {
      await client.query(`delete from ${schema.schema}.secrets`);
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('reports an unreachable database in one line naming host and port, and exits 1', async () => {
    const port = await freePort();
    const result = await runSwitchboard(['worker'], { DATABASE_URL: `postgres://switchboard:secret@127.0.0.1:${port}/switchboard` });
    expect(result.code, result.output).toBe(1);
    const lines = result.output.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toMatchObject({
      level: 'error',
      code: 'DATABASE_UNREACHABLE',
      msg: `cannot reach Postgres at 127.0.0.1:${port} (ECONNREFUSED); is it running? check DATABASE_URL`,
    });
    expect(result.output).not.toContain('secret');
  });

  it('prints help whatever the channel settings, which other commands still check', async () => {
    const broken = { SWITCHBOARD_CHANNELS: 'whatsapp=https://bridge.example/send' };
    const [help, migrate] = await Promise.all([runSwitchboard(['help'], broken), runSwitchboard(['migrate'], { ...env, ...broken })]);
    expect(help.code, help.output).toBe(0);
    expect(help.stdout).toContain('Usage: switchboard <command>');
    expect(migrate.code).toBe(2);
    expect(migrate.output).toContain('SWITCHBOARD_CHANNEL_SECRET');
  });

  it('prints a one-time setup link until someone has an account; following it creates the first admin', async () => {
    // A schema of its own: the other tests here create people.
    const own = await createTestSchema();
    try {
      const serverEnv = { DATABASE_URL: own.databaseUrl, SWITCHBOARD_SCHEMA: own.schema, PORT: String(await freePort()) };
      const links: string[] = [];
      const startAndReadLink = () =>
        runSwitchboard(['api'], serverEnv, (output, child) => {
          const link = /(http:\/\/\S+\/setup#token=\S+)/.exec(output)?.[1];
          if (link === undefined || (links.length > 0 && links.at(-1) === link)) return;
          links.push(link);
          child.kill('SIGTERM');
        });
      expect((await startAndReadLink()).code).toBe(0);
      expect((await startAndReadLink()).code).toBe(0);
      const [first, second] = links as [string, string];
      expect(first).not.toBe(second);

      let statuses: Promise<number[]> | undefined;
      const server = await runSwitchboard(['api'], serverEnv, (output, child) => {
        if (statuses !== undefined || !output.includes('/setup#token=')) return;
        const url = new URL(second);
        const setup = (link: string) =>
          fetch(`${url.origin}/api/setup`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              token: new URL(link).hash.slice('#token='.length),
              name: 'Ana García',
              email: 'ana@example.com',
              password: 'correct horse battery',
            }),
          }).then((response) => response.status);
        // This start printed a third link, which replaced the second: neither earlier link works.
        const third = /(http:\/\/\S+\/setup#token=\S+)/.exec(output)?.[1] as string;
        statuses = (async () => [await setup(first), await setup(second), await setup(third)])().finally(() => child.kill('SIGTERM'));
      });
      expect(server.code, server.output).toBe(0);
      expect(await statuses).toEqual([403, 403, 201]);
      expect(server.code, server.output).toBe(0);
      const admins = await client.query(`select name, role from ${own.schema}.users`);
      expect(admins.rows).toEqual([{ name: 'Ana García', role: 'admin' }]);
      // With an admin in place, the next start prints no link.
      const later = await runSwitchboard(['api'], serverEnv, (output, child) => {
        if (output.includes('ready at')) child.kill('SIGTERM');
      });
      expect(later.output).not.toContain('/setup#token=');
    } finally {
      await own.drop();
    }
  }, 120_000);

  it('creates a person with create-user, the password from SWITCHBOARD_PASSWORD, and refuses a bad role', async () => {
    const created = await runSwitchboard(['create-user', '--email', 'luis@example.com', '--name', 'Luis', '--role', 'agent'], {
      ...env,
      SWITCHBOARD_PASSWORD: 'a long enough password',
    });
    expect(created.code, created.output).toBe(0);
    const id = created.stdout.trim().split('\n').at(-1);
    const row = await client.query(`select email, role, password_hash like 'scrypt$%' as hashed from ${schema.schema}.users where id = $1`, [id]);
    expect(row.rows).toEqual([{ email: 'luis@example.com', role: 'agent', hashed: true }]);

    const badRole = await runSwitchboard(['create-user', '--email', 'x@example.com', '--name', 'X', '--role', 'owner'], {
      ...env,
      SWITCHBOARD_PASSWORD: 'a long enough password',
    });
    expect(badRole.code).toBe(1);
    expect(badRole.output).toContain('--role must be one of admin, editor, agent, viewer');
    const shortPassword = await runSwitchboard(['create-user', '--email', 'y@example.com', '--name', 'Y'], { ...env, SWITCHBOARD_PASSWORD: 'short' });
    expect(shortPassword.code).toBe(1);
    expect(shortPassword.output).toContain('at least 10 characters');
  }, 60_000);

  it('lists the templates without any database', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-no-db-'));
    try {
      const result = await runSwitchboard(['templates'], { DATABASE_URL: '', SWITCHBOARD_DATA_DIR: dataDir });
      expect(result.code, result.output).toBe(0);
      expect(result.stdout).toContain('sales-round-robin');
      await expect(access(path.join(dataDir, 'postgres'))).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  describe('on SIGTERM', () => {
    let upstream: Server;
    let url: string;
    let requests = 0;
    beforeAll(async () => {
      upstream = createServer((request, response) => {
        requests += 1;
        request.resume();
        setTimeout(() => response.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 1500);
      });
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/slow`;
    });
    afterAll(() => upstream?.close());

    it('finishes the step in flight, then exits cleanly', async () => {
      const port = await freePort();
      const token = 'sigterm-token';
      // The slow upstream is on loopback, which the default egress policy refuses.
      const serverEnv = { ...env, PORT: String(port), SWITCHBOARD_ADMIN_TOKEN: token, SWITCHBOARD_EGRESS_ALLOW: '127.0.0.1' };
      let sent = false;
      let runId = '';
      const api = (method: string, route: string, body?: unknown) =>
        fetch(`http://127.0.0.1:${port}${route}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }).then((response) => response.json() as Promise<Record<string, unknown>>);
      const result = await runSwitchboard(['start'], serverEnv, (output, child) => {
        if (sent || !output.includes('listening on')) return;
        sent = true;
        void (async () => {
          const workflow = await api('POST', '/api/workflows', {
            name: 'Slow call',
            nodes: [
              { id: 'start', type: 'core.event', config: { event: 'slow.call' } },
              { id: 'call', type: 'core.http_request', config: { method: 'POST', url, retries: 0 } },
            ],
            edges: [{ from: 'start', to: 'call' }],
          });
          await api('POST', `/api/workflows/${String(workflow.id)}/publish`);
          const event = await api('POST', '/api/events', { type: 'slow.call', subject: 'slow:1' });
          runId = String((event.runIds as string[])[0]);
          while (requests === 0) await new Promise((resolve) => setTimeout(resolve, 20));
          child.kill('SIGTERM');
        })().catch((error: unknown) => {
          process.stderr.write(`SIGTERM test setup failed: ${String(error)}\n`);
          child.kill('SIGKILL');
        });
      });
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain('SIGTERM received');
      expect(result.output).toContain('stopped cleanly');
      const run = await client.query(`select status from ${schema.schema}.runs where id = $1`, [runId]);
      expect(run.rows[0]).toEqual({ status: 'completed' });
      const step = await client.query(`select status, port from ${schema.schema}.steps where run_id = $1 and node_id = 'call'`, [runId]);
      expect(step.rows).toEqual([{ status: 'completed', port: 'success' }]);
      expect(requests).toBe(1);
    });
  });
});
