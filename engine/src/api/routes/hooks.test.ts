import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorized, expectError, makeDefinition, startTestApp, type TestApp } from '../test-app.ts';

let t: TestApp;
let hookWorkflowId: string;
let manualWorkflowId: string;
const secret = 's3cr3t';

async function publish(definition: Record<string, unknown>): Promise<string> {
  const created = await t.app.inject({ method: 'POST', url: '/api/workflows', headers: authorized, payload: definition });
  const id = created.json<{ id: string }>().id;
  await t.app.inject({ method: 'POST', url: `/api/workflows/${id}/publish`, headers: authorized });
  return id;
}

function sign(body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

beforeAll(async () => {
  t = await startTestApp();
  hookWorkflowId = await publish(makeDefinition({ type: 'test.on_webhook', config: { secret } }));
  manualWorkflowId = await publish(makeDefinition({ type: 'test.on_manual' }));
});
afterAll(() => t.close());

describe('POST /hooks/:workflowId', () => {
  it('starts a run when the signature covers the raw body exactly as sent', async () => {
    // Odd spacing and key order: a re-serialized body would not match this signature.
    const payload = '{ "b": 2,   "a": [1, 2] }';
    const response = await t.app.inject({
      method: 'POST',
      url: `/hooks/${hookWorkflowId}`,
      headers: { 'content-type': 'application/json', 'x-test-signature': sign(payload) },
      payload,
    });
    expect(response.statusCode).toBe(202);
    const { runId, started } = response.json<{ runId: string; started: boolean }>();
    expect(started).toBe(true);
    const run = await t.app.inject({ method: 'GET', url: `/api/runs/${runId}`, headers: authorized });
    expect(run.json()).toMatchObject({ run: { trigger: { body: { a: [1, 2], b: 2 } } } });
  });

  it('answers 401 WEBHOOK_SIGNATURE_INVALID for a wrong signature', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/hooks/${hookWorkflowId}`,
      headers: { 'content-type': 'application/json', 'x-test-signature': sign('{}') },
      payload: '{"a":1}',
    });
    expectError(response, 401, 'WEBHOOK_SIGNATURE_INVALID');
  });

  it('answers 400 REQUEST_MALFORMED_JSON for a body that is not JSON', async () => {
    const payload = '{"a":';
    const response = await t.app.inject({
      method: 'POST',
      url: `/hooks/${hookWorkflowId}`,
      headers: { 'content-type': 'application/json', 'x-test-signature': sign(payload) },
      payload,
    });
    expectError(response, 400, 'REQUEST_MALFORMED_JSON');
  });

  it('answers 404 for a workflow that does not exist, uuid or not', async () => {
    expectError(await t.app.inject({ method: 'POST', url: '/hooks/00000000-0000-4000-8000-000000000000', payload: {} }), 404, 'WORKFLOW_NOT_ACTIVE');
    expectError(await t.app.inject({ method: 'POST', url: '/hooks/nope', payload: {} }), 404, 'WORKFLOW_NOT_FOUND');
  });

  it('answers 409 WORKFLOW_TRIGGER_MISMATCH for a workflow without a webhook trigger', async () => {
    expectError(await t.app.inject({ method: 'POST', url: `/hooks/${manualWorkflowId}`, payload: {} }), 409, 'WORKFLOW_TRIGGER_MISMATCH');
  });
});
