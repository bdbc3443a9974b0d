import { expect } from 'vitest';
import type { Agent, AgentStatus, Conversation, Message, Team } from '@switchboard/engine/inbox';
import type { InboxDB } from '../../../engine/src/store/inbox/database.ts';
import { listMessages } from '../../../engine/src/store/inbox/messages.ts';
import type { Language } from '../../../engine/src/templates/template.ts';
import type { InboxEngine } from '../../inbox/support/inbox-engine.ts';
import { eventually } from '../../inbox/support/inbox-fixtures.ts';

/** Imports a bundled template through the engine, as `POST /api/templates/:id/import` does, and publishes it. */
export async function importAndPublish(
  box: InboxEngine,
  templateId: string,
  language: Language,
  parameters: Readonly<Record<string, unknown>> = {},
): Promise<string> {
  const { workflow, issues } = await box.engine.importTemplate(templateId, { language, parameters });
  expect(issues).toEqual([]);
  await box.engine.publishWorkflow(workflow.id);
  return workflow.id;
}

let hired = 0;

/** An agent named as the contact will see it; online with room for 3 unless told otherwise. */
export function addAgent(
  box: InboxEngine,
  name: string,
  settings: { readonly status?: AgentStatus; readonly capacity?: number; readonly teamIds?: readonly string[] } = {},
): Promise<Agent> {
  hired += 1;
  const email = `agent${hired}@example.com`;
  return box.tx((db) =>
    box.inbox.createAgent(db, { name, email, status: settings.status ?? 'online', capacity: settings.capacity ?? 3, teamIds: settings.teamIds ?? [] }),
  );
}

export function addTeam(box: InboxEngine, name: string, agents: readonly Agent[]): Promise<Team> {
  return box.tx((db) => box.inbox.createTeam(db, { name, agentIds: agents.map((agent) => agent.id) }));
}

/** A contact's message on the test channel with a name of its own (receive() names contacts after their id). */
export function write(box: InboxEngine, contact: { readonly externalId: string; readonly name?: string }, text: string) {
  return box.tx((db) => box.inbox.receiveMessage(db, { channel: 'test', contact, text }));
}

/** The texts the channel delivered to a contact, in order. */
export function deliveredTo(box: InboxEngine, externalId: string): string[] {
  return box.channel.deliveries.filter((delivery) => delivery.to === externalId).map((delivery) => delivery.text);
}

/** Waits until the contact has received exactly `texts`, in that order. */
export async function expectDelivered(box: InboxEngine, externalId: string, texts: readonly string[]): Promise<void> {
  await eventually(async () => expect(deliveredTo(box, externalId)).toEqual(texts), 10_000);
}

export function conversationOf(box: InboxEngine, conversationId: string): Promise<Conversation> {
  return box.tx((db) => box.inbox.getConversation(db, conversationId));
}

/** The conversation's messages in order, oldest first. */
export function messagesOf(box: InboxEngine, conversationId: string): Promise<Message[]> {
  return box.tx((db) => listMessages(db.withTables<InboxDB>(), conversationId, 100));
}

/** The port each node of a run left by, in the order the steps ran. */
export async function portsOfRun(box: InboxEngine, runId: string): Promise<[string, string | null][]> {
  const { steps } = await box.engine.getRun(runId);
  return steps.map((step) => [step.nodeId, step.port]);
}
