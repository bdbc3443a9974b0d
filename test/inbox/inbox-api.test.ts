/**
 * The inbox's HTTP API under /api/inbox, through the real API server: status
 * codes, error bodies with paths, and that a refused request writes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publish } from '../support/test-engine.ts';
import { startInboxEngine, type InboxEngine } from './support/inbox-engine.ts';
import { authorized, type InboxServer, startInboxServer } from './support/inbox-server.ts';
import { eventually } from './support/inbox-fixtures.ts';

type Json = Record<string, unknown> & { id: string };
const missingId = '00000000-0000-4000-8000-000000000000';

describe('inbox API', () => {
  let box: InboxEngine;
  let app: InboxServer;
  let contacts = 0;

  beforeAll(async () => {
    box = await startInboxEngine();
    app = await startInboxServer(box);
  });
  afterAll(async () => {
    await app?.close();
    await box?.close();
  });

  async function call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) {
    return app.inject({ method, url, headers: authorized, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  }

  async function ok(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown): Promise<Json> {
    const response = await call(method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json<Json>();
  }

  async function refused(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload: unknown, status: number, code: string) {
    const response = await call(method, url, payload);
    expect({ status: response.statusCode, code: response.json<{ code: string }>().code }, response.body).toEqual({ status, code });
    return response.json<{ statusCode: number; code: string; message: string; issues?: { path: string; code: string }[] }>();
  }

  let agentSequence = 0;
  async function agent(settings: Record<string, unknown> = {}): Promise<Json> {
    agentSequence += 1;
    return ok('POST', '/api/inbox/agents', {
      name: `Agent ${agentSequence}`,
      email: `api-agent-${agentSequence}@example.com`,
      status: 'online',
      capacity: 2,
      ...settings,
    });
  }

  async function conversation(text = 'hola'): Promise<{ conversation: Json; contactId: string }> {
    contacts += 1;
    const received = await ok('POST', '/api/inbox/messages', {
      channel: 'test',
      contact: { externalId: `api-${contacts}`, name: `Api Contact ${contacts}` },
      text,
    });
    return { conversation: received['conversation'] as Json, contactId: received['contactId'] as string };
  }

  async function messagesOf(conversationId: string): Promise<Json[]> {
    return (await ok('GET', `/api/inbox/conversations/${conversationId}`))['messages'] as Json[];
  }

  it('requires a bearer token', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/inbox/agents' });
    expect(response.statusCode).toBe(401);
  });

  describe('messages in', () => {
    it('refuses an unknown channel and an invalid body with the paths of every problem', async () => {
      const unknown = await refused(
        'POST',
        '/api/inbox/messages',
        { channel: 'telegram', contact: { externalId: 'x' }, text: 'hi' },
        422,
        'INBOX_CHANNEL_UNKNOWN',
      );
      expect(unknown.issues).toEqual([expect.objectContaining({ path: '/channel' })]);
      const invalid = await refused(
        'POST',
        '/api/inbox/messages',
        { channel: 'test', contact: { externalId: '', mail: 'x' }, text: 5 },
        422,
        'REQUEST_INVALID',
      );
      expect(invalid.issues?.map((issue) => issue.path).sort()).toEqual(['/contact/externalId', '/contact/mail', '/text']);
    });

    it('answers 201 for a new message and 200 for a redelivery', async () => {
      const payload = { channel: 'test', contact: { externalId: 'api-redelivery' }, text: 'hola', idempotencyKey: 'm-1' };
      expect((await call('POST', '/api/inbox/messages', payload)).statusCode).toBe(201);
      const again = await call('POST', '/api/inbox/messages', payload);
      expect(again.statusCode).toBe(200);
      expect(again.json<{ duplicate: boolean }>().duplicate).toBe(true);
    });
  });

  describe('agents and teams', () => {
    it('creates, updates and lists agents with their load; refuses a taken email and unknown ids', async () => {
      const created = await agent({ email: 'Lucia@Example.com', capacity: 3 });
      expect(created).toMatchObject({ status: 'online', capacity: 3, openCount: 0, teamIds: [] });
      await refused('POST', '/api/inbox/agents', { name: 'Lucia 2', email: 'lucia@example.com' }, 409, 'INBOX_EMAIL_TAKEN');
      const invalid = await refused('POST', '/api/inbox/agents', { email: 'not-an-email', capacity: -1, colour: 'red' }, 422, 'REQUEST_INVALID');
      expect(invalid.issues?.map((issue) => issue.path).sort()).toEqual(['/capacity', '/colour', '/email', '/name']);
      const updated = await ok('PATCH', `/api/inbox/agents/${created.id}`, { status: 'away', capacity: 4 });
      expect(updated).toMatchObject({ status: 'away', capacity: 4 });
      await refused('GET', `/api/inbox/agents/${missingId}`, undefined, 404, 'INBOX_AGENT_NOT_FOUND');
      await refused('GET', '/api/inbox/agents/not-a-uuid', undefined, 404, 'INBOX_AGENT_NOT_FOUND');
      await refused('PATCH', `/api/inbox/agents/${missingId}`, { status: 'online' }, 404, 'INBOX_AGENT_NOT_FOUND');
      await refused('PATCH', `/api/inbox/agents/${created.id}`, { teamIds: [missingId] }, 404, 'INBOX_TEAM_NOT_FOUND');
      const { agents } = (await ok('GET', '/api/inbox/agents?status=away')) as unknown as { agents: Json[] };
      expect(agents.map((listed) => listed.id)).toContain(created.id);
    });

    it('creates teams with members and lists them with their load; refuses a taken name and unknown agents', async () => {
      const member = await agent();
      const team = await ok('POST', '/api/inbox/teams', { name: 'Support', agentIds: [member.id] });
      expect(team).toMatchObject({ name: 'Support', agentIds: [member.id], openConversations: 0, memberOpenCount: 0, memberCapacity: 2, onlineAgents: 1 });
      await refused('POST', '/api/inbox/teams', { name: 'SUPPORT' }, 409, 'INBOX_TEAM_NAME_TAKEN');
      await refused('POST', '/api/inbox/teams', { name: 'Ghosts', agentIds: [missingId] }, 404, 'INBOX_AGENT_NOT_FOUND');
      await refused('PATCH', `/api/inbox/teams/${missingId}`, { name: 'x' }, 404, 'INBOX_TEAM_NOT_FOUND');
      expect(await ok('PATCH', `/api/inbox/teams/${team.id}`, { name: 'Support L1' })).toMatchObject({ name: 'Support L1' });
      expect((await ok('GET', `/api/inbox/agents/${member.id}`))['teamIds']).toEqual([team.id]);
    });
  });

  describe('conversations', () => {
    it('assigns an unassigned conversation to the agent who replies, and records the first response', async () => {
      const replier = await agent();
      const { conversation: opened } = await conversation();
      const message = await ok('POST', `/api/inbox/conversations/${opened.id}/messages`, { agentId: replier.id, text: 'Hola, ¿en qué te ayudo?' });
      expect(message).toMatchObject({ direction: 'out', senderType: 'agent', senderAgentId: replier.id, deliveryStatus: 'pending' });
      const thread = await ok('GET', `/api/inbox/conversations/${opened.id}`);
      expect(thread['conversation']).toMatchObject({ assigneeId: replier.id, firstResponseAt: message.createdAt, lastMessageAt: message.createdAt });
      expect(thread['assignee']).toMatchObject({ id: replier.id, openCount: 1 });
      await eventually(async () => expect(box.channel.deliveries.some((delivery) => delivery.messageId === message.id)).toBe(true));
      // A later reply moves the last message time, never the first response.
      const later = await ok('POST', `/api/inbox/conversations/${opened.id}/messages`, { agentId: replier.id, text: '¿Sigues ahí?' });
      const after = await ok('GET', `/api/inbox/conversations/${opened.id}`);
      expect(after['conversation']).toMatchObject({ firstResponseAt: message.createdAt, lastMessageAt: later.createdAt });
      expect(later.createdAt).not.toBe(message.createdAt);
    });

    it('writes nothing when a reply is refused: unknown agent, agent without room, closed conversation', async () => {
      const full = await agent({ capacity: 0 });
      const { conversation: opened } = await conversation();
      await refused('POST', `/api/inbox/conversations/${opened.id}/messages`, { agentId: missingId, text: 'x' }, 404, 'INBOX_AGENT_NOT_FOUND');
      await refused('POST', `/api/inbox/conversations/${opened.id}/messages`, { agentId: full.id, text: 'x' }, 409, 'INBOX_CAPACITY_FULL');
      await refused('POST', `/api/inbox/conversations/${opened.id}/messages`, { text: 'x' }, 422, 'REQUEST_INVALID');
      await refused('POST', `/api/inbox/conversations/${missingId}/messages`, { agentId: full.id, text: 'x' }, 404, 'INBOX_CONVERSATION_NOT_FOUND');
      expect(await messagesOf(opened.id)).toHaveLength(1);
      await ok('POST', `/api/inbox/conversations/${opened.id}/close`, { note: 'spam?' });
      await refused('POST', `/api/inbox/conversations/${opened.id}/messages`, { agentId: full.id, text: 'x' }, 409, 'INBOX_CONVERSATION_CLOSED');
      expect(await messagesOf(opened.id)).toHaveLength(1);
    });

    it('adds internal notes that are never delivered', async () => {
      const author = await agent();
      const { conversation: opened } = await conversation();
      const note = await ok('POST', `/api/inbox/conversations/${opened.id}/notes`, { agentId: author.id, text: 'Customer is angry' });
      expect(note).toMatchObject({ isInternalNote: true, deliveryStatus: 'not_applicable' });
      expect((await ok('GET', `/api/inbox/conversations/${opened.id}`))['conversation']).toMatchObject({ assigneeId: null });
    });

    it('assigns, transfers, unassigns and takes over, keeping counters; refuses a full agent', async () => {
      const [first, second, full] = [await agent(), await agent(), await agent({ capacity: 0 })];
      const { conversation: opened } = await conversation();
      expect(await ok('POST', `/api/inbox/conversations/${opened.id}/assign`, { agentId: first.id })).toMatchObject({ assigneeId: first.id });
      expect(await ok('POST', `/api/inbox/conversations/${opened.id}/assign`, { agentId: second.id })).toMatchObject({ assigneeId: second.id });
      await refused('POST', `/api/inbox/conversations/${opened.id}/assign`, { agentId: full.id }, 409, 'INBOX_CAPACITY_FULL');
      await refused('POST', `/api/inbox/conversations/${opened.id}/assign`, { agentId: missingId }, 404, 'INBOX_AGENT_NOT_FOUND');
      expect([(await ok('GET', `/api/inbox/agents/${first.id}`))['openCount'], (await ok('GET', `/api/inbox/agents/${second.id}`))['openCount']]).toEqual([
        0, 1,
      ]);
      expect(await ok('POST', `/api/inbox/conversations/${opened.id}/unassign`)).toMatchObject({ assigneeId: null, lastAssigneeId: second.id });
      expect(await ok('POST', `/api/inbox/conversations/${opened.id}/take-over`, { agentId: first.id })).toMatchObject({
        assigneeId: first.id,
        botActive: false,
      });
      expect((await ok('GET', `/api/inbox/agents/${second.id}`))['openCount']).toBe(0);
    });

    it('closes with a note and category, reopens with the same agent, and refuses a second open conversation', async () => {
      const handler = await agent();
      const { conversation: opened } = await conversation();
      await ok('POST', `/api/inbox/conversations/${opened.id}/assign`, { agentId: handler.id });
      const closed = await ok('POST', `/api/inbox/conversations/${opened.id}/close`, { agentId: handler.id, note: 'Sent the invoice', category: 'billing' });
      expect(closed).toMatchObject({ status: 'closed', closingNote: 'Sent the invoice', closingCategory: 'billing', assigneeId: handler.id });
      expect((await ok('GET', `/api/inbox/agents/${handler.id}`))['openCount']).toBe(0);
      expect(await ok('POST', `/api/inbox/conversations/${opened.id}/reopen`)).toMatchObject({ status: 'open', assigneeId: handler.id });
      await ok('POST', `/api/inbox/conversations/${opened.id}/close`, {});
      await ok('POST', '/api/inbox/messages', { channel: 'test', contact: { externalId: `api-${contacts}` }, text: 'again' });
      await refused('POST', `/api/inbox/conversations/${opened.id}/reopen`, undefined, 409, 'INBOX_CONVERSATION_ALREADY_OPEN');
    });

    it('tags, pauses the bot, sets priority and team, and marks spam (closing it)', async () => {
      const team = await ok('POST', '/api/inbox/teams', { name: 'Billing' });
      const { conversation: opened } = await conversation();
      expect(await ok('POST', `/api/inbox/conversations/${opened.id}/tags`, { add: ['invoice', 'urgent'], remove: ['x'] })).toMatchObject({
        tags: ['invoice', 'urgent'],
      });
      expect(await ok('POST', `/api/inbox/conversations/${opened.id}/bot`, { active: false })).toMatchObject({ botActive: false });
      expect(await ok('PATCH', `/api/inbox/conversations/${opened.id}`, { priority: 'high', teamId: team.id })).toMatchObject({
        priority: 'high',
        teamId: team.id,
      });
      await refused('PATCH', `/api/inbox/conversations/${opened.id}`, { teamId: missingId }, 404, 'INBOX_TEAM_NOT_FOUND');
      expect(await ok('POST', `/api/inbox/conversations/${opened.id}/spam`, {})).toMatchObject({ status: 'closed', isSpam: true, closingCategory: 'spam' });
    });

    it('lists conversations by status, assignee, team, tag and unassigned, page by page', async () => {
      const owner = await agent({ capacity: 10 });
      const team = await ok('POST', '/api/inbox/teams', { name: 'Listing' });
      const ids: string[] = [];
      for (let index = 0; index < 3; index += 1) ids.push((await conversation()).conversation.id);
      await ok('POST', `/api/inbox/conversations/${ids[0]}/assign`, { agentId: owner.id, teamId: team.id });
      await ok('POST', `/api/inbox/conversations/${ids[1]}/tags`, { add: ['listing-tag'] });
      const list = async (query: string) => ((await ok('GET', `/api/inbox/conversations?${query}`))['conversations'] as Json[]).map((listed) => listed.id);
      expect(await list(`assigneeId=${owner.id}`)).toEqual([ids[0]]);
      expect(await list(`teamId=${team.id}`)).toEqual([ids[0]]);
      expect(await list('tag=listing-tag')).toEqual([ids[1]]);
      expect(await list('unassigned=true&status=open&limit=500')).toEqual(expect.arrayContaining([ids[1], ids[2]]));
      const page = await ok('GET', '/api/inbox/conversations?limit=2');
      const next = await ok('GET', `/api/inbox/conversations?limit=2&before=${page['nextCursor'] as string}`);
      expect((next['conversations'] as Json[]).some((listed) => (page['conversations'] as Json[]).some((seen) => seen.id === listed.id))).toBe(false);
      await refused('GET', '/api/inbox/conversations?before=nonsense', undefined, 422, 'REQUEST_INVALID');
      await refused('GET', `/api/inbox/conversations/${missingId}`, undefined, 404, 'INBOX_CONVERSATION_NOT_FOUND');
    });

    it('runs a shortcut workflow by hand, refusing unknown and non-shortcut workflows', async () => {
      const { conversation: opened } = await conversation();
      const shortcut = await publish(box.engine, {
        name: 'Escalate',
        nodes: [
          { id: 'start', type: 'inbox.shortcut', config: {} },
          { id: 'tag', type: 'inbox.update_tags', config: { target: 'conversation', add: ['escalated'] } },
        ],
        edges: [{ from: 'start', to: 'tag' }],
      });
      const other = await publish(box.engine, {
        name: 'Not a shortcut',
        nodes: [
          { id: 'start', type: 'core.manual', config: {} },
          { id: 'bot', type: 'inbox.bot', config: {} },
        ],
        edges: [{ from: 'start', to: 'bot' }],
      });
      const started = await ok('POST', `/api/inbox/conversations/${opened.id}/shortcuts`, { workflowId: shortcut });
      expect(started['runIds']).toHaveLength(1);
      await eventually(async () => expect(((await ok('GET', `/api/inbox/conversations/${opened.id}`))['conversation'] as Json)['tags']).toEqual(['escalated']));
      await refused('POST', `/api/inbox/conversations/${opened.id}/shortcuts`, { workflowId: other }, 409, 'WORKFLOW_TRIGGER_MISMATCH');
      await refused('POST', `/api/inbox/conversations/${opened.id}/shortcuts`, { workflowId: missingId }, 404, 'WORKFLOW_NOT_FOUND');
    });
  });

  describe('contacts, fields, snippets', () => {
    it('updates typed fields, reporting every bad one with its path, and writes nothing then', async () => {
      await ok('POST', '/api/inbox/contact-fields', { key: 'birthday', label: 'Birthday', type: 'date' });
      await ok('POST', '/api/inbox/contact-fields', { key: 'vip', label: 'VIP', type: 'boolean' });
      await refused('POST', '/api/inbox/contact-fields', { key: 'vip', label: 'VIP again', type: 'text' }, 409, 'INBOX_CONTACT_FIELD_TAKEN');
      await refused('POST', '/api/inbox/contact-fields', { key: 'tier', label: 'Tier', type: 'select' }, 422, 'REQUEST_INVALID');
      const { contactId } = await conversation();
      const bad = await refused(
        'PATCH',
        `/api/inbox/contacts/${contactId}`,
        { name: 'Changed', fields: { birthday: '2025-02-30', vip: 'maybe', shoe: 42 } },
        422,
        'INBOX_FIELD_VALUE_INVALID',
      );
      expect(bad.issues?.map((issue) => [issue.path, issue.code])).toEqual([
        ['/fields/birthday', 'INBOX_FIELD_VALUE_INVALID'],
        ['/fields/vip', 'INBOX_FIELD_VALUE_INVALID'],
        ['/fields/shoe', 'INBOX_CONTACT_FIELD_NOT_FOUND'],
      ]);
      expect(await ok('GET', `/api/inbox/contacts/${contactId}`)).toMatchObject({ name: `Api Contact ${contacts}`, fields: {} });
      const updated = await ok('PATCH', `/api/inbox/contacts/${contactId}`, { email: 'maria@example.com', fields: { birthday: '1990-04-01', vip: 'yes' } });
      expect(updated).toMatchObject({ email: 'maria@example.com', fields: { birthday: '1990-04-01', vip: true } });
      expect(await ok('PATCH', `/api/inbox/contacts/${contactId}`, { fields: { vip: null } })).toMatchObject({ fields: { birthday: '1990-04-01' } });
      await refused('GET', `/api/inbox/contacts/${missingId}`, undefined, 404, 'INBOX_CONTACT_NOT_FOUND');
      await refused('PATCH', `/api/inbox/contacts/${missingId}`, { name: 'x' }, 404, 'INBOX_CONTACT_NOT_FOUND');
    });

    it("tags contacts and keeps the team's comments with their @mentions", async () => {
      const ana = await agent({ name: 'Ana María', email: 'ana.maria@example.com' });
      const beto = await agent({ name: 'Beto', email: 'beto@example.com' });
      const { contactId } = await conversation();
      expect(await ok('POST', `/api/inbox/contacts/${contactId}/tags`, { add: ['vip'] })).toMatchObject({ added: ['vip'], tags: ['vip'] });
      const comment = await ok('POST', `/api/inbox/contacts/${contactId}/comments`, {
        agentId: beto.id,
        text: '@Ana María can you call? cc @beto@example.com, not ana@example.org',
      });
      expect(new Set(comment['mentions'] as string[])).toEqual(new Set([ana.id, beto.id]));
      expect(((await ok('GET', `/api/inbox/contacts/${contactId}/comments`))['comments'] as Json[]).map((listed) => listed.id)).toEqual([comment.id]);
      await refused('POST', `/api/inbox/contacts/${contactId}/comments`, { agentId: missingId, text: 'x' }, 404, 'INBOX_AGENT_NOT_FOUND');
    });

    it('creates, reads, updates and deletes snippets with unique shortcuts', async () => {
      const snippet = await ok('POST', '/api/inbox/snippets', { shortcut: 'thanks', title: 'Thanks', text: 'Thank you for writing!' });
      await refused('POST', '/api/inbox/snippets', { shortcut: 'THANKS', title: 'x', text: 'x' }, 409, 'INBOX_SNIPPET_SHORTCUT_TAKEN');
      expect(await ok('PATCH', `/api/inbox/snippets/${snippet.id}`, { text: 'Thanks a lot!' })).toMatchObject({ shortcut: 'thanks', text: 'Thanks a lot!' });
      expect(((await ok('GET', '/api/inbox/snippets'))['snippets'] as Json[]).map((listed) => listed.id)).toContain(snippet.id);
      expect((await call('DELETE', `/api/inbox/snippets/${snippet.id}`)).statusCode).toBe(204);
      await refused('GET', `/api/inbox/snippets/${snippet.id}`, undefined, 404, 'INBOX_SNIPPET_NOT_FOUND');
    });

    it('lists the tags in use on contacts and conversations for a picker, the most used first, found by part of the tag in any case', async () => {
      const first = await conversation();
      const second = await conversation();
      await ok('POST', `/api/inbox/contacts/${first.contactId}/tags`, { add: ['Picker-Gold', 'picker-lead'] });
      await ok('POST', `/api/inbox/contacts/${second.contactId}/tags`, { add: ['Picker-Gold'] });
      await ok('POST', `/api/inbox/conversations/${first.conversation.id}/tags`, { add: ['picker-lead', 'picker_100%'] });
      expect((await ok('GET', '/api/inbox/tags?query=PICKER'))['tags']).toEqual([
        { name: 'Picker-Gold', contacts: 2, conversations: 0 },
        { name: 'picker-lead', contacts: 1, conversations: 1 },
        { name: 'picker_100%', contacts: 0, conversations: 1 },
      ]);
      // % and _ are only themselves.
      expect((await ok('GET', '/api/inbox/tags?query=r_100%25'))['tags']).toEqual([{ name: 'picker_100%', contacts: 0, conversations: 1 }]);
      expect((await ok('GET', '/api/inbox/tags?query=picker&limit=1'))['tags']).toEqual([{ name: 'Picker-Gold', contacts: 2, conversations: 0 }]);
      expect((await ok('GET', '/api/inbox/tags?query=no-such-tag-anywhere'))['tags']).toEqual([]);
      await refused('GET', '/api/inbox/tags?limit=0', undefined, 422, 'REQUEST_INVALID');
    });
  });

  // Last: the flow it publishes starts a run for every conversation opened after it.
  describe('runs of a conversation', () => {
    it("links a conversation to its runs by subject, and labels them with the contact's name", async () => {
      const { workflow } = await box.engine.createWorkflow({
        name: 'Opened conversations',
        nodes: [{ id: 'opened', type: 'inbox.conversation_opened', config: {} }],
        edges: [],
      });
      await box.engine.publishWorkflow(workflow.id);
      const { conversation: opened } = await conversation('who runs for me?');
      expect(opened['subject']).toBe(`conversation:${opened.id}`);
      const page = await ok('GET', `/api/runs?subject=${encodeURIComponent(String(opened['subject']))}`);
      expect(page['runs']).toMatchObject([
        { workflowId: workflow.id, workflowName: 'Opened conversations', subjectLabel: `Api Contact ${contacts}`, atNode: null },
      ]);
    });
  });
});
