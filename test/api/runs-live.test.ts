/**
 * GET /api/runs/stream over a real HTTP server, fed by another engine on the
 * same database (a `worker` process's changes seen by an `api` process), and
 * POST /api/runs/:id/retry on a run whose HTTP step failed.
 */
import { randomBytes } from 'node:crypto';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEngine, createLogger, createServer, type Engine } from '@switchboard/engine';
import { corePack } from '@switchboard/nodes-core';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAdminToken } from '../../engine/src/api/auth.ts';
import { connectTestDatabase, createTestSchema, type TestSchema } from '../support/test-database.ts';
import { publish, waitForRun } from '../support/test-engine.ts';

const TOKEN = 'runs-live-token';
const authorization = `Bearer ${TOKEN}`;
const key = randomBytes(32);

interface StreamEvent {
  readonly id: string | undefined;
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** Reads an event stream into a list; `next` waits for the first event after those already taken that matches. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { authorization, ...headers }, signal: controller.signal });
  const events: StreamEvent[] = [];
  const comments: string[] = [];
  let ended = false;
  let taken = 0;
  const reading = (async () => {
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line);
            const colon = line.indexOf(':');
            if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trimStart());
          }
          const event = fields.get('event');
          if (event !== undefined) events.push({ id: fields.get('id'), event, data: JSON.parse(fields.get('data') ?? '{}') });
        }
      }
    } catch {
      // Aborted by the test.
    }
    ended = true;
  })();
  return {
    response,
    events,
    comments,
    get ended() {
      return ended;
    },
    async next(match: (event: StreamEvent) => boolean, timeoutMs = 10_000): Promise<StreamEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = events.findIndex((event, at) => at >= taken && match(event));
        if (index !== -1) {
          taken = index + 1;
          return events[index] as StreamEvent;
        }
        if (ended || Date.now() > deadline) throw new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async close() {
      controller.abort();
      await reading;
    },
  };
}

async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('runs live', () => {
  let schema: TestSchema;
  let worker: Engine;
  let api: Engine;
  let app: Awaited<ReturnType<typeof createServer>>;
  let base: string;
  let db: Kysely<any>;
  let upstream: Server;
  let upstreamUrl: string;
  const calls: string[] = [];

  beforeAll(async () => {
    upstream = createHttpServer((request, response) => {
      calls.push(String(request.headers['idempotency-key']));
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    schema = await createTestSchema();
    const options = {
      databaseUrl: schema.databaseUrl,
      schema: schema.schema,
      nodes: corePack,
      secretsKey: { current: key },
      egress: { allow: ['127.0.0.1'] },
      logger: createLogger('error'),
    };
    // Two processes on one database: one works runs, the other only serves the API.
    worker = createEngine({ ...options, runWorkers: true });
    await worker.start();
    api = createEngine({ ...options, runWorkers: false });
    await api.start();
    await seedAdminToken(api, { adminToken: TOKEN, tokenFile: '/nonexistent/unused', log: () => undefined });
    app = await createServer(api, { runStreamHeartbeatMs: 200 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    db = connectTestDatabase(schema);
  });

  afterAll(async () => {
    await app?.close();
    await api?.stop({ timeoutMs: 2000 });
    await worker?.stop({ timeoutMs: 2000 });
    await db?.destroy();
    await schema?.drop();
    await new Promise((resolve) => upstream?.close(resolve));
  });

  it("streams another process's run changes, filtered by workflow and by run", async () => {
    const flow = (name: string) => ({
      name,
      nodes: [
        { id: 'start', type: 'core.manual', config: {} },
        { id: 'call', type: 'core.http_request', config: { method: 'GET', url: `${upstreamUrl}/ok` } },
      ],
      edges: [{ from: 'start', to: 'call' }],
    });
    const watched = await publish(worker, flow('Watched'));
    const other = await publish(worker, flow('Other'));
    const all = await openStream(`${base}/api/runs/stream`);
    expect(all.response.status).toBe(200);
    expect(all.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const ofWorkflow = await openStream(`${base}/api/runs/stream?workflowId=${watched}`);
    await all.next((event) => event.event === 'ready');
    await ofWorkflow.next((event) => event.event === 'ready');

    const { runId: otherRun } = await worker.startManualRun(other, {}, null);
    const { runId } = await worker.startManualRun(watched, {}, null);
    const ofRun = await openStream(`${base}/api/runs/stream?runId=${runId}`);
    await ofRun.next((event) => event.event === 'ready');
    await waitForRun(worker, runId);
    await waitForRun(worker, otherRun);

    const completed = await ofWorkflow.next((event) => event.event === 'run' && event.data.status === 'completed');
    expect(completed.data).toEqual({ runId, workflowId: watched, status: 'completed' });
    expect(completed.id).toMatch(/^[0-9a-f]{8}-\d+$/);
    expect(ofWorkflow.events.filter((event) => event.event === 'run').every((event) => event.data.workflowId === watched)).toBe(true);
    await all.next((event) => event.event === 'run' && event.data.runId === otherRun && event.data.status === 'completed');
    await ofRun.next((event) => event.event === 'run' && event.data.status === 'completed');
    expect(ofRun.events.filter((event) => event.event === 'run').every((event) => event.data.runId === runId)).toBe(true);
    // A start is a change too: the unfiltered stream saw the run running before it completed.
    expect(all.events.some((event) => event.event === 'run' && event.data.runId === runId && event.data.status === 'running')).toBe(true);
    // Heartbeats keep an idle stream open (every 200 ms in this test, 15 s by default).
    await until(() => all.comments.includes(': heartbeat'), 'a heartbeat');
    for (const stream of [all, ofWorkflow, ofRun]) await stream.close();
  });

  it('answers a reconnect with Last-Event-ID with ready, and forgets a client that went away', async () => {
    const first = await openStream(`${base}/api/runs/stream`);
    const ready = await first.next((event) => event.event === 'ready');
    const listeners = () => app.server.getConnections.bind(app.server);
    await first.close();
    const again = await openStream(`${base}/api/runs/stream`, { 'last-event-id': ready.id ?? '' });
    const readyAgain = await again.next((event) => event.event === 'ready');
    expect(readyAgain.id).not.toBe(ready.id);
    await again.close();
    // The server let go of both sockets.
    await until(
      () => new Promise<boolean>((resolve) => listeners()((_error: Error | null, count: number) => resolve(count === 0))),
      'the closed streams to be let go',
    );
  });

  it('sends ready again after its LISTEN connection was lost, and goes on streaming', async () => {
    const stream = await openStream(`${base}/api/runs/stream`);
    await stream.next((event) => event.event === 'ready');
    // What a database restart does to the connection: the server ends it.
    const killed = await sql<{ terminated: boolean }>`
      select pg_terminate_backend(pid) as terminated from pg_stat_activity
      where application_name = 'switchboard-run-changes' and query = ${`listen "${schema.schema}.runs"`}
    `.execute(db);
    expect(killed.rows.length).toBe(1);
    await stream.next((event) => event.event === 'ready');
    const workflowId = await publish(worker, {
      name: 'After the restart',
      nodes: [{ id: 'start', type: 'core.manual', config: {} }],
      edges: [],
    });
    const { runId } = await worker.startManualRun(workflowId, {}, null);
    await stream.next((event) => event.event === 'run' && event.data.runId === runId);
    await stream.close();
  });

  it('retries a run whose HTTP step failed at that step, on the same run; refuses a finished run; starts one attempt for two retries', async () => {
    await api.putSecret('CRM_TOKEN', 'first');
    const workflowId = await publish(worker, {
      name: 'Call the CRM',
      nodes: [
        { id: 'start', type: 'core.manual', config: {} },
        {
          id: 'call',
          type: 'core.http_request',
          config: { method: 'GET', url: `${upstreamUrl}/crm`, headers: { authorization: 'Bearer {{ secrets.CRM_TOKEN }}' } },
        },
      ],
      edges: [{ from: 'start', to: 'call' }],
    });
    // The secret goes after publishing: the step fails for good (SECRET_NOT_FOUND), retrying cannot help until it is back.
    await api.deleteSecret('CRM_TOKEN');
    const stream = await openStream(`${base}/api/runs/stream?workflowId=${workflowId}`);
    await stream.next((event) => event.event === 'ready');
    const { runId } = await worker.startManualRun(workflowId, {}, null);
    const failed = await waitForRun(worker, runId, ['failed']);
    expect(failed.run.error).toMatchObject({ code: 'SECRET_NOT_FOUND' });
    expect(failed.run.atNode).toBe('call');
    await stream.next((event) => event.event === 'run' && event.data.status === 'failed');
    const callsBefore = calls.length;

    await api.putSecret('CRM_TOKEN', 'second');
    const retry = () => fetch(`${base}/api/runs/${runId}/retry`, { method: 'POST', headers: { authorization } });
    const answers = await Promise.all([retry(), retry()]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const refused = await (answers.find((answer) => answer.status === 409) as Response).json();
    expect(refused).toMatchObject({ statusCode: 409, code: 'RUN_NOT_RETRYABLE' });
    const retried = await (answers.find((answer) => answer.status === 200) as Response).json();
    expect(retried).toMatchObject({
      id: runId,
      status: 'running',
      error: null,
      finishedAt: null,
      durationMs: null,
      atNode: 'call',
      workflowName: 'Call the CRM',
    });
    await stream.next((event) => event.event === 'run' && event.data.status === 'running');

    const done = await waitForRun(worker, runId);
    await stream.next((event) => event.event === 'run' && event.data.status === 'completed');
    // The failed attempt stays; the retry is the next visit of the same node, with a key of its own.
    const response = await fetch(`${base}/api/runs/${runId}`, { headers: { authorization } });
    const body = (await response.json()) as { run: Record<string, unknown>; steps: Record<string, unknown>[] };
    expect(body.steps.map(({ nodeId, visit, status, retry }) => ({ nodeId, visit, status, retry }))).toEqual([
      { nodeId: 'start', visit: 1, status: 'completed', retry: false },
      { nodeId: 'call', visit: 1, status: 'failed', retry: false },
      { nodeId: 'call', visit: 2, status: 'completed', retry: true },
    ]);
    expect(body.steps[2]).toMatchObject({ port: 'success', attempt: 1 });
    expect(body.run).toMatchObject({ status: 'completed', atNode: null, visits: { start: 1, call: 2 } });
    expect(body.run.durationMs).toBeGreaterThanOrEqual(0);
    expect(done.run.finishedAt).not.toBeNull();
    // One call for the one attempt that started, under the retry's own key.
    expect(calls.slice(callsBefore)).toEqual([`${runId}:call:2`]);

    const again = await fetch(`${base}/api/runs/${runId}/retry`, { method: 'POST', headers: { authorization } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'RUN_NOT_RETRYABLE', message: expect.stringContaining('completed') });
    await stream.close();
  });

  it('lists runs by time range, with their workflow name and duration', async () => {
    const workflowId = await publish(worker, { name: 'Ranged', nodes: [{ id: 'start', type: 'core.manual', config: {} }], edges: [] });
    const { runId } = await worker.startManualRun(workflowId, {}, 'order:7');
    const { run } = await worker.getRun(runId);
    const at = run.createdAt.getTime();
    const list = async (query: string) => {
      const response = await fetch(`${base}/api/runs?workflowId=${workflowId}&${query}`, { headers: { authorization } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { runs: Record<string, unknown>[] }).runs;
    };
    const inRange = await list(`since=${new Date(at).toISOString()}&until=${new Date(at + 1).toISOString()}`);
    expect(inRange).toMatchObject([{ id: runId, workflowName: 'Ranged', subject: 'order:7', subjectLabel: null, status: 'completed', atNode: null }]);
    expect(await list(`since=${new Date(at + 1).toISOString()}`)).toEqual([]);
    expect(await list(`until=${new Date(at).toISOString()}`)).toEqual([]);
    const bad = await fetch(`${base}/api/runs?since=yesterday`, { headers: { authorization } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: 'REQUEST_INVALID', issues: [{ path: '/query/since' }] });
  });

  it('ends open streams when the server closes, without waiting for them', async () => {
    const stream = await openStream(`${base}/api/runs/stream`);
    await stream.next((event) => event.event === 'ready');
    const second = await createServer(api, {});
    await second.listen({ port: 0, host: '127.0.0.1' });
    const other = await openStream(`http://127.0.0.1:${(second.server.address() as AddressInfo).port}/api/runs/stream`);
    await other.next((event) => event.event === 'ready');
    const started = Date.now();
    await second.close();
    expect(Date.now() - started).toBeLessThan(2000);
    await until(() => other.ended, 'the stream to end');
    // The first server's stream is untouched.
    expect(stream.ended).toBe(false);
    await stream.close();
  });
});
