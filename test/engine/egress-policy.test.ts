import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@switchboard/engine';
import { corePack } from '@switchboard/nodes-core';
import { publish, startTestEngine, type TestEngine, waitForRun } from '../support/test-engine.ts';

const unreachable = (target: string) =>
  `${target} could not be reached: the host did not resolve or answer, or the egress policy refuses its address (see SWITCHBOARD_EGRESS_ALLOW). Gave up after 1 attempt.`;

describe('core.http_request in a published flow, under the egress policy', () => {
  let harness: TestEngine;
  let server: Server;
  let port: number;
  let requests = 0;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    server = createServer((_request, response) => {
      requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"secret":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    // The default egress policy: no `egress` option.
    harness = await startTestEngine({
      nodes: [...corePack],
      logger: createLogger('warn', {}, (line) => logLines.push(JSON.parse(line) as Record<string, unknown>)),
    });
    await publish(harness.engine, {
      name: 'Call out',
      nodes: [
        { id: 'start', type: 'core.event', config: { event: 'call.out' } },
        { id: 'call', type: 'core.http_request', config: { url: '{{ trigger.data.url }}', retries: 0, saveAs: 'reply' } },
      ],
      edges: [{ from: 'start', to: 'call' }],
    });
  });

  afterAll(async () => {
    await harness?.close();
    server?.close();
  });

  async function callOut(url: string) {
    const { runIds } = await harness.engine.emit({ type: 'call.out', subject: null, data: { url } });
    const detail = await waitForRun(harness.engine, runIds[0] as string);
    const call = detail.steps.find((step) => step.nodeId === 'call');
    return { detail, call };
  }

  it('records one text for an open port it refused, a metadata address and a host that does not resolve, and keeps the reason in the log', async () => {
    const refused = await callOut(`http://127.0.0.1:${port}/admin?token=abc`);
    const metadata = await callOut('http://169.254.169.254/latest/meta-data/iam/');
    const unresolved = await callOut('http://no-such-host.invalid/admin');
    expect(requests).toBe(0);
    for (const [{ call, detail }, target] of [
      [refused, `GET http://127.0.0.1:${port}/admin`],
      [metadata, 'GET http://169.254.169.254/latest/meta-data/iam/'],
      [unresolved, 'GET http://no-such-host.invalid/admin'],
    ] as const) {
      const error = { code: 'HTTP_DESTINATION_UNREACHABLE', message: unreachable(target) };
      expect({ status: call?.status, port: call?.port, output: call?.output }).toEqual({ status: 'completed', port: 'failure', output: { ok: false, error } });
      expect(detail.run.vars).toEqual({ reply: { ok: false, error } });
      // The reason is the operator's: nowhere in what the API returns for the run.
      expect(JSON.stringify(detail)).not.toMatch(/loopback|metadata address|ENOTFOUND|EAI_AGAIN|refused by/);
    }
    const warnings = logLines.filter((line) => line.level === 'warn' && String(line.msg).startsWith('outbound HTTP'));
    expect(warnings).toEqual([
      expect.objectContaining({ msg: 'outbound HTTP refused by the egress policy', nodeId: 'call', address: '127.0.0.1', addressClass: 'loopback' }),
      expect.objectContaining({ msg: 'outbound HTTP refused by the egress policy', nodeId: 'call', address: '169.254.169.254', addressClass: 'metadata' }),
      expect.objectContaining({
        msg: 'outbound HTTP could not connect',
        nodeId: 'call',
        error: expect.objectContaining({ code: expect.stringMatching(/^(ENOTFOUND|EAI_AGAIN)$/) }),
      }),
    ]);
  });
});
