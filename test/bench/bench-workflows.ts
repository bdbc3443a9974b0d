/** The agents and published workflows the HTTP benchmarks send their load to, made through the API. */
import type { Api } from './start-switchboard.ts';

/** The small flow's trigger: POST /api/events of this type starts it. */
export const SMALL_FLOW_EVENT = 'bench.small';

async function publish(api: Api, id: string): Promise<string> {
  await api('POST', `/api/workflows/${id}/publish`);
  return id;
}

async function created(api: Api, definition: unknown): Promise<string> {
  return publish(api, String((await api('POST', '/api/workflows', definition))['id']));
}

/** `count` online agents with room for everything, so capacity never holds an assignment back. */
export async function createAgents(api: Api, count: number): Promise<void> {
  for (let n = 0; n < count; n += 1) {
    await api('POST', '/api/inbox/agents', { name: `Agente ${n}`, email: `agente${n}@bench.test`, status: 'online', capacity: 10_000 });
  }
}

/** Routing: `sales-round-robin` assigns each new conversation; `assigned-agent-message` answers "te atiende ...". */
export async function publishRoutingTemplates(api: Api): Promise<void> {
  for (const id of ['sales-round-robin', 'assigned-agent-message']) {
    await publish(api, String((await api('POST', `/api/templates/${id}/import`, { language: 'es', parameters: {} }))['id']));
  }
}

/** The small flow: event -> branch on `data.priority` -> set a variable on either side. */
export function publishSmallFlow(api: Api): Promise<string> {
  return created(api, {
    name: 'Bench: small flow',
    nodes: [
      { id: 'in', type: 'core.event', config: { event: SMALL_FLOW_EVENT } },
      {
        id: 'urgent',
        type: 'core.branch',
        config: { branches: [{ id: 'yes', conditions: [{ path: 'trigger.data.priority', operator: 'equals', value: 'high' }] }] },
      },
      { id: 'note', type: 'core.set_variable', config: { assignments: [{ name: 'lane', value: 'fast' }] } },
      { id: 'other', type: 'core.set_variable', config: { assignments: [{ name: 'lane', value: 'normal' }] } },
    ],
    edges: [
      { from: 'in', to: 'urgent' },
      { from: 'urgent', port: 'yes', to: 'note' },
      { from: 'urgent', port: 'else', to: 'other' },
    ],
    settings: { reentry: 'parallel' },
  });
}

/** Event `bench.timer` -> a two-second wait -> set a variable. */
export function publishTimerFlow(api: Api): Promise<string> {
  return created(api, {
    name: 'Bench: two-second timer',
    nodes: [
      { id: 'in', type: 'core.event', config: { event: 'bench.timer' } },
      { id: 'pause', type: 'core.wait', config: { mode: 'duration', amount: 2, unit: 'seconds' } },
      { id: 'note', type: 'core.set_variable', config: { assignments: [{ name: 'woke', value: 'yes' }] } },
    ],
    edges: [
      { from: 'in', to: 'pause' },
      { from: 'pause', to: 'note' },
    ],
  });
}
