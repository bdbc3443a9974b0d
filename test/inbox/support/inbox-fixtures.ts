import type { Agent, Inbox, ReceivedMessage } from '@switchboard/engine/inbox';
import type { InboxDB } from '../../../engine/src/store/inbox/database.ts';
import { listAgents } from '../../../engine/src/store/inbox/agents.ts';
import { findOpenCountDrift } from '../../../engine/src/store/inbox/assignments.ts';
import type { InboxEngine } from './inbox-engine.ts';

let sequence = 0;

/** Creates `count` agents with the same settings; names and emails are unique across the test file. */
export async function makeAgents(
  box: InboxEngine,
  count: number,
  settings: { readonly status?: Agent['status']; readonly capacity?: number; readonly teamIds?: readonly string[] } = {},
): Promise<Agent[]> {
  const agents: Agent[] = [];
  for (let index = 0; index < count; index += 1) {
    sequence += 1;
    const number = sequence;
    agents.push(
      await box.tx((db) =>
        box.inbox.createAgent(db, {
          name: `Agent ${number}`,
          email: `agent${number}@example.com`,
          status: settings.status ?? 'online',
          capacity: settings.capacity ?? 3,
          teamIds: settings.teamIds ?? [],
        }),
      ),
    );
  }
  return agents;
}

/** An inbound message from a contact on the test channel, in its own transaction. */
export function receive(
  box: InboxEngine,
  externalId: string,
  text = 'hola',
  extra: Partial<Parameters<Inbox['receiveMessage']>[1]> = {},
): Promise<ReceivedMessage> {
  return box.tx((db) => box.inbox.receiveMessage(db, { channel: 'test', contact: { externalId, name: `Contact ${externalId}` }, text, ...extra }));
}

/** Polls until `check` passes (vitest's expect inside), or fails with its last error. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** Polls the runs of a workflow until `count` of them are in one of `statuses`; returns them all. */
export async function waitForRuns(box: InboxEngine, workflowId: string, count: number, statuses: readonly string[] = ['completed'], timeoutMs = 20_000) {
  return eventually(async () => {
    const runs = await box.engine.listRuns({ workflowId, limit: 500 });
    const settled = runs.filter((run) => statuses.includes(run.status));
    if (settled.length < count)
      throw new Error(`${settled.length} of ${count} runs are ${statuses.join('/')}: ${JSON.stringify(countBy(runs.map((run) => run.status)))}`);
    return runs;
  }, timeoutMs);
}

/** The port each finished run left `nodeId` by, counted. */
export async function portsOf(box: InboxEngine, runIds: readonly string[], nodeId: string): Promise<Record<string, number>> {
  const ports: string[] = [];
  for (const runId of runIds) {
    const { steps } = await box.engine.getRun(runId);
    const step = steps.findLast((candidate) => candidate.nodeId === nodeId && candidate.status === 'completed');
    ports.push(step?.port ?? 'none');
  }
  return countBy(ports);
}

export function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

/** Every agent's open count and capacity, and agents whose counter disagrees with the conversations they hold. */
export async function loads(box: InboxEngine): Promise<{ readonly agents: readonly Agent[]; readonly drift: readonly unknown[]; readonly assigned: number }> {
  return box.tx(async (db) => {
    const tables = db.withTables<InboxDB>();
    const agents = await listAgents(tables);
    const drift = await findOpenCountDrift(tables);
    const row = await tables
      .selectFrom('conversations')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('status', '=', 'open')
      .where('assignee_id', 'is not', null)
      .executeTakeFirstOrThrow();
    return { agents, drift, assigned: Number(row.count) };
  });
}
