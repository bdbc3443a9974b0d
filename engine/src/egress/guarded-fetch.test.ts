import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isSwitchboardError } from '../errors.ts';
import type { NodeLogger } from '../sdk.ts';
import { createEgressPolicy, type EgressOptions } from './egress-policy.ts';
import { createEgressDispatcher } from './egress-dispatcher.ts';
import { createGuardedFetch } from './guarded-fetch.ts';

interface Seen {
  readonly server: string;
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let seen: Seen[] = [];
let origin: string;
let otherOrigin: string;
let secondLoopback: string;
let closedPort: number;
const servers: Server[] = [];

/** A server that records what reaches it; `/to?url=...&status=...` redirects, `/slow` never answers. */
async function listen(name: string, host: string): Promise<number> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://x');
      seen.push({ server: name, method: request.method ?? '', url: url.pathname, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (url.pathname === '/to') {
        response.writeHead(Number(url.searchParams.get('status') ?? '302'), { location: url.searchParams.get('url') ?? '/' }).end();
      } else if (url.pathname === '/loop') {
        response.writeHead(302, { location: '/loop' }).end();
      } else if (url.pathname !== '/slow') {
        response.writeHead(200, { 'content-type': 'text/plain' }).end(`${name}${url.pathname}`);
      }
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening on TCP');
  return address.port;
}

beforeAll(async () => {
  origin = `http://127.0.0.1:${await listen('main', '127.0.0.1')}`;
  otherOrigin = `http://127.0.0.1:${await listen('other', '127.0.0.1')}`;
  // 127.0.0.0/8 is all loopback on Linux: a second address to allow one and refuse the other.
  secondLoopback = `http://127.0.0.2:${await listen('second', '127.0.0.2')}`;
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPort = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

beforeEach(() => {
  seen = [];
});

function guardedFetch(egress: EgressOptions = {}) {
  const warnings: { message: string; fields: Record<string, unknown> | undefined }[] = [];
  const log: NodeLogger = { info: () => undefined, warn: (message, fields) => warnings.push({ message, fields }), error: () => undefined };
  return { fetch: createGuardedFetch(createEgressDispatcher(createEgressPolicy(egress)), log), warnings };
}

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (rejected: unknown) => rejected,
  );
  if (!isSwitchboardError(error)) throw new Error(`expected a SwitchboardError, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

const unreachable = (target: string) => ({
  code: 'HTTP_DESTINATION_UNREACHABLE',
  message: `${target} could not be reached: the host did not resolve or answer, or the egress policy refuses its address (see SWITCHBOARD_EGRESS_ALLOW).`,
});

describe('ctx.fetch under the default egress policy', () => {
  it('refuses loopback in every spelling, a name that resolves to it and the metadata address, sending nothing', async () => {
    const { fetch, warnings } = guardedFetch();
    const port = new URL(origin).port;
    const targets = [
      `http://127.0.0.1:${port}/`,
      `http://2130706433:${port}/`, // 127.0.0.1 as one decimal number
      `http://0x7f.1:${port}/`,
      `http://[::1]:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      `http://localhost:${port}/`,
      `http://0.0.0.0:${port}/`,
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/latest/meta-data/',
    ];
    for (const target of targets) {
      const url = new URL(target);
      expect(await failureOf(fetch(target)), target).toEqual(unreachable(`GET ${url.origin}${url.pathname}`));
    }
    expect(seen).toEqual([]);
    // The operator's log says what each was.
    expect(warnings.map((warning) => warning.fields?.addressClass ?? warning.fields?.addresses)).toEqual([
      'loopback',
      'loopback',
      'loopback',
      'loopback',
      'loopback',
      ['127.0.0.1 (loopback)'],
      'unspecified',
      'metadata',
      'metadata',
    ]);
  });

  it('gives a closed port, a refused address and a name that does not resolve the same failure, byte for byte', async () => {
    const target = `http://127.0.0.1:${closedPort}/orders`;
    const refused = await failureOf(guardedFetch().fetch(target, { method: 'POST', body: '{}' }));
    const allowed = guardedFetch({ allow: ['127.0.0.1'] });
    const closed = await failureOf(allowed.fetch(target, { method: 'POST', body: '{}' }));
    expect(closed).toEqual(refused);
    expect(refused).toEqual(unreachable(`POST http://127.0.0.1:${closedPort}/orders`));
    expect(allowed.warnings).toEqual([
      { message: 'outbound HTTP could not connect', fields: expect.objectContaining({ error: expect.objectContaining({ code: 'ECONNREFUSED' }) }) },
    ]);
    const unresolved = await failureOf(guardedFetch().fetch('http://no-such-host.invalid/orders', { method: 'POST', body: '{}' }));
    expect(unresolved).toEqual(unreachable('POST http://no-such-host.invalid/orders'));
  });

  it('refuses a redirect from an allowed server to a refused address, and follows it once that address is allowed', async () => {
    const to = `${origin}/to?url=${encodeURIComponent(`${secondLoopback}/secret`)}`;
    const onlyFirst = guardedFetch({ allow: ['127.0.0.1'] });
    expect(await failureOf(onlyFirst.fetch(to))).toEqual(unreachable(`GET ${origin}/to`));
    expect(seen.map((request) => request.server)).toEqual(['main']);
    expect(onlyFirst.warnings[0]?.fields).toMatchObject({ url: `${secondLoopback}/secret`, address: '127.0.0.2', addressClass: 'loopback' });

    seen = [];
    const response = await guardedFetch({ allow: ['127.0.0.0/30'] }).fetch(to);
    expect(await response.text()).toBe('second/secret');
    expect({ url: response.url, redirected: response.redirected }).toEqual({ url: `${secondLoopback}/secret`, redirected: true });
  });

  it('refuses a redirect to a scheme other than http and https', async () => {
    const { fetch } = guardedFetch({ allow: ['127.0.0.1'] });
    expect(await failureOf(fetch(`${origin}/to?url=${encodeURIComponent('file:///etc/passwd')}`))).toEqual(unreachable(`GET ${origin}/to`));
  });

  it('lets an allow-listed host name through whatever it resolves to', async () => {
    const response = await guardedFetch({ allow: ['localhost'] }).fetch(`http://localhost:${new URL(origin).port}/hello`);
    expect(await response.text()).toBe('main/hello');
  });
});

describe('ctx.fetch redirects', () => {
  const allowLoopback = { allow: ['127.0.0.1'] };

  it('turns a POST into a GET without its body on a 303, and drops credentials when leaving the origin', async () => {
    const to = `${origin}/to?status=303&url=${encodeURIComponent(`${otherOrigin}/landing`)}`;
    const response = await guardedFetch(allowLoopback).fetch(to, {
      method: 'POST',
      headers: { authorization: 'Bearer secret', 'content-type': 'application/json', 'idempotency-key': 'run:node:1' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    const landing = seen[1];
    expect(landing).toMatchObject({ server: 'other', method: 'GET', body: '', headers: { 'idempotency-key': 'run:node:1' } });
    expect(landing?.headers.authorization).toBeUndefined();
    expect(landing?.headers['content-type']).toBeUndefined();
  });

  it('repeats method, body and credentials on a same-origin 307', async () => {
    await guardedFetch(allowLoopback).fetch(`${origin}/to?status=307&url=/again`, { method: 'PUT', headers: { authorization: 'Bearer secret' }, body: 'same' });
    expect(seen.map((request) => [request.url, request.method, request.body, request.headers.authorization])).toEqual([
      ['/to', 'PUT', 'same', 'Bearer secret'],
      ['/again', 'PUT', 'same', 'Bearer secret'],
    ]);
  });

  it('stops after 20 redirects as fetch does', async () => {
    await expect(guardedFetch(allowLoopback).fetch(`${origin}/loop`)).rejects.toMatchObject({
      message: 'fetch failed',
      cause: { message: 'redirect count exceeded' },
    });
    expect(seen).toHaveLength(21);
  });

  it('hands back the redirect itself when asked to, and refuses one when asked to', async () => {
    const { fetch } = guardedFetch(allowLoopback);
    const manual = await fetch(`${origin}/to?url=/elsewhere`, { redirect: 'manual' });
    expect({ status: manual.status, location: manual.headers.get('location') }).toEqual({ status: 302, location: '/elsewhere' });
    await expect(fetch(`${origin}/to?url=/elsewhere`, { redirect: 'error' })).rejects.toMatchObject({ cause: { message: 'unexpected redirect' } });
  });
});

describe('ctx.fetch while connecting', () => {
  /**
   * A port whose connections never open: a server in a worker whose event loop is blocked, so it
   * accepts nothing, with its accept queue (backlog 1) filled. The kernel then drops new SYNs.
   */
  async function portThatNeverConnects(): Promise<{ port: number; release(): Promise<void> }> {
    const gate = new Int32Array(new SharedArrayBuffer(4));
    const worker = new Worker(
      `const { createServer } = require('node:net');
       const { parentPort, workerData } = require('node:worker_threads');
       const server = createServer().listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
         parentPort.postMessage(server.address().port);
         Atomics.wait(workerData, 0, 0, 30000);
         server.close();
       });`,
      { eval: true, workerData: gate },
    );
    const port = await new Promise<number>((resolve) => worker.once('message', resolve));
    const fillers: Socket[] = [];
    for (let count = 0; count < 3; count += 1) fillers.push(connect(port, '127.0.0.1').on('error', () => undefined));
    await new Promise((resolve) => setTimeout(resolve, 100));
    return {
      port,
      async release() {
        for (const filler of fillers) filler.destroy();
        Atomics.notify(gate, 0);
        await worker.terminate();
      },
    };
  }

  it('fails a connection that does not open in time with the one unreachable text', async () => {
    const hanging = await portThatNeverConnects();
    try {
      const { fetch, warnings } = guardedFetch({ allow: ['127.0.0.1'] });
      const target = `http://127.0.0.1:${hanging.port}/orders`;
      expect(await failureOf(fetch(target, { signal: AbortSignal.timeout(300) }))).toEqual(unreachable(`GET ${target}`));
      expect(warnings).toEqual([{ message: 'outbound HTTP could not connect', fields: expect.objectContaining({ error: 'timed out while connecting' }) }]);
    } finally {
      await hanging.release();
    }
  });
});

describe('ctx.fetch after connecting', () => {
  it('reports a timeout while waiting for the answer as fetch does, not as unreachable', async () => {
    const error = await guardedFetch({ allow: ['127.0.0.1'] })
      .fetch(`${origin}/slow`, { signal: AbortSignal.timeout(100) })
      .catch((rejected: unknown) => rejected);
    expect(error).toMatchObject({ name: 'TimeoutError' });
  });
});
