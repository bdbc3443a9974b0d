import { labelConversationSubjects } from './subject-labels.ts';
import { definePlugin, isUuid, type SwitchboardPlugin } from '@switchboard/engine';
import { type AnyNodeDefinition, type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import { type Agent, findAgent } from '../store/inbox/agents.ts';
import type { AssignedAgent } from '../store/inbox/assignments.ts';
import type { ContactComment } from '../store/inbox/contact-comments.ts';
import { findConversation } from '../store/inbox/conversations.ts';
import { findSnippet, findSnippetByShortcut } from '../store/inbox/snippets.ts';
import { inboxMigrations } from '../store/inbox/inbox-migrations.ts';
import type { Team } from '../store/inbox/teams.ts';
import { addContactComment } from './add-contact-comment.ts';
import { assignByRule } from './assign-by-rule.ts';
import { type AssignToAgentInput, assignToAgent } from './assign-to-agent.ts';
import type { ChannelAdapter } from './channels/channel-adapter.ts';
import { closeConversation } from './close-conversation.ts';
import { createContextProvider } from './context-provider.ts';
import { awaitReply, recordCsat, updateConversationSettings } from './conversation-settings.ts';
import { flushOutbox } from './flush-outbox.ts';
import { drainAssignmentQueue } from './drain-assignment-queue.ts';
import type { InboxActions } from './inbox-actions.ts';
import { inboxErrors } from './inbox-errors.ts';
import { ASSIGNMENT_QUEUE, createInboxRuntime, OUTBOX_QUEUE } from './inbox-runtime.ts';
import { inboxTables } from './inbox-tables.ts';
import { findMissingReferences } from './find-missing-references.ts';
import { leaveAssignmentQueue } from './leave-assignment-queue.ts';
import { conversationNotFound } from './lock-conversation.ts';
import { type AgentChangesInput, type AgentInput, createAgent, updateAgent } from './manage-agents.ts';
import { createTeam, type TeamInput, updateTeam } from './manage-teams.ts';
import { type InboundMessage, type ReceivedMessage, receiveMessage } from './receive-message.ts';
import { reopenConversation } from './reopen-conversation.ts';
import { createInboxRoutes } from './routes/inbox-routes.ts';
import { runShortcut, type ShortcutInput } from './run-shortcut.ts';
import { sendMessage } from './send-message.ts';
import { unassign } from './unassign-conversation.ts';
import { updateContact } from './update-contact.ts';
import { updateContactTags, updateConversationTags } from './update-tags.ts';

/** Retries of one outbox flush: effectively unbounded, since each message's attempts are counted on the message. */
const OUTBOX_JOB_RETRY_LIMIT = 10_000;

export interface InboxOptions {
  /** Channel adapters outbound messages go through, by channel name; inbound messages must name one of them. */
  readonly channels?: readonly ChannelAdapter[];
  /** Defaults to the wall clock; pass the engine's clock in tests. */
  readonly clock?: () => Date;
  /** Delivery attempts per outbound message before it is marked failed. Defaults to 6 (about a minute of backoff). */
  readonly deliveryAttempts?: number;
  /** First delay between delivery attempts, doubling each time. Defaults to 2 s. */
  readonly deliveryRetryDelaySeconds?: number;
  /**
   * The inbox's node pack, built on its actions: `createInboxPack` of
   * `@switchboard/nodes-inbox` (a package of its own, which depends on this one).
   * Without it the plugin installs no nodes.
   */
  readonly nodes?: (actions: InboxActions) => readonly AnyNodeDefinition[];
}

/** The inbox: its actions, and the plugin that installs it on an engine. */
export interface Inbox extends InboxActions {
  /**
   * For `createEngine({ plugins })`: the node pack, the outbox and assignment
   * queues, the context provider (`conversation`, `contact`, `assignee`, `team`
   * in runs on a conversation), the routes under /api/inbox, the `INBOX_*` error
   * codes and the inbox's own migrations (`inbox_schema_migrations`).
   */
  readonly plugin: SwitchboardPlugin;
  /** A contact's message from a channel (what `POST /api/inbox/messages` does). */
  receiveMessage(db: NodeDatabase, input: InboundMessage): Promise<ReceivedMessage>;
  /** A person assigns or transfers a conversation, within the agent's capacity. */
  assignToAgent(db: NodeDatabase, input: AssignToAgentInput): Promise<AssignedAgent>;
  addContactComment(
    db: NodeDatabase,
    input: { readonly contactId: string; readonly text: string; readonly authorAgentId: string | null },
  ): Promise<ContactComment>;
  /** An agent runs a shortcut workflow on a conversation (`inbox.shortcut`). */
  runShortcut(db: NodeDatabase, input: ShortcutInput): Promise<{ readonly runIds: readonly string[] }>;
  createAgent(db: NodeDatabase, input: AgentInput): Promise<Agent>;
  updateAgent(db: NodeDatabase, agentId: string, input: AgentChangesInput): Promise<Agent>;
  createTeam(db: NodeDatabase, input: TeamInput): Promise<Team>;
  updateTeam(db: NodeDatabase, teamId: string, input: Partial<TeamInput>): Promise<Team>;
  /** Runs one drain of the assignment queue now (the queue's job does the same); for operators and tests. */
  drainAssignmentQueue(): Promise<{ readonly assigned: number }>;
}

/**
 * Creates the inbox. Install it on an engine through its plugin:
 *
 * ```ts
 * const inbox = createInbox({ channels: [webhookChannel({ name: 'whatsapp', url, secret })], nodes: createInboxPack });
 * const engine = createEngine({ databaseUrl, nodes: corePack, plugins: [inbox.plugin] });
 * await engine.start();
 * const app = await createServer(engine, {}); // serves /api/inbox too
 * ```
 */
export function createInbox(options: InboxOptions = {}): Inbox {
  const deliveryAttempts = Math.max(1, options.deliveryAttempts ?? 6);
  const rt = createInboxRuntime({ channels: options.channels ?? [], clock: options.clock ?? (() => new Date()), deliveryAttempts });
  const actions: InboxActions = {
    async getConversation(db, conversationId) {
      const conversation = isUuid(conversationId) ? await findConversation(inboxTables(db), conversationId) : undefined;
      if (conversation === undefined) throw conversationNotFound(conversationId);
      return conversation;
    },
    findMissingReferences,
    findAgent: async (db, agentId) => (isUuid(agentId) ? findAgent(inboxTables(db), agentId) : undefined),
    findSnippet: async (db, shortcutOrId) =>
      (isUuid(shortcutOrId) ? await findSnippet(inboxTables(db), shortcutOrId) : undefined) ?? findSnippetByShortcut(inboxTables(db), shortcutOrId),
    assignByRule: (db, input) => assignByRule(rt, db, input),
    leaveAssignmentQueue: (db, input) => leaveAssignmentQueue(rt, db, input),
    unassign: (db, input) => unassign(rt, db, input),
    sendMessage: (db, input) => sendMessage(rt, db, input),
    updateConversationTags: (db, input) => updateConversationTags(rt, db, input),
    updateContactTags: (db, input) => updateContactTags(rt, db, input),
    updateContact: (db, input) => updateContact(rt, db, input),
    reopenConversation: (db, input) => reopenConversation(rt, db, input),
    closeConversation: (db, input) => closeConversation(rt, db, input),
    updateConversationSettings: (db, input) => updateConversationSettings(rt, db, input),
    awaitReply: (db, input) => awaitReply(rt, db, input),
    recordCsat: (db, input) => recordCsat(rt, db, input),
  };
  const plugin = definePlugin({
    name: 'inbox',
    nodes: options.nodes?.(actions) ?? [],
    queues: [
      {
        name: OUTBOX_QUEUE,
        // One flush per conversation at a time, in the order its messages were sent (see flush-outbox.ts).
        policy: 'key_strict_fifo',
        // The flush bounds each message's attempts itself and completes once its outbox is done, so
        // the job must never run out of retries first: a failed job of a key_strict_fifo queue would
        // hold its conversation's outbox for good.
        retryLimit: OUTBOX_JOB_RETRY_LIMIT,
        retryDelaySeconds: options.deliveryRetryDelaySeconds ?? 2,
        concurrency: 8,
        handler: async (data) => void (await flushOutbox(rt, conversationIdOf(data))),
      },
      // Drains are idempotent and cheap when there is nothing to assign; two at a time keep up with bursts.
      { name: ASSIGNMENT_QUEUE, retryLimit: 10, retryDelaySeconds: 1, concurrency: 2, handler: async () => void (await drainAssignmentQueue(rt)) },
    ],
    contextProviders: [createContextProvider()],
    migrations: inboxMigrations,
    routes: createInboxRoutes(rt, () => inbox),
    errors: inboxErrors,
    subjectLabels: labelConversationSubjects,
    // The engine needs the inbox's nodes and queues to exist; the inbox needs the engine to emit events: it gets it here.
    setup: (engine) => rt.setup(engine),
  });
  const inbox: Inbox = {
    ...actions,
    plugin,
    receiveMessage: (db, input) => receiveMessage(rt, db, input),
    assignToAgent: (db, input) => assignToAgent(rt, db, input),
    addContactComment: (db, input) => addContactComment(rt, db, input),
    runShortcut: (db, input) => runShortcut(rt, db, input),
    createAgent: (db, input) => createAgent(rt, db, input),
    updateAgent: (db, agentId, input) => updateAgent(rt, db, agentId, input),
    createTeam: (db, input) => createTeam(rt, db, input),
    updateTeam: (db, teamId, input) => updateTeam(rt, db, teamId, input),
    drainAssignmentQueue: () => drainAssignmentQueue(rt),
  };
  return inbox;
}

function conversationIdOf(data: Readonly<Record<string, unknown>>): string {
  const { conversationId } = data;
  if (typeof conversationId !== 'string') throw new SwitchboardError('INTERNAL', `An outbox job has no conversationId: ${JSON.stringify(data)}.`);
  return conversationId;
}
