/**
 * Who may call what: every route of the OpenAPI document, engine and inbox, is walked with no
 * credentials, with a bearer token of a person of each role, with a machine token, and with a
 * signed-in browser's session cookie, and each answer is held against a table written here by
 * hand from the roles' definitions (README "People, sign-in and roles"). The table is not read
 * from the routes' own `access` declarations: a wrong declaration has to disagree with it.
 * The requests carry `{}` or no body: the verdict of the auth stage comes before validation, so
 * an allowed caller gets a 404 or a 422 from the handler, never a 401 or a 403.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInbox, testChannel } from '@switchboard/engine/inbox';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAdminToken } from '../../engine/src/api/auth.ts';
import { createServer } from '../../engine/src/api/create-server.ts';
import { authorized, expectError, headersFor, startTestApp, TEST_TOKEN, type TestApp } from '../../engine/src/api/test-app.ts';
import { startTestEngine } from '../support/test-engine.ts';

type Role = 'admin' | 'editor' | 'agent' | 'viewer';
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const ROLES: readonly Role[] = ['admin', 'editor', 'agent', 'viewer'];

// The roles, as the README and the issue define them: an admin does everything (people, settings,
// tokens, secrets); an editor builds flows and templates and works with runs, and reads the inbox;
// an agent works the inbox (conversations, contacts); a viewer reads flows, runs and the inbox and
// changes nothing.
const EVERYONE: readonly Role[] = ['admin', 'editor', 'agent', 'viewer'];
const READS_FLOWS: readonly Role[] = ['admin', 'editor', 'viewer'];
const CHANGES_FLOWS: readonly Role[] = ['admin', 'editor'];
const READS_INBOX: readonly Role[] = ['admin', 'editor', 'agent', 'viewer'];
const WORKS_THE_INBOX: readonly Role[] = ['admin', 'agent'];
const ADMINS: readonly Role[] = ['admin'];

/**
 * Every route of the document (its OpenAPI path) and who may call it: `public` needs no
 * credentials, otherwise the roles that may. A new route fails the walk until it is put here.
 */
const ROUTE_ACCESS: Readonly<Record<string, 'public' | readonly Role[]>> = {
  'GET /api/health': 'public',

  // Signing in and the person's own account.
  'GET /api/setup': 'public',
  'POST /api/setup': 'public', // guarded by the one-time setup token
  'POST /api/session': 'public',
  'POST /api/invite/accept': 'public', // guarded by the invitation's one-time token
  'DELETE /api/session': EVERYONE,
  'GET /api/me': EVERYONE,
  'PATCH /api/me': EVERYONE,
  'POST /api/me/password': EVERYONE,

  // People and API tokens: settings, the admin's.
  'GET /api/users': ADMINS,
  'POST /api/users': ADMINS,
  'PATCH /api/users/{id}': ADMINS,
  'POST /api/users/{id}/invite': ADMINS,
  'GET /api/tokens': ADMINS,
  'POST /api/tokens': ADMINS,
  'DELETE /api/tokens/{id}': ADMINS,
  'GET /api/secrets': ADMINS,
  'PUT /api/secrets/{name}': ADMINS,
  'DELETE /api/secrets/{name}': ADMINS,

  // The palette's node types: harmless metadata every screen may label things with.
  'GET /api/node-types': EVERYONE,
  // What templates may read (scope roots, the stored secrets' names but never a value): for building flows.
  'GET /api/template-scope': READS_FLOWS,

  // Flows, templates, runs and the events that start them.
  'GET /api/workflows': READS_FLOWS,
  'GET /api/workflows/{id}': READS_FLOWS,
  'GET /api/workflows/{id}/versions': READS_FLOWS,
  'POST /api/workflows/validate': READS_FLOWS, // checks a definition, stores nothing
  // Being seen with a flow open writes a heartbeat, but changes no flow: a viewer reads flows too.
  'POST /api/workflows/{id}/presence': READS_FLOWS,
  'GET /api/workflows/{id}/live-counts': READS_FLOWS,
  'DELETE /api/workflows/{id}/presence': READS_FLOWS,
  'POST /api/workflows': CHANGES_FLOWS,
  'PUT /api/workflows/{id}': CHANGES_FLOWS,
  'PATCH /api/workflows/{id}': CHANGES_FLOWS,
  'POST /api/workflows/{id}/duplicate': CHANGES_FLOWS,
  'POST /api/workflows/{id}/versions/{version}/restore': CHANGES_FLOWS,
  'DELETE /api/workflows/{id}': CHANGES_FLOWS,
  'POST /api/workflows/{id}/publish': CHANGES_FLOWS,
  'POST /api/workflows/{id}/stop': CHANGES_FLOWS,
  'POST /api/workflows/{id}/runs': CHANGES_FLOWS,
  'POST /api/workflows/{id}/archive': CHANGES_FLOWS,
  'POST /api/workflows/{id}/restore': CHANGES_FLOWS,
  'GET /api/templates': READS_FLOWS,
  'GET /api/templates/{id}': READS_FLOWS,
  'POST /api/templates/{id}/import': CHANGES_FLOWS,
  'GET /api/runs': READS_FLOWS,
  'GET /api/runs/{id}': READS_FLOWS,
  'POST /api/runs/{id}/cancel': CHANGES_FLOWS,
  'POST /api/events': CHANGES_FLOWS,
  'POST /hooks/{workflowId}': 'public', // the webhook trigger checks its own signature

  // The inbox. An inbound message (what a contact wrote, from a channel) is usually sent by a
  // machine; the README gives messages to agents too.
  'POST /api/inbox/messages': WORKS_THE_INBOX,
  'GET /api/inbox/me': READS_INBOX,
  // Going online makes one assignable: only roles that may answer conversations.
  'PATCH /api/inbox/me': WORKS_THE_INBOX,
  'GET /api/inbox/conversations': READS_INBOX,
  'GET /api/inbox/conversations/{id}': READS_INBOX,
  'PATCH /api/inbox/conversations/{id}': WORKS_THE_INBOX,
  'POST /api/inbox/conversations/{id}/messages': WORKS_THE_INBOX,
  'POST /api/inbox/conversations/{id}/notes': WORKS_THE_INBOX,
  'POST /api/inbox/conversations/{id}/assign': WORKS_THE_INBOX,
  'POST /api/inbox/conversations/{id}/unassign': WORKS_THE_INBOX,
  'POST /api/inbox/conversations/{id}/take-over': WORKS_THE_INBOX,
  'POST /api/inbox/conversations/{id}/close': WORKS_THE_INBOX,
  'POST /api/inbox/conversations/{id}/reopen': WORKS_THE_INBOX,
  'POST /api/inbox/conversations/{id}/tags': WORKS_THE_INBOX,
  'POST /api/inbox/conversations/{id}/bot': WORKS_THE_INBOX,
  'POST /api/inbox/conversations/{id}/spam': WORKS_THE_INBOX,
  'POST /api/inbox/conversations/{id}/shortcuts': WORKS_THE_INBOX,
  'GET /api/inbox/contacts': READS_INBOX,
  'GET /api/inbox/contacts/{id}': READS_INBOX,
  'PATCH /api/inbox/contacts/{id}': WORKS_THE_INBOX,
  'POST /api/inbox/contacts/{id}/tags': WORKS_THE_INBOX,
  'GET /api/inbox/contacts/{id}/comments': READS_INBOX,
  // The tags in use: what the inbox's and the flow editor's tag pickers offer.
  'GET /api/inbox/tags': READS_INBOX,
  'POST /api/inbox/contacts/{id}/comments': WORKS_THE_INBOX,
  // The inbox's set-up (agents, teams, contact-field definitions, snippets) is the admin's. Their
  // lists are read by everyone who reads the inbox: an editor's flow pickers (x-picker) need them.
  'GET /api/inbox/agents': READS_INBOX,
  'GET /api/inbox/agents/{id}': READS_INBOX,
  'POST /api/inbox/agents': ADMINS,
  'PATCH /api/inbox/agents/{id}': ADMINS,
  'GET /api/inbox/teams': READS_INBOX,
  'GET /api/inbox/teams/{id}': READS_INBOX,
  'POST /api/inbox/teams': ADMINS,
  'PATCH /api/inbox/teams/{id}': ADMINS,
  'GET /api/inbox/contact-fields': READS_INBOX,
  'POST /api/inbox/contact-fields': ADMINS,
  'GET /api/inbox/snippets': READS_INBOX,
  'GET /api/inbox/snippets/{id}': READS_INBOX,
  'POST /api/inbox/snippets': ADMINS,
  'PATCH /api/inbox/snippets/{id}': ADMINS,
  'DELETE /api/inbox/snippets/{id}': ADMINS,
};

interface OpenApiOperation {
  readonly requestBody?: unknown;
}
interface OpenApiDocument {
  readonly paths: Record<string, Partial<Record<Lowercase<Method>, OpenApiOperation>>>;
}
interface Route {
  /** `POST /api/users/{id}/invite`: the table's key. */
  readonly key: string;
  readonly method: Method;
  /** The path with its parameters filled in. */
  readonly url: string;
  readonly hasBody: boolean;
}

const HOST = 'switchboard.test';
const ORIGIN = `http://${HOST}`;
const PASSWORD = 'a long enough password';
const AUTH_VERDICTS: ReadonlySet<number> = new Set([401, 403]);

/** A well-formed value for a path parameter, so that the handler, if reached, looks for something that is not there. */
function parameterValue(template: string, name: string): string {
  if (name === 'name') return 'ROUTE_WALK_PROBE'; // a secret's name
  if (name === 'version') return '1';
  if (template.startsWith('/api/templates/')) return 'no-such-template';
  return randomUUID();
}

function routesOf(document: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (operation === undefined) continue;
      routes.push({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase() as Method,
        url: template.replace(/\{(\w+)\}/g, (_, name: string) => parameterValue(template, name)),
        hasBody: operation.requestBody !== undefined,
      });
    }
  }
  // Signing out ends the walking session: it goes last.
  return routes.sort((a, b) => Number(a.key === 'DELETE /api/session') - Number(b.key === 'DELETE /api/session'));
}

function isChange(method: Method): boolean {
  return method !== 'GET';
}

describe('route access', () => {
  let t: TestApp;
  let webAppDir: string;
  let routes: Route[];
  const bearer = {} as Record<Role, { authorization: string }>;

  beforeAll(async () => {
    webAppDir = await mkdtemp(path.join(tmpdir(), 'switchboard-route-walk-'));
    await writeFile(path.join(webAppDir, 'index.html'), '<!doctype html><html><body><div id="root"></div></body></html>');
    // The server as `pnpm start` builds it: the inbox plugin's routes and a web app at `/`.
    const inbox = createInbox({ channels: [testChannel()], nodes: createInboxPack });
    const harness = await startTestEngine({ nodes: corePack, plugins: [inbox.plugin], runWorkers: false });
    await seedAdminToken(harness.engine, { adminToken: TEST_TOKEN, tokenFile: '/nonexistent/unused', log: () => undefined });
    const app = await createServer(harness.engine, { logger: false, webAppDir });
    t = {
      app,
      engine: harness.engine,
      logLines: [],
      async close() {
        await app.close();
        await harness.close();
      },
    };
    const response = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    routes = routesOf(response.json<OpenApiDocument>());
    for (const role of ROLES) bearer[role] = await headersFor(t, role);
  });
  afterAll(async () => {
    await t?.close();
    if (webAppDir !== undefined) await rm(webAppDir, { recursive: true, force: true });
  });

  function send(route: Route, headers: Record<string, string>) {
    return t.app.inject({ method: route.method, url: route.url, headers, ...(route.hasBody ? { payload: {} } : {}) });
  }

  function verdict(response: { statusCode: number; body: string }): string {
    let code = '';
    try {
      code = String((JSON.parse(response.body) as { code?: unknown }).code ?? '');
    } catch {
      code = `(not JSON: ${response.body.slice(0, 40)})`;
    }
    return `${response.statusCode} ${code}`.trim();
  }

  /** What is wrong with the answer to a caller of `role` (undefined for no credentials), or undefined when it is right. */
  function misjudged(route: Route, role: Role | undefined, response: { statusCode: number; body: string }): string | undefined {
    const expected = ROUTE_ACCESS[route.key];
    if (expected === undefined) return undefined; // reported by the classification test
    const got = verdict(response);
    const allowed = expected === 'public' || (role !== undefined && expected.includes(role));
    if (allowed) {
      // Past the auth stage: whatever the handler makes of `{}` or a missing id, but no crash.
      return AUTH_VERDICTS.has(response.statusCode) || response.statusCode >= 500 ? `expected to pass the auth stage, got ${got}` : undefined;
    }
    const wanted = role === undefined ? '401 AUTH_REQUIRED' : '403 AUTH_FORBIDDEN';
    return got === wanted ? undefined : `expected ${wanted}, got ${got}`;
  }

  it('has every route of the OpenAPI document in its table, and nothing else', () => {
    const documented = new Set(routes.map((route) => route.key));
    const unclassified = [...documented].filter((key) => !(key in ROUTE_ACCESS));
    const gone = Object.keys(ROUTE_ACCESS).filter((key) => !documented.has(key));
    expect(unclassified.map((key) => `${key}: classify it in ROUTE_ACCESS (test/api/route-access.test.ts), with the roles that may call it`)).toEqual([]);
    expect(gone.map((key) => `${key}: no longer in the OpenAPI document; remove it from ROUTE_ACCESS`)).toEqual([]);
    // The walk covers the inbox's routes as well as the engine's.
    expect(routes.filter((route) => route.url.startsWith('/api/inbox/')).length).toBeGreaterThan(20);
  });

  it('answers every route but the public ones with 401 AUTH_REQUIRED when no credentials are sent', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const problem = misjudged(route, undefined, await send(route, {}));
      if (problem !== undefined) wrong.push(`${route.key} without credentials: ${problem}`);
    }
    expect(wrong).toEqual([]);
    const sample = await t.app.inject({ method: 'GET', url: '/api/users' });
    expectError(sample, 401, 'AUTH_REQUIRED');
  });

  it("lets a person's bearer token through exactly the routes their role may call, and answers the rest with 403 AUTH_FORBIDDEN", async () => {
    const wrong: string[] = [];
    for (const role of ROLES) {
      for (const route of routes) {
        const problem = misjudged(route, role, await send(route, bearer[role]));
        if (problem !== undefined) wrong.push(`${route.key} as ${role} (bearer): ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
    const sample = await t.app.inject({ method: 'GET', url: '/api/users', headers: bearer.viewer });
    expect(expectError(sample, 403, 'AUTH_FORBIDDEN').message).toContain('admin');
  });

  it('treats the machine token (SWITCHBOARD_ADMIN_TOKEN) as an admin on every route', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const problem = misjudged(route, 'admin', await send(route, { ...authorized }));
      if (problem !== undefined) wrong.push(`${route.key} with the machine token: ${problem}`);
    }
    expect(wrong).toEqual([]);
  });

  it("judges a signed-in browser's session cookie by its role, and refuses its changes sent without this server's Origin with 403 CSRF_REJECTED", async () => {
    const wrong: string[] = [];
    for (const role of ROLES) {
      const email = `cookie-${role}@example.com`;
      await t.engine.people.createUser({ name: `Cookie ${role}`, email, role, language: null, password: PASSWORD });
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { host: HOST, origin: ORIGIN },
        payload: { email, password: PASSWORD },
      });
      expect(signIn.statusCode, signIn.body).toBe(200);
      const session = signIn.cookies.find((cookie) => cookie.name === 'sb_session');
      expect(session?.httpOnly).toBe(true);
      const cookie = `sb_session=${session?.value ?? ''}`;

      for (const route of routes) {
        const label = `${route.key} as ${role} (cookie)`;
        if (role === 'admin' && isChange(route.method) && ROUTE_ACCESS[route.key] !== 'public') {
          // Refused though an admin may: the Origin check comes before the role's.
          for (const origin of [undefined, 'https://evil.example']) {
            const got = verdict(await send(route, { host: HOST, cookie, ...(origin === undefined ? {} : { origin }) }));
            if (got !== '403 CSRF_REJECTED') wrong.push(`${label}, Origin ${origin ?? 'absent'}: expected 403 CSRF_REJECTED, got ${got}`);
          }
        }
        const problem = misjudged(route, role, await send(route, { host: HOST, cookie, origin: ORIGIN }));
        if (problem !== undefined) wrong.push(`${label}: ${problem}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers an unknown route under /api with 401 without credentials and a JSON 404 ROUTE_NOT_FOUND with them, though the web app is served', async () => {
    const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    // The web app does answer its own paths, so the JSON below is not for want of one.
    const page = await t.app.inject({ method: 'GET', url: `/flows/${randomUUID()}`, headers: browser });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');

    const unknown: { method: Method; url: string }[] = [
      { method: 'GET', url: '/api' },
      { method: 'GET', url: '/api/' },
      { method: 'GET', url: '/api/no-such-thing' },
      { method: 'GET', url: '/api/flows/1?tab=runs' },
      { method: 'GET', url: `/api/users/${randomUUID()}` }, // the collection exists, a single person has no GET
      { method: 'DELETE', url: '/api/workflows' },
      { method: 'POST', url: '/api/inbox/no-such-thing' },
      { method: 'PATCH', url: `/api/inbox/conversations/${randomUUID()}/no-such-action` },
    ];
    for (const { method, url } of unknown) {
      const anonymous = await t.app.inject({ method, url, headers: browser });
      expectError(anonymous, 401, 'AUTH_REQUIRED');
      expect(anonymous.headers['content-type'], `${method} ${url}`).toContain('application/json');
      for (const headers of [bearer.viewer, bearer.agent, authorized]) {
        const response = await t.app.inject({ method, url, headers: { ...browser, ...headers } });
        expectError(response, 404, 'ROUTE_NOT_FOUND');
        expect(response.headers['content-type'], `${method} ${url}`).toContain('application/json');
      }
    }
  });
});

describe("a person's tokens after an admin changes their account", () => {
  let t: TestApp;
  let admin: { authorization: string };
  let people = 0;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await headersFor(t, 'admin');
  });
  afterAll(() => t?.close());

  /** A person with a password and a token of their own. */
  async function person(role: Role) {
    people += 1;
    const email = `changed-${people}@example.com`;
    const user = await t.engine.people.createUser({ name: `Changed ${people}`, email, role, language: null, password: PASSWORD });
    const { token } = await t.engine.people.createApiToken({ name: 'their token', userId: user.id });
    return { id: user.id, email, headers: { authorization: `Bearer ${token}` } };
  }

  function patchUser(id: string, payload: Record<string, unknown>) {
    return t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin, payload });
  }

  it('stop working at once when they are deactivated, and work again at once when they are reactivated', async () => {
    const editor = await person('editor');
    const other = await person('editor');
    // Both tokens are now in the server's lookup cache (30 s).
    expect((await t.app.inject({ method: 'GET', url: '/api/workflows', headers: editor.headers })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/workflows', headers: other.headers })).statusCode).toBe(200);

    expect((await patchUser(editor.id, { active: false })).json()).toMatchObject({ id: editor.id, status: 'deactivated' });
    expectError(await t.app.inject({ method: 'GET', url: '/api/workflows', headers: editor.headers }), 401, 'AUTH_REQUIRED');
    // Someone else's token is untouched.
    expect((await t.app.inject({ method: 'GET', url: '/api/workflows', headers: other.headers })).statusCode).toBe(200);

    // The refusal just above is remembered too (as an unknown token); reactivating forgets it.
    expect((await patchUser(editor.id, { active: true })).json()).toMatchObject({ id: editor.id, status: 'active' });
    expect((await t.app.inject({ method: 'GET', url: '/api/workflows', headers: editor.headers })).statusCode).toBe(200);
  });

  it('carry a new role at once', async () => {
    const editor = await person('editor');
    const create = () => t.app.inject({ method: 'POST', url: '/api/workflows', headers: editor.headers, payload: {} });
    expect((await create()).statusCode).toBe(422); // past the auth stage: {} is no definition
    expect((await patchUser(editor.id, { role: 'viewer' })).statusCode).toBe(200);
    expectError(await create(), 403, 'AUTH_FORBIDDEN');
    expect((await t.app.inject({ method: 'GET', url: '/api/workflows', headers: editor.headers })).statusCode).toBe(200);
  });

  it('end with a deactivation for the signed-in browser too', async () => {
    const agent = await person('agent');
    const signIn = await t.app.inject({ method: 'POST', url: '/api/session', payload: { email: agent.email, password: PASSWORD } });
    const cookie = `sb_session=${signIn.cookies.find((one) => one.name === 'sb_session')?.value ?? ''}`;
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
    await patchUser(agent.id, { active: false });
    expectError(await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie } }), 401, 'AUTH_REQUIRED');
  });

  it('stop working at once when revoked', async () => {
    const viewer = await person('viewer');
    expect((await t.app.inject({ method: 'GET', url: '/api/me', headers: viewer.headers })).statusCode).toBe(200);
    const tokens = (await t.app.inject({ method: 'GET', url: '/api/tokens', headers: admin })).json<{ id: string; user: { id: string } | null }[]>();
    const theirs = tokens.find((token) => token.user?.id === viewer.id);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${theirs?.id ?? ''}`, headers: admin })).statusCode).toBe(204);
    expectError(await t.app.inject({ method: 'GET', url: '/api/me', headers: viewer.headers }), 401, 'AUTH_REQUIRED');
  });
});
