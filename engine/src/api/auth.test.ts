import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAdminToken } from './auth.ts';
import { authorized, expectError, startTestApp, type TestApp } from './test-app.ts';

describe('bearer authentication', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers 401 AUTH_REQUIRED with WWW-Authenticate when no token is sent', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/workflows' });
    expectError(response, 401, 'AUTH_REQUIRED');
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers 401 AUTH_REQUIRED for a wrong token, another scheme, or an empty one', async () => {
    for (const authorization of ['Bearer not-the-token', 'Basic dGVzdDp0ZXN0', 'Bearer ', 'test-token']) {
      const response = await t.app.inject({ method: 'GET', url: '/api/workflows', headers: { authorization } });
      expectError(response, 401, 'AUTH_REQUIRED');
    }
  });

  it('accepts the seeded token, with the scheme in any case', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/workflows', headers: authorized })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/workflows', headers: { authorization: 'bearer test-token' } })).statusCode).toBe(200);
  });

  it('needs no token for the health check', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('needs no bearer token for webhooks, which their trigger authenticates', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/hooks/00000000-0000-4000-8000-000000000000', payload: {} });
    expect(response.statusCode).not.toBe(401);
  });

  it('requires a token on unknown routes too, so they reveal nothing', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/secret-admin' });
    expectError(response, 401, 'AUTH_REQUIRED');
  });

  it('stores SWITCHBOARD_ADMIN_TOKEN once however often it is seeded', async () => {
    const before = await t.engine.countApiTokens();
    await seedAdminToken(t.engine, { adminToken: 'test-token', tokenFile: '/nonexistent/unused', log: () => undefined });
    expect(await t.engine.countApiTokens()).toBe(before);
  });

  it('refuses an admin token with whitespace, which a Bearer header cannot carry', async () => {
    await expect(seedAdminToken(t.engine, { adminToken: 'two words', tokenFile: '/nonexistent/unused', log: () => undefined })).rejects.toMatchObject({
      code: 'CONFIG_ENV_INVALID',
    });
  });
});

describe('seedAdminToken on first start', () => {
  let t: TestApp;
  let directory: string;
  beforeAll(async () => {
    t = await startTestApp({ seedToken: false });
    directory = await mkdtemp(path.join(tmpdir(), 'switchboard-token-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('generates a token, writes it with mode 0600, returns it once without logging it, and the token works', async () => {
    const tokenFile = path.join(directory, 'nested', 'admin-token');
    const messages: string[] = [];
    const seeded = await seedAdminToken(t.engine, { tokenFile, log: (message) => messages.push(message) });

    const token = (await readFile(tokenFile, 'utf8')).trim();
    expect(token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
    expect(seeded).toEqual({ kind: 'generated', token, tokenFile });
    expect((await stat(tokenFile)).mode & 0o777).toBe(0o600);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(tokenFile);
    expect(messages[0]).not.toContain(token);
    const response = await t.app.inject({ method: 'GET', url: '/api/workflows', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);

    // A later start finds a token and neither prints nor replaces anything.
    expect(await seedAdminToken(t.engine, { tokenFile, log: (message) => messages.push(message) })).toEqual({ kind: 'existing' });
    expect(messages).toHaveLength(1);
    expect((await readFile(tokenFile, 'utf8')).trim()).toBe(token);
    expect(await t.engine.countApiTokens()).toBe(1);
  });
});
