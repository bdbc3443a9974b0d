import type { NodeType } from '../node-types.ts';

export interface NodeTypeGroup {
  readonly category: string;
  readonly nodeTypes: readonly NodeType[];
}

/**
 * The node types of one kind that match `query`, grouped by category in the server's order.
 * Every word of the query must appear in the title, the category, the description or the type id,
 * ignoring case and accents ("asignacion" finds "Asignación").
 *
 * @example
 * nodeTypeGroups(list, 'trigger', 'abierta') // [{ category: 'Bandeja de entrada', nodeTypes: [conversationOpened] }]
 */
export function nodeTypeGroups(list: readonly NodeType[], kind: NodeType['kind'], query: string): NodeTypeGroup[] {
  const words = fold(query)
    .split(/\s+/)
    .filter((word) => word !== '');
  const groups = new Map<string, NodeType[]>();
  for (const nodeType of list) {
    if (nodeType.kind !== kind) continue;
    const haystack = fold(`${nodeType.title} ${nodeType.category} ${nodeType.description} ${nodeType.type}`);
    if (!words.every((word) => haystack.includes(word))) continue;
    const group = groups.get(nodeType.category) ?? [];
    group.push(nodeType);
    groups.set(nodeType.category, group);
  }
  return [...groups].map(([category, nodeTypes]) => ({ category, nodeTypes }));
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
