import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from './create-server.ts';
import { authorized, expectError, startTestApp, type TestApp } from './test-app.ts';

const page = '<!doctype html><html><head><script type="module" src="/assets/index-Ab12Cd.js"></script></head><body><div id="root"></div></body></html>';
const script = 'console.log("the app");';
const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } as const;

let t: TestApp;
let dist: string;
let app: FastifyInstance;
beforeAll(async () => {
  t = await startTestApp();
  dist = await mkdtemp(path.join(tmpdir(), 'switchboard-web-app-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), page);
  await writeFile(path.join(dist, 'assets', 'index-Ab12Cd.js'), script);
  app = await createServer(t.engine, { logger: false, webAppDir: dist });
});
afterAll(async () => {
  await app?.close();
  await t?.close();
  await rm(dist, { recursive: true, force: true });
});

describe('the web app at /', () => {
  it('serves index.html at / without a token, revalidated on every load, under a strict content security policy', async () => {
    const response = await app.inject({ method: 'GET', url: '/', headers: html });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(page);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    // Same-origin script only, never inline; eval for the editor's schema validators (web-app.ts says why).
    const directives = String(response.headers['content-security-policy'])
      .split(';')
      .map((directive) => directive.trim());
    expect(directives.find((directive) => directive.startsWith('script-src'))).toBe("script-src 'self' 'unsafe-eval'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers a deep link such as /flows/<id> with the same page, so a reload lands on the same screen', async () => {
    for (const url of ['/flows/abc', '/runs/3f2a?status=failed', '/settings/people/']) {
      const response = await app.inject({ method: 'GET', url, headers: html });
      expect({ url, status: response.statusCode, body: response.body }).toEqual({ url, status: 200, body: page });
    }
  });

  it('answers a conditional request for an unchanged page with 304', async () => {
    const first = await app.inject({ method: 'GET', url: '/flows', headers: html });
    const etag = first.headers['etag'];
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await app.inject({ method: 'GET', url: '/flows', headers: { ...html, 'if-none-match': String(etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('serves hashed assets without a token, cached for a year as immutable', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd.js' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(script);
    expect(response.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing asset with the JSON 404, never with the page', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-Gone99.js', headers: { ...html, ...authorized } });
    expectError(response, 404, 'ROUTE_NOT_FOUND');
  });

  it('never serves a file outside the assets folder', async () => {
    for (const url of ['/assets/../index.html', '/assets/%2e%2e/index.html', '/assets/%2e%2e/%2e%2e/package.json']) {
      const response = await app.inject({ method: 'GET', url });
      expect({ url, status: response.statusCode }).not.toEqual({ url, status: 200 });
      expect(response.body).not.toBe(page);
    }
  });

  it('answers an unknown route under /api, /hooks or /docs with JSON, never the page: 404 with a token, 401 without', async () => {
    for (const url of ['/api/nothing-here', '/api', '/hooks/none/x', '/docs/nothing']) {
      const known = await app.inject({ method: 'GET', url, headers: { ...html, ...authorized } });
      expect(known.headers['content-type'], url).toMatch(/^application\/json/);
      expectError(known, 404, 'ROUTE_NOT_FOUND');
    }
    const anonymous = await app.inject({ method: 'GET', url: '/api/nothing-here', headers: html });
    expect(anonymous.headers['content-type']).toMatch(/^application\/json/);
    expectError(anonymous, 401, 'AUTH_REQUIRED');
  });

  it('keeps the API: a real route still needs its token, and the reference is still at /docs', async () => {
    expectError(await app.inject({ method: 'GET', url: '/api/workflows', headers: html }), 401, 'AUTH_REQUIRED');
    expect((await app.inject({ method: 'GET', url: '/api/workflows', headers: authorized })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
  });

  it('answers what is not a browser loading a page with the JSON 404', async () => {
    expectError(await app.inject({ method: 'POST', url: '/flows', headers: html, payload: {} }), 404, 'ROUTE_NOT_FOUND');
    expectError(await app.inject({ method: 'GET', url: '/flows', headers: { accept: 'application/json' } }), 404, 'ROUTE_NOT_FOUND');
    expectError(await app.inject({ method: 'GET', url: '/assets/index-Gone99.js', headers: authorized }), 404, 'ROUTE_NOT_FOUND');
  });

  it('leaves its routes out of the OpenAPI document', async () => {
    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(document.paths).filter((route) => !route.startsWith('/api/') && !route.startsWith('/hooks/'))).toEqual([]);
  });
});

describe('a server without the web app', () => {
  it('answers / with the JSON 404', async () => {
    expectError(await t.app.inject({ method: 'GET', url: '/', headers: html }), 404, 'ROUTE_NOT_FOUND');
  });

  it('refuses to start on a web app folder that was never built, naming the build command', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'switchboard-web-app-empty-'));
    try {
      await expect(createServer(t.engine, { logger: false, webAppDir: empty })).rejects.toThrow(
        /index\.html cannot be read.*pnpm --filter @switchboard\/editor build/,
      );
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
