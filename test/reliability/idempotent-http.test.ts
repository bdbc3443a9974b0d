import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

/** Promises 2 and 8: outside calls carry a stable key, are retried with backoff, and time out. */
describe('outside effects', () => {
  let harness: TestEngine;
  let server: Server;
  let base: string;
  const seen: { path: string; key: string }[] = [];
  let failuresLeft = 2;

  beforeAll(async () => {
    server = createServer((request, response) => {
      request.resume();
      seen.push({ path: request.url ?? '', key: String(request.headers['idempotency-key']) });
      if (request.url === '/flaky' && failuresLeft > 0) {
        failuresLeft -= 1;
        response.writeHead(503).end();
        return;
      }
      if (request.url === '/silent') return; // never answers
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"done":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The server is on loopback, which the default egress policy refuses.
    harness = await startTestEngine({ nodes: [...corePack], egress: { allow: ['127.0.0.1'] } });
  });
  afterAll(async () => {
    await harness?.close();
    server?.closeAllConnections();
    server?.close();
  });

  it('retries a failing call with the same idempotency key and records its result once', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Flaky call',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'flaky' } },
        { id: 'call', type: 'core.http_request', config: { method: 'POST', url: `${base}/flaky`, retries: 3, retryBackoffMs: 100 } },
      ],
      edges: [{ from: 'start', to: 'call' }],
    });
    const { runIds } = await engine.emit({ type: 'flaky', subject: 'f:1' });
    const { run, steps } = await waitForRun(engine, runIds[0] as string);
    const keys = seen.filter((entry) => entry.path === '/flaky').map((entry) => entry.key);
    expect(keys).toEqual([`${run.id}:call:1`, `${run.id}:call:1`, `${run.id}:call:1`]);
    const call = steps.filter((step) => step.nodeId === 'call');
    expect(call).toHaveLength(1);
    expect(call[0]).toMatchObject({ status: 'completed', port: 'success', attempt: 3, output: { status: 200 } });
  });

  it('gives up on a call that does not answer within its timeout and leaves by failure', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Silent call',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'silent' } },
        { id: 'call', type: 'core.http_request', config: { method: 'GET', url: `${base}/silent`, timeoutMs: 200, retries: 0 } },
      ],
      edges: [{ from: 'start', to: 'call' }],
    });
    const { runIds } = await engine.emit({ type: 'silent', subject: 's:1' });
    const { steps } = await waitForRun(engine, runIds[0] as string);
    const call = steps.find((step) => step.nodeId === 'call');
    expect(call).toMatchObject({ status: 'completed', port: 'failure', output: { error: { code: 'STEP_TIMEOUT' } } });
    expect(call?.durationMs).toBeLessThan(5000);
  });
});
