/**
 * Template "out-of-hours": a contact writing outside business hours gets an
 * away message saying when the team is back, at most once per conversation
 * per local day. Time comes from the injected clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waitForRuns } from '../inbox/support/inbox-fixtures.ts';
import { conversationOf, expectDelivered, importAndPublish, messagesOf, portsOfRun, write } from './support/template-fixtures.ts';
import { startTemplateInbox, type TemplateInbox } from './support/template-inbox.ts';

describe('template out-of-hours', () => {
  let box: TemplateInbox;

  beforeEach(async () => {
    box = await startTemplateInbox();
  });
  afterEach(() => box?.close());

  it('answers once per conversation per day outside the default hours in Spanish, and never inside them', async () => {
    const workflowId = await importAndPublish(box, 'out-of-hours', 'es');
    const lucia = { externalId: '+5215522220001', name: 'Lucía Hernández' };
    // Mexico City, Monday to Friday 09:00-18:00 by default; 2025-03-03 is a Monday (UTC-6).
    const moments = ['2025-03-03T20:05:00-06:00', '2025-03-03T20:40:00-06:00', '2025-03-04T10:15:00-06:00', '2025-03-04T18:30:00-06:00'];
    const texts = ['Hola, ¿siguen abiertos?', '¿Hola?', 'Ya es de día: ¿me ayudan?', 'Otra pregunta'];
    let conversationId = '';
    for (const [index, moment] of moments.entries()) {
      box.clock.set(moment);
      ({
        conversation: { id: conversationId },
      } = await write(box, lucia, texts[index] ?? ''));
      await waitForRuns(box, workflowId, index + 1);
    }

    const monday = 'Hola Lucía, en este momento estamos cerrados. Volvemos el martes a las 09:00 y te responderemos entonces.';
    const tuesday = 'Hola Lucía, en este momento estamos cerrados. Volvemos el miércoles a las 09:00 y te responderemos entonces.';
    await expectDelivered(box, lucia.externalId, [monday, tuesday]);
    const messages = await messagesOf(box, conversationId);
    expect(messages.map((message) => [message.direction, message.text])).toEqual([
      ['in', texts[0]],
      ['out', monday],
      ['in', texts[1]],
      ['in', texts[2]],
      ['in', texts[3]],
      ['out', tuesday],
    ]);
    // Each away message went out the moment the contact wrote, not later.
    const sentAt = messages.filter((message) => message.direction === 'out').map((message) => message.createdAt.getTime());
    expect(sentAt.map((time, index) => Math.abs(time - Date.parse([moments[0], moments[3]][index] ?? '')) < 5_000)).toEqual([true, true]);
    expect((await conversationOf(box, conversationId)).tags).toEqual(['away-sent-2025-03-03', 'away-sent-2025-03-04']);

    const runs = (await box.engine.listRuns({ workflowId })).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(await Promise.all(runs.map((run) => portsOfRun(box, run.id)))).toEqual([
      [
        ['message', 'next'],
        ['hours', 'closed'],
        ['sent_today', 'else'],
        ['away', 'next'],
        ['remember', 'next'],
      ],
      [
        ['message', 'next'],
        ['hours', 'closed'],
        ['sent_today', 'already'],
      ],
      [
        ['message', 'next'],
        ['hours', 'open'],
      ],
      [
        ['message', 'next'],
        ['hours', 'closed'],
        ['sent_today', 'else'],
        ['away', 'next'],
        ['remember', 'next'],
      ],
    ]);
  });

  it('sends one away message for two first messages at once on a Friday night, naming Monday, and greets a nameless contact without a gap', async () => {
    const workflowId = await importAndPublish(box, 'out-of-hours', 'es');
    box.clock.set('2025-03-07T21:00:00-06:00');
    const jorge = { externalId: '+5215522220002', name: 'Jorge' };
    const [first, second] = await Promise.all([write(box, jorge, 'Buenas noches'), write(box, jorge, 'Quiero cambiar mi pedido, es urgente')]);
    expect(second?.conversation.id).toBe(first?.conversation.id);
    await waitForRuns(box, workflowId, 2);
    await expectDelivered(box, jorge.externalId, ['Hola Jorge, en este momento estamos cerrados. Volvemos el lunes a las 09:00 y te responderemos entonces.']);
    expect((await conversationOf(box, first?.conversation.id ?? '')).tags).toEqual(['away-sent-2025-03-07']);

    // A channel that gives no name: the greeting closes up around it.
    await write(box, { externalId: '+5215522220003' }, '?');
    await waitForRuns(box, workflowId, 3);
    await expectDelivered(box, '+5215522220003', ['Hola, en este momento estamos cerrados. Volvemos el lunes a las 09:00 y te responderemos entonces.']);
  });

  it('keeps a custom schedule and holidays in the chosen time zone, in English', async () => {
    const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
    const workflowId = await importAndPublish(box, 'out-of-hours', 'en', {
      timezone: 'Europe/Madrid',
      schedule: weekdays.map((day) => ({ day, open: '10:00', close: '14:00' })),
      holidays: [{ date: '2025-12-25', name: 'Navidad' }],
    });
    const tom = { externalId: '+34600000001', name: 'Tom Baker' };
    // Thursday 25 December at 11:00 in Madrid: inside the weekly hours, but a holiday.
    box.clock.set('2025-12-25T11:00:00+01:00');
    const { conversation } = await write(box, tom, 'Is anyone there?');
    await waitForRuns(box, workflowId, 1);
    // Friday at 11:00: open, so nothing is sent.
    box.clock.set('2025-12-26T11:00:00+01:00');
    await write(box, tom, 'Hello again');
    await waitForRuns(box, workflowId, 2);
    await expectDelivered(box, tom.externalId, ['Hi Tom, we are closed right now. We are back on Friday at 10:00 and will answer you then.']);
    const [holiday] = (await box.engine.listRuns({ workflowId })).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect((await box.engine.getRun(holiday?.id ?? '')).run.outputs['hours']).toMatchObject({
      open: false,
      holiday: 'Navidad',
      localTime: '2025-12-25T11:00',
      nextOpen: { day: 'friday', time: '10:00' },
    });
    expect((await conversationOf(box, conversation.id)).tags).toEqual(['away-sent-2025-12-25']);
  });
});
