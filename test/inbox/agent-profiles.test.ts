/**
 * An inbox agent is a person (issue 9): the profile belongs to the user with the same email,
 * linked when the agent is made, or on the person's first use of the inbox; the agent sets
 * their own status and lists their own conversations. Through the real API server and its auth.
 */
import type { Role, User } from '@switchboard/engine';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersFor } from '../../engine/src/api/test-app.ts';
import { agentOfPerson } from '../../engine/src/inbox/agent-of-person.ts';
import type { InboxRuntime } from '../../engine/src/inbox/inbox-runtime.ts';
import { publish } from '../support/test-engine.ts';
import { startInboxEngine, type InboxEngine } from './support/inbox-engine.ts';
import { eventually } from './support/inbox-fixtures.ts';
import { authorized, type InboxServer, startInboxServer } from './support/inbox-server.ts';

type Headers = Record<string, string>;
type AgentBody = { id: string; userId: string | null; name: string; email: string; status: string; capacity: number };
const PASSWORD = 'a long enough password';

describe('agents are people', () => {
  let box: InboxEngine;
  let app: InboxServer;
  let sequence = 0;

  beforeAll(async () => {
    box = await startInboxEngine();
    app = await startInboxServer(box);
  });
  afterAll(async () => {
    await app?.close();
    await box?.close();
  });

  const unique = (prefix: string) => {
    sequence += 1;
    return `${prefix}-${sequence}@example.com`;
  };

  /** A person with a password and an API token of their own (it carries their role). */
  async function person(role: Role, email = unique(role)): Promise<{ user: User; headers: Headers }> {
    const user = await box.engine.people.createUser({ name: `Person ${email}`, email, role, language: null, password: PASSWORD });
    const { token } = await box.engine.people.createApiToken({ name: 'test', userId: user.id });
    return { user, headers: { authorization: `Bearer ${token}` } };
  }

  /** Signs in through the API, as the web app does: the session cookie, and the server's own Origin for changes. */
  async function signIn(email: string): Promise<Headers> {
    const response = await app.inject({ method: 'POST', url: '/api/session', payload: { email, password: PASSWORD } });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((candidate) => candidate.name === 'sb_session');
    if (cookie === undefined) throw new Error('no session cookie');
    return { cookie: `sb_session=${cookie.value}`, origin: 'http://localhost:80' };
  }

  async function call(method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: Record<string, unknown>) {
    return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  }

  async function ok<T = AgentBody>(method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: Record<string, unknown>): Promise<T> {
    const response = await call(method, url, headers, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json<T>();
  }

  async function refused(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    headers: Headers,
    payload: Record<string, unknown> | undefined,
    status: number,
    code: string,
  ) {
    const response = await call(method, url, headers, payload);
    const body = response.json<{ code: string; message: string }>();
    expect({ status: response.statusCode, code: body.code }, response.body).toEqual({ status, code });
    return body;
  }

  async function conversationAssignedTo(agentId: string): Promise<string> {
    sequence += 1;
    const received = await ok<{ conversation: { id: string } }>('POST', '/api/inbox/messages', authorized, {
      channel: 'test',
      contact: { externalId: `profiles-${sequence}` },
      text: 'hola',
    });
    await ok('POST', `/api/inbox/conversations/${received.conversation.id}/assign`, authorized, { agentId });
    return received.conversation.id;
  }

  it('links a profile made before its person existed on their first GET /api/inbox/me, by email without case', async () => {
    const email = unique('early');
    const early = await ok('POST', '/api/inbox/agents', authorized, { name: 'Early Agent', email, capacity: 4 });
    expect(early.userId).toBeNull();

    const { user, headers } = await person('agent', email.toUpperCase());
    expect(await ok('GET', '/api/inbox/me', headers)).toMatchObject({ id: early.id, userId: user.id, capacity: 4, name: 'Early Agent' });
    expect(await ok('GET', `/api/inbox/agents/${early.id}`, authorized)).toMatchObject({ userId: user.id });
    // Signed in with a cookie, the same person finds the same profile.
    expect(await ok('GET', '/api/inbox/me', await signIn(user.email))).toMatchObject({ id: early.id });
  });

  it('links a new profile to the person who has its email, whatever their role', async () => {
    const { user, headers } = await person('admin');
    const created = await ok('POST', '/api/inbox/agents', authorized, { name: 'Admin Agent', email: user.email.toUpperCase() });
    expect(created.userId).toBe(user.id);
    expect((await ok('GET', '/api/inbox/me', headers)).id).toBe(created.id);
  });

  it('gives a person with the agent role a profile on first use, once', async () => {
    const { user, headers } = await person('agent');
    const first = await ok('GET', '/api/inbox/me', headers);
    expect(first).toMatchObject({ userId: user.id, name: user.name, email: user.email, status: 'offline', capacity: 10 });
    expect((await ok('GET', '/api/inbox/me', headers)).id).toBe(first.id);
    const { agents } = await ok<{ agents: AgentBody[] }>('GET', '/api/inbox/agents', authorized);
    expect(agents.filter((agent) => agent.userId === user.id)).toHaveLength(1);
  });

  it('makes one profile when two first requests of one person overlap', async () => {
    const { user } = await person('agent');
    const rt: InboxRuntime = { engine: () => box.engine, channels: new Map(), clock: () => new Date(), deliveryAttempts: 1 };
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let madeFirst: (made: { id: string; pid: number }) => void = () => {};
    const firstMade = new Promise<{ id: string; pid: number }>((resolve) => {
      madeFirst = resolve;
    });
    // The first request has made the profile and not committed yet when the second one starts.
    const first = box.tx(async (db) => {
      const agent = await agentOfPerson(rt, db, user);
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
      madeFirst({ id: agent.id, pid: rows[0]?.pid ?? 0 });
      await held;
    });
    const { id, pid } = await firstMade;
    const second = box.tx((db) => agentOfPerson(rt, db, user));
    // The second waits on the first's new row (the unique email), then finds the profile it made.
    await eventually(async () => {
      const { rows } = await box.tx((db) =>
        sql<{ waiting: number }>`select count(*)::int as waiting from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`.execute(db),
      );
      expect(rows[0]?.waiting).toBe(1);
    });
    release();
    await first;
    expect((await second).id).toBe(id);
  });

  it("keeps one profile a person: a second one with their email is nobody's, and a profile of someone else is not taken", async () => {
    const ana = await person('agent');
    const first = await ok('GET', '/api/inbox/me', ana.headers);
    // The admin moves Ana's profile to another address, then makes a profile with her old one.
    await ok('PATCH', `/api/inbox/agents/${first.id}`, authorized, { email: unique('moved') });
    const second = await ok('POST', '/api/inbox/agents', authorized, { name: 'Second Ana', email: ana.user.email });
    expect(second.userId).toBeNull();
    expect((await ok('GET', '/api/inbox/me', ana.headers)).id).toBe(first.id);

    // The admin gives Ana's profile the address of Bea, who has no account yet: when Bea comes, it stays Ana's.
    const beaEmail = unique('bea');
    await ok('PATCH', `/api/inbox/agents/${first.id}`, authorized, { email: beaEmail });
    const bea = await person('agent', beaEmail);
    const refusal = await refused('GET', '/api/inbox/me', bea.headers, undefined, 409, 'INBOX_EMAIL_TAKEN');
    expect(refusal.message).toContain('belongs to another person');
    expect(await ok('GET', `/api/inbox/agents/${first.id}`, authorized)).toMatchObject({ userId: ana.user.id });
  });

  it('answers who has no profile clearly: 404 for an editor or admin, 409 for a machine token, and lets no editor go online', async () => {
    const { user, headers } = await person('editor');
    const missing = await refused('GET', '/api/inbox/me', headers, undefined, 404, 'INBOX_AGENT_PROFILE_NOT_FOUND');
    expect(missing.message).toContain(user.email);
    // Going online is for roles that answer conversations: an editor may not, profile or not.
    await refused('PATCH', '/api/inbox/me', headers, { status: 'online' }, 403, 'AUTH_FORBIDDEN');
    const admin = await person('admin');
    await refused('PATCH', '/api/inbox/me', admin.headers, { status: 'online' }, 404, 'INBOX_AGENT_PROFILE_NOT_FOUND');
    await refused('GET', '/api/inbox/conversations?assigneeId=me', headers, undefined, 404, 'INBOX_AGENT_PROFILE_NOT_FOUND');
    await refused('GET', '/api/inbox/me', authorized, undefined, 409, 'NOT_A_PERSON');
    await refused('GET', '/api/inbox/conversations?assigneeId=me', authorized, undefined, 409, 'NOT_A_PERSON');
    // No editor got a profile by asking.
    const { agents } = await ok<{ agents: AgentBody[] }>('GET', '/api/inbox/agents', authorized);
    expect(agents.some((agent) => agent.userId === user.id)).toBe(false);
  });

  it('lets an agent set their own status with a token or a session cookie, and only theirs', async () => {
    const { user, headers } = await person('agent');
    const own = await ok('GET', '/api/inbox/me', headers);
    expect(await ok('PATCH', '/api/inbox/me', headers, { status: 'away' })).toMatchObject({ id: own.id, status: 'away' });
    const session = await signIn(user.email);
    expect(await ok('PATCH', '/api/inbox/me', session, { status: 'online' })).toMatchObject({ id: own.id, status: 'online' });
    await refused('PATCH', '/api/inbox/me', { cookie: session.cookie ?? '' }, { status: 'offline' }, 403, 'CSRF_REJECTED');
    await refused('PATCH', '/api/inbox/me', headers, { capacity: 50 }, 422, 'REQUEST_INVALID');

    const other = await ok('POST', '/api/inbox/agents', authorized, { name: 'Someone Else', email: unique('else'), status: 'offline' });
    await refused('PATCH', `/api/inbox/agents/${other.id}`, headers, { status: 'online' }, 403, 'AUTH_FORBIDDEN');
    await refused('PATCH', `/api/inbox/agents/${own.id}`, await headersFor(box, 'agent'), { capacity: 50 }, 403, 'AUTH_FORBIDDEN');
    expect(await ok('GET', `/api/inbox/agents/${other.id}`, authorized)).toMatchObject({ status: 'offline' });
    expect(await ok('GET', `/api/inbox/agents/${own.id}`, authorized)).toMatchObject({ status: 'online', capacity: 10 });
  });

  it('lists only the caller’s conversations with assigneeId=me', async () => {
    const mine = await person('agent');
    const theirs = await person('agent');
    const me = await ok('GET', '/api/inbox/me', mine.headers);
    const them = await ok('GET', '/api/inbox/me', theirs.headers);
    await ok('PATCH', `/api/inbox/agents/${me.id}`, authorized, { capacity: 5 });
    await ok('PATCH', `/api/inbox/agents/${them.id}`, authorized, { capacity: 5 });
    const myConversations = [await conversationAssignedTo(me.id), await conversationAssignedTo(me.id)];
    await conversationAssignedTo(them.id);

    const listed = await ok<{ conversations: { id: string; assigneeId: string }[] }>('GET', '/api/inbox/conversations?assigneeId=me', mine.headers);
    expect(listed.conversations.map((conversation) => conversation.id).sort()).toEqual([...myConversations].sort());
    const byId = await ok<{ conversations: { id: string }[] }>('GET', `/api/inbox/conversations?assigneeId=${me.id}`, authorized);
    expect(byId.conversations.map((conversation) => conversation.id).sort()).toEqual([...myConversations].sort());
    await refused('GET', '/api/inbox/conversations?assigneeId=you', mine.headers, undefined, 422, 'REQUEST_INVALID');
  });

  it('assigns a queued conversation to an agent who comes online through PATCH /api/inbox/me', async () => {
    const { user, headers } = await person('agent');
    const own = await ok('GET', '/api/inbox/me', headers);
    const team = await ok<{ id: string }>('POST', '/api/inbox/teams', authorized, { name: 'Own status team', agentIds: [own.id] });
    const workflowId = await publish(box.engine, {
      name: 'Assign to the team or queue',
      nodes: [
        { id: 'opened', type: 'inbox.conversation_opened', config: {} },
        { id: 'assign', type: 'inbox.assign_to', config: { target: 'team', teamId: team.id, strategy: 'round_robin', timeoutSeconds: 600 } },
      ],
      edges: [{ from: 'opened', to: 'assign' }],
    });
    try {
      const received = await ok<{ conversation: { id: string } }>('POST', '/api/inbox/messages', authorized, {
        channel: 'test',
        contact: { externalId: 'profiles-queued' },
        text: 'hola',
      });
      const conversationUrl = `/api/inbox/conversations/${received.conversation.id}`;
      await eventually(async () => {
        const runs = await box.engine.listRuns({ workflowId, limit: 10 });
        expect(runs.map((run) => run.status)).toEqual(['waiting']);
      });
      expect((await ok<{ conversation: { assigneeId: string | null } }>('GET', conversationUrl, authorized)).conversation.assigneeId).toBeNull();

      await ok('PATCH', '/api/inbox/me', await signIn(user.email), { status: 'online' });
      await eventually(async () =>
        expect((await ok<{ conversation: { assigneeId: string | null } }>('GET', conversationUrl, authorized)).conversation.assigneeId).toBe(own.id),
      );
    } finally {
      await box.engine.stopWorkflow(workflowId);
    }
  });
});
