/**
 * Ports as data: what a node type declares about its output ports, in a form a
 * client (the editor's handles, its layout, its own compile) evaluates without
 * server code. A static list is a rule too. `portsForConfig` evaluates one.
 *
 * ```ts
 * ports: ['open', 'closed']                                              // fixed
 * ports: [{ kind: 'per_item', items: '/branches', name: '/id' }, 'else'] // one per branch, then else
 * ports: [{ kind: 'switch', on: '/mode', cases: { duration: ['next'] }, default: ['received', 'timeout'] }]
 * ```
 */

/** One port per item of an array in the config, named by a value inside each item. */
export interface PortsPerItem {
  readonly kind: 'per_item';
  /** JSON Pointer into the config to an array, e.g. `/branches`. Not an array: no ports. */
  readonly items: string;
  /** JSON Pointer inside each item to its port name, e.g. `/id`; `''` is the item itself. Items whose name is not a string give no port. */
  readonly name: string;
}

/** Ports that depend on one value of the config (an answer type, a mode). */
export interface PortSwitch {
  readonly kind: 'switch';
  /** JSON Pointer into the config to a string, number or boolean, e.g. `/type`. */
  readonly on: string;
  /** The ports for each value, keyed by the value as text (`"true"` for a boolean). */
  readonly cases: Readonly<Record<string, readonly PortItem[]>>;
  /** The ports when the value matches no case or is missing. */
  readonly default: readonly PortItem[];
}

/** A fixed port name, or ports taken from an array in the config. */
export type PortItem = string | PortsPerItem;

export type PortSource = PortItem | PortSwitch;

/** A node type's output ports: the sources in order; a name that appears twice is one port. */
export type PortRule = readonly PortSource[];

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
