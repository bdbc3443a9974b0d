import { conversationIdOf } from '@switchboard/engine/inbox';
import { SwitchboardError, type StepContext } from '@switchboard/sdk';

/**
 * The conversation a step acts on: its run's subject. Inbox triggers always
 * set one; a run started otherwise (a schedule, a webhook) has none, and the
 * step says so instead of guessing.
 */
export function runConversationId(ctx: StepContext<unknown>): string {
  const conversationId = conversationIdOf(ctx.run.subject);
  if (conversationId === undefined) {
    throw new SwitchboardError(
      'STEP_INVALID_INPUT',
      `Node "${ctx.node.id}" (${ctx.node.type}) acts on the run's conversation, but the run's subject is ${ctx.run.subject === null ? 'empty' : `"${ctx.run.subject}"`}. Start the workflow from an inbox trigger, or with a subject "conversation:<id>".`,
    );
  }
  return conversationId;
}

/** An agent as step outputs show it (templates read `steps.<node>.agent.name`). */
export function agentOutput(agent: { readonly id: string; readonly name: string; readonly email: string }): {
  readonly id: string;
  readonly name: string;
  readonly email: string;
} {
  return { id: agent.id, name: agent.name, email: agent.email };
}
