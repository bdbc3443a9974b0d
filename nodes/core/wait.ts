import { defineNode, eventSignalKey, SwitchboardError, Type, type ConfigIssue } from '@switchboard/sdk';
import { durationMs, durationUnitNamesEs, durationUnitSchema, MAX_WAIT_MS } from './duration.ts';
import { stringEnum } from './string-enum.ts';

/**
 * Pauses the run, durably (promise 5): for a fixed time, or until an event
 * arrives for the run's subject (e.g. the customer replies) with a timeout.
 *
 * One flat config with `mode` rather than a union of two shapes: ajv ignores
 * `default` inside `anyOf` and reports every alternative's errors for one
 * mistake, while flat fields get defaults and `validate` names the one field
 * that is missing.
 *
 * ```json
 * { "mode": "event", "event": "message.received", "timeoutAmount": 2, "timeoutUnit": "hours" }
 * ```
 */
export const wait = defineNode({
  type: 'core.wait',
  title: 'Wait',
  category: 'Flow',
  description: 'Pauses the run for a time, or until an event arrives for its subject (with a timeout).',
  kind: 'step',
  effects: 'none',
  configSchema: Type.Object(
    {
      mode: stringEnum(['duration', 'event'], {
        default: 'duration',
        title: 'Wait for',
        description: "A set time: pause for a fixed time. An event: pause until an event arrives for this run's subject, or the timeout passes.",
        labels: { duration: 'A set time', event: 'An event' },
      }),
      amount: Type.Integer({
        minimum: 0,
        default: 5,
        'x-when': { mode: 'duration' },
        title: 'Duration',
        description: 'For a set time: how long to wait, in the unit below.',
      }),
      unit: durationUnitSchema('Unit', 'For a set time: the unit of the duration.', 'minutes', { mode: 'duration' }),
      event: Type.Optional(
        Type.String({
          minLength: 1,
          'x-when': { mode: 'event' },
          title: 'Event type',
          description: "For an event: the event that ends the wait, e.g. message.received. Counts events for this run's subject since the run started.",
        }),
      ),
      timeoutAmount: Type.Integer({
        minimum: 1,
        default: 1,
        'x-when': { mode: 'event' },
        title: 'Timeout',
        description: 'For an event: give up after this long, in the unit below.',
      }),
      timeoutUnit: durationUnitSchema('Timeout unit', 'For an event: the unit of the timeout.', 'days', { mode: 'event' }),
    },
    { additionalProperties: false },
  ),
  outputSchema: {
    type: 'object',
    description: "For an event that came: the event's data, with its type beside it.",
    properties: {
      resumedAt: { type: 'string', format: 'date-time', description: 'A set time: when the wait ended.' },
      type: { type: 'string', description: "An event: the type of the event that came; the event's data fields sit beside it." },
      event: { type: 'string', description: 'Timed out: the event type it waited for.' },
      timedOutAt: { type: 'string', format: 'date-time', description: 'Timed out: when it gave up waiting.' },
    },
    examples: [
      { type: 'inbox.message_received', conversationId: '5b7a3c1e-2f4d-4e8a-9c61-0d2e7f9a4b13', channel: 'whatsapp', text: 'Sí, por favor' },
      { resumedAt: '2025-06-02T09:05:00.000Z' },
      { event: 'inbox.message_received', timedOutAt: '2025-06-03T09:00:00.000Z' },
    ],
  },
  summaryFields: ['mode', 'amount', 'unit', 'event', 'timeoutAmount', 'timeoutUnit'],
  ports: [{ kind: 'switch', on: '/mode', cases: { event: ['received', 'timeout'] }, default: ['next'] }],
  portLabels: { next: 'Next', received: 'Received', timeout: 'Timed out' },
  translations: {
    es: {
      title: 'Esperar',
      category: 'Flujo',
      description: 'Pausa la ejecución durante un tiempo, o hasta que llegue un evento para su sujeto (con un tiempo límite).',
      config: {
        '/properties/mode': {
          title: 'Esperar a',
          description:
            'Que pase un tiempo: pausa durante un tiempo fijo. Un evento: pausa hasta que llegue un evento para el sujeto de esta ejecución o se agote el tiempo límite.',
          enumNames: { duration: 'Que pase un tiempo', event: 'Un evento' },
        },
        '/properties/amount': { title: 'Duración', description: 'Si esperas un tiempo: cuánto esperar, en la unidad de abajo.' },
        '/properties/unit': { title: 'Unidad', description: 'Si esperas un tiempo: la unidad de la duración.', enumNames: durationUnitNamesEs },
        '/properties/event': {
          title: 'Tipo de evento',
          description:
            'Si esperas un evento: el evento que termina la espera, p. ej. message.received. Cuentan los eventos para el sujeto de esta ejecución desde que empezó.',
        },
        '/properties/timeoutAmount': {
          title: 'Tiempo límite',
          description: 'Si esperas un evento: deja de esperar pasado este tiempo, en la unidad de abajo.',
        },
        '/properties/timeoutUnit': {
          title: 'Unidad del tiempo límite',
          description: 'Si esperas un evento: la unidad del tiempo límite.',
          enumNames: durationUnitNamesEs,
        },
      },
      output: {
        '': { description: 'Si llegó el evento: sus datos, con su tipo al lado.' },
        '/properties/resumedAt': { description: 'Si esperas un tiempo: cuándo terminó la espera.' },
        '/properties/type': { description: 'Si esperas un evento: el tipo del evento que llegó; sus datos van al lado.' },
        '/properties/event': { description: 'Si se agotó el tiempo: el tipo de evento que esperaba.' },
        '/properties/timedOutAt': { description: 'Si se agotó el tiempo: cuándo dejó de esperar.' },
      },
      ports: { next: 'Siguiente', received: 'Recibido', timeout: 'Tiempo agotado' },
    },
  },
  // A 0 s duration is no wait (the loop guard would let `a -> wait 0 s -> a` spin); an event
  // wait is, whatever its timeout: each pass takes an event of its own.
  waits: (config) => config.mode === 'event' || durationMs(config.amount, config.unit) > 0,
  validate: (config) => {
    const issues: ConfigIssue[] = [];
    const tooLong = 'A wait can last at most 366 days; for longer, start a workflow on a schedule instead.';
    if (config.mode === 'duration' && durationMs(config.amount, config.unit) > MAX_WAIT_MS) issues.push({ path: '/amount', message: tooLong });
    if (config.mode === 'event') {
      if (config.event === undefined) issues.push({ path: '/event', message: 'An event wait needs the event type to wait for, e.g. "message.received".' });
      if (durationMs(config.timeoutAmount, config.timeoutUnit) > MAX_WAIT_MS) issues.push({ path: '/timeoutAmount', message: tooLong });
    }
    return issues;
  },
  run: (ctx) => {
    const { config } = ctx;
    if (config.mode === 'duration') {
      const until = new Date(ctx.now.getTime() + durationMs(config.amount, config.unit));
      return ctx.wait({ until }, { until: until.toISOString() });
    }
    if (config.event === undefined) {
      throw new SwitchboardError('STEP_INVALID_INPUT', `Node "${ctx.node.id}" waits for an event but names none; set its event type.`, {
        path: '/config/event',
      });
    }
    const subject = ctx.run.subject;
    if (subject === null) {
      throw new SwitchboardError(
        'STEP_INVALID_INPUT',
        `Node "${ctx.node.id}" waits for "${config.event}" for this run's subject, but the run has none. Start the workflow from a trigger that sets a subject (e.g. a conversation event), or wait for a duration instead.`,
        { path: '/config/event' },
      );
    }
    const until = new Date(ctx.now.getTime() + durationMs(config.timeoutAmount, config.timeoutUnit));
    // since 'run': an event that arrived after the run started but before this
    // wait was recorded still counts, so a fast reply is never lost (promise 5).
    return ctx.wait(
      { signal: { key: eventSignalKey(config.event, subject), since: 'run' }, until },
      { event: config.event, subject, until: until.toISOString() },
    );
  },
  resume: (ctx) => {
    if (ctx.config.mode === 'duration') return ctx.next('next', { resumedAt: ctx.now.toISOString() });
    if (ctx.resumed.reason === 'signal') return ctx.next('received', ctx.resumed.data);
    return ctx.next('timeout', { event: ctx.config.event, timedOutAt: ctx.now.toISOString() });
  },
});
