import type { PluginEngine } from '@switchboard/engine';
import { type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import { conversationSubject } from './conversation-subject.ts';
import { requireAgent } from './assign-to-agent.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';
import { lockConversationForChange } from './lock-conversation.ts';

const SHORTCUT_TRIGGER = 'inbox.shortcut';

export interface ShortcutInput {
  readonly conversationId: string;
  readonly workflowId: string;
  readonly agentId?: string;
  readonly input?: Readonly<Record<string, unknown>>;
}

/**
 * An agent runs a workflow by hand on a conversation: emits `inbox.shortcut`
 * with the workflow's id, which only that workflow's shortcut trigger accepts.
 * The workflow must be published with an `inbox.shortcut` trigger, so a typo
 * in the id is a 404 and a workflow of another kind a 409, never a silent no-op.
 */
export async function runShortcut(rt: InboxRuntime, db: NodeDatabase, input: ShortcutInput): Promise<{ readonly runIds: readonly string[] }> {
  const engine = rt.engine();
  await checkShortcutWorkflow(engine, input.workflowId);
  if (input.agentId !== undefined) await requireAgent(inboxTables(db), input.agentId);
  const conversation = await lockConversationForChange(rt, db, input.conversationId);
  const { runIds } = await engine.emitInTransaction(db, {
    type: SHORTCUT_TRIGGER,
    subject: conversationSubject(conversation.id),
    data: {
      workflowId: input.workflowId,
      conversationId: conversation.id,
      contactId: conversation.contactId,
      agentId: input.agentId ?? null,
      input: input.input ?? {},
    },
  });
  return { runIds };
}

async function checkShortcutWorkflow(engine: PluginEngine, workflowId: string): Promise<void> {
  const workflow = await engine.getWorkflow(workflowId);
  if (workflow.status !== 'active' || workflow.activeVersion === null) {
    throw new SwitchboardError(
      'WORKFLOW_NOT_ACTIVE',
      `Workflow "${workflow.name}" (${workflow.id}) is ${workflow.status}; publish it to run it as a shortcut.`,
    );
  }
  const version = (await engine.listVersions(workflowId)).find((candidate) => candidate.version === workflow.activeVersion);
  const triggerType = version?.graph.triggerType;
  if (triggerType !== SHORTCUT_TRIGGER) {
    throw new SwitchboardError(
      'WORKFLOW_TRIGGER_MISMATCH',
      `Workflow "${workflow.name}" (${workflow.id}) starts with ${triggerType === undefined ? 'no trigger' : `a ${triggerType} trigger`}; only workflows with an ${SHORTCUT_TRIGGER} trigger run as shortcuts.`,
    );
  }
}
