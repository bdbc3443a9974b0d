import { nodeTypeIndex, type NodeType } from '../node-types.ts';

const base = { language: 'en', description: '', portLabels: {}, portsFromConfig: false } as const;

/** Node types shaped as `GET /api/node-types` returns them, for the canvas's unit tests. */
export const testNodeTypes = nodeTypeIndex([
  {
    ...base,
    type: 'inbox.conversation_opened',
    title: 'Conversation opened',
    category: 'Inbox triggers',
    kind: 'trigger',
    triggerSource: 'event',
    configSchema: {},
    ports: ['next'],
  },
  {
    ...base,
    type: 'inbox.assign_to',
    title: 'Assign',
    category: 'Inbox',
    kind: 'step',
    ports: ['assigned', 'timeout'],
    portLabels: { assigned: 'Assigned', timeout: 'Timed out' },
    configSchema: {
      type: 'object',
      properties: {
        target: { type: 'string', enum: ['agent', 'team'], 'x-enumNames': ['An agent', 'A team'], title: 'Assign to', default: 'team' },
        teamId: { type: 'string', title: 'Team', 'x-picker': 'team' },
        onlineOnly: { type: 'boolean', title: 'Online only' },
        capacity: { type: 'integer', title: 'Cap' },
      },
    },
  },
  {
    ...base,
    type: 'core.branch',
    title: 'Branch',
    category: 'Flow',
    kind: 'step',
    portsFromConfig: true,
    ports: [{ kind: 'per_item', items: '/branches', name: '/id' }, 'else'],
    portLabels: { else: 'Otherwise' },
    configSchema: { type: 'object', properties: { branches: { type: 'array', title: 'Branches', items: { type: 'object' } } } },
  },
  {
    ...base,
    type: 'core.wait',
    title: 'Wait',
    category: 'Flow',
    kind: 'step',
    portsFromConfig: true,
    ports: [{ kind: 'switch', on: '/mode', cases: { event: ['received', 'timeout'] }, default: ['next'] }],
    configSchema: { type: 'object', properties: { mode: { type: 'string', default: 'duration' }, amount: { type: 'integer', title: 'Duration' } } },
  },
] satisfies NodeType[]);
