import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorized, expectError, makeDefinition, startTestApp, type TestApp } from '../test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/workflows',
    headers: authorized,
    payload: makeDefinition({ type: 'test.on_event', config: { event: 'order.paid' } }, { settings: { reentry: 'parallel' } }),
  });
  await t.app.inject({ method: 'POST', url: `/api/workflows/${created.json<{ id: string }>().id}/publish`, headers: authorized });
});
afterAll(() => t.close());

interface Emitted {
  eventId: string;
  runIds: string[];
  duplicate: boolean;
}

function emit(payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/events', headers: authorized, payload });
}

describe('POST /api/events', () => {
  it('accepts an event with 202 and starts the matching published workflow', async () => {
    const response = await emit({ type: 'order.paid', subject: 'order:1', data: { total: 10 } });
    expect(response.statusCode).toBe(202);
    const body = response.json<Emitted>();
    expect(body.duplicate).toBe(false);
    expect(body.runIds).toHaveLength(1);
  });

  it('starts nothing for an event no workflow listens to', async () => {
    const response = await emit({ type: 'nobody.listens' });
    expect(response.statusCode).toBe(202);
    expect(response.json<Emitted>().runIds).toEqual([]);
  });

  it("answers a repeated idempotency key with 200, duplicate: true and the first delivery's runs", async () => {
    const first = await emit({ type: 'order.paid', idempotencyKey: 'delivery-1', data: { total: 1 } });
    const again = await emit({ type: 'order.paid', idempotencyKey: 'delivery-1', data: { total: 1 } });
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(200);
    const [a, b] = [first.json<Emitted>(), again.json<Emitted>()];
    expect(a.runIds).toHaveLength(1);
    expect(b).toEqual({ eventId: a.eventId, runIds: a.runIds, duplicate: true });
  });

  it('rejects an invalid event with a pointer per field', async () => {
    const body = expectError(await emit({ type: '', subject: 5, idempotencyKey: 'k'.repeat(201) }), 422, 'REQUEST_INVALID');
    expect(body.issues?.map((issue) => issue.path).sort()).toEqual(['/idempotencyKey', '/subject', '/type']);
  });

  it('points at a missing type', async () => {
    const body = expectError(await emit({ data: {} }), 422, 'REQUEST_INVALID');
    expect(body.issues).toEqual([expect.objectContaining({ path: '/type', code: 'REQUEST_INVALID' })]);
  });
});
