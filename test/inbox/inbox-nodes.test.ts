/**
 * Golden tests of the inbox node pack: each node in a published workflow on a
 * real engine, with the port it leaves by and the output it records.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '@switchboard/engine';
import { publish, waitForRun } from '../support/test-engine.ts';
import { createAjv } from '../../engine/src/graph/node-catalog.ts';
import { listMessages } from '../../engine/src/store/inbox/messages.ts';
import type { InboxDB } from '../../engine/src/store/inbox/database.ts';
import { insertContactField } from '../../engine/src/store/inbox/contact-fields.ts';
import { insertSnippet } from '../../engine/src/store/inbox/snippets.ts';
import { startInboxEngine, type InboxEngine } from './support/inbox-engine.ts';
import { eventually, makeAgents, receive, waitForRuns } from './support/inbox-fixtures.ts';

interface FlowNode {
  readonly id: string;
  readonly type: string;
  readonly config?: Record<string, unknown>;
  /** The previous node's port leading here, when it has several. */
  readonly via?: string;
}

describe('inbox nodes', () => {
  let box: InboxEngine;
  const published: string[] = [];
  /** Every workflow this file published, with its trigger's type, for the output check at the end. */
  const everyFlow: { readonly workflowId: string; readonly triggerType: string }[] = [];
  let contacts = 0;

  beforeAll(async () => {
    box = await startInboxEngine();
    await box.tx((db) => insertSnippet(db.withTables<InboxDB>(), { shortcut: 'hours', title: 'Opening hours', text: 'We are open 9 to 6.', now: new Date() }));
    await box.tx((db) =>
      insertContactField(db.withTables<InboxDB>(), { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'], now: new Date() }),
    );
    await box.tx((db) => insertContactField(db.withTables<InboxDB>(), { key: 'seats', label: 'Seats', type: 'number', options: [], now: new Date() }));
  });
  afterAll(() => box?.close());
  afterEach(async () => {
    for (const workflowId of published.splice(0)) await box.engine.stopWorkflow(workflowId);
  });

  /** Publishes `trigger -> nodes...` chained through their first (or named) ports. */
  async function flow(trigger: FlowNode, nodes: readonly FlowNode[], edges?: readonly { from: string; port?: string; to: string }[]): Promise<string> {
    const chain = [trigger, ...nodes];
    const workflowId = await publish(box.engine, {
      name: `Golden ${trigger.type} ${nodes.map((node) => node.type).join(' ')}`,
      nodes: chain.map((node) => ({ id: node.id, type: node.type, config: node.config ?? {} })),
      edges:
        edges ?? chain.slice(1).map((node, index) => ({ from: chain[index]?.id ?? '', to: node.id, ...(node.via === undefined ? {} : { port: node.via }) })),
      settings: { reentry: 'parallel' },
    });
    published.push(workflowId);
    everyFlow.push({ workflowId, triggerType: trigger.type });
    return workflowId;
  }

  /** A fresh contact's open conversation. */
  async function openConversation(text = 'hola') {
    contacts += 1;
    return receive(box, `golden-${contacts}`, text);
  }

  /** Runs a shortcut workflow on a conversation and waits for it to settle. */
  async function runOn(workflowId: string, conversationId: string, statuses: readonly string[] = ['completed']) {
    const { runIds } = await box.tx((db) => box.inbox.runShortcut(db, { conversationId, workflowId }));
    expect(runIds).toHaveLength(1);
    return waitForRun(box.engine, runIds[0] ?? '', statuses);
  }

  function step(steps: readonly Step[], nodeId: string): Step {
    const found = steps.findLast((candidate) => candidate.nodeId === nodeId);
    if (found === undefined) throw new Error(`no step for ${nodeId}: ${JSON.stringify(steps.map((candidate) => candidate.nodeId))}`);
    return found;
  }

  const shortcut = { id: 'start', type: 'inbox.shortcut' } as const;

  describe('triggers', () => {
    it('inbox.conversation_opened starts on a new conversation with its ids', async () => {
      const workflowId = await flow({ id: 'start', type: 'inbox.conversation_opened' }, [
        { id: 'note', type: 'inbox.add_comment', config: { text: 'opened' } },
      ]);
      const { conversation, contactId } = await openConversation();
      const [run] = await waitForRuns(box, workflowId, 1);
      expect(run).toMatchObject({
        subject: `conversation:${conversation.id}`,
        trigger: { type: 'inbox.conversation_opened', data: { conversationId: conversation.id, contactId, channel: 'test', reopened: false } },
      });
    });

    it('inbox.message_received starts only for messages passing its conditions', async () => {
      const workflowId = await flow(
        {
          id: 'start',
          type: 'inbox.message_received',
          config: { conditions: { match: 'all', rules: [{ path: 'data.text', operator: 'contains', value: 'precio', ignoreCase: true }] } },
        },
        [{ id: 'note', type: 'inbox.add_comment', config: { text: 'pricing' } }],
      );
      const { conversation } = await openConversation('hola');
      await receive(box, `golden-${contacts}`, '¿Cuál es el PRECIO?');
      const [run] = await waitForRuns(box, workflowId, 1);
      expect(run?.trigger).toMatchObject({ data: { conversationId: conversation.id, text: '¿Cuál es el PRECIO?' } });
      expect(await box.engine.listRuns({ workflowId })).toHaveLength(1);
    });

    it('inbox.conversation_closed, inbox.conversation_assigned, inbox.contact_tag_updated and inbox.contact_field_updated start on their changes', async () => {
      const note = [{ id: 'note', type: 'inbox.add_comment', config: { text: 'seen' } }];
      const closed = await flow({ id: 'start', type: 'inbox.conversation_closed' }, note);
      const assigned = await flow({ id: 'start', type: 'inbox.conversation_assigned' }, note);
      const tagged = await flow({ id: 'start', type: 'inbox.contact_tag_updated' }, note);
      const fielded = await flow({ id: 'start', type: 'inbox.contact_field_updated' }, note);
      const [agent] = await makeAgents(box, 1);
      const { conversation, contactId } = await openConversation();
      await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: agent?.id ?? '', reason: 'manual' }));
      await box.tx((db) => box.inbox.updateContactTags(db, { contactId, add: ['vip'] }));
      await box.tx((db) => box.inbox.updateContact(db, { contactId, fields: { plan: 'PRO' } }));
      await box.tx((db) => box.inbox.closeConversation(db, { conversationId: conversation.id, note: 'done', category: 'resolved' }));
      expect((await waitForRuns(box, assigned, 1))[0]?.trigger).toMatchObject({ data: { agentId: agent?.id, reason: 'manual', previousAgentId: null } });
      expect((await waitForRuns(box, tagged, 1))[0]?.trigger).toMatchObject({ data: { contactId, added: ['vip'], removed: [], tags: ['vip'] } });
      expect((await waitForRuns(box, fielded, 1))[0]?.trigger).toMatchObject({ data: { contactId, field: 'plan', value: 'pro', previous: null } });
      expect((await waitForRuns(box, closed, 1))[0]?.trigger).toMatchObject({
        data: { conversationId: conversation.id, assigneeId: agent?.id, note: 'done', category: 'resolved' },
      });
    });

    it('inbox.shortcut starts only the workflow it names', async () => {
      const named = await flow(shortcut, [{ id: 'note', type: 'inbox.add_comment', config: { text: 'by hand' } }]);
      const other = await flow(shortcut, [{ id: 'note', type: 'inbox.add_comment', config: { text: 'other' } }]);
      const { conversation } = await openConversation();
      const { run } = await runOn(named, conversation.id);
      expect(run.trigger).toMatchObject({ data: { workflowId: named, conversationId: conversation.id } });
      expect(await box.engine.listRuns({ workflowId: other })).toHaveLength(0);
    });
  });

  describe('steps', () => {
    it('inbox.assign_to leaves by assigned with the agent, and templates after it read assignee.name', async () => {
      const [agent] = await makeAgents(box, 1, { capacity: 5 });
      const workflowId = await flow(shortcut, [
        { id: 'assign', type: 'inbox.assign_to', config: { target: 'agent', agentId: agent?.id, timeoutSeconds: 0 } },
        { id: 'say', type: 'inbox.send_message', via: 'assigned', config: { text: 'Hi {{ contact.firstName }}, you are talking to {{ assignee.name }}' } },
      ]);
      const { conversation } = await openConversation();
      const { steps } = await runOn(workflowId, conversation.id);
      expect(step(steps, 'assign')).toMatchObject({
        port: 'assigned',
        output: { agent: { id: agent?.id, name: agent?.name, email: agent?.email }, kept: false, queuedSeconds: 0 },
      });
      expect(step(steps, 'say').output).toMatchObject({ text: `Hi Contact, you are talking to ${agent?.name}` });
    });

    it('inbox.assign_to leaves by timeout at once with timeoutSeconds 0 when nobody is eligible', async () => {
      const [offline] = await makeAgents(box, 1, { status: 'offline' });
      const workflowId = await flow(shortcut, [
        { id: 'assign', type: 'inbox.assign_to', config: { target: 'agent', agentId: offline?.id, onlyOnline: true, timeoutSeconds: 0 } },
      ]);
      const { conversation } = await openConversation();
      const { steps } = await runOn(workflowId, conversation.id);
      expect(step(steps, 'assign')).toMatchObject({ port: 'timeout', output: { reason: 'nobody_eligible' } });
    });

    it('inbox.unassign frees the assignee', async () => {
      const [agent] = await makeAgents(box, 1);
      const workflowId = await flow(shortcut, [{ id: 'unassign', type: 'inbox.unassign' }]);
      const { conversation } = await openConversation();
      await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: agent?.id ?? '', reason: 'manual' }));
      const { steps } = await runOn(workflowId, conversation.id);
      expect(step(steps, 'unassign')).toMatchObject({ port: 'next', output: { previousAgentId: agent?.id } });
      expect((await box.tx((db) => box.inbox.getConversation(db, conversation.id))).assigneeId).toBeNull();
    });

    it('inbox.send_message delivers a template text or a snippet through the channel, as automation, never as a first response', async () => {
      const workflowId = await flow(shortcut, [
        { id: 'text', type: 'inbox.send_message', config: { text: 'Ticket for {{ contact.name }}' } },
        { id: 'snippet', type: 'inbox.send_message', config: { snippet: 'hours', sender: 'bot' } },
      ]);
      const { conversation } = await openConversation();
      const { steps } = await runOn(workflowId, conversation.id);
      expect(step(steps, 'text').output).toMatchObject({ text: `Ticket for Contact golden-${contacts}` });
      expect(step(steps, 'snippet').output).toMatchObject({ text: 'We are open 9 to 6.' });
      await eventually(async () =>
        expect(
          box.channel.deliveries.filter((delivery) => delivery.conversationId === conversation.id).map((delivery) => [delivery.text, delivery.senderType]),
        ).toEqual([
          [`Ticket for Contact golden-${contacts}`, 'automation'],
          ['We are open 9 to 6.', 'bot'],
        ]),
      );
      const messages = await box.tx((db) => listMessages(db.withTables<InboxDB>(), conversation.id, 10));
      await eventually(async () =>
        expect(
          (await box.tx((db) => listMessages(db.withTables<InboxDB>(), conversation.id, 10)))
            .filter((message) => message.direction === 'out')
            .map((message) => message.deliveryStatus),
        ).toEqual(['sent', 'sent']),
      );
      expect(messages.filter((message) => message.direction === 'out').map((message) => message.senderType)).toEqual(['automation', 'bot']);
      expect((await box.tx((db) => box.inbox.getConversation(db, conversation.id))).firstResponseAt).toBeNull();
    });

    it('inbox.add_comment adds an internal note that is never delivered', async () => {
      const workflowId = await flow(shortcut, [{ id: 'note', type: 'inbox.add_comment', config: { text: 'VIP: {{ contact.name }}' } }]);
      const { conversation } = await openConversation();
      const { steps } = await runOn(workflowId, conversation.id);
      const messageId = (step(steps, 'note').output as { messageId: string }).messageId;
      const [, note] = await box.tx((db) => listMessages(db.withTables<InboxDB>(), conversation.id, 10));
      expect(note).toMatchObject({ id: messageId, isInternalNote: true, deliveryStatus: 'not_applicable', text: `VIP: Contact golden-${contacts}` });
      expect(box.channel.deliveries.some((delivery) => delivery.messageId === messageId)).toBe(false);
    });

    it('inbox.update_tags changes contact and conversation tags, reporting what changed', async () => {
      const workflowId = await flow(shortcut, [
        { id: 'contact', type: 'inbox.update_tags', config: { target: 'contact', add: ['vip', 'lead'], remove: ['lead'] } },
        { id: 'conversation', type: 'inbox.update_tags', config: { target: 'conversation', add: ['billing'] } },
      ]);
      const { conversation } = await openConversation();
      const { steps } = await runOn(workflowId, conversation.id);
      expect(step(steps, 'contact').output).toEqual({ added: ['vip'], removed: [], tags: ['vip'] });
      expect(step(steps, 'conversation').output).toEqual({ added: ['billing'], removed: [], tags: ['billing'] });
    });

    it('inbox.send_message fails, storing and delivering nothing, when its text renders past 20,000 characters', async () => {
      const workflowId = await flow(shortcut, [{ id: 'long', type: 'inbox.send_message', config: { text: '{% for i in (1..2001) %}0123456789{% endfor %}' } }]);
      const { conversation, contactId } = await openConversation();
      const { run, steps } = await runOn(workflowId, conversation.id, ['failed']);
      expect(step(steps, 'long')).toMatchObject({
        status: 'failed',
        error: { code: 'INBOX_TEXT_TOO_LONG', kind: 'user', details: { length: 20_010, limit: 20_000 } },
      });
      expect(run.error?.message).toContain('Message text is 20,010 characters, more than the 20,000 the inbox keeps');
      const messages = await box.tx((db) => listMessages(db.withTables<InboxDB>(), conversation.id, 10));
      expect(messages.map((message) => message.direction)).toEqual(['in']);
      await expect(box.tx((db) => box.inbox.addContactComment(db, { contactId, text: 'x'.repeat(20_001), authorAgentId: null }))).rejects.toMatchObject({
        code: 'INBOX_TEXT_TOO_LONG',
      });
    });

    it('changes 22,000 tags at once, as a custom node may ask through the inbox actions', async () => {
      // Three columns a tag: one parameter per value would be 66,000, past Postgres's 65,535.
      const many = Array.from({ length: 22_000 }, (_, index) => `t${index}`);
      const { conversation, contactId } = await openConversation();
      const added = await box.tx((db) => box.inbox.updateConversationTags(db, { conversationId: conversation.id, add: many }));
      expect(added.added).toHaveLength(22_000);
      const removed = await box.tx((db) => box.inbox.updateConversationTags(db, { conversationId: conversation.id, remove: many.slice(1) }));
      expect(removed).toMatchObject({ added: [], tags: ['t0'] });
      expect(removed.removed).toHaveLength(21_999);
      const contactTags = await box.tx((db) => box.inbox.updateContactTags(db, { contactId, add: many }));
      expect(contactTags.tags).toHaveLength(22_000);
    });

    it('inbox.update_field sets a custom field by its type and a standard one', async () => {
      const workflowId = await flow(shortcut, [
        { id: 'seats', type: 'inbox.update_field', config: { field: 'seats', value: '12' } },
        { id: 'email', type: 'inbox.update_field', config: { field: 'email', value: 'ana@example.com' } },
      ]);
      const { conversation } = await openConversation();
      const { steps } = await runOn(workflowId, conversation.id);
      expect(step(steps, 'seats')).toMatchObject({ port: 'next', output: { field: 'seats', value: 12 } });
      expect(step(steps, 'email')).toMatchObject({ port: 'next', output: { field: 'email', value: 'ana@example.com' } });
    });

    it('inbox.update_field fails the step, naming the field, for a value its type refuses', async () => {
      const workflowId = await flow(shortcut, [{ id: 'plan', type: 'inbox.update_field', config: { field: 'plan', value: 'gold' } }]);
      const { conversation } = await openConversation();
      const { run, steps } = await runOn(workflowId, conversation.id, ['failed']);
      expect(step(steps, 'plan')).toMatchObject({ status: 'failed', error: { code: 'INBOX_FIELD_VALUE_INVALID', kind: 'user' } });
      expect(run.error?.message).toContain('"plan"');
    });

    it('inbox.close_conversation and inbox.open_conversation close and reopen it with the same agent', async () => {
      const [agent] = await makeAgents(box, 1);
      const workflowId = await flow(shortcut, [
        { id: 'close', type: 'inbox.close_conversation', config: { note: 'Closed by {{ run.workflowId }}', category: 'resolved' } },
        { id: 'open', type: 'inbox.open_conversation' },
      ]);
      const { conversation } = await openConversation();
      await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: agent?.id ?? '', reason: 'manual' }));
      const { steps } = await runOn(workflowId, conversation.id);
      expect(step(steps, 'close')).toMatchObject({ port: 'next', output: { closed: true } });
      expect(step(steps, 'open')).toMatchObject({ port: 'next', output: { reopened: true, assigneeId: agent?.id } });
      expect(await box.tx((db) => box.inbox.getConversation(db, conversation.id))).toMatchObject({ status: 'open', assigneeId: agent?.id, closingNote: null });
    });

    it('inbox.bot pauses and resumes the bot', async () => {
      const workflowId = await flow(shortcut, [{ id: 'pause', type: 'inbox.bot', config: { action: 'pause' } }]);
      const { conversation } = await openConversation();
      const { steps } = await runOn(workflowId, conversation.id);
      expect(step(steps, 'pause')).toMatchObject({ port: 'next', output: { botActive: false } });
    });

    it('inbox.set_priority sets the conversation priority', async () => {
      const workflowId = await flow(shortcut, [{ id: 'urgent', type: 'inbox.set_priority', config: { priority: 'urgent' } }]);
      const { conversation } = await openConversation();
      const { steps } = await runOn(workflowId, conversation.id);
      expect(step(steps, 'urgent')).toMatchObject({ port: 'next', output: { priority: 'urgent' } });
      expect(await box.tx((db) => box.inbox.getConversation(db, conversation.id))).toMatchObject({ priority: 'urgent' });
    });
  });

  describe('inbox.ask_question', () => {
    it('waits for the reply, retries an invalid one, and saves a valid answer to a variable and a field', async () => {
      const workflowId = await flow(shortcut, [
        {
          id: 'ask',
          type: 'inbox.ask_question',
          config: { question: 'How many seats?', type: 'number', saveAs: 'seats', saveToField: 'seats', retryMessage: 'A number, please.' },
        },
      ]);
      const { conversation } = await openConversation();
      const { run } = await runOn(workflowId, conversation.id, ['waiting']);
      await receive(box, `golden-${contacts}`, 'many');
      await eventually(async () =>
        expect(box.channel.deliveries.filter((delivery) => delivery.conversationId === conversation.id).map((delivery) => delivery.text)).toEqual([
          'How many seats?',
          'A number, please.',
        ]),
      );
      await receive(box, `golden-${contacts}`, '1.250');
      const { run: done, steps } = await waitForRun(box.engine, run.id);
      expect(step(steps, 'ask')).toMatchObject({ port: 'answered', output: { answer: 1250, reply: '1.250', attempts: 2 } });
      expect(done.vars).toEqual({ seats: 1250 });
      expect(await box.tx((db) => box.inbox.getConversation(db, conversation.id))).toMatchObject({ awaitingReplyUntil: null });
    });

    it('leaves by the chosen option for multiple choice, and by invalid after the last attempt', async () => {
      const choices = [
        { id: 'sales', label: 'Sales' },
        { id: 'support', label: 'Support' },
      ];
      const workflowId = await flow(shortcut, [
        { id: 'ask', type: 'inbox.ask_question', config: { question: 'Who do you need?', type: 'multiple_choice', choices, maxAttempts: 1 } },
      ]);
      const first = await openConversation();
      const chosen = await runOn(workflowId, first.conversation.id, ['waiting']);
      await receive(box, `golden-${contacts}`, '2');
      expect(step((await waitForRun(box.engine, chosen.run.id)).steps, 'ask')).toMatchObject({
        port: 'support',
        output: { answer: 'support', choice: { id: 'support', label: 'Support' } },
      });
      expect(box.channel.deliveries.find((delivery) => delivery.conversationId === first.conversation.id)?.text).toBe('Who do you need?\n1. Sales\n2. Support');
      const second = await openConversation();
      const refused = await runOn(workflowId, second.conversation.id, ['waiting']);
      await receive(box, `golden-${contacts}`, 'billing');
      expect(step((await waitForRun(box.engine, refused.run.id)).steps, 'ask')).toMatchObject({ port: 'invalid', output: { attempts: 1, reply: 'billing' } });
    });

    it('stores a rating answered after closing as the CSAT of the agent who handled it, without opening a new conversation', async () => {
      const [agent] = await makeAgents(box, 1);
      const workflowId = await flow(shortcut, [
        { id: 'csat', type: 'inbox.ask_question', config: { question: 'Rate us from 1 to 5', type: 'rating', saveAs: 'csat' } },
      ]);
      const { conversation } = await openConversation();
      await box.tx((db) => box.inbox.assignToAgent(db, { conversationId: conversation.id, agentId: agent?.id ?? '', reason: 'manual' }));
      await box.tx((db) => box.inbox.closeConversation(db, { conversationId: conversation.id }));
      const { run } = await runOn(workflowId, conversation.id, ['waiting']);
      const reply = await receive(box, `golden-${contacts}`, '⭐⭐⭐⭐');
      expect(reply).toMatchObject({ opened: false, answersQuestion: true, conversation: { id: conversation.id, status: 'closed' } });
      const { steps } = await waitForRun(box.engine, run.id);
      expect(step(steps, 'csat')).toMatchObject({ port: 'answered', output: { answer: 4, csat: { score: 4, agentId: agent?.id } } });
      expect(await box.tx((db) => box.inbox.getConversation(db, conversation.id))).toMatchObject({ status: 'closed', csatScore: 4, csatAgentId: agent?.id });
      // Once answered, the contact writing again opens a new conversation as usual.
      const later = await receive(box, `golden-${contacts}`, 'new question');
      expect(later.opened).toBe(true);
    });

    it('leaves by timeout when no answer comes in time', async () => {
      const workflowId = await flow(shortcut, [{ id: 'ask', type: 'inbox.ask_question', config: { question: 'Still there?', timeoutMinutes: 1 } }]);
      const { conversation } = await openConversation();
      const { run } = await runOn(workflowId, conversation.id, ['waiting']);
      const waits = (await box.engine.getRun(run.id)).waits;
      expect(waits[0]).toMatchObject({ signalKey: `inbox:reply:${conversation.id}`, status: 'pending' });
      expect(waits[0]?.resumeAt?.getTime()).toBe((step((await box.engine.getRun(run.id)).steps, 'ask').startedAt.getTime() ?? 0) + 60_000);
    });
  });

  // Last, over every run above: the output schemas the editor shows are what the nodes really record.
  it("records trigger data and step outputs that their node types' outputSchema describe", async () => {
    const ajv = createAjv();
    const problems: string[] = [];
    const check = (type: string, value: unknown, where: string) => {
      const schema = box.engine.catalog.get(type)?.definition.outputSchema;
      if (schema === undefined) return problems.push(`${type} has no outputSchema`);
      const validate = ajv.compile(schema as object);
      if (!validate(structuredClone(value))) problems.push(`${where} (${type}): ${ajv.errorsText(validate.errors)} in ${JSON.stringify(value)}`);
    };
    let checked = 0;
    for (const { workflowId, triggerType } of everyFlow) {
      for (const listed of await box.engine.listRuns({ workflowId })) {
        const { run, steps } = await box.engine.getRun(listed.id);
        check(triggerType, run.trigger, `run ${run.id} trigger`);
        // What a step left by a port with is what later steps read; a wait's own output is replaced when it resumes.
        for (const each of steps.filter((candidate) => candidate.port !== null)) {
          check(each.nodeType, each.output, `step ${each.nodeId} by ${each.port}`);
          checked += 1;
        }
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(20);
  });
});
