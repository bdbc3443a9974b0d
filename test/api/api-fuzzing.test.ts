/**
 * Property-based fuzzing of the HTTP API (fast-check) with workflow definitions,
 * events, webhook bodies, inbound messages and the body of every other route,
 * each a valid document mutated (fields deleted, replaced or added with hostile
 * values) or arbitrary JSON. Whatever is sent, through the real server on a
 * real Postgres:
 * - the answer is never a 5xx;
 * - a refusal writes nothing: every table's rows are the same before and after;
 * - a refusal has the error body, with a catalogued code, and a validation
 *   error has issues, each with a JSON Pointer that resolves in the document
 *   sent (or names a missing member of an object that does);
 * - issues a 2xx answer returns (a draft's problems) point into the document too.
 * The engine runs no workers, so only the requests write. fast-check prints
 * the seed and the shrunk counterexample of a failure; replay it with
 * FUZZ_SEED=<seed>, or run longer with FUZZ_RUNS=<multiplier>.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInbox, testChannel } from '@switchboard/engine/inbox';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import { errorCatalogue } from '../../engine/src/errors.ts';
import { readPointer } from '../../engine/src/graph/json-pointer.ts';
import { inboxErrors } from '../../engine/src/inbox/inbox-errors.ts';
import { changedTables, type DatabaseSnapshots, openDatabaseSnapshots } from '../support/database-snapshot.ts';
import { fuzzedDocument, hostileValue, type Json, toRequestText } from '../support/hostile-json.ts';
import { startTestEngine, type TestEngine } from '../support/test-engine.ts';
import { authorized, type InboxServer, startInboxServer } from '../inbox/support/inbox-server.ts';
import ticketPriority from '../../examples/ticket-priority.json' with { type: 'json' };

const templatesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');
const runsFactor = Number(process.env.FUZZ_RUNS ?? 1);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const catalogued = new Set(Object.keys({ ...errorCatalogue, ...inboxErrors }));
/** Generous: the runs are bounded by numRuns, and a loaded machine must not turn that into a failure. */
const PROPERTY_TIMEOUT_MS = 120_000;
/** Refusals that count against the sign-in throttle, and so write its counts. */
const COUNTED_REFUSALS = new Set(['SIGN_IN_FAILED', 'SIGN_IN_THROTTLED', 'CURRENT_PASSWORD_WRONG']);

/** Codes that mean "this document is wrong here": they must say where. */
const VALIDATION_CODES = new Set(['REQUEST_INVALID', 'REQUEST_TOO_DEEP', 'DEFINITION_INVALID', 'CONFIG_INVALID', 'EVENT_INVALID', 'TEMPLATE_INVALID']);

type Method = 'POST' | 'PUT' | 'PATCH';
interface Issue {
  readonly path: unknown;
  readonly code: unknown;
  readonly message: unknown;
}
interface Answer {
  readonly status: number;
  readonly body: unknown;
  /** What is wrong with the answer; empty when it keeps every promise above. */
  readonly problems: readonly string[];
}
interface OpenApiOperation {
  readonly requestBody?: { readonly content?: { readonly 'application/json'?: { readonly schema?: JsonSchema } } };
}
interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly Json[];
  readonly const?: Json;
  readonly anyOf?: readonly JsonSchema[];
  readonly format?: string;
  readonly minLength?: number;
  readonly default?: Json;
}

/** A pointer names a value of the document, or a member missing from an object that is there (a required field). */
function resolvesIn(document: unknown, pointer: string): boolean {
  if (pointer === '' || readPointer(document, pointer) !== undefined) return true;
  const parent = readPointer(document, pointer.slice(0, pointer.lastIndexOf('/')));
  return parent !== null && typeof parent === 'object' && pointer.startsWith('/');
}

/** `outside`: pointers to what was sent besides the body (`/headers/if-match`), which issues may name too. */
function issueProblems(issues: unknown, document: unknown, where: string, outside: readonly string[] = []): string[] {
  if (issues === undefined) return [];
  if (!Array.isArray(issues)) return [`${where}: issues is not an array`];
  return (issues as Issue[]).flatMap((issue) => {
    if (typeof issue.path !== 'string' || typeof issue.code !== 'string' || typeof issue.message !== 'string' || issue.message === '') {
      return [`${where}: malformed issue ${JSON.stringify(issue)}`];
    }
    if (!catalogued.has(issue.code)) return [`${where}: issue code ${issue.code} is not catalogued`];
    return resolvesIn(document, issue.path) || outside.includes(issue.path)
      ? []
      : [`${where}: issue path ${issue.path} does not resolve in the document sent (${issue.code}: ${issue.message})`];
  });
}

describe('API fuzzing', () => {
  let harness: TestEngine;
  let app: InboxServer;
  let snapshots: DatabaseSnapshots;
  const ids: Record<string, string> = {};
  const definitions: unknown[] = [ticketPriority];
  let operations: { readonly method: Method; readonly template: string; readonly schema: JsonSchema | undefined }[] = [];

  beforeAll(async () => {
    const channel = testChannel();
    const inbox = createInbox({ channels: [channel], nodes: createInboxPack });
    // A secrets key as every deployment has one: without it the secrets routes answer SECRETS_KEY_MISSING, a 500 by design.
    harness = await startTestEngine({ nodes: corePack, plugins: [inbox.plugin], templatesDir, runWorkers: false, secretsKey: { current: randomBytes(32) } });
    app = await startInboxServer({
      engine: harness.engine,
      inbox,
      channel,
      harness,
      tx: (body) => harness.engine.transaction(body),
      close: () => harness.close(),
    });
    snapshots = await openDatabaseSnapshots(harness.schema);

    const post = async (url: string, payload: unknown) => {
      const response = await app.inject({ method: 'POST', url, headers: authorized, payload: payload as Record<string, unknown> });
      expect(response.statusCode, `${url}: ${response.body}`).toBeLessThan(300);
      return response.json<Record<string, any>>();
    };
    ids.team = (await post('/api/inbox/teams', { name: 'Support' })).id;
    ids.agent = (await post('/api/inbox/agents', { name: 'Ana', email: 'ana@example.com', teamIds: [ids.team], capacity: 5 })).id;
    const received = await post('/api/inbox/messages', { channel: 'test', contact: { externalId: 'seed-contact' }, text: 'hola' });
    ids.conversation = received.conversation.id;
    ids.contact = received.conversation.contactId;
    ids.snippet = (await post('/api/inbox/snippets', { shortcut: 'hi', title: 'Hi', text: 'Hola {{ contact.name }}' })).id;
    ids.field = (await post('/api/inbox/contact-fields', { key: 'plan', label: 'Plan', type: 'text' })).key;
    // The bundled templates' drafts are the valid definitions the fuzzer mutates.
    for (const template of (await app.inject({ method: 'GET', url: '/api/templates', headers: authorized })).json<{ id: string }[]>()) {
      // Only a template's required agent has no default.
      const parameters = template.id === 'assign-agent-fallback-team' ? { agent: ids.agent } : {};
      definitions.push((await post(`/api/templates/${template.id}/import`, { parameters })).draft);
    }
    ids.draft = (await post('/api/workflows', ticketPriority)).id;
    ids.otherDraft = (await post('/api/workflows', ticketPriority)).id;
    const onEvent = (await post('/api/workflows', ticketPriority)).id;
    await post(`/api/workflows/${onEvent}/publish`, {});
    const hook = await post('/api/workflows', {
      name: 'Hook',
      nodes: [
        { id: 'start', type: 'core.webhook', config: {} },
        { id: 'keep', type: 'core.set_variable', config: { assignments: [{ name: 'body', value: '{{ trigger.body | json }}' }] } },
      ],
      edges: [{ from: 'start', to: 'keep' }],
    });
    ids.hook = hook.id;
    await post(`/api/workflows/${ids.hook}/publish`, {});
    const manual = await post('/api/workflows', { name: 'Manual', nodes: [{ id: 'start', type: 'core.manual', config: {} }], edges: [] });
    await post(`/api/workflows/${manual.id}/publish`, {});
    ids.workflow = manual.id;
    ids.run = (await post(`/api/workflows/${manual.id}/runs`, {})).runId;

    const document = (await app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, Record<string, OpenApiOperation>> }>();
    operations = Object.entries(document.paths).flatMap(([template, byMethod]) =>
      (['post', 'put', 'patch'] as const)
        .filter((method) => byMethod[method] !== undefined)
        .map((method) => ({
          method: method.toUpperCase() as Method,
          template,
          schema: byMethod[method]?.requestBody?.content?.['application/json']?.schema,
        })),
    );
  }, PROPERTY_TIMEOUT_MS);
  afterAll(async () => {
    await snapshots?.close();
    await app?.close();
    await harness?.close();
  });

  /** Sends `document` as request text and checks the answer against the promises; `document` is what pointers must resolve in. */
  async function send(method: Method, url: string, document: unknown, headers: Record<string, string> = authorized): Promise<Answer> {
    const sentHeaders = Object.keys(headers).map((name) => `/headers/${name}`);
    const text = toRequestText(document);
    const sent: unknown = JSON.parse(text);
    const before = await snapshots.take();
    const response = await app.inject({ method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: text });
    const where = `${method} ${url} ${response.statusCode}`;
    const problems: string[] = [];
    let body: unknown;
    try {
      body = response.json();
    } catch {
      problems.push(`${where}: the body is not JSON: ${response.body.slice(0, 200)}`);
    }
    const error = body as { statusCode?: unknown; code?: unknown; message?: unknown; issues?: unknown } | undefined;
    if (response.statusCode >= 500) problems.push(`${where}: ${response.body.slice(0, 500)}`);
    if (response.statusCode >= 400) {
      if (error?.statusCode !== response.statusCode || typeof error.code !== 'string' || typeof error.message !== 'string' || error.message === '') {
        problems.push(`${where}: not the error body: ${response.body.slice(0, 300)}`);
      } else {
        if (!catalogued.has(error.code)) problems.push(`${where}: code ${error.code} is not catalogued`);
        if (VALIDATION_CODES.has(error.code) && (!Array.isArray(error.issues) || error.issues.length === 0)) {
          problems.push(`${where}: ${error.code} without issues: ${error.message}`);
        }
        problems.push(...issueProblems(error.issues, sent, where, sentHeaders));
      }
      // A sign-in attempt is counted before its password is checked, by design (sign-in throttling):
      // the refusals that write. An attempt a lock refuses gives back what it counted on another key.
      // A token is marked used when its cached lookup expires, before the body is read: also by design.
      const changed = changedTables(before, await snapshots.take()).filter(
        (table) => table !== 'api_tokens' && !(table === 'sign_in_failures' && typeof error?.code === 'string' && COUNTED_REFUSALS.has(error.code)),
      );
      if (changed.length > 0) problems.push(`${where}: a refusal wrote to ${changed.join(', ')} (${response.body.slice(0, 200)})`);
    } else if (error !== undefined && typeof error === 'object' && error !== null && 'issues' in error) {
      problems.push(...issueProblems(error.issues, sent, where, sentHeaders));
    }
    return { status: response.statusCode, body, problems };
  }

  function check<Values extends unknown[]>(property: fc.IAsyncProperty<Values>, numRuns: number): Promise<void> {
    return fc.assert(property, { numRuns: Math.max(1, Math.round(numRuns * runsFactor)), ...(seed === undefined ? {} : { seed }) });
  }

  it(
    'saves fuzzed definitions as drafts, or refuses them with paths and writes nothing',
    async () => {
      await check(
        fc.asyncProperty(fuzzedDocument(...definitions), async (definition) => {
          const created = await send('POST', '/api/workflows', definition);
          expect(created.problems).toEqual([]);
        }),
        60,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'replaces a draft with fuzzed definitions and publishes what was saved, never half-writing either',
    async () => {
      // Any revision a client might name: ours, stale, future, past what a draft can reach, or not one at all.
      const ifMatch = fc.option(
        fc.oneof(
          fc.constantFrom('*', 'W/"1"', '"0"', '"01"', '1', '"1", "2"', '""', 'garbage'),
          fc.nat({ max: 2 ** 34 }).map((revision) => `"${revision}"`),
        ),
        { nil: undefined },
      );
      await check(
        fc.asyncProperty(fuzzedDocument(...definitions), ifMatch, async (definition, revision) => {
          const headers = revision === undefined ? authorized : { ...authorized, 'if-match': revision };
          const saved = await send('PUT', `/api/workflows/${ids.draft}`, definition, headers);
          expect(saved.problems).toEqual([]);
          if (saved.status !== 200) return;
          // Publishing takes no body; its issues point into the draft just saved.
          const text = toRequestText(definition);
          const before = await snapshots.take();
          const published = await app.inject({ method: 'POST', url: `/api/workflows/${ids.draft}/publish`, headers: authorized });
          const problems = issueProblems(published.json<{ issues?: unknown }>().issues, JSON.parse(text), `publish ${published.statusCode}`);
          if (published.statusCode >= 500) problems.push(`publish: ${published.body.slice(0, 500)}`);
          if (published.statusCode >= 400) {
            const changed = changedTables(before, await snapshots.take());
            if (changed.length > 0) problems.push(`publish ${published.statusCode} wrote to ${changed.join(', ')}`);
          }
          expect(problems).toEqual([]);
        }),
        60,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'validates any fuzzed document, answering with issues that point into it',
    async () => {
      await check(
        fc.asyncProperty(fuzzedDocument(...definitions), async (definition) => {
          const validated = await send('POST', '/api/workflows/validate', definition);
          expect(validated.problems).toEqual([]);
        }),
        60,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'takes or refuses fuzzed events',
    async () => {
      const event = {
        type: 'ticket.created',
        subject: 'ticket:1',
        data: { priority: 'high', tags: ['a'], customer: { name: 'Ana' } },
        idempotencyKey: 'ticket-1',
      };
      await check(
        fc.asyncProperty(fuzzedDocument(event, { type: 'ticket.created' }), async (document) => {
          expect((await send('POST', '/api/events', document)).problems).toEqual([]);
        }),
        100,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'takes or refuses fuzzed webhook bodies',
    async () => {
      const order = { order: { id: 17, lines: [{ sku: 'A-1', quantity: 2, price: 9.5 }], customer: { email: 'ana@example.com' } }, event: 'order.paid' };
      await check(
        fc.asyncProperty(fc.oneof(fuzzedDocument(order), hostileValue), async (body) => {
          expect((await send('POST', `/hooks/${ids.hook}`, body, {})).problems).toEqual([]);
        }),
        80,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'takes or refuses fuzzed inbound messages',
    async () => {
      const message = {
        channel: 'test',
        contact: { externalId: 'fuzz-contact', name: 'Ana', phone: '+5215512345678', email: 'ana@example.com' },
        text: 'Hola, ¿me ayudan con mi pedido?',
        attachments: [{ url: 'https://example.com/photo.jpg', name: 'photo.jpg', contentType: 'image/jpeg', size: 1024 }],
        idempotencyKey: 'wamid.1',
      };
      await check(
        fc.asyncProperty(fuzzedDocument(message, { channel: 'test', contact: { externalId: 'other' }, text: '' }), async (document) => {
          expect((await send('POST', '/api/inbox/messages', document)).problems).toEqual([]);
        }),
        100,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'takes or refuses fuzzed bodies on every other route of the OpenAPI document',
    async () => {
      const others = operations.filter(
        ({ template }) =>
          !['/api/workflows', '/api/workflows/{id}', '/api/workflows/validate', '/api/events', '/hooks/{workflowId}', '/api/inbox/messages'].includes(template),
      );
      expect(others.length).toBeGreaterThan(15);
      await check(
        fc.asyncProperty(
          fc.constantFrom(...others).chain((operation) => fc.tuple(fc.constant(operation), fuzzedDocument(sampleOf(operation.schema, ids)))),
          async ([operation, document]) => {
            const url = urlOf(operation.template, ids);
            expect((await send(operation.method, url, document)).problems).toEqual([]);
          },
        ),
        200,
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

/** A concrete URL for a path template, with ids of records the fuzzer set up (a missing id where none fits). */
function urlOf(template: string, ids: Readonly<Record<string, string>>): string {
  return template.replace(/\{([^}]+)\}/g, (_match, name: string, offset: number) => {
    const resource = template.slice(0, offset).split('/').filter(Boolean).at(-1);
    const byResource: Record<string, string | undefined> = {
      workflows: ids.otherDraft,
      runs: ids.run,
      conversations: ids.conversation,
      contacts: ids.contact,
      agents: ids.agent,
      teams: ids.team,
      snippets: ids.snippet,
      'contact-fields': ids.field,
      templates: 'out-of-hours',
      hooks: ids.hook,
      secrets: 'FUZZ_SECRET',
      versions: '1',
    };
    // Runs start on the published manual workflow, so a fuzzed input reaches a run.
    if (template.endsWith('/{id}/runs')) return encodeURIComponent(ids.workflow ?? '');
    return encodeURIComponent(byResource[resource ?? ''] ?? `missing-${name}`);
  });
}

/** A plausible body for a request schema: each property with a value of its type, ids of real records where a uuid goes. */
function sampleOf(schema: JsonSchema | undefined, ids: Readonly<Record<string, string>>, name = ''): Json {
  if (schema === undefined) return {};
  if (schema.const !== undefined) return schema.const;
  if (schema.default !== undefined) return schema.default;
  if (schema.enum !== undefined && schema.enum.length > 0) return schema.enum[0] as Json;
  if (schema.anyOf !== undefined && schema.anyOf.length > 0) return sampleOf(schema.anyOf[0], ids, name);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, sampleOf(property, ids, key)]));
    case 'array':
      return schema.items === undefined ? [] : [sampleOf(schema.items, ids, name)];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      if (schema.format === 'uuid') return ids[name.replace(/Ids?$/, '')] ?? ids.agent ?? '';
      if (schema.format === 'email') return 'someone@example.com';
      if (schema.format === 'date-time') return '2026-05-01T10:00:00Z';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1));
  }
}
