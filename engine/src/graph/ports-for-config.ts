import { readPointer } from './json-pointer.ts';
import type { PortItem, PortRule } from './port-rule.ts';

/**
 * The output ports a node has with this config, in declared order, each once.
 * Pure and total: compile uses it for edges, the editor for a node's handles;
 * a config that does not fit the rule (a missing array, a non-string name)
 * yields fewer ports, and the config's own schema reports why.
 *
 * @example
 * portsForConfig([{ kind: 'per_item', items: '/branches', name: '/id' }, 'else'], { branches: [{ id: 'vip' }] }) // ['vip', 'else']
 */
export function portsForConfig(rule: PortRule, config: unknown): string[] {
  const ports: string[] = [];
  const add = (port: unknown): void => {
    if (typeof port === 'string' && !ports.includes(port)) ports.push(port);
  };
  const addItem = (item: PortItem): void => {
    if (typeof item === 'string') {
      add(item);
      return;
    }
    const items = readPointer(config, item.items);
    if (Array.isArray(items)) for (const each of items) add(readPointer(each, item.name));
  };
  for (const source of rule) {
    if (typeof source === 'string' || source.kind === 'per_item') {
      addItem(source);
      continue;
    }
    const value = readPointer(config, source.on);
    const key = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
    const chosen = key !== undefined && Object.hasOwn(source.cases, key) ? source.cases[key] : source.default;
    for (const item of chosen ?? []) addItem(item);
  }
  return ports;
}
