/**
 * Publishing refuses a flow that names a team, agent, contact field or snippet
 * that does not exist (it would queue or fail every conversation), with the
 * pointer of the value; the dry run reports the same; real references pass.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team } from '@switchboard/engine/inbox';
import { isSwitchboardError } from '../../engine/src/errors.ts';
import { insertContactField } from '../../engine/src/store/inbox/contact-fields.ts';
import type { InboxDB } from '../../engine/src/store/inbox/database.ts';
import { startTemplateInbox } from '../templates/support/template-inbox.ts';
import type { InboxEngine } from './support/inbox-engine.ts';
import { makeAgents } from './support/inbox-fixtures.ts';

const missingTeam = '0f0f0f0f-0000-4000-8000-000000000001';

function assignFlow(assign: Record<string, unknown>, extra: readonly { id: string; type: string; config: Record<string, unknown> }[] = []) {
  const nodes = [{ id: 'opened', type: 'inbox.conversation_opened', config: {} }, { id: 'assign', type: 'inbox.assign_to', config: assign }, ...extra];
  return {
    name: 'Route to a team',
    nodes,
    edges: nodes
      .slice(1)
      .map((node, index) => ({ from: nodes[index]?.id ?? '', ...(index === 0 ? {} : { port: index === 1 ? 'assigned' : 'next' }), to: node.id })),
  };
}

async function publishError(box: InboxEngine, workflowId: string) {
  const error = await box.engine.publishWorkflow(workflowId).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isSwitchboardError(error)) throw new Error(`expected publishing to fail, got ${String(error)}`);
  return error;
}

describe('reference checks', () => {
  let box: InboxEngine;
  let team: Team;

  beforeAll(async () => {
    // The app's wiring, bundled templates included, so a template's parameters are checked too.
    box = await startTemplateInbox();
    const agents = await makeAgents(box, 1);
    team = await box.tx((db) => box.inbox.createTeam(db, { name: 'Sales', agentIds: agents.map((agent) => agent.id) }));
    await box.tx((db) => insertContactField(db.withTables<InboxDB>(), { key: 'plan', label: 'Plan', type: 'text', options: [], now: new Date() }));
  });
  afterAll(() => box?.close());

  it('refuses to publish a flow whose team does not exist, pointing at the team id', async () => {
    const { workflow, issues } = await box.engine.createWorkflow(assignFlow({ target: 'team', teamId: missingTeam }));
    expect(issues).toEqual([expect.objectContaining({ path: '/nodes/1/config/teamId', code: 'CONFIG_REFERENCE_NOT_FOUND' })]);
    const error = await publishError(box, workflow.id);
    expect(error.status).toBe(422);
    expect(error.issues).toEqual([
      { path: '/nodes/1/config/teamId', code: 'CONFIG_REFERENCE_NOT_FOUND', message: expect.stringContaining(`no team has the id "${missingTeam}"`) },
    ]);
    expect((await box.engine.getWorkflow(workflow.id)).activeVersion).toBeNull();
  });

  it('reports the missing team in the dry run, with the same pointer', async () => {
    const result = await box.engine.validateWorkflow(assignFlow({ target: 'team', teamId: missingTeam }));
    expect(result).toEqual({
      ok: false,
      issues: [expect.objectContaining({ path: '/nodes/1/config/teamId', code: 'CONFIG_REFERENCE_NOT_FOUND', message: expect.stringContaining(missingTeam) })],
    });
  });

  it('says once that a team name is not an id', async () => {
    const result = await box.engine.validateWorkflow(assignFlow({ target: 'team', teamId: 'Sales' }));
    expect(result.issues).toEqual([
      {
        path: '/nodes/1/config/teamId',
        code: 'CONFIG_REFERENCE_NOT_FOUND',
        message: expect.stringContaining('"Sales" is not a team id: set the team\'s id (a UUID, listed by GET /api/inbox/teams), not its name.'),
      },
    ]);
  });

  it('publishes a flow whose team exists', async () => {
    const { workflow, issues } = await box.engine.createWorkflow(assignFlow({ target: 'team', teamId: team.id }));
    expect(issues).toEqual([]);
    expect((await box.engine.publishWorkflow(workflow.id)).version.version).toBe(1);
    await box.engine.stopWorkflow(workflow.id);
  });

  it('reports every missing agent, field and snippet at once, and skips templates', async () => {
    const definition = assignFlow({ target: 'agent', agentId: '0f0f0f0f-0000-4000-8000-000000000002' }, [
      { id: 'field', type: 'inbox.update_field', config: { field: 'tier', value: 'gold' } },
      { id: 'known_field', type: 'inbox.update_field', config: { field: 'plan', value: 'pro' } },
      { id: 'standard_field', type: 'inbox.update_field', config: { field: 'email', value: 'a@example.com' } },
      { id: 'say', type: 'inbox.send_message', config: { snippet: 'no-such-snippet' } },
      { id: 'templated', type: 'inbox.update_field', config: { field: '{{ vars.field }}', value: 1 } },
    ]);
    const result = await box.engine.validateWorkflow(definition);
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['/nodes/1/config/agentId', 'CONFIG_REFERENCE_NOT_FOUND'],
      ['/nodes/2/config/field', 'CONFIG_REFERENCE_NOT_FOUND'],
      ['/nodes/5/config/snippet', 'CONFIG_REFERENCE_NOT_FOUND'],
    ]);
  });

  it('refuses a template whose team parameter names no team, naming the node it lands in', async () => {
    const { workflow, issues } = await box.engine.importTemplate('assign-agent-fallback-team', {
      language: 'en',
      parameters: { agent: (await makeAgents(box, 1))[0]?.id, team: missingTeam },
    });
    expect(issues).toEqual([expect.objectContaining({ code: 'CONFIG_REFERENCE_NOT_FOUND', path: expect.stringMatching(/^\/nodes\/\d+\/config\/teamId$/) })]);
    expect((await publishError(box, workflow.id)).code).toBe('CONFIG_REFERENCE_NOT_FOUND');
  });
});
