/**
 * The JSON Schema of a port rule (the rule's types are the SDK's, `@switchboard/sdk`,
 * since a node definition declares one), for the catalog's checks and the API.
 */
export type { PortItem, PortRule, PortSource, PortsPerItem, PortSwitch } from '@switchboard/sdk';

const PORT_NAME = '^[a-z][a-z0-9_]*$';
// RFC 6901: '' or a sequence of `/segment`, where `~` only starts `~0` or `~1`.
const POINTER = '^(/([^~/]|~[01])*)*$';

const portItemSchema = {
  anyOf: [
    { type: 'string', pattern: PORT_NAME, description: 'A fixed port.' },
    {
      type: 'object',
      description: 'One port per item of the array at `items` in the config, named by the value at `name` inside each item.',
      required: ['kind', 'items', 'name'],
      additionalProperties: false,
      properties: {
        kind: { const: 'per_item' },
        items: { type: 'string', pattern: POINTER, examples: ['/branches'] },
        name: { type: 'string', pattern: POINTER, examples: ['/id'] },
      },
    },
  ],
} as const;

/**
 * The JSON Schema of a port rule, as `GET /api/node-types` returns it and as
 * the catalog checks a node definition's `ports` against.
 */
export const portRuleSchema = {
  type: 'array',
  description:
    'Output ports as data: fixed names, `per_item` (one port per item of a config array) and `switch` (ports chosen by one config value), in order. Evaluate over the config with its schema defaults filled in.',
  items: {
    anyOf: [
      ...portItemSchema.anyOf,
      {
        type: 'object',
        description: 'The ports of `cases[value]` for the config value at `on` (as text), or `default`.',
        required: ['kind', 'on', 'cases', 'default'],
        additionalProperties: false,
        properties: {
          kind: { const: 'switch' },
          on: { type: 'string', pattern: POINTER, examples: ['/type'] },
          cases: { type: 'object', additionalProperties: { type: 'array', items: portItemSchema } },
          default: { type: 'array', items: portItemSchema },
        },
      },
    ],
  },
} as const;
