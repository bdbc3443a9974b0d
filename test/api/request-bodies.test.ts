/**
 * What a caller sees of a request body through the real API server: an action
 * whose fields are all optional takes no body at all, and a wrong value gets one
 * clear message with its path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInboxEngine, type InboxEngine } from '../inbox/support/inbox-engine.ts';
import { authorized, type InboxServer, startInboxServer } from '../inbox/support/inbox-server.ts';

describe('request bodies', () => {
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

  async function openConversation(): Promise<string> {
    contacts += 1;
    const response = await app.inject({
      method: 'POST',
      url: '/api/inbox/messages',
      headers: authorized,
      payload: { channel: 'test', contact: { externalId: `body-${contacts}` }, text: 'hola' },
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ conversation: { id: string } }>().conversation.id;
  }

  it('closes a conversation sent with no body and no content-type, as if {} was sent', async () => {
    const id = await openConversation();
    const response = await app.inject({ method: 'POST', url: `/api/inbox/conversations/${id}/close`, headers: authorized });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id, status: 'closed', closingNote: null, closingCategory: null });
  });

  it('marks a conversation as spam with no body, taking the default isSpam: true', async () => {
    const id = await openConversation();
    const response = await app.inject({ method: 'POST', url: `/api/inbox/conversations/${id}/spam`, headers: authorized });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id, status: 'closed', isSpam: true });
  });

  it('still refuses a JSON null body with its path, and an action that needs fields says which', async () => {
    const id = await openConversation();
    const nullBody = await app.inject({
      method: 'POST',
      url: `/api/inbox/conversations/${id}/close`,
      headers: { ...authorized, 'content-type': 'application/json' },
      payload: 'null',
    });
    expect(nullBody.json()).toMatchObject({ statusCode: 422, code: 'REQUEST_INVALID' });
    const noBody = await app.inject({ method: 'POST', url: `/api/inbox/conversations/${id}/take-over`, headers: authorized });
    expect(noBody.json()).toMatchObject({
      statusCode: 422,
      code: 'REQUEST_INVALID',
      issues: [{ path: '', message: expect.stringContaining('takes a JSON object') }],
    });
  });

  it('answers a team name where a team id is expected with one message naming what it found', async () => {
    const id = await openConversation();
    const response = await app.inject({ method: 'PATCH', url: `/api/inbox/conversations/${id}`, headers: authorized, payload: { teamId: 'Sales' } });
    const body = response.json<{ statusCode: number; message: string; issues: { path: string; message: string }[] }>();
    expect(body.statusCode).toBe(422);
    expect(body.issues).toEqual([{ path: '/teamId', code: 'REQUEST_INVALID', message: '/teamId must be a team id (uuid) or null, found "Sales"' }]);
    expect(body.message).toBe('The request is invalid: /teamId must be a team id (uuid) or null, found "Sales"');
  });

  it('counts several problems without "problem(s)"', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/inbox/agents', headers: authorized, payload: { name: '', status: 'busy' } });
    const body = response.json<{ message: string; issues: unknown[] }>();
    expect(body.issues.length).toBeGreaterThan(1);
    expect(body.message).toMatch(new RegExp(`^The request is invalid: ${body.issues.length} problems; the first: `));
    expect(body.message).not.toContain('problem(s)');
  });

  it('refuses U+0000 and lone surrogates anywhere in a body with the pointer of each, and stores nothing', async () => {
    const { workflow } = await box.engine.createWorkflow({
      name: 'Hook',
      nodes: [
        { id: 'start', type: 'core.webhook', config: {} },
        { id: 'wait', type: 'core.wait', config: { mode: 'duration', amount: 1, unit: 'hours' } },
      ],
      edges: [{ from: 'start', to: 'wait' }],
    });
    await box.engine.publishWorkflow(workflow.id);
    // Escapes, as a client sends them: raw U+0000 is not JSON, and UTF-8 cannot carry a lone surrogate.
    const hook = await app.inject({
      method: 'POST',
      url: `/hooks/${workflow.id}`,
      headers: { 'content-type': 'application/json' },
      payload: '{"form":{"a\\u0000b":1},"note":"x\\ud800","emoji":"\\ud83d\\ude00"}',
    });
    expect(hook.json()).toEqual({
      statusCode: 422,
      code: 'REQUEST_INVALID',
      message: expect.stringMatching(/^The request is invalid: 2 problems; the first: /),
      issues: [
        { path: '/form/a\u0000b', code: 'REQUEST_INVALID', message: expect.stringContaining('has a key that contains the character U+0000') },
        { path: '/note', code: 'REQUEST_INVALID', message: expect.stringContaining('is a string that contains a lone UTF-16 surrogate') },
      ],
    });
    expect(await box.engine.listRuns({ workflowId: workflow.id })).toEqual([]);

    const event = await app.inject({
      method: 'POST',
      url: '/api/events',
      headers: { ...authorized, 'content-type': 'application/json' },
      payload: '{"type":"note.added","data":{"note":"a\\u0000b"}}',
    });
    expect(event.json()).toMatchObject({ statusCode: 422, code: 'REQUEST_INVALID', issues: [{ path: '/data/note' }] });

    // A text column would have taken the lone surrogate as U+FFFD without a word.
    const message = await app.inject({
      method: 'POST',
      url: '/api/inbox/messages',
      headers: { ...authorized, 'content-type': 'application/json' },
      payload: '{"channel":"test","contact":{"externalId":"surrogate","name":"Ana \\udc00"},"text":"hola"}',
    });
    expect(message.json()).toMatchObject({ statusCode: 422, code: 'REQUEST_INVALID', issues: [{ path: '/contact/name' }] });
    const contacts = await app.inject({ method: 'GET', url: '/api/inbox/contacts?query=Ana', headers: authorized });
    expect(contacts.json()).toEqual({ contacts: [] });
  });
});
