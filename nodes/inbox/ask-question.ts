import { type InboxActions, replySignalKey } from '@switchboard/engine/inbox';
import { type ConfigIssue, defineNode, type ResumeContext, type Static, type StepContext, type StepResult, Type } from '@switchboard/sdk';
import { type AnswerType, answerTypes, type Choice, parseAnswer } from './answer-types.ts';
import { checkInboxReferences } from './check-inbox-references.ts';
import { samples } from './samples.ts';
import { runConversationId } from './run-conversation.ts';
import { stringEnum } from './string-enum.ts';

const PORT_NAME = '^[a-z][a-z0-9_]*$';
const RESERVED_PORTS = ['answered', 'invalid', 'timeout', 'taken_over'];
/** The standard contact details an answer can be saved to, besides custom fields. */
const STANDARD_FIELDS = ['name', 'email', 'phone'];

const configSchema = Type.Object(
  {
    question: Type.String({
      minLength: 1,
      maxLength: 4096,
      'x-template': 'multiline',
      title: 'Question',
      description: 'What to ask; may use templates, e.g. {{ contact.firstName }}.',
    }),
    type: stringEnum(answerTypes, {
      default: 'text',
      title: 'Answer type',
      description: 'How the reply is validated: text, number, email, phone, date (YYYY-MM-DD or day first), multiple choice, rating (1 to 5).',
      labels: {
        text: 'Text',
        number: 'Number',
        email: 'Email',
        phone: 'Phone',
        date: 'Date',
        multiple_choice: 'Multiple choice',
        rating: 'Rating (1 to 5)',
      },
    }),
    choices: Type.Array(
      Type.Object(
        {
          id: Type.String({ pattern: PORT_NAME, maxLength: 40, title: 'Port', description: 'The port this choice leaves by: snake_case, e.g. sales.' }),
          label: Type.String({ minLength: 1, maxLength: 200, title: 'Label', description: 'What the contact sees and may type.' }),
        },
        { additionalProperties: false },
      ),
      {
        default: [],
        maxItems: 20,
        'x-when': { type: 'multiple_choice' },
        title: 'Choices',
        description: 'For multiple choice: the options, each with its own port. The contact answers with the number, the label or the id.',
      },
    ),
    listChoices: Type.Boolean({
      default: true,
      'x-when': { type: 'multiple_choice' },
      title: 'List the choices',
      description: 'For multiple choice: add the numbered choices under the question.',
    }),
    retryMessage: Type.String({
      default: "Sorry, I didn't get that. Please try again.",
      maxLength: 4096,
      'x-template': 'multiline',
      title: 'Retry message',
      description: 'Sent after an answer that is not valid, before asking again.',
    }),
    maxAttempts: Type.Integer({
      minimum: 1,
      maximum: 10,
      default: 3,
      title: 'Attempts',
      description: 'Answers accepted in all; after this many invalid ones the step leaves by invalid.',
    }),
    timeoutMinutes: Type.Integer({
      minimum: 1,
      maximum: 527_040,
      default: 1440,
      title: 'Timeout (minutes)',
      description: 'Leave by timeout when no valid answer came in this long. Defaults to a day.',
    }),
    saveAs: Type.Optional(
      Type.String({
        pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
        maxLength: 64,
        'x-variable': { output: '/answer' },
        title: 'Save to variable',
        description: 'Run variable for the answer, read later as vars.<name>.',
      }),
    ),
    saveToField: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        'x-picker': 'field',
        title: 'Save to contact field',
        description: 'A custom contact field key, or name, email or phone.',
      }),
    ),
  },
  { additionalProperties: false },
);
type AskConfig = Static<typeof configSchema>;

interface AskState {
  readonly attempts: number;
  readonly until: string;
}

/**
 * Asks the contact a question and durably waits for the reply (promise 5),
 * validating it by type; an invalid reply gets the retry message and another
 * try, up to `maxAttempts`. The answer goes to a variable and/or a contact
 * field. Multiple choice leaves by one port per choice; the others by
 * `answered`. A rating answered on a closed conversation is its CSAT score,
 * credited to the agent who handled it (a survey after closing: see the
 * inbox's rule that such a reply answers the question instead of opening a
 * new conversation). When a person takes the open conversation over (the
 * bot is paused) before the contact answers, the question stands down: the
 * reply is left for the agent and the step leaves by `taken_over`.
 *
 * ```json
 * { "question": "How would you rate us, 1 to 5?", "type": "rating", "saveAs": "csat", "timeoutMinutes": 1440 }
 * ```
 */
export function createAskQuestion(inbox: InboxActions) {
  return defineNode({
    type: 'inbox.ask_question',
    title: 'Ask question',
    category: 'Inbox',
    description: "Sends a question and waits for the contact's reply, validating it (text, number, email, phone, date, choice, rating).",
    kind: 'step',
    configSchema,
    outputSchema: {
      type: 'object',
      properties: {
        answer: {
          type: ['string', 'number'],
          description:
            'Answered: the answer as its type reads it: the text, a number, an email in lower case, a phone number\'s digits, a date YYYY-MM-DD, a choice\'s id or a rating 1 to 5. Also in the variable of "Save to variable".',
        },
        reply: { type: 'string', description: 'What the contact wrote last, as written.' },
        attempts: { type: 'integer', description: 'How many answers the contact gave.' },
        choice: {
          type: 'object',
          description: 'Multiple choice: the choice taken.',
          properties: { id: { type: 'string', description: "The choice's port." }, label: { type: 'string', description: "The choice's label." } },
          required: ['id', 'label'],
          additionalProperties: false,
        },
        csat: {
          type: 'object',
          description: 'A rating answered after the conversation closed: its CSAT score and the agent it counts for.',
          properties: {
            score: { type: 'integer', description: 'The score, 1 to 5.' },
            agentId: { type: ['string', 'null'], description: 'The agent who handled the conversation; null when none did.' },
          },
          required: ['score', 'agentId'],
          additionalProperties: false,
        },
      },
      required: ['attempts'],
      additionalProperties: false,
      examples: [
        { answer: 'sales', reply: '1', attempts: 1, choice: { id: 'sales', label: 'Ventas' } },
        { answer: 5, reply: '5', attempts: 1, csat: { score: 5, agentId: samples.agentId } },
        { attempts: 3, reply: 'no sé' },
      ],
    },
    summaryFields: ['type', 'question', 'saveAs'],
    ports: [
      { kind: 'switch', on: '/type', cases: { multiple_choice: [{ kind: 'per_item', items: '/choices', name: '/id' }] }, default: ['answered'] },
      'invalid',
      'timeout',
      'taken_over',
    ],
    portLabels: { answered: 'Answered', invalid: 'Invalid', timeout: 'Timed out', taken_over: 'Taken over by an agent' },
    translations: {
      es: {
        title: 'Hacer una pregunta',
        category: 'Bandeja de entrada',
        description:
          'Envía una pregunta y espera la respuesta del contacto, comprobando que sea válida (texto, número, correo, teléfono, fecha, opción o calificación).',
        config: {
          '/properties/question': { title: 'Pregunta', description: 'Lo que se pregunta; admite plantillas, p. ej. {{ contact.firstName }}.' },
          '/properties/type': {
            title: 'Tipo de respuesta',
            description:
              'Cómo se comprueba la respuesta: texto, número, correo electrónico, teléfono, fecha (AAAA-MM-DD o con el día primero), opción múltiple o calificación (del 1 al 5).',
            enumNames: {
              text: 'Texto',
              number: 'Número',
              email: 'Correo electrónico',
              phone: 'Teléfono',
              date: 'Fecha',
              multiple_choice: 'Opción múltiple',
              rating: 'Calificación (1 a 5)',
            },
          },
          '/properties/choices': {
            title: 'Opciones',
            description: 'Para opción múltiple: las opciones, cada una con su propia salida. El contacto responde con el número, la etiqueta o el id.',
          },
          '/properties/choices/items/properties/id': {
            title: 'Salida',
            description: 'La salida por la que sigue esta opción, en snake_case, p. ej. ventas.',
          },
          '/properties/choices/items/properties/label': { title: 'Etiqueta', description: 'Lo que ve el contacto y puede escribir.' },
          '/properties/listChoices': {
            title: 'Listar las opciones',
            description: 'Para opción múltiple: añade las opciones numeradas debajo de la pregunta.',
          },
          '/properties/retryMessage': {
            title: 'Mensaje para reintentar',
            description: 'Se envía tras una respuesta no válida, antes de volver a preguntar.',
          },
          '/properties/maxAttempts': {
            title: 'Intentos',
            description: 'Respuestas que se aceptan en total; tras esta cantidad de respuestas no válidas, el paso sigue por «No válida».',
          },
          '/properties/timeoutMinutes': {
            title: 'Tiempo límite (minutos)',
            description: 'Sigue por «Tiempo agotado» si en este tiempo no llega una respuesta válida. Por defecto, un día.',
          },
          '/properties/saveAs': {
            title: 'Guardar en la variable',
            description: 'La variable de la ejecución para la respuesta, que después se lee como vars.<nombre>.',
          },
          '/properties/saveToField': {
            title: 'Guardar en un campo del contacto',
            description: 'La clave de un campo personalizado del contacto, o name, email o phone.',
          },
        },
        output: {
          '/properties/answer': {
            description:
              'Si respondió: la respuesta según su tipo: el texto, un número, un correo en minúsculas, los dígitos de un teléfono, una fecha AAAA-MM-DD, el id de una opción o una calificación del 1 al 5. También se guarda en la variable de «Guardar en la variable».',
          },
          '/properties/reply': { description: 'Lo último que escribió el contacto, tal cual.' },
          '/properties/attempts': { description: 'Cuántas respuestas dio el contacto.' },
          '/properties/choice': { description: 'Opción múltiple: la opción elegida.' },
          '/properties/choice/properties/id': { description: 'La salida de la opción.' },
          '/properties/choice/properties/label': { description: 'La etiqueta de la opción.' },
          '/properties/csat': {
            description: 'Una calificación respondida con la conversación ya cerrada: su puntuación de satisfacción y el agente al que se atribuye.',
          },
          '/properties/csat/properties/score': { description: 'La puntuación, del 1 al 5.' },
          '/properties/csat/properties/agentId': { description: 'El agente que atendió la conversación; null si no la atendió nadie.' },
        },
        ports: { answered: 'Respondida', invalid: 'No válida', timeout: 'Tiempo agotado', taken_over: 'Atendida por un agente' },
        explanations: {
          accepted: 'Aceptó la respuesta {answer} en el intento {attempts}.',
          chose: 'El contacto eligió «{choice}» en el intento {attempts}.',
          retried: 'No aceptó la respuesta: envió el mensaje para reintentar y volvió a preguntar (intento {attempts} de {max}).',
          gave_up: 'No aceptó la respuesta, y era el intento {attempts} de {max}: sigue por «No válida».',
          gave_up_late: 'No aceptó la respuesta, y el tiempo para responder se había agotado: sigue por «No válida».',
          timed_out: 'No llegó una respuesta válida a tiempo: sigue por «Tiempo agotado».',
          taken_over: 'Una persona atendió la conversación antes de que el contacto respondiera: la respuesta queda para ella.',
          accepted_row: 'aceptada como {answer}',
          empty: 'está vacía',
          not_number: 'no es un número',
          not_email: 'no es un correo electrónico',
          not_phone: 'no es un teléfono (de 7 a 15 dígitos)',
          not_date: 'no es una fecha (AAAA-MM-DD, o con el día primero)',
          not_choice: 'no es ninguna de las opciones (ni su número, ni su etiqueta, ni su id)',
          not_rating: 'no es una calificación del 1 al 5',
        },
      },
    },
    explanations: {
      accepted: 'Accepted the answer {answer} on attempt {attempts}.',
      chose: 'The contact chose "{choice}" on attempt {attempts}.',
      retried: 'Did not accept the reply: sent the retry message and asked again (attempt {attempts} of {max}).',
      gave_up: 'Did not accept the reply, and it was attempt {attempts} of {max}: left by Invalid.',
      gave_up_late: 'Did not accept the reply, and the time to answer was up: left by Invalid.',
      timed_out: 'No valid reply came in time: left by Timed out.',
      taken_over: 'A person took the conversation over before the contact replied: the reply is left to them.',
      accepted_row: 'accepted as {answer}',
      empty: 'is empty',
      not_number: 'is not a number',
      not_email: 'is not an email address',
      not_phone: 'is not a phone number (7 to 15 digits)',
      not_date: 'is not a date (YYYY-MM-DD, or the day first)',
      not_choice: 'is none of the choices (not their number, label or id)',
      not_rating: 'is not a rating from 1 to 5',
    },
    waits: true,
    validate: (config) => {
      const issues: ConfigIssue[] = [];
      if (config.type === 'multiple_choice' && config.choices.length === 0)
        issues.push({ path: '/choices', message: 'A multiple-choice question needs at least one choice.' });
      const seen = new Set<string>();
      config.choices.forEach((choice, index) => {
        if (RESERVED_PORTS.includes(choice.id))
          issues.push({ path: `/choices/${index}/id`, message: `Choice id "${choice.id}" is taken by a port of its own; pick another.` });
        if (seen.has(choice.id))
          issues.push({ path: `/choices/${index}/id`, message: `Choice id "${choice.id}" is used twice; each choice needs its own port.` });
        seen.add(choice.id);
      });
      return issues;
    },
    checkReferences: (config, { db }) =>
      checkInboxReferences(inbox, db, [
        {
          path: '/saveToField',
          kind: 'field',
          value: config.saveToField === undefined || STANDARD_FIELDS.includes(config.saveToField) ? undefined : config.saveToField,
        },
      ]),
    run: async (ctx) => {
      const conversationId = runConversationId(ctx);
      const until = new Date(ctx.now.getTime() + ctx.config.timeoutMinutes * 60_000);
      const text = questionText(ctx.config);
      await inbox.sendMessage(ctx.db, { conversationId, text, sender: { type: 'automation' }, idempotencyKey: `${ctx.idempotencyKey}:ask:1` });
      return waitForReply(inbox, ctx, conversationId, { attempts: 1, until: until.toISOString() }, { question: text, until: until.toISOString() });
    },
    resume: async (ctx) => {
      const conversationId = runConversationId(ctx);
      const state = readState(ctx.state, ctx.now);
      if (ctx.resumed.reason === 'timeout') {
        await inbox.awaitReply(ctx.db, { conversationId, until: null });
        ctx.explain({ code: 'timed_out' });
        return ctx.next('timeout', { attempts: state.attempts });
      }
      const reply = typeof ctx.resumed.data['text'] === 'string' ? ctx.resumed.data['text'] : '';
      // A person took the open conversation over (the bot is paused) while the question waited:
      // the reply is theirs to answer, not the question's to validate or route.
      const conversation = await inbox.getConversation(ctx.db, conversationId);
      if (conversation.status === 'open' && !conversation.botActive) {
        await inbox.awaitReply(ctx.db, { conversationId, until: null });
        ctx.explain({ code: 'taken_over' });
        return ctx.next('taken_over', { attempts: state.attempts, reply });
      }
      const parsed = parseAnswer(ctx.config.type, reply, ctx.config.choices);
      const max = ctx.config.maxAttempts;
      if (!parsed.ok) {
        const refusedRow = { name: shown(reply), outcome: 'passed' as const, code: reply.trim() === '' ? 'empty' : REFUSED[ctx.config.type] };
        const late = Date.parse(state.until) <= ctx.now.getTime();
        if (state.attempts >= max || late) {
          await inbox.awaitReply(ctx.db, { conversationId, until: null });
          ctx.explain({ code: late && state.attempts < max ? 'gave_up_late' : 'gave_up', params: { attempts: state.attempts, max }, rows: [refusedRow] });
          return ctx.next('invalid', { attempts: state.attempts, reply });
        }
        const attempts = state.attempts + 1;
        ctx.explain({ code: 'retried', params: { attempts, max }, rows: [refusedRow] });
        await inbox.sendMessage(ctx.db, {
          conversationId,
          text: ctx.config.retryMessage,
          sender: { type: 'automation' },
          idempotencyKey: `${ctx.idempotencyKey}:ask:${attempts}`,
        });
        return waitForReply(inbox, ctx, conversationId, { attempts, until: state.until }, { retried: attempts, reply });
      }
      await inbox.awaitReply(ctx.db, { conversationId, until: null });
      const saved = await save(inbox, ctx, conversationId, parsed.value);
      const output = { answer: parsed.value, reply, attempts: state.attempts, ...saved, ...(parsed.choice === undefined ? {} : { choice: parsed.choice }) };
      const vars = ctx.config.saveAs === undefined ? undefined : { [ctx.config.saveAs]: parsed.value };
      ctx.explain({
        ...(parsed.choice === undefined
          ? { code: 'accepted', params: { answer: parsed.value, attempts: state.attempts } }
          : { code: 'chose', params: { choice: parsed.choice.label, attempts: state.attempts } }),
        rows: [{ name: shown(reply), outcome: 'chosen', code: 'accepted_row', params: { answer: parsed.value } }],
      });
      return ctx.next(parsed.choice?.id ?? 'answered', output, vars);
    },
  });
}

/** Why a reply that is not empty was not accepted, per answer type (a text answer refuses only an empty one). */
const REFUSED: Readonly<Record<AnswerType, string>> = {
  text: 'empty',
  number: 'not_number',
  email: 'not_email',
  phone: 'not_phone',
  date: 'not_date',
  multiple_choice: 'not_choice',
  rating: 'not_rating',
};

/** A reply as a row names it: quoted, cut short. */
function shown(reply: string): string {
  const text = JSON.stringify(reply);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function questionText(config: AskConfig): string {
  if (config.type !== 'multiple_choice' || !config.listChoices) return config.question;
  return `${config.question}\n${config.choices.map((choice: Choice, index) => `${index + 1}. ${choice.label}`).join('\n')}`;
}

/** Marks the conversation as awaiting a reply (so a reply after closing comes here) and waits for it. */
async function waitForReply(
  inbox: InboxActions,
  ctx: StepContext<AskConfig>,
  conversationId: string,
  state: AskState,
  output: Readonly<Record<string, unknown>>,
): Promise<StepResult> {
  const until = new Date(state.until);
  await inbox.awaitReply(ctx.db, { conversationId, until });
  // since 'now': a reply counts only if it came after the question was sent, never an earlier message.
  return ctx.wait({ signal: { key: replySignalKey(conversationId), since: 'now' }, until, state: { ...state } }, output);
}

async function save(
  inbox: InboxActions,
  ctx: ResumeContext<AskConfig>,
  conversationId: string,
  value: string | number,
): Promise<{ readonly csat?: { readonly score: number; readonly agentId: string | null } }> {
  const { saveToField } = ctx.config;
  if (saveToField !== undefined) {
    const conversation = await inbox.getConversation(ctx.db, conversationId);
    const change = STANDARD_FIELDS.includes(saveToField) ? { [saveToField]: String(value) } : { fields: { [saveToField]: value } };
    await inbox.updateContact(ctx.db, { contactId: conversation.contactId, conversationId, ...change });
  }
  if (ctx.config.type !== 'rating' || typeof value !== 'number') return {};
  const conversation = await inbox.getConversation(ctx.db, conversationId);
  if (conversation.status !== 'closed') return {};
  const { agentId } = await inbox.recordCsat(ctx.db, { conversationId, score: value });
  return { csat: { score: value, agentId } };
}

function readState(state: Readonly<Record<string, unknown>>, now: Date): AskState {
  const attempts = typeof state['attempts'] === 'number' ? state['attempts'] : 1;
  const until = typeof state['until'] === 'string' ? state['until'] : now.toISOString();
  return { attempts, until };
}
