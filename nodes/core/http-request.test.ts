import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runNodeStep, type RunNodeOptions } from '@switchboard/engine/testing';
import { httpRequest } from './http-request.ts';
import { MAX_BODY_BYTES } from './read-response-body.ts';
import { captureStepContext } from './testing/capture-step-context.ts';

interface ReceivedRequest {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let server: Server;
let baseUrl: string;
let received: ReceivedRequest[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      switch (request.url) {
        case '/contacts':
          response.writeHead(201, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-1', 'x-internal': 'dropped' });
          response.end(JSON.stringify({ id: 7, created: true }));
          return;
        case '/ping':
          response.writeHead(200, { 'content-type': 'text/plain' });
          response.end('pong');
          return;
        case '/broken':
          response.writeHead(500, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: 'database down' }));
          return;
        case '/busy':
          response.writeHead(429, { 'retry-after': '30' });
          response.end();
          return;
        case '/missing':
          response.writeHead(404, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ error: 'no such contact' }));
          return;
        case '/big':
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(`"${'a'.repeat(MAX_BODY_BYTES)}"`);
          return;
        case '/slow':
          // Answers long after any test's timeout; afterAll closes the connection.
          setTimeout(() => response.end('late'), 5_000).unref();
          return;
        default:
          response.writeHead(404);
          response.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${portOf(server)}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
});

function portOf(listening: Server): number {
  const address = listening.address();
  if (address === null || typeof address === 'string') throw new Error('The test server is not listening on TCP.');
  return address.port;
}

/** The test server is on loopback, which the default egress policy refuses: these tests allow it. */
const allowLoopback = { allow: ['127.0.0.1'] };

function call(config: Readonly<Record<string, unknown>>, options: Partial<RunNodeOptions> = {}) {
  return runNodeStep(httpRequest, { egress: allowLoopback, ...options, config: { ...config, url: `${baseUrl}${String(config.url)}` } });
}

describe('core.http_request', () => {
  it('sends JSON with an Idempotency-Key and routes a 2xx to success', async () => {
    const result = await call(
      { method: 'POST', url: '/contacts', headers: { Authorization: 'Bearer {{ vars.token }}' }, body: { email: '{{ trigger.email }}', tags: ['vip'] } },
      { trigger: { email: 'ana@example.com' }, vars: { token: 't0k' } },
    );
    expect(result).toEqual({
      kind: 'next',
      port: 'success',
      output: {
        status: 201,
        ok: true,
        headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': 'req-1' },
        body: { id: 7, created: true },
      },
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      method: 'POST',
      headers: { 'idempotency-key': 'run-1:node:1', 'content-type': 'application/json', authorization: 'Bearer t0k' },
    });
    expect(JSON.parse(received[0]?.body ?? '')).toEqual({ email: 'ana@example.com', tags: ['vip'] });
  });

  it('keeps the Idempotency-Key across attempts of a visit and changes it for the next visit', async () => {
    await call({ url: '/ping' }, { attempt: 1 });
    await call({ url: '/ping' }, { attempt: 2 });
    await call({ url: '/ping' }, { visit: 2 });
    expect(received.map((request) => request.headers['idempotency-key'])).toEqual(['run-1:node:1', 'run-1:node:1', 'run-1:node:2']);
  });

  it("sends the run's chain, over any configured value, so a webhook it calls continues the chain", async () => {
    await call({ url: '/ping', headers: { 'Switchboard-Run-Chain': '00000000-0000-0000-0000-000000000000;depth=0' } });
    expect(received[0]?.headers['switchboard-run-chain']).toBe('run-1;depth=0');
  });

  it('sends a GET without a body and reads a text answer as text', async () => {
    const result = await call({ url: '/ping' });
    expect(result).toMatchObject({ port: 'success', output: { status: 200, body: 'pong' } });
    expect(received[0]).toMatchObject({ method: 'GET', body: '' });
    expect(received[0]?.headers['content-type']).toBeUndefined();
  });

  it('stores the result in the saveAs variable', async () => {
    const result = await call({ method: 'POST', url: '/contacts', body: {}, saveAs: 'contact' });
    expect(result).toMatchObject({ port: 'success', vars: { contact: { status: 201, body: { id: 7, created: true } } } });
  });

  it('retries a 500 with exponential backoff and jitter', async () => {
    const first = await call({ url: '/broken' }, { attempt: 1 });
    const second = await call({ url: '/broken' }, { attempt: 2 });
    expect(first).toEqual({
      kind: 'retry',
      afterMs: expect.any(Number),
      error: { code: 'STEP_UPSTREAM_FAILED', kind: 'operational', message: expect.stringContaining('answered 500'), details: { attempt: 1, status: 500 } },
    });
    const delays = [first, second].map((result) => (result.kind === 'retry' ? result.afterMs : Number.NaN));
    expect(delays[0]).toBeGreaterThanOrEqual(1_000);
    expect(delays[0]).toBeLessThanOrEqual(1_200);
    expect(delays[1]).toBeGreaterThanOrEqual(2_000);
    expect(delays[1]).toBeLessThanOrEqual(2_400);
  });

  it('routes a 500 on the last attempt to failure with the answer and the reason', async () => {
    const result = await call({ url: '/broken', retries: 2, saveAs: 'crm' }, { attempt: 3 });
    const output = {
      status: 500,
      ok: false,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      body: { error: 'database down' },
      error: { code: 'STEP_UPSTREAM_FAILED', message: expect.stringContaining('Gave up after 3 attempts') },
    };
    expect(result).toEqual({ kind: 'next', port: 'failure', output, vars: { crm: output } });
  });

  it('routes a 404 to failure at once', async () => {
    const result = await call({ url: '/missing', retries: 5 }, { attempt: 1 });
    expect(result).toMatchObject({
      port: 'failure',
      output: {
        status: 404,
        body: { error: 'no such contact' },
        error: { code: 'STEP_UPSTREAM_FAILED', message: expect.stringMatching(/^GET http:\/\/127\.0\.0\.1:\d+\/missing answered 404/) },
      },
    });
    expect(received).toHaveLength(1);
  });

  it('retries a request that times out as STEP_TIMEOUT, and fails once retries are spent', async () => {
    const retried = await call({ url: '/slow', timeoutMs: 100 }, { attempt: 1 });
    expect(retried).toMatchObject({ kind: 'retry', error: { code: 'STEP_TIMEOUT', kind: 'operational', message: expect.stringContaining('within 100 ms') } });
    const failed = await call({ url: '/slow', timeoutMs: 100, retries: 0 }, { attempt: 1 });
    expect(failed).toMatchObject({
      port: 'failure',
      output: { ok: false, error: { code: 'STEP_TIMEOUT', message: expect.stringContaining('Gave up after 1 attempt.') } },
    });
  });

  it('waits as long as Retry-After asks', async () => {
    expect(await call({ url: '/busy' })).toMatchObject({ kind: 'retry', afterMs: 30_000, error: { details: { status: 429 } } });
  });

  it('retries a refused connection, and fails it with the text of a refused address', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = portOf(closed);
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const config = { url: `http://127.0.0.1:${port}/`, retries: 0 };
    const retried = await runNodeStep(httpRequest, { config: { ...config, retries: 2 }, egress: allowLoopback });
    expect(retried).toMatchObject({ kind: 'retry', error: { code: 'HTTP_DESTINATION_UNREACHABLE', kind: 'operational' } });
    // A closed port, and the same address refused by the default policy: nothing tells them apart.
    const closedPort = await runNodeStep(httpRequest, { config, egress: allowLoopback });
    const refused = await runNodeStep(httpRequest, { config });
    expect(closedPort).toEqual(refused);
    expect(refused).toEqual({
      kind: 'next',
      port: 'failure',
      output: {
        ok: false,
        error: {
          code: 'HTTP_DESTINATION_UNREACHABLE',
          message: `GET http://127.0.0.1:${port}/ could not be reached: the host did not resolve or answer, or the egress policy refuses its address (see SWITCHBOARD_EGRESS_ALLOW). Gave up after 1 attempt.`,
        },
      },
    });
  });

  it('refuses loopback, private and metadata addresses under the default egress policy, sending nothing', async () => {
    const port = portOf(server);
    for (const url of [
      `${baseUrl}/ping`,
      `http://2130706433:${port}/ping`,
      `http://[::ffff:127.0.0.1]:${port}/ping`,
      `http://localhost:${port}/ping`,
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const result = await runNodeStep(httpRequest, { config: { url, retries: 0 } });
      expect(result, url).toMatchObject({
        port: 'failure',
        output: { error: { code: 'HTTP_DESTINATION_UNREACHABLE', message: expect.stringContaining('could not be reached') } },
      });
    }
    expect(received).toEqual([]);
  });

  it('caps a large body at 256 KiB and says it did', async () => {
    const result = await call({ url: '/big' });
    // The JSON text is one byte over the cap: its first 256 KiB come back as text, not parsed.
    expect(result).toMatchObject({ port: 'success', output: { truncated: true, body: `"${'a'.repeat(MAX_BODY_BYTES - 1)}` } });
  });

  it('routes a rendered URL that is not http or https to failure without sending it', async () => {
    const result = await runNodeStep(httpRequest, { config: { url: '{{ vars.target }}' }, vars: { target: 'file:///etc/passwd' } });
    expect(result).toMatchObject({
      port: 'failure',
      output: { ok: false, error: { code: 'STEP_INVALID_INPUT', message: expect.stringContaining('file:///etc/passwd') } },
    });
  });

  it('retries when a shutdown interrupts the request, whatever the attempt', async () => {
    const ctx = await captureStepContext(httpRequest, { config: { url: `${baseUrl}/slow`, retries: 0 }, attempt: 5, egress: allowLoopback });
    const result = await httpRequest.run({ ...ctx, abortSignal: AbortSignal.abort() });
    expect(result).toMatchObject({ kind: 'retry', afterMs: 1_000, error: { code: 'STEP_UPSTREAM_FAILED', message: expect.stringContaining('shutdown') } });
  });

  it('reports a GET with a body, a non-http URL and a bad header name, and accepts a templated URL', () => {
    const base = { method: 'GET', headers: {}, timeoutMs: 10_000, retries: 2, retryBackoffMs: 1_000 } as const;
    expect(httpRequest.validate?.({ ...base, url: 'ftp://files.example.com', headers: { 'Bad Header': 'x' }, body: { a: 1 } })).toEqual([
      { path: '/url', message: expect.stringContaining('not an http or https URL') },
      { path: '/headers/Bad Header', message: expect.stringContaining('not a valid header name') },
      { path: '/body', message: expect.stringContaining('A GET request carries no body') },
    ]);
    expect(httpRequest.validate?.({ ...base, url: 'https://crm.example.com/contacts/{{ contact.id }}' })).toEqual([]);
  });
});
