import type { InboxEventType } from '@switchboard/engine/inbox';
import { defineNode, type TriggerEvent, Type } from '@switchboard/sdk';
import { conditionIssues, conditionSchema, conditionTextsEs, evaluateConditions, matchModeSchema, matchModeTextsEs, textsUnder } from '@switchboard/nodes-core';

const conditionsSchema = Type.Optional(
  Type.Object(
    {
      match: matchModeSchema(),
      rules: Type.Array(conditionSchema, {
        default: [],
        title: 'Rules',
        description: 'Conditions on the event; paths start at the event, e.g. data.channel, data.text, data.reason.',
      }),
    },
    {
      additionalProperties: false,
      title: 'Conditions',
      description: 'Only start when the event passes these conditions. Leave out to start on every such event.',
    },
  ),
);

const configSchema = Type.Object({ conditions: conditionsSchema }, { additionalProperties: false });

const configTextsEs = {
  '/properties/conditions': {
    title: 'Condiciones',
    description: 'Solo inicia el flujo si el evento cumple estas condiciones. Sin ellas, lo inicia cada evento de este tipo.',
  },
  '/properties/conditions/properties/match': matchModeTextsEs,
  '/properties/conditions/properties/rules': {
    title: 'Reglas',
    description: 'Condiciones sobre el evento; las rutas parten del evento, p. ej. data.channel, data.text, data.reason.',
  },
  ...textsUnder('/properties/conditions/properties/rules/items', conditionTextsEs),
};

/** One field of an inbox event's `data`: its schema, and what it is in English and Spanish. */
export interface EventField {
  readonly schema: Readonly<Record<string, unknown>>;
  readonly en: string;
  readonly es: string;
}

const uuid = { type: 'string', format: 'uuid' } as const;
const uuidOrNull = { type: ['string', 'null'], format: 'uuid' } as const;

/** The fields several inbox events carry, named alike in each. */
export const eventFields = {
  conversationId: { schema: uuid, en: "The conversation's id.", es: 'El id de la conversación.' },
  conversationIdOrNull: {
    schema: uuidOrNull,
    en: "The id of the contact's open (else latest) conversation, which the run is about; null when the contact has none.",
    es: 'El id de la conversación abierta (o la última) del contacto, de la que trata la ejecución; null si no tiene ninguna.',
  },
  contactId: { schema: uuid, en: "The contact's id.", es: 'El id del contacto.' },
  channel: { schema: { type: 'string' }, en: 'The channel, e.g. whatsapp.', es: 'El canal, p. ej. whatsapp.' },
  assigneeId: {
    schema: uuidOrNull,
    en: "The assigned agent's id; null when nobody is assigned.",
    es: 'El id del agente asignado; null si no hay nadie asignado.',
  },
} satisfies Readonly<Record<string, EventField>>;

/**
 * What an inbox trigger gives the run as `trigger`: the event's type, its subject
 * (`conversation:<id>`) and its data, which conditions and templates read as `trigger.data.<field>`.
 */
function triggerOutput(eventType: string, data: Readonly<Record<string, EventField>>, example: Readonly<Record<string, unknown>>) {
  const subject = typeof example['conversationId'] === 'string' ? `conversation:${example['conversationId']}` : null;
  const schema = {
    type: 'object',
    properties: {
      type: { type: 'string', const: eventType, description: 'The event type.' },
      subject: { type: ['string', 'null'], description: 'What the run is about: conversation:<id>.' },
      data: {
        type: 'object',
        description: 'What the event reports.',
        properties: Object.fromEntries(Object.entries(data).map(([name, field]) => [name, { ...field.schema, description: field.en }])),
        additionalProperties: false,
      },
    },
    additionalProperties: false,
    examples: [{ type: eventType, subject, data: example }],
  };
  const es = {
    '/properties/type': { description: 'El tipo de evento.' },
    '/properties/subject': { description: 'De qué trata la ejecución: conversation:<id>.' },
    '/properties/data': { description: 'Lo que informa el evento.' },
    ...Object.fromEntries(Object.entries(data).map(([name, field]) => [`/properties/data/properties/${name}`, { description: field.es }])),
  };
  return { schema, es };
}

/**
 * An inbox trigger: starts the workflow when the inbox emits `eventType`, for
 * that event's conversation (the run's subject), optionally only when the
 * event's data passes conditions (the same rules as `core.branch`).
 * `extraMatch` narrows further (a shortcut starts only its own workflow).
 */
export function inboxTrigger(spec: {
  readonly eventType: InboxEventType;
  readonly title: string;
  readonly description: string;
  /** The title and description in Spanish; the config's texts are the same for every inbox trigger. */
  readonly es: { readonly title: string; readonly description: string };
  /** The fields of the event's `data`, and a sample of it for the editor's previews. */
  readonly data: Readonly<Record<string, EventField>>;
  readonly example: Readonly<Record<string, unknown>>;
  readonly extraMatch?: (event: TriggerEvent, workflow: { readonly workflowId: string }) => boolean;
}) {
  const output = triggerOutput(spec.eventType, spec.data, spec.example);
  return defineNode({
    type: spec.eventType,
    title: spec.title,
    category: 'Inbox triggers',
    description: spec.description,
    kind: 'trigger',
    configSchema,
    outputSchema: output.schema,
    summaryFields: ['conditions'],
    ports: ['next'],
    portLabels: { next: 'Next' },
    translations: {
      es: { ...spec.es, category: 'Disparadores de la bandeja de entrada', config: configTextsEs, output: output.es, ports: { next: 'Siguiente' } },
    },
    validate: (config) => (config.conditions === undefined ? [] : conditionIssues(config.conditions.rules, '/conditions/rules')),
    trigger: {
      source: 'event',
      eventTypes: () => [spec.eventType],
      matches: (config, event, workflow) =>
        (spec.extraMatch?.(event, workflow) ?? true) &&
        (config.conditions === undefined ||
          evaluateConditions(config.conditions.match, config.conditions.rules, { type: event.type, subject: event.subject, data: event.data })),
    },
  });
}
