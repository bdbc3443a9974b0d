import { defineNode, Type } from '@switchboard/sdk';
import { conditionIssues, conditionSchema, conditionTextsEs, evaluateConditions, matchModeSchema, matchModeTextsEs } from './conditions.ts';
import { textsUnder } from './texts-under.ts';

/**
 * Starts a run when an event of one type arrives, optionally only when the
 * event's data passes conditions. Condition paths address the event itself:
 * `type`, `subject` and `data.<field>`.
 *
 * ```json
 * { "event": "order.paid", "conditions": { "match": "all", "rules": [{ "path": "data.total", "operator": "greater_than", "value": 100 }] } }
 * ```
 */
export const event = defineNode({
  type: 'core.event',
  title: 'On event',
  category: 'Triggers',
  description: 'Starts the workflow when an event of a given type arrives, optionally filtered by conditions on its data.',
  kind: 'trigger',
  configSchema: Type.Object(
    {
      event: Type.String({
        minLength: 1,
        title: 'Event type',
        description: 'The event type that starts the workflow, e.g. order.paid or conversation.opened.',
      }),
      conditions: Type.Optional(
        Type.Object(
          {
            match: matchModeSchema(),
            rules: Type.Array(conditionSchema, {
              default: [],
              title: 'Rules',
              description: 'Conditions on the event; paths start at the event: type, subject, data.<field>.',
            }),
          },
          {
            additionalProperties: false,
            title: 'Conditions',
            description: 'Only start when the event passes these conditions. Leave out to start on every event of the type.',
          },
        ),
      ),
    },
    { additionalProperties: false },
  ),
  outputSchema: {
    type: 'object',
    properties: {
      type: { type: 'string', description: 'The event type.' },
      subject: { type: ['string', 'null'], description: 'What the event is about, e.g. order:1042; runs for one subject go one at a time.' },
      data: { type: 'object', description: "The event's data, as sent to POST /api/events." },
    },
    additionalProperties: false,
    examples: [{ type: 'order.paid', subject: 'order:1042', data: { orderId: '1042', total: 120, currency: 'EUR', email: 'ana@example.com' } }],
  },
  summaryFields: ['event', 'conditions'],
  ports: ['next'],
  portLabels: { next: 'Next' },
  translations: {
    es: {
      title: 'Al llegar un evento',
      category: 'Disparadores',
      description: 'Inicia el flujo cuando llega un evento de un tipo dado; opcionalmente, solo si sus datos cumplen unas condiciones.',
      config: {
        '/properties/event': { title: 'Tipo de evento', description: 'El tipo de evento que inicia el flujo, p. ej. order.paid o conversation.opened.' },
        '/properties/conditions': {
          title: 'Condiciones',
          description: 'Solo inicia el flujo si el evento cumple estas condiciones. Sin ellas, lo inicia cada evento de ese tipo.',
        },
        '/properties/conditions/properties/match': matchModeTextsEs,
        '/properties/conditions/properties/rules': {
          title: 'Reglas',
          description: 'Condiciones sobre el evento; las rutas parten del evento: type, subject, data.<campo>.',
        },
        ...textsUnder('/properties/conditions/properties/rules/items', conditionTextsEs),
      },
      output: {
        '/properties/type': { description: 'El tipo de evento.' },
        '/properties/subject': { description: 'De qué trata el evento, p. ej. order:1042; las ejecuciones de un mismo sujeto van de una en una.' },
        '/properties/data': { description: 'Los datos del evento, tal como se enviaron a POST /api/events.' },
      },
      ports: { next: 'Siguiente' },
    },
  },
  validate: (config) => (config.conditions === undefined ? [] : conditionIssues(config.conditions.rules, '/conditions/rules')),
  trigger: {
    source: 'event',
    eventTypes: (config) => [config.event],
    matches: (config, received) =>
      config.conditions === undefined ||
      evaluateConditions(config.conditions.match, config.conditions.rules, {
        type: received.type,
        subject: received.subject,
        data: received.data,
      }),
  },
});
