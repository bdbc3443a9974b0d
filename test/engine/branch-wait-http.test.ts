import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corePack } from '@switchboard/nodes-core';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

describe('a flow with a branch, a wait and an HTTP call', () => {
  let harness: TestEngine;
  let server: Server;
  let url: string;
  const received: { key: string | undefined; body: unknown }[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        received.push({ key: request.headers['idempotency-key'] as string | undefined, body: JSON.parse(body || 'null') });
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ ok: true, plan: 'gold' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    // The server is on loopback, which the default egress policy refuses.
    harness = await startTestEngine({ nodes: [...corePack], egress: { allow: ['127.0.0.1'] } });
  });

  afterAll(async () => {
    await harness?.close();
    server?.close();
  });

  it('runs to completion from an event, recording every step with its port', async () => {
    const { engine } = harness;
    await publish(engine, {
      name: 'Branch, wait, call',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'order.created' } },
        {
          id: 'route',
          type: 'core.branch',
          config: { branches: [{ id: 'big', conditions: [{ path: 'trigger.data.total', operator: 'greater_than', value: 100 }] }] },
        },
        { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 1, unit: 'seconds' } },
        { id: 'notify', type: 'core.http_request', config: { method: 'POST', url, body: { order: '{{ trigger.data.id }}' }, saveAs: 'reply' } },
        { id: 'remember', type: 'core.set_variable', config: { assignments: [{ name: 'plan', value: '{{ vars.reply.body.plan }}' }] } },
      ],
      edges: [
        { from: 'start', to: 'route' },
        { from: 'route', port: 'big', to: 'pause' },
        { from: 'pause', to: 'notify' },
        { from: 'notify', port: 'success', to: 'remember' },
      ],
    });
    const { runIds } = await engine.emit({ type: 'order.created', subject: 'order:1', data: { id: 'A-1', total: 250 } });
    expect(runIds).toHaveLength(1);
    const { run, steps } = await waitForRun(engine, runIds[0] as string);
    expect(steps.map((step) => [step.nodeId, step.status, step.port])).toEqual([
      ['start', 'completed', 'next'],
      ['route', 'completed', 'big'],
      ['pause', 'completed', 'next'],
      ['notify', 'completed', 'success'],
      ['remember', 'completed', 'next'],
    ]);
    expect(run.vars).toMatchObject({ plan: 'gold' });
    const pause = steps.find((step) => step.nodeId === 'pause');
    expect((pause?.finishedAt?.getTime() ?? 0) - (pause?.startedAt.getTime() ?? 0)).toBeGreaterThanOrEqual(900);
    expect(received).toEqual([{ key: `${run.id}:notify:1`, body: { order: 'A-1' } }]);
  });

  it('ends the run when the branch takes an unconnected port', async () => {
    const { engine } = harness;
    const { runIds } = await engine.emit({ type: 'order.created', subject: 'order:2', data: { id: 'A-2', total: 5 } });
    const { steps } = await waitForRun(engine, runIds[0] as string);
    expect(steps.map((step) => [step.nodeId, step.port])).toEqual([
      ['start', 'next'],
      ['route', 'else'],
    ]);
  });
});
