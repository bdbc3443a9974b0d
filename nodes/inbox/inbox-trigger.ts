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
  readonly extraMatch?: (event: TriggerEvent, workflow: { readonly workflowId: string }) => boolean;
}) {
  return defineNode({
    type: spec.eventType,
    title: spec.title,
    category: 'Inbox triggers',
    description: spec.description,
    kind: 'trigger',
    configSchema,
    summaryFields: ['conditions'],
    ports: ['next'],
    portLabels: { next: 'Next' },
    translations: {
      es: { ...spec.es, category: 'Disparadores de la bandeja de entrada', config: configTextsEs, ports: { next: 'Siguiente' } },
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
