import { type PortItem, type PortRule, portsForConfig, readPointer, type WorkflowNode } from '@switchboard/engine/graph';
import type { NodeType } from '../node-types.ts';

const portsCache = new WeakMap<WorkflowNode, { readonly nodeType: NodeType; readonly ports: readonly string[] }>();

/**
 * A node's output ports with its current config, in the node type's order: the rule of
 * `GET /api/node-types` evaluated over the config with its schema defaults, as the engine does.
 * Cached per node snapshot, so a 300-node canvas does not recompute unchanged nodes.
 *
 * @example
 * portsOfNode({ id: 'ask', type: 'inbox.ask_question', config: { type: 'multiple_choice', choices: [{ id: 'sales', label: 'Sales' }] } }, askType) // ['sales', 'invalid', 'timeout', 'taken_over']
 */
export function portsOfNode(node: WorkflowNode, nodeType: NodeType): readonly string[] {
  const cached = portsCache.get(node);
  if (cached !== undefined && cached.nodeType === nodeType) return cached.ports;
  const ports = nodeType.portsFromConfig
    ? portsForConfig(nodeType.ports as PortRule, withSchemaDefaults(nodeType.configSchema, node.config))
    : nodeType.ports.filter((port): port is string => typeof port === 'string');
  portsCache.set(node, { nodeType, ports });
  return ports;
}

/**
 * What a port's handle says: for a port named by a config item (a branch, an answer), that
 * item's `label`, `name` or `title`; else the node type's label for it; else its name.
 */
export function portLabel(nodeType: NodeType, node: WorkflowNode, port: string): string {
  if (nodeType.portsFromConfig) {
    const config = withSchemaDefaults(nodeType.configSchema, node.config);
    for (const item of perItemSources(nodeType.ports as PortRule)) {
      const items = readPointer(config, item.items);
      if (!Array.isArray(items)) continue;
      const found = items.find((each) => readPointer(each, item.name) === port);
      if (found === undefined) continue;
      const label = itemLabel(found);
      if (label !== undefined) return label;
    }
  }
  return nodeType.portLabels[port] ?? port;
}

function itemLabel(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null) return undefined;
  for (const key of ['label', 'name', 'title']) {
    const value = (item as Record<string, unknown>)[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

function perItemSources(rule: PortRule): Extract<PortItem, { kind: 'per_item' }>[] {
  const found: Extract<PortItem, { kind: 'per_item' }>[] = [];
  const visit = (item: PortItem): void => {
    if (typeof item !== 'string') found.push(item);
  };
  for (const source of rule) {
    if (typeof source === 'string' || source.kind === 'per_item') visit(source);
    else for (const item of [...Object.values(source.cases).flat(), ...source.default]) visit(item);
  }
  return found;
}

/**
 * The config with the schema's `default`s filled in where a value is missing, through nested
 * objects and arrays of objects, as ajv's `useDefaults` does (and, like it, not inside `anyOf`).
 * Returns the config itself when nothing is missing.
 */
export function withSchemaDefaults(schema: unknown, value: unknown): unknown {
  if (!isRecord(schema)) return value;
  if (Array.isArray(value)) {
    const items = schema['items'];
    if (!isRecord(items)) return value;
    let changed = false;
    const next = value.map((each) => {
      const filled = withSchemaDefaults(items, each);
      if (filled !== each) changed = true;
      return filled;
    });
    return changed ? next : value;
  }
  const properties = schema['properties'];
  if (!isRecord(properties) || !isRecord(value)) return value;
  let next: Record<string, unknown> | undefined;
  for (const [key, property] of Object.entries(properties)) {
    if (!isRecord(property)) continue;
    const current = value[key];
    const given = current === undefined && property['default'] !== undefined ? structuredClone(property['default']) : current;
    const filled = given === undefined ? undefined : withSchemaDefaults(property, given);
    if (filled === current) continue;
    next ??= { ...value };
    next[key] = filled;
  }
  return next ?? value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
