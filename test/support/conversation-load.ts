/**
 * The load the fault proofs (test/reliability/*-under-load.test.ts) put on a Switchboard
 * running as child processes, and the invariants they check afterwards. Everything goes over
 * HTTP, as a channel bridge and a client would send it; the checks read Postgres directly.
 *
 * Two kinds of work run side by side:
 * - events `load.order_paid`, each starting one run of "wait 2 s, then note it" (waits pending
 *   across a fault);
 * - inbound messages, each from a new contact: the conversation opens, the bundled
 *   `sales-round-robin` template assigns it within capacity, `assigned-agent-message` answers
 *   "te atiende ...", and the outbox delivers that through the `whatsapp` webhook channel to a
 *   recording bridge (test/support/recording-channel.ts).
 *
 * Every request carries an idempotency key and is sent again with the same key until it is
 * answered 2xx, so every item is accepted once the system is back, and accepted exactly once.
 */
import { expect } from 'vitest';
import pg from 'pg';
import type { RecordingChannel } from './recording-channel.ts';

export interface Api {
  readonly baseUrl: string;
  readonly token: string;
}

export interface Answer {
  readonly status: number;
  readonly json: Record<string, unknown>;
}

export async function call(api: Api, method: string, url: string, body?: unknown, timeoutMs = 10_000): Promise<Answer> {
  const response = await fetch(`${api.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${api.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  return { status: response.status, json: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
}

async function succeed(api: Api, method: string, url: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await call(api, method, url, body);
  if (answer.status >= 300) throw new Error(`${method} ${url} answered ${answer.status}: ${JSON.stringify(answer.json)}`);
  return answer.json;
}

export interface Workload {
  readonly eventWorkflowId: string;
  readonly routingWorkflowId: string;
  readonly replyWorkflowId: string;
}

/** Online agents with room for every conversation the load opens, and the three published workflows. */
export async function prepareWorkload(api: Api, options: { readonly agents: number; readonly capacity: number }): Promise<Workload> {
  for (let n = 0; n < options.agents; n += 1) {
    await succeed(api, 'POST', '/api/inbox/agents', { name: `Agente ${n}`, email: `agente${n}@load.test`, status: 'online', capacity: options.capacity });
  }
  const importTemplate = async (id: string) => {
    const workflow = await succeed(api, 'POST', `/api/templates/${id}/import`, { language: 'es', parameters: {} });
    await succeed(api, 'POST', `/api/workflows/${String(workflow.id)}/publish`);
    return String(workflow.id);
  };
  const routingWorkflowId = await importTemplate('sales-round-robin');
  const replyWorkflowId = await importTemplate('assigned-agent-message');
  const created = await succeed(api, 'POST', '/api/workflows', {
    name: 'Load: wait, then note the order',
    nodes: [
      { id: 'start', type: 'core.event', config: { event: 'load.order_paid' } },
      { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 2, unit: 'seconds' } },
      { id: 'note', type: 'core.set_variable', config: { assignments: [{ name: 'order', value: '{{ trigger.data.n }}' }] } },
    ],
    edges: [
      { from: 'start', to: 'pause' },
      { from: 'pause', to: 'note' },
    ],
  });
  const eventWorkflowId = String(created.id);
  await succeed(api, 'POST', `/api/workflows/${eventWorkflowId}/publish`);
  return { eventWorkflowId, routingWorkflowId, replyWorkflowId };
}

export interface LoadResult {
  /** Idempotency keys of the events answered 2xx. */
  readonly events: readonly string[];
  /** Idempotency keys of the inbound messages answered 2xx. */
  readonly messages: readonly string[];
  /** Every answer that was not 2xx, counted by `<status> <code>` (`network` when none came). */
  readonly refusals: Readonly<Record<string, number>>;
  /** Items given up on: never answered 2xx before the load's deadline. */
  readonly abandoned: number;
}

export interface Load {
  /** Stops sending new items and resolves once every item sent is accepted or abandoned. */
  stop(): Promise<LoadResult>;
  /** Items answered 2xx so far. */
  acceptedCount(): number;
  /** Items sent so far (accepted or not yet). */
  sentCount(): number;
}

/**
 * Sends `eventsPerSecond` events and `messagesPerSecond` inbound messages until stopped. An
 * item that is refused (a 503 while Postgres is down, no answer while the API is down) is sent
 * again with the same idempotency key, backing off from 250 ms to 2 s, for up to `retryForMs`.
 */
export function startLoad(
  api: Api,
  options: {
    readonly prefix: string;
    readonly eventsPerSecond: number;
    readonly messagesPerSecond: number;
    /** Items of each kind sent at most: bounds the work whatever the machine's speed. */
    readonly maxEach: number;
    readonly retryForMs?: number;
  },
): Load {
  const events: string[] = [];
  const messages: string[] = [];
  const refusals: Record<string, number> = {};
  let abandoned = 0;
  const inFlight = new Set<Promise<void>>();
  const retryForMs = options.retryForMs ?? 120_000;

  const deliver = (accepted: string[], key: string, url: string, body: unknown) => {
    const item = (async () => {
      const giveUpAt = Date.now() + retryForMs;
      for (let attempt = 0; ; attempt += 1) {
        let outcome: string;
        try {
          const answer = await call(api, 'POST', url, body, 5000);
          if (answer.status < 300) {
            accepted.push(key);
            return;
          }
          outcome = `${answer.status} ${String(answer.json.code)}`;
        } catch {
          outcome = 'network';
        }
        refusals[outcome] = (refusals[outcome] ?? 0) + 1;
        if (Date.now() > giveUpAt) {
          abandoned += 1;
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 250 * 2 ** attempt)));
      }
    })();
    inFlight.add(item);
    void item.finally(() => inFlight.delete(item));
  };

  let sentEvents = 0;
  let sentMessages = 0;
  const startedAt = Date.now();
  // Paced by the clock, not by answers: a slow or refused request does not slow the load down.
  const timer = setInterval(() => {
    const elapsedSeconds = (Date.now() - startedAt) / 1000;
    while (sentEvents < Math.min(options.maxEach, elapsedSeconds * options.eventsPerSecond)) {
      const n = sentEvents++;
      const key = `${options.prefix}-event-${n}`;
      deliver(events, key, '/api/events', { type: 'load.order_paid', subject: `order:${options.prefix}-${n}`, idempotencyKey: key, data: { n } });
    }
    while (sentMessages < Math.min(options.maxEach, elapsedSeconds * options.messagesPerSecond)) {
      const n = sentMessages++;
      const key = `${options.prefix}-message-${n}`;
      deliver(messages, key, '/api/inbox/messages', {
        channel: 'whatsapp',
        contact: { externalId: `${options.prefix}-contact-${n}`, name: `Cliente ${n}` },
        text: 'Hola, quiero información',
        idempotencyKey: key,
      });
    }
  }, 20);

  return {
    acceptedCount: () => events.length + messages.length,
    sentCount: () => sentEvents + sentMessages,
    async stop() {
      clearInterval(timer);
      while (inFlight.size > 0) await Promise.all([...inFlight]);
      return { events, messages, refusals, abandoned };
    },
  };
}

/** Reads the schema the processes under test use; only `pool.query`, which survives a restart of Postgres. */
export interface Reader {
  rows<T = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<T[]>;
  count(text: string, values?: readonly unknown[]): Promise<number>;
  close(): Promise<void>;
}

export function openReader(databaseUrl: string, schema: string): Reader {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: `-c search_path=${schema},public` });
  pool.on('error', () => undefined);
  const rows = async <T>(text: string, values: readonly unknown[] = []): Promise<T[]> => (await pool.query(text, [...values])).rows as T[];
  return {
    rows,
    count: async (text, values) => Number((await rows<{ count: string }>(text, values))[0]?.count ?? 0),
    close: () => pool.end(),
  };
}

/** Runs of a workflow in a status; for progress checks while the load runs. */
export function countRuns(db: Reader, workflowId: string, status: string, since?: Date): Promise<number> {
  return since === undefined
    ? db.count('select count(*) from runs where workflow_id = $1 and status = $2', [workflowId, status])
    : db.count('select count(*) from runs where workflow_id = $1 and status = $2 and finished_at > $3', [workflowId, status, since]);
}

/**
 * Polls until the work of every accepted item is done: each event's run completed, each
 * message's conversation assigned and answered, and each answer accepted by the bridge.
 * `whileWaiting` runs at every poll (to fail fast when a process under test has exited).
 */
export async function waitForLoadDone(
  db: Reader,
  workload: Workload,
  load: LoadResult,
  channel: RecordingChannel,
  options: { readonly timeoutMs: number; readonly whileWaiting?: () => void },
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    options.whileWaiting?.();
    const progress = {
      eventRunsCompleted: await countRuns(db, workload.eventWorkflowId, 'completed'),
      routingRunsCompleted: await countRuns(db, workload.routingWorkflowId, 'completed'),
      replyRunsCompleted: await countRuns(db, workload.replyWorkflowId, 'completed'),
      answersSent: await db.count("select count(*) from messages where direction = 'out' and delivery_status = 'sent'"),
      answersAccepted: channel.accepted.size,
    };
    const expected = load.messages.length;
    if (
      progress.eventRunsCompleted >= load.events.length &&
      progress.routingRunsCompleted >= expected &&
      progress.replyRunsCompleted >= expected &&
      progress.answersSent >= expected &&
      progress.answersAccepted >= expected
    )
      return;
    if (Date.now() > deadline) {
      const runs = await db.rows('select workflow_id, status, count(*) from runs group by 1, 2 order by 1, 2');
      const jobs = await db.rows(`select name, state, count(*) from ${await bossSchema(db)}.job where state <> 'completed' group by 1, 2 order by 1, 2`);
      throw new Error(
        `the load's work was not done in ${options.timeoutMs} ms: ${JSON.stringify({ accepted: { events: load.events.length, messages: expected }, progress, runs, jobs })}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function bossSchema(db: Reader): Promise<string> {
  const [row] = await db.rows<{ schema: string }>('select current_schema() as schema');
  return `${row?.schema ?? 'switchboard'}_boss`;
}

/** An answer the load's conversations got: when it was written (Postgres' clock) and when the bridge accepted it (the test's). */
export interface AnswerTiming {
  readonly messageId: string;
  readonly writtenAt: number;
  readonly acceptedAt: number;
}

/** p50, p99 and the largest of a list of durations, in ms. */
export function percentiles(values: readonly number[]): { readonly p50Ms: number; readonly p99Ms: number; readonly maxMs: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN);
  return { p50Ms: at(0.5), p99Ms: at(0.99), maxMs: at(1) };
}

/**
 * Exactly once, checked in Postgres and at the bridge: each accepted event is stored once and
 * started one run that completed with each step recorded once; each accepted message is stored
 * once, opened one conversation, which was assigned once (one `inbox.conversation_assigned`),
 * within every agent's capacity, and answered by one message the bridge accepted once under its
 * stable key. Returns when each answer was written and accepted.
 */
export async function expectExactlyOnce(db: Reader, workload: Workload, load: LoadResult, channel: RecordingChannel): Promise<readonly AnswerTiming[]> {
  expect(load.abandoned, 'every item was accepted in the end').toBe(0);

  const events = await db.rows<{ idempotency_key: string; run_ids: string[] }>('select idempotency_key, run_ids from events where type = $1', [
    'load.order_paid',
  ]);
  expect(events.map((event) => event.idempotency_key).sort()).toEqual([...load.events].sort());
  expect(
    events.filter((event) => event.run_ids.length !== 1),
    'events that did not start exactly one run',
  ).toEqual([]);
  const eventRuns = await db.rows<{ id: string; status: string; nodes: string[] }>(
    `select r.id, r.status, array_agg(s.node_id order by s.id) filter (where s.status = 'completed') as nodes
     from runs r left join steps s on s.run_id = r.id where r.workflow_id = $1 group by r.id`,
    [workload.eventWorkflowId],
  );
  expect(eventRuns).toHaveLength(load.events.length);
  expect(new Set(eventRuns.map((run) => run.id))).toEqual(new Set(events.flatMap((event) => event.run_ids)));
  expect(eventRuns.filter((run) => run.status !== 'completed' || run.nodes.join() !== 'start,pause,note')).toEqual([]);

  const inbound = await db.rows<{ idempotency_key: string; conversation_id: string }>(
    "select idempotency_key, conversation_id from messages where direction = 'in'",
  );
  expect(inbound.map((message) => message.idempotency_key).sort()).toEqual(load.messages.map((key) => `in:whatsapp:${key}`).sort());
  expect(new Set(inbound.map((message) => message.conversation_id)).size, 'one conversation per contact').toBe(load.messages.length);

  const conversations = await db.rows<{ id: string; assignee_id: string | null; assigned: string; routed: string; replied: string }>(
    `select c.id, c.assignee_id,
       (select count(*) from events e where e.type = 'inbox.conversation_assigned' and e.subject = 'conversation:' || c.id) as assigned,
       (select count(*) from runs r where r.workflow_id = $1 and r.subject = 'conversation:' || c.id and r.status = 'completed') as routed,
       (select count(*) from runs r where r.workflow_id = $2 and r.subject = 'conversation:' || c.id and r.status = 'completed') as replied
     from conversations c`,
    [workload.routingWorkflowId, workload.replyWorkflowId],
  );
  expect(conversations).toHaveLength(load.messages.length);
  expect(
    conversations.filter((row) => row.assignee_id === null || row.assigned !== '1' || row.routed !== '1' || row.replied !== '1'),
    'conversations not assigned, routed and answered exactly once',
  ).toEqual([]);
  expect(await db.count('select count(*) from runs where workflow_id in ($1, $2)', [workload.routingWorkflowId, workload.replyWorkflowId])).toBe(
    2 * load.messages.length,
  );

  const agents = await db.rows<{ id: string; capacity: number; open_count: number; holding: string }>(
    `select a.id, a.capacity, a.open_count,
       (select count(*) from conversations c where c.assignee_id = a.id and c.status = 'open') as holding
     from agents a`,
  );
  expect(
    agents.filter((agent) => agent.open_count > agent.capacity || String(agent.open_count) !== agent.holding),
    'agents over capacity or miscounted',
  ).toEqual([]);

  const outbound = await db.rows<{ id: string; conversation_id: string; delivery_status: string; created_ms: number }>(
    "select id, conversation_id, delivery_status, extract(epoch from created_at) * 1000 as created_ms from messages where direction = 'out'",
  );
  expect(outbound).toHaveLength(load.messages.length);
  expect(new Set(outbound.map((message) => message.conversation_id)).size).toBe(load.messages.length);
  expect(outbound.filter((message) => message.delivery_status !== 'sent')).toEqual([]);
  // The bridge saw each answer under its stable key and no other key: it accepted each once.
  expect(new Set(channel.accepted.keys())).toEqual(new Set(outbound.map((message) => `message:${message.id}`)));
  expect([...channel.requests.keys()].filter((key) => !channel.accepted.has(key))).toEqual([]);

  return outbound.map((message) => ({
    messageId: message.id,
    writtenAt: Number(message.created_ms),
    acceptedAt: channel.accepted.get(`message:${message.id}`)?.acceptedAt ?? Number.NaN,
  }));
}

/** How many requests the bridge got beyond one per message: repeats under the same key, which promise 2 allows. */
export function repeatedDeliveries(channel: RecordingChannel): number {
  return [...channel.requests.values()].reduce((sum, count) => sum + count - 1, 0);
}
