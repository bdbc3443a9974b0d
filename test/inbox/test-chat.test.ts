/**
 * Test chats (docs/ARCHITECTURE.md "Test chat"), through the real API server: a person plays a
 * customer against a workflow's draft, with a pretend clock. The message goes through the inbox
 * receive path and the engine; only the test's version runs for it; what the customer would see
 * is recorded and reaches nobody; test runs stay out of lists, counts and agents' capacity.
 */
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../engine/src/store/database.ts';
import { runRetentionPass } from '../../engine/src/runtime/run-retention-pass.ts';
import { connectTestDatabase } from '../support/test-database.ts';
import { startTemplateInbox, type TemplateInbox } from '../templates/support/template-inbox.ts';
import { addAgent } from '../templates/support/template-fixtures.ts';
import { eventually } from './support/inbox-fixtures.ts';
import { authorized, type InboxServer, startInboxServer } from './support/inbox-server.ts';

interface TestBody {
  id: string;
  workflowId: string;
  version: number;
  conversationId: string;
  contactId: string;
  clock: string | null;
  assignForReal: boolean;
}
interface TestMessage {
  direction: 'inbound' | 'outbound';
  text: string;
  byAutomation: boolean;
}
interface RunBody {
  id: string;
  workflowId: string;
  version: number;
  status: string;
  test: boolean;
  testId: string | null;
}
interface TestChat {
  test: TestBody;
  messages: TestMessage[];
  runs: RunBody[];
}

// Mexico City is UTC-6 all year; 2026-12-06 is a Sunday.
const SUNDAY_NIGHT = '2026-12-06T23:00:00-06:00';
const MONDAY_MORNING = '2026-12-07T10:00:00-06:00';
const AWAY_ES = 'Hola Lucía, en este momento estamos cerrados. Volvemos el lunes a las 09:00 y te responderemos entonces.';

describe('test chats', () => {
  let box: TemplateInbox;
  let app: InboxServer;
  let db: Kysely<DB>;

  beforeAll(async () => {
    box = await startTemplateInbox();
    app = await startInboxServer(box);
    db = connectTestDatabase(box.harness.schema) as Kysely<DB>;
  });
  afterAll(async () => {
    await db?.destroy();
    await app?.close();
    await box?.close();
  });

  async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
    return app.inject({ method, url, headers: authorized, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  }
  async function ok<T>(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown): Promise<T> {
    const response = await call(method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json<T>();
  }
  async function startTest(workflowId: string, body: Record<string, unknown> = {}): Promise<TestBody> {
    const response = await call('POST', `/api/workflows/${workflowId}/tests`, { contact: { name: 'Lucía Hernández' }, ...body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<TestBody>();
  }
  /** Writes as the test's customer and waits until the runs it started have settled. */
  async function say(test: TestBody, text: string, settled: readonly string[] = ['completed']): Promise<TestChat> {
    const before = (await ok<TestChat>('GET', `/api/tests/${test.id}`)).runs.length;
    const written = await call('POST', `/api/tests/${test.id}/messages`, { text });
    expect(written.statusCode, written.body).toBe(201);
    return eventually(async () => {
      const chat = await ok<TestChat>('GET', `/api/tests/${test.id}`);
      expect(chat.runs.length).toBeGreaterThan(before);
      expect(chat.runs.every((run) => settled.includes(run.status))).toBe(true);
      return chat;
    });
  }
  async function portsOf(runId: string): Promise<[string, string | null][]> {
    const { steps } = await box.engine.getRun(runId);
    return steps.map((step) => [step.nodeId, step.port]);
  }
  async function importTemplate(id: string): Promise<string> {
    const { workflow, issues } = await box.engine.importTemplate(id, { language: 'es', parameters: {} });
    expect(issues).toEqual([]);
    return workflow.id;
  }
  async function flow(name: string, steps: readonly Record<string, unknown>[]): Promise<string> {
    const nodes = [{ id: 'message', type: 'inbox.message_received', config: {} }, ...steps];
    const edges = nodes.slice(1).map((node, index) => ({ from: nodes[index]?.['id'], to: node['id'] }));
    const { workflow, issues } = await box.engine.createWorkflow({ name, nodes, edges });
    expect(issues).toEqual([]);
    return workflow.id;
  }

  it('runs the out-of-hours draft on Sunday 23:00: the away message, by the closed path, and no live workflow', async () => {
    const workflowId = await importTemplate('out-of-hours');
    // A live version too: it must not run for the test, nor change because of it.
    await box.engine.publishWorkflow(workflowId);
    const test = await startTest(workflowId, { clock: SUNDAY_NIGHT });
    expect(test).toMatchObject({ workflowId, clock: new Date(SUNDAY_NIGHT).toISOString(), assignForReal: false });
    expect(test.version).toBeLessThan(0);

    const chat = await say(test, 'Hola, ¿están abiertos?');
    expect(chat.messages.map((message) => [message.direction, message.text, message.byAutomation])).toEqual([
      ['inbound', 'Hola, ¿están abiertos?', false],
      ['outbound', AWAY_ES, true],
    ]);
    const [run] = chat.runs;
    expect(chat.runs).toHaveLength(1);
    expect(run).toMatchObject({ workflowId, version: test.version, test: true, testId: test.id, status: 'completed' });
    expect(await portsOf(run?.id ?? '')).toEqual([
      ['message', 'next'],
      ['hours', 'closed'],
      ['sent_today', 'else'],
      ['away', 'next'],
      ['remember', 'next'],
    ]);
    // The pretend time is what the nodes saw: the local Sunday night, and the tag of that day.
    expect((await box.engine.getRun(run?.id ?? '')).run.outputs['hours']).toMatchObject({ open: false, localTime: '2026-12-06T23:00', day: 'sunday' });
    const conversation = await box.tx((trx) => box.inbox.getConversation(trx, test.conversationId));
    expect(conversation).toMatchObject({ channel: 'test-chat', tags: ['away-sent-2026-12-06'] });
    // Delivered by the test chat channel to nobody: the real channel saw nothing.
    expect(box.channel.deliveries.filter((delivery) => delivery.conversationId === test.conversationId)).toEqual([]);

    // The live version: no run, still version 1, and the versions list knows nothing of the test.
    expect(await box.engine.listRuns({ workflowId })).toEqual([]);
    expect((await box.engine.getWorkflow(workflowId)).activeVersion).toBe(1);
    expect((await box.engine.listVersions(workflowId)).map((version) => version.version)).toEqual([1]);
  });

  it('sends nothing on Monday 10:00, leaving by the open path', async () => {
    const workflowId = await importTemplate('out-of-hours');
    const test = await startTest(workflowId, { clock: MONDAY_MORNING });
    const chat = await say(test, 'Buenos días');
    expect(chat.messages.map((message) => message.direction)).toEqual(['inbound']);
    expect(await portsOf(chat.runs[0]?.id ?? '')).toEqual([
      ['message', 'next'],
      ['hours', 'open'],
    ]);

    // "Pretend the time is" Sunday night now: the next message takes the closed path.
    const moved = await ok<TestBody>('PATCH', `/api/tests/${test.id}`, { clock: SUNDAY_NIGHT });
    expect(moved.clock).toBe(new Date(SUNDAY_NIGHT).toISOString());
    const later = await say(test, '¿Hola?');
    expect(later.messages.at(-1)).toMatchObject({ direction: 'outbound', text: AWAY_ES });
  });

  it('never starts a test version for a real conversation, and the live version runs as before', async () => {
    const workflowId = await flow('Echo for real and test', [{ id: 'reply', type: 'inbox.send_message', config: { text: 'Te leo' } }]);
    await box.engine.publishWorkflow(workflowId);
    const test = await startTest(workflowId);
    await box.tx((trx) => box.inbox.receiveMessage(trx, { channel: 'test', contact: { externalId: 'real-customer-1', name: 'Real' }, text: 'hola' }));
    const [live] = await eventually(async () => {
      const runs = await box.engine.listRuns({ workflowId });
      expect(runs.map((run) => run.status)).toEqual(['completed']);
      return runs;
    });
    expect(live).toMatchObject({ version: 1, test: false });
    expect(await box.engine.listRuns({ testId: test.id })).toEqual([]);
  });

  it('asks a question and takes the answer the customer gives in the test', async () => {
    const choices = [
      { id: 'sales', label: 'Ventas' },
      { id: 'support', label: 'Soporte' },
    ];
    const nodes = [
      { id: 'message', type: 'inbox.message_received', config: {} },
      { id: 'ask', type: 'inbox.ask_question', config: { question: '¿Con quién quieres hablar?', type: 'multiple_choice', choices, maxAttempts: 2 } },
      { id: 'to_sales', type: 'inbox.send_message', config: { text: 'Te paso con ventas' } },
      { id: 'to_support', type: 'inbox.send_message', config: { text: 'Te paso con soporte' } },
    ];
    const edges = [
      { from: 'message', to: 'ask' },
      { from: 'ask', port: 'sales', to: 'to_sales' },
      { from: 'ask', port: 'support', to: 'to_support' },
    ];
    const { workflow } = await box.engine.createWorkflow({ name: 'Question in a test', nodes, edges, settings: { reentry: 'ignore' } });
    const test = await startTest(workflow.id);
    const asked = await say(test, 'hola', ['waiting']);
    const question = asked.messages.at(-1);
    expect(question).toMatchObject({ direction: 'outbound', byAutomation: true });
    // What the customer sees includes the choices, as text.
    expect(question?.text).toContain('¿Con quién quieres hablar?');
    expect(question?.text).toContain('Soporte');

    await call('POST', `/api/tests/${test.id}/messages`, { text: '2' });
    const answered = await eventually(async () => {
      const chat = await ok<TestChat>('GET', `/api/tests/${test.id}`);
      expect(chat.runs.map((run) => run.status)).toEqual(['completed']);
      return chat;
    });
    expect(answered.messages.map((message) => message.text).at(-1)).toBe('Te paso con soporte');
    expect(await portsOf(answered.runs[0]?.id ?? '')).toContainEqual(['ask', 'support']);
  });

  it('hides test runs from GET /api/runs unless test=true, and from the workflow list counts', async () => {
    const workflowId = await flow('Hidden test runs', [{ id: 'reply', type: 'inbox.send_message', config: { text: 'ok' } }]);
    const test = await startTest(workflowId);
    const chat = await say(test, 'hola');
    const runId = chat.runs[0]?.id;

    const listed = await ok<{ runs: RunBody[] }>('GET', `/api/runs?workflowId=${workflowId}`);
    expect(listed.runs).toEqual([]);
    const tests = await ok<{ runs: RunBody[] }>('GET', `/api/runs?workflowId=${workflowId}&test=true`);
    expect(tests.runs.map((run) => [run.id, run.test])).toEqual([[runId, true]]);
    const [summary] = (await box.engine.listWorkflows({ query: 'Hidden test runs' })).filter((workflow) => workflow.id === workflowId);
    expect(summary?.runsLast24Hours).toMatchObject({ total: 0, failed: 0 });
    // Nor is the pretend customer in the inbox: not its conversation, not its contact.
    const conversations = await ok<{ conversations: { id: string }[] }>('GET', '/api/inbox/conversations?limit=500');
    expect(conversations.conversations.map((conversation) => conversation.id)).not.toContain(test.conversationId);
    const contacts = await ok<{ contacts: { id: string }[] }>('GET', '/api/inbox/contacts?limit=500');
    expect(contacts.contacts.map((contact) => contact.id)).not.toContain(test.contactId);
  });

  it("assigns by the real rules without taking an agent's capacity, unless assignForReal; cleaning up gives it back", async () => {
    const agent = await addAgent(box, 'Marta Test', { capacity: 1 });
    const workflowId = await flow('Assign in a test', [{ id: 'assign', type: 'inbox.assign_to', config: { target: 'agent', agentId: agent.id, timeoutSeconds: 0 } }]);
    const openCount = async () => (await box.tx((trx) => box.inbox.findAgent(trx, agent.id)))?.openCount;

    const pretend = await startTest(workflowId);
    const first = await say(pretend, 'hola');
    expect(await portsOf(first.runs[0]?.id ?? '')).toContainEqual(['assign', 'assigned']);
    expect((await box.tx((trx) => box.inbox.getConversation(trx, pretend.conversationId))).assigneeId).toBe(agent.id);
    expect(await openCount()).toBe(0);

    const real = await startTest(workflowId, { assignForReal: true });
    const second = await say(real, 'hola');
    expect(await portsOf(second.runs[0]?.id ?? '')).toContainEqual(['assign', 'assigned']);
    expect(await openCount()).toBe(1);

    expect((await call('DELETE', `/api/tests/${real.id}`)).statusCode).toBe(204);
    expect(await openCount()).toBe(0);
    expect((await call('DELETE', `/api/tests/${pretend.id}`)).statusCode).toBe(204);
    expect(await openCount()).toBe(0);
  });

  it('cleans a test up on DELETE, and on its own a day later', async () => {
    const workflowId = await flow('Cleaned up', [{ id: 'reply', type: 'inbox.send_message', config: { text: 'ok' } }]);
    const test = await startTest(workflowId);
    const chat = await say(test, 'hola');
    expect((await call('DELETE', `/api/tests/${test.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/api/tests/${test.id}`)).json()).toMatchObject({ statusCode: 404, code: 'TEST_NOT_FOUND' });
    expect((await call('DELETE', `/api/tests/${test.id}`)).statusCode).toBe(404);
    await expect(box.engine.getRun(chat.runs[0]?.id ?? '')).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    expect(await db.selectFrom('workflow_versions').select('version').where('workflow_id', '=', workflowId).execute()).toEqual([]);
    expect(await db.selectFrom('contacts').select('id').where('id', '=', test.contactId).execute()).toEqual([]);

    const old = await startTest(workflowId);
    await say(old, 'hola');
    const kept = await startTest(workflowId);
    const result = await runRetentionPass(db, new Date(Date.now() + 86_400_000 + 60_000), { retentionDays: 30 });
    // Every test of this file so far is past its day; the two just made among them.
    expect(result.tests).toBeGreaterThanOrEqual(2);
    expect((await call('GET', `/api/tests/${old.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/tests/${kept.id}`)).statusCode).toBe(404);
  });

  it('waits ten real minutes for a ten-minute wait under a pretend clock', async () => {
    const workflowId = await flow('Wait in a test', [{ id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 10, unit: 'minutes' } }]);
    const test = await startTest(workflowId, { clock: '2030-01-01T00:00:00Z' });
    const chat = await say(test, 'hola', ['waiting']);
    const { waits } = await box.engine.getRun(chat.runs[0]?.id ?? '');
    const resumeAt = waits[0]?.resumeAt?.getTime() ?? 0;
    expect(Math.abs(resumeAt - (Date.now() + 600_000))).toBeLessThan(30_000);
  });

  it('refuses a draft that would not publish with its issues, and a bad body with pointers, writing nothing', async () => {
    const { workflow } = await box.engine.createWorkflow({
      name: 'Broken draft',
      nodes: [
        { id: 'message', type: 'inbox.message_received', config: {} },
        { id: 'reply', type: 'inbox.send_message', config: {} },
      ],
      edges: [{ from: 'message', to: 'reply' }],
    });
    const broken = await call('POST', `/api/workflows/${workflow.id}/tests`, { contact: { name: 'Ana' } });
    expect(broken.statusCode).toBe(422);
    expect(broken.json<{ issues: { path: string }[] }>().issues.map((issue) => issue.path)).toContain('/nodes/1/config/text');

    const bad = await call('POST', `/api/workflows/${workflow.id}/tests`, { contact: { name: '' }, clock: 'Sunday', assignForReal: 'yes' });
    expect(bad.statusCode).toBe(422);
    const paths = bad.json<{ issues: { path: string }[] }>().issues.map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(['/contact/name', '/clock', '/assignForReal']));

    const field = await call('POST', `/api/workflows/${workflow.id}/tests`, { contact: { name: 'Ana', fields: { no_such_field: 'x' } } });
    expect(field.statusCode).toBe(422);
    expect(field.json<{ issues: { path: string }[] }>().issues.map((issue) => issue.path)).toEqual(['/contact/fields/no_such_field']);
    expect(await db.selectFrom('tests').select('id').where('workflow_id', '=', workflow.id).execute()).toEqual([]);

    expect((await call('POST', '/api/workflows/00000000-0000-4000-8000-000000000000/tests', { contact: { name: 'Ana' } })).statusCode).toBe(404);
    expect((await call('POST', '/api/tests/not-a-uuid/messages', { text: 'hola' })).statusCode).toBe(404);
    const injected = await call('POST', '/api/inbox/messages', { channel: 'test-chat', contact: { externalId: workflow.id }, text: 'hola' });
    expect(injected.json()).toMatchObject({ statusCode: 422, code: 'INBOX_CHANNEL_UNKNOWN', issues: [{ path: '/channel' }] });
  });
});
