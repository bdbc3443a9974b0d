/**
 * Template "vip-senior-support": VIP contacts (by tag or by a contact field)
 * get high priority and the senior team; everyone else goes to general support.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InboxDB } from '../../engine/src/store/inbox/database.ts';
import { insertContactField } from '../../engine/src/store/inbox/contact-fields.ts';
import { waitForRuns } from '../inbox/support/inbox-fixtures.ts';
import { addAgent, addTeam, conversationOf, importAndPublish, portsOfRun, write } from './support/template-fixtures.ts';
import { startTemplateInbox, type TemplateInbox } from './support/template-inbox.ts';

describe('template vip-senior-support', () => {
  let box: TemplateInbox;

  beforeEach(async () => {
    box = await startTemplateInbox();
  });
  afterEach(() => box?.close());

  /** The contact writes and the flow runs; resolves with the conversation and the run's path. */
  async function writeAndRoute(workflowId: string, runsSoFar: number, contact: { externalId: string; name: string }, text: string) {
    const { conversation, contactId } = await write(box, contact, text);
    await waitForRuns(box, workflowId, runsSoFar + 1);
    const [run] = await box.engine.listRuns({ workflowId, subject: `conversation:${conversation.id}` });
    return { contactId, conversation: await conversationOf(box, conversation.id), ports: await portsOfRun(box, run?.id ?? '') };
  }

  it('sends contacts who became VIP by tag or by field to the senior team with high priority, and the rest to general support', async () => {
    const sara = await addAgent(box, 'Sara Núñez');
    const sergio = await addAgent(box, 'Sergio Paz', { status: 'away' });
    const gabriela = await addAgent(box, 'Gabriela Ortiz', { capacity: 5 });
    const senior = await addTeam(box, 'Sénior', [sara, sergio]);
    const general = await addTeam(box, 'Soporte general', [gabriela]);
    await box.tx((db) => insertContactField(db.withTables<InboxDB>(), { key: 'nivel', label: 'Nivel', type: 'text', options: [], now: new Date() }));
    const workflowId = await importAndPublish(box, 'vip-senior-support', 'es', {
      seniorTeam: senior.id,
      supportTeam: general.id,
      tierField: 'nivel',
      vipValue: 'oro',
    });
    expect((await box.engine.getWorkflow(workflowId)).name).toBe('Asignación para soporte de alto nivel (VIP primero)');

    const valeria = { externalId: '+5215555550001', name: 'Valeria Campos' };
    const gonzalo = { externalId: '+5215555550002', name: 'Gonzalo Ríos' };
    const pedro = { externalId: '+5215555550003', name: 'Pedro Luna' };
    const toGeneral = [
      ['opened', 'next'],
      ['is_vip', 'else'],
      ['to_support', 'assigned'],
    ];
    const toSenior = [
      ['opened', 'next'],
      ['is_vip', 'vip'],
      ['high_priority', 'next'],
      ['to_senior', 'assigned'],
    ];

    // First contact: nobody is VIP yet.
    const firsts = [];
    for (const [index, contact] of [valeria, gonzalo, pedro].entries()) {
      const routed = await writeAndRoute(workflowId, index, contact, 'Hola, tengo un problema con mi cuenta');
      expect(routed).toMatchObject({ conversation: { assigneeId: gabriela.id, teamId: general.id, priority: 'normal' }, ports: toGeneral });
      firsts.push(routed);
    }
    // Gabriela marks Valeria with the tag (any case), Gonzalo's level as gold and Pedro's as silver, and closes.
    const [forValeria, forGonzalo, forPedro] = firsts;
    await box.tx((db) => box.inbox.updateContactTags(db, { contactId: forValeria?.contactId ?? '', add: ['VIP'] }));
    await box.tx((db) => box.inbox.updateContact(db, { contactId: forGonzalo?.contactId ?? '', fields: { nivel: 'Oro' } }));
    await box.tx((db) => box.inbox.updateContact(db, { contactId: forPedro?.contactId ?? '', fields: { nivel: 'plata' } }));
    for (const routed of firsts) await box.tx((db) => box.inbox.closeConversation(db, { conversationId: routed.conversation.id, closedBy: gabriela.id }));

    // They write again: the new conversation starts with Gabriela, and VIPs are moved to the senior team.
    const again = [];
    for (const [index, contact] of [valeria, gonzalo, pedro].entries()) again.push(await writeAndRoute(workflowId, 3 + index, contact, 'Sigo con el problema'));
    const [valeriaAgain, gonzaloAgain, pedroAgain] = again;
    expect(valeriaAgain).toMatchObject({ conversation: { assigneeId: sara.id, teamId: senior.id, priority: 'high' }, ports: toSenior });
    expect(gonzaloAgain).toMatchObject({ conversation: { assigneeId: sara.id, teamId: senior.id, priority: 'high' }, ports: toSenior });
    expect(pedroAgain).toMatchObject({ conversation: { assigneeId: gabriela.id, priority: 'normal' }, ports: toGeneral });
    const [valeriaRun] = await box.engine.listRuns({ workflowId, subject: `conversation:${valeriaAgain?.conversation.id}` });
    expect((await box.engine.getRun(valeriaRun?.id ?? '')).run.outputs['to_senior']).toMatchObject({
      agent: { id: sara.id },
      previousAgentId: gabriela.id,
      kept: false,
    });
    expect(box.channel.deliveries).toEqual([]);
  });

  it('uses the whole workspace and the default tag "vip" when no teams are chosen, in English', async () => {
    const ana = await addAgent(box, 'Ana López');
    const workflowId = await importAndPublish(box, 'vip-senior-support', 'en');
    const first = await writeAndRoute(workflowId, 0, { externalId: '+14155555001', name: 'Kim Park' }, 'hi');
    await box.tx((db) => box.inbox.updateContactTags(db, { contactId: first.contactId, add: ['vip'] }));
    await box.tx((db) => box.inbox.closeConversation(db, { conversationId: first.conversation.id }));
    const second = await writeAndRoute(workflowId, 1, { externalId: '+14155555001', name: 'Kim Park' }, 'hi again');
    expect(second).toMatchObject({
      conversation: { assigneeId: ana.id, priority: 'high' },
      ports: [
        ['opened', 'next'],
        ['is_vip', 'vip'],
        ['high_priority', 'next'],
        ['to_senior', 'assigned'],
      ],
    });
  });
});
