import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSchema, type TestSchema } from '../support/test-database.ts';
import { freePort } from '../support/free-port.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RUNS = 300;
const TOKEN = 'crash-test-token';

/**
 * Promise 1 and 2 under a real crash: the engine runs as a child process, is
 * killed with SIGKILL while a few hundred runs are between their wait and their
 * HTTP call, and restarted. Every run must finish with every step recorded
 * exactly once, and every HTTP call must carry its run's stable idempotency key.
 */
describe('crash recovery', () => {
  let schema: TestSchema;
  let upstream: Server;
  let upstreamUrl: string;
  let engine: ChildProcess | undefined;
  let port: number;
  const calls: string[] = [];
  const output: string[] = [];

  beforeAll(async () => {
    schema = await createTestSchema();
    upstream = createServer((request, response) => {
      calls.push(String(request.headers['idempotency-key']));
      request.resume();
      // A little latency keeps calls in flight when the kill lands.
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"ok":true}');
      }, 5);
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/notify`;
    port = await freePort();
  });

  afterAll(async () => {
    engine?.kill('SIGKILL');
    upstream?.close();
    await schema?.drop();
  });

  function startEngine(): ChildProcess {
    const child = spawn(process.execPath, [path.join(root, 'bin/switchboard.js'), 'start'], {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: schema.databaseUrl,
        SWITCHBOARD_SCHEMA: schema.schema,
        SWITCHBOARD_ADMIN_TOKEN: TOKEN,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        // The upstream is on loopback, which the default egress policy refuses.
        SWITCHBOARD_EGRESS_ALLOW: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => output.push(String(chunk)));
    child.stderr?.on('data', (chunk) => output.push(String(chunk)));
    return child;
  }

  async function api(method: string, url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`http://127.0.0.1:${port}${url}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }

  async function waitForHealth(): Promise<void> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`engine did not become healthy:\n${output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('finishes every run with every step recorded exactly once after a kill -9 mid-way', async () => {
    engine = startEngine();
    await waitForHealth();
    const created = await api('POST', '/api/workflows', {
      name: 'Wait then call',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'ticket.created' } },
        { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 1, unit: 'seconds' } },
        {
          id: 'call',
          type: 'core.http_request',
          config: { method: 'POST', url: upstreamUrl, body: { ticket: '{{ trigger.data.n }}' }, retries: 5, retryBackoffMs: 100 },
        },
        { id: 'done', type: 'core.set_variable', config: { assignments: [{ name: 'status', value: '{{ steps.call.status }}' }] } },
      ],
      edges: [
        { from: 'start', to: 'pause' },
        { from: 'pause', to: 'call' },
        { from: 'call', port: 'success', to: 'done' },
      ],
    });
    expect(created.status).toBe(201);
    const workflowId = String(created.json.id);
    expect((await api('POST', `/api/workflows/${workflowId}/publish`)).status).toBe(200);

    for (let batch = 0; batch < RUNS; batch += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, RUNS - batch) }, (_, offset) =>
          api('POST', '/api/events', {
            type: 'ticket.created',
            subject: `ticket:${batch + offset}`,
            idempotencyKey: `ticket-${batch + offset}`,
            data: { n: batch + offset },
          }),
        ),
      );
    }

    const client = new pg.Client({ connectionString: schema.databaseUrl });
    await client.connect();
    const count = async (sql: string): Promise<number> => Number((await client.query(sql)).rows[0].count);
    const runs = `${schema.schema}.runs`;
    const steps = `${schema.schema}.steps`;
    try {
      // Kill once some runs are done and others are still waiting or calling.
      const deadline = Date.now() + 60_000;
      while ((await count(`select count(*) from ${runs} where status = 'completed'`)) < RUNS / 5) {
        if (Date.now() > deadline) throw new Error(`no progress before the kill:\n${output.join('')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      engine.kill('SIGKILL');
      await new Promise((resolve) => engine?.once('exit', resolve));
      const completedAtKill = await count(`select count(*) from ${runs} where status = 'completed'`);
      expect(completedAtKill).toBeLessThan(RUNS);

      engine = startEngine();
      await waitForHealth();
      const finishBy = Date.now() + 120_000;
      while ((await count(`select count(*) from ${runs} where status = 'completed'`)) < RUNS) {
        if (Date.now() > finishBy) {
          const states = (await client.query(`select status, count(*) from ${runs} group by status`)).rows;
          const jobs = (
            await client.query(
              `select state, retry_count, heartbeat_seconds, heartbeat_on, started_on, data from ${schema.schema}_boss.job where state <> 'completed'`,
            )
          ).rows;
          const stuck = (await client.query(`select id, cursor_node, attempt, seq, visits from ${runs} where status <> 'completed'`)).rows;
          throw new Error(`runs did not all finish after the restart: ${JSON.stringify({ states, jobs, stuck })}\n${output.join('')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      expect(await count(`select count(*) from ${runs}`)).toBe(RUNS);
      expect(await count(`select count(*) from ${runs} where status <> 'completed'`)).toBe(0);
      // Exactly one completed row per node per run: no step lost, none repeated.
      const perRun = await client.query(`select run_id, array_agg(node_id order by id) as nodes, count(*) from ${steps} group by run_id`);
      expect(perRun.rows).toHaveLength(RUNS);
      for (const row of perRun.rows) expect(row.nodes).toEqual(['start', 'pause', 'call', 'done']);
      expect(await count(`select count(*) from ${steps} where status <> 'completed'`)).toBe(0);
      // Promise 2: every run's call reached the upstream with its stable key; a repeat after
      // the kill reuses the key, so the upstream could deduplicate.
      const runIds = (await client.query(`select id from ${runs}`)).rows.map((row) => row.id as string);
      const keys = new Set(calls);
      for (const runId of runIds) expect(keys.has(`${runId}:call:1`)).toBe(true);
      expect(keys.size).toBe(RUNS);
      process.stdout.write(
        `crash test: ${completedAtKill}/${RUNS} runs done at the kill, ${calls.length - keys.size} HTTP calls repeated after it (same idempotency key)\n`,
      );
    } finally {
      await client.end();
    }
  }, 240_000);
});
