import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorized, expectError, headersFor, makeDefinition, startTestApp, type TestApp } from '../test-app.ts';

const value = 'tok_live_4f9a1c0e7b2d';

describe('the secrets API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ secretsKey: { current: randomBytes(32) } });
  });
  afterAll(() => t.close());

  const put = (name: string, payload: unknown) =>
    t.app.inject({ method: 'PUT', url: `/api/secrets/${name}`, headers: authorized, payload: payload as Record<string, unknown> });

  it('creates, replaces, lists and deletes a secret, and never answers with its value', async () => {
    const created = await put('API_TOKEN', { value });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({ name: 'API_TOKEN', createdAt: expect.any(String), updatedAt: expect.any(String) });
    const replaced = await put('API_TOKEN', { value: `${value}-2` });
    expect(replaced.statusCode).toBe(200);
    expect(replaced.json().createdAt).toBe(created.json().createdAt);
    const listed = await t.app.inject({ method: 'GET', url: '/api/secrets', headers: authorized });
    expect(listed.json()).toEqual([{ name: 'API_TOKEN', createdAt: created.json().createdAt, updatedAt: replaced.json().updatedAt }]);
    for (const response of [created, replaced, listed]) expect(response.body).not.toContain(value);

    expect((await t.app.inject({ method: 'DELETE', url: '/api/secrets/API_TOKEN', headers: authorized })).statusCode).toBe(204);
    expectError(await t.app.inject({ method: 'DELETE', url: '/api/secrets/API_TOKEN', headers: authorized }), 404, 'SECRET_NOT_FOUND');
    expect((await t.app.inject({ method: 'GET', url: '/api/secrets', headers: authorized })).json()).toEqual([]);
  });

  it('stores ciphertext, not the value', async () => {
    await put('STORED', { value });
    const rows = await t.engine.transaction(async (trx) =>
      trx
        .withTables<{ secrets: { name: string; ciphertext: Buffer } }>()
        .selectFrom('secrets')
        .select(['name', 'ciphertext'])
        .where('name', '=', 'STORED')
        .execute(),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.ciphertext.includes(Buffer.from(value))).toBe(false);
    expect(rows[0]?.ciphertext.toString('utf8')).not.toContain(value);
  });

  it('refuses a name that is not a secret name, with a pointer at it and what a name looks like', async () => {
    for (const name of ['api_token', '1TOKEN', `A${'B'.repeat(64)}`, 'API-TOKEN']) {
      const body = expectError(await put(name, { value }), 422, 'REQUEST_INVALID');
      expect(body.issues).toEqual([
        { path: '/params/name', code: 'REQUEST_INVALID', message: expect.stringContaining('must be a secret name: upper-case letters, digits and _') },
      ]);
      expectError(await t.app.inject({ method: 'DELETE', url: `/api/secrets/${name}`, headers: authorized }), 422, 'REQUEST_INVALID');
    }
  });

  it('refuses a missing, empty, oversized or extra value with pointers, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [{}, '/value'],
      [{ value: '' }, '/value'],
      [{ value: 'x'.repeat(65_537) }, '/value'],
      [{ value: 42 }, '/value'],
      [{ value, note: 'extra' }, '/note'],
    ];
    for (const [payload, path] of cases) {
      const body = expectError(await put('REFUSED', payload), 422, 'REQUEST_INVALID');
      expect(body.issues?.map((issue) => issue.path)).toContain(path);
    }
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/secrets', headers: authorized })).json().map((secret: { name: string }) => secret.name),
    ).not.toContain('REFUSED');
  });

  it('needs a token, and a token with the admin role', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/api/secrets' }), 401, 'AUTH_REQUIRED');
    // An editor's token reads and writes flows, and is refused here.
    const asEditor = await headersFor(t, 'editor');
    expect((await t.app.inject({ method: 'GET', url: '/api/workflows', headers: asEditor })).statusCode).toBe(200);
    for (const [method, url] of [
      ['GET', '/api/secrets'],
      ['PUT', '/api/secrets/API_TOKEN'],
      ['DELETE', '/api/secrets/API_TOKEN'],
    ] as const) {
      expectError(await t.app.inject({ method, url, headers: asEditor, ...(method === 'PUT' ? { payload: { value } } : {}) }), 403, 'AUTH_FORBIDDEN');
    }
  });

  it('reports a reference to a missing secret at its pointer when a flow is validated', async () => {
    await put('PRESENT', { value });
    const definition = makeDefinition(
      { type: 'test.on_manual' },
      {
        nodes: [
          { id: 'start', type: 'test.on_manual', config: {} },
          { id: 'say', type: 'test.note', config: { text: '{{ secrets.PRESENT }} and {{ secrets.ABSENT }}' } },
        ],
      },
    );
    const response = await t.app.inject({ method: 'POST', url: '/api/workflows/validate', headers: authorized, payload: definition });
    expect(response.json()).toEqual({
      ok: false,
      issues: [
        {
          path: '/nodes/1/config/text',
          code: 'CONFIG_REFERENCE_NOT_FOUND',
          message: expect.stringContaining('reads the secret "ABSENT", which does not exist. Create it with PUT /api/secrets/ABSENT'),
        },
      ],
    });
  });
});

describe('the secrets API without a secrets key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('refuses to store a secret with SECRETS_KEY_MISSING, saying which variable to set', async () => {
    const response = await t.app.inject({ method: 'PUT', url: '/api/secrets/API_TOKEN', headers: authorized, payload: { value } });
    const body = expectError(response, 500, 'SECRETS_KEY_MISSING');
    expect(body.message).toContain('SWITCHBOARD_SECRETS_KEY');
    expect((await t.app.inject({ method: 'GET', url: '/api/secrets', headers: authorized })).json()).toEqual([]);
  });
});
