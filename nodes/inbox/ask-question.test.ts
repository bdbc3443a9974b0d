import { describe, expect, it } from 'vitest';
import { replySignalKey } from '@switchboard/engine/inbox';
import { portsForConfig } from '@switchboard/engine/graph';
import { explainNodeStep, resumeNodeStep, runNodeStep } from '@switchboard/engine/testing';
import { createAskQuestion } from './ask-question.ts';
import { fakeInbox } from './fake-inbox.ts';

const conversationId = '6f1c2d3e-4a5b-4c6d-8e7f-8091a2b3c4d5';
const subject = `conversation:${conversationId}`;
const now = new Date('2025-07-01T10:00:00.000Z');
const until = '2025-07-02T10:00:00.000Z';
const conversation = { id: conversationId, contactId: 'contact-1', status: 'open', botActive: true, assigneeId: null, lastAssigneeId: 'agent-1' };

function scripted(status: 'open' | 'closed' = 'open', botActive = true) {
  return fakeInbox({
    sendMessage: (input) => ({ id: 'message-1', text: input.text }) as never,
    awaitReply: () => undefined,
    getConversation: () => ({ ...conversation, status, botActive }) as never,
    updateContact: () => ({}) as never,
    recordCsat: () => ({ agentId: 'agent-1' }),
  });
}

describe('inbox.ask_question', () => {
  it('sends the question as automation, marks the conversation as awaiting a reply, and waits for the next one', async () => {
    const { inbox, calls } = scripted();
    const result = await runNodeStep(createAskQuestion(inbox), { config: { question: 'Your email?', type: 'email' }, subject, now });
    expect(result).toEqual({
      kind: 'wait',
      wait: { signal: { key: replySignalKey(conversationId), since: 'now' }, until: new Date(until), state: { attempts: 1, until } },
      output: { question: 'Your email?', until },
    });
    expect(calls).toEqual([
      ['sendMessage', { conversationId, text: 'Your email?', sender: { type: 'automation' }, idempotencyKey: 'run-1:node:1:ask:1' }],
      ['awaitReply', { conversationId, until: new Date(until) }],
    ]);
  });

  it('lists numbered choices under a multiple-choice question and offers a port per choice', async () => {
    const node = createAskQuestion(scripted().inbox);
    const config = {
      question: 'Who do you need?',
      type: 'multiple_choice',
      choices: [
        { id: 'sales', label: 'Sales' },
        { id: 'support', label: 'Support' },
      ],
    } as const;
    const { inbox, calls } = scripted();
    await runNodeStep(createAskQuestion(inbox), { config, subject, now });
    expect(calls[0]?.[1]).toMatchObject({ text: 'Who do you need?\n1. Sales\n2. Support' });
    const defaults = { listChoices: true, retryMessage: 'x', maxAttempts: 3, timeoutMinutes: 60 };
    expect(portsForConfig(node.ports, { ...defaults, ...config, choices: [...config.choices] })).toEqual([
      'sales',
      'support',
      'invalid',
      'timeout',
      'taken_over',
    ]);
    expect(portsForConfig(node.ports, { ...defaults, question: 'x', type: 'text', choices: [] })).toEqual(['answered', 'invalid', 'timeout', 'taken_over']);
    expect(portsForConfig(node.ports, { ...defaults, question: 'x', type: 'rating', choices: [...config.choices] })).toEqual([
      'answered',
      'invalid',
      'timeout',
      'taken_over',
    ]);
  });

  it('sends the retry message and waits again after an invalid reply, until the attempts run out', async () => {
    const { inbox, calls } = scripted();
    const node = createAskQuestion(inbox);
    const config = { question: 'How many?', type: 'number', maxAttempts: 2, retryMessage: 'A number, please.' };
    const retried = await resumeNodeStep(node, { config, subject, now, resumed: { reason: 'signal', data: { text: 'lots' } }, state: { attempts: 1, until } });
    expect(retried).toMatchObject({ kind: 'wait', wait: { state: { attempts: 2, until } }, output: { retried: 2, reply: 'lots' } });
    expect(calls.find(([name]) => name === 'sendMessage')).toEqual([
      'sendMessage',
      { conversationId, text: 'A number, please.', sender: { type: 'automation' }, idempotencyKey: 'run-1:node:1:ask:2' },
    ]);
    const given = await resumeNodeStep(node, {
      config,
      subject,
      now,
      resumed: { reason: 'signal', data: { text: 'still lots' } },
      state: { attempts: 2, until },
    });
    expect(given).toEqual({ kind: 'next', port: 'invalid', output: { attempts: 2, reply: 'still lots' } });
  });

  it('leaves by the answer port with the parsed answer, saved to a variable and a contact field', async () => {
    const { inbox, calls } = scripted();
    const result = await resumeNodeStep(createAskQuestion(inbox), {
      config: { question: 'How many seats?', type: 'number', saveAs: 'seats', saveToField: 'seats' },
      subject,
      now,
      resumed: { reason: 'signal', data: { text: '12' } },
      state: { attempts: 1, until },
    });
    expect(result).toEqual({ kind: 'next', port: 'answered', output: { answer: 12, reply: '12', attempts: 1 }, vars: { seats: 12 } });
    expect(calls).toContainEqual(['updateContact', { contactId: 'contact-1', conversationId, fields: { seats: 12 } }]);
    expect(calls).toContainEqual(['awaitReply', { conversationId, until: null }]);
  });

  it('records a rating on a closed conversation as CSAT, and not on an open one', async () => {
    const closed = scripted('closed');
    const config = { question: 'Rate us', type: 'rating' };
    const answered = await resumeNodeStep(createAskQuestion(closed.inbox), {
      config,
      subject,
      now,
      resumed: { reason: 'signal', data: { text: '5' } },
      state: { attempts: 1, until },
    });
    expect(answered).toMatchObject({ port: 'answered', output: { answer: 5, csat: { score: 5, agentId: 'agent-1' } } });
    expect(closed.calls).toContainEqual(['recordCsat', { conversationId, score: 5 }]);
    const open = scripted('open');
    await resumeNodeStep(createAskQuestion(open.inbox), {
      config,
      subject,
      now,
      resumed: { reason: 'signal', data: { text: '5' } },
      state: { attempts: 1, until },
    });
    expect(open.calls.some(([action]) => action === 'recordCsat')).toBe(false);
  });

  it('stands down by taken_over when a person paused the bot on the open conversation, but not on a closed one', async () => {
    const config = { question: 'Rate us', type: 'rating' };
    const taken = scripted('open', false);
    const result = await resumeNodeStep(createAskQuestion(taken.inbox), {
      config,
      subject,
      now,
      resumed: { reason: 'signal', data: { text: '5' } },
      state: { attempts: 1, until },
    });
    expect(result).toMatchObject({ kind: 'next', port: 'taken_over', output: { attempts: 1, reply: '5' } });
    expect(taken.calls.map(([name]) => name)).toEqual(['getConversation', 'awaitReply']);
    const closed = scripted('closed', false);
    const survey = await resumeNodeStep(createAskQuestion(closed.inbox), {
      config,
      subject,
      now,
      resumed: { reason: 'signal', data: { text: '5' } },
      state: { attempts: 1, until },
    });
    expect(survey).toMatchObject({ kind: 'next', port: 'answered', output: { answer: 5, csat: { score: 5 } } });
  });

  it('leaves by timeout and stops awaiting a reply when none came', async () => {
    const { inbox, calls } = scripted();
    const result = await resumeNodeStep(createAskQuestion(inbox), {
      config: { question: 'Still there?' },
      subject,
      now,
      resumed: { reason: 'timeout' },
      state: { attempts: 2, until },
    });
    expect(result).toEqual({ kind: 'next', port: 'timeout', output: { attempts: 2 } });
    expect(calls).toEqual([['awaitReply', { conversationId, until: null }]]);
  });

  it('reports a multiple-choice question without choices, and choices that clash with ports or each other', () => {
    const node = createAskQuestion(scripted().inbox);
    const defaults = { question: 'x', listChoices: true, retryMessage: 'x', maxAttempts: 3, timeoutMinutes: 60 } as const;
    expect(node.validate?.({ ...defaults, type: 'multiple_choice', choices: [] })).toEqual([
      { path: '/choices', message: expect.stringContaining('at least one choice') },
    ]);
    expect(
      node.validate?.({
        ...defaults,
        type: 'multiple_choice',
        choices: [
          { id: 'timeout', label: 'a' },
          { id: 'a', label: 'b' },
          { id: 'a', label: 'c' },
        ],
      }),
    ).toEqual([
      { path: '/choices/0/id', message: expect.stringContaining('taken by a port') },
      { path: '/choices/2/id', message: expect.stringContaining('used twice') },
    ]);
  });

  it("refuses to run on a run whose subject isn't a conversation", async () => {
    await expect(runNodeStep(createAskQuestion(scripted().inbox), { config: { question: 'x' }, subject: 'order:1', now })).rejects.toMatchObject({
      code: 'STEP_INVALID_INPUT',
    });
  });

  describe('explains each reply: the answer it accepted, or why it asked again or gave up', () => {
    const config = { question: 'How many seats?', type: 'number', maxAttempts: 2, retryMessage: 'A number, please.' };
    const reply = (text: string, attempts: number, language?: string) =>
      explainNodeStep(createAskQuestion(scripted().inbox), {
        config,
        subject,
        now,
        resumed: { reason: 'signal', data: { text } },
        state: { attempts, until },
        ...(language === undefined ? {} : { language }),
      });

    it('names the answer and the attempt it came on, in English and Spanish', async () => {
      expect((await reply('1.234,5', 2)).explanation).toEqual({
        code: 'accepted',
        text: 'Accepted the answer 1,234.5 on attempt 2.',
        rows: [{ name: '"1.234,5"', outcome: 'chosen', reason: 'accepted as 1,234.5' }],
      });
      expect((await reply('1.234,5', 2, 'es')).explanation?.text).toBe('Aceptó la respuesta 1234,5 en el intento 2.');
    });

    it('says why a reply was not accepted, and whether it asked again or left by invalid', async () => {
      expect((await reply('lots', 1)).explanation).toEqual({
        code: 'retried',
        text: 'Did not accept the reply: sent the retry message and asked again (attempt 2 of 2).',
        rows: [{ name: '"lots"', outcome: 'passed', reason: 'is not a number' }],
      });
      const last = await reply('still lots', 2, 'es');
      expect(last.result).toMatchObject({ port: 'invalid' });
      expect(last.explanation).toEqual({
        code: 'gave_up',
        text: 'No aceptó la respuesta, y era el intento 2 de 2: sigue por «No válida».',
        rows: [{ name: '"still lots"', outcome: 'passed', reason: 'no es un número' }],
      });
      expect((await reply('   ', 1)).explanation?.rows).toEqual([{ name: '"   "', outcome: 'passed', reason: 'is empty' }]);
    });

    it('names the choice taken, the time running out, and a person taking over', async () => {
      const choices = {
        question: 'Sales or support?',
        type: 'multiple_choice',
        choices: [
          { id: 'sales', label: 'Ventas' },
          { id: 'support', label: 'Soporte' },
        ],
      };
      const chosen = await explainNodeStep(createAskQuestion(scripted().inbox), {
        config: choices,
        subject,
        now,
        resumed: { reason: 'signal', data: { text: '2' } },
        state: { attempts: 1, until },
        language: 'es',
      });
      expect(chosen.explanation?.text).toBe('El contacto eligió «Soporte» en el intento 1.');
      const late = await explainNodeStep(createAskQuestion(scripted().inbox), {
        config: choices,
        subject,
        now,
        resumed: { reason: 'signal', data: { text: 'billing' } },
        state: { attempts: 1, until: now.toISOString() },
      });
      expect(late.explanation).toMatchObject({ code: 'gave_up_late', rows: [{ reason: 'is none of the choices (not their number, label or id)' }] });
      const timedOut = await explainNodeStep(createAskQuestion(scripted().inbox), {
        config,
        subject,
        now,
        resumed: { reason: 'timeout' },
        state: { attempts: 1, until },
      });
      expect(timedOut.explanation?.text).toBe('No valid reply came in time: left by Timed out.');
      const takenOver = await explainNodeStep(createAskQuestion(scripted('open', false).inbox), {
        config,
        subject,
        now,
        resumed: { reason: 'signal', data: { text: '3' } },
        state: { attempts: 1, until },
      });
      expect(takenOver.explanation?.code).toBe('taken_over');
    });
  });
});
