import type { NodeType } from '../node-types.ts';

export interface NodeTypeGroup {
  readonly category: string;
  readonly nodeTypes: readonly NodeType[];
}

/**
 * The node types of one kind that match `query`, grouped by category in the server's order.
 * Every word of the query must appear in the title, the category, the description or the type id,
 * ignoring case and accents ("asignacion" finds "Asignación"). With a query, types whose title
 * matches come first, and so do their groups: "send" puts Send message before Branch, whose
 * description says "Sends the run…".
 *
 * @example
 * nodeTypeGroups(list, 'trigger', 'abierta') // [{ category: 'Bandeja de entrada', nodeTypes: [conversationOpened] }]
 */
export function nodeTypeGroups(list: readonly NodeType[], kind: NodeType['kind'], query: string): NodeTypeGroup[] {
  const words = fold(query)
    .split(/\s+/)
    .filter((word) => word !== '');
  const scored: { nodeType: NodeType; score: number }[] = [];
  for (const nodeType of list) {
    if (nodeType.kind !== kind) continue;
    const haystack = fold(`${nodeType.title} ${nodeType.category} ${nodeType.description} ${nodeType.type}`);
    if (!words.every((word) => haystack.includes(word))) continue;
    scored.push({ nodeType, score: titleScore(fold(nodeType.title), words) });
  }
  const groups = new Map<string, { score: number; nodeTypes: { nodeType: NodeType; score: number }[] }>();
  for (const entry of scored) {
    const group = groups.get(entry.nodeType.category) ?? { score: entry.score, nodeTypes: [] };
    group.score = Math.min(group.score, entry.score);
    group.nodeTypes.push(entry);
    groups.set(entry.nodeType.category, group);
  }
  // Array.prototype.sort is stable: equal scores keep the server's order.
  return [...groups]
    .sort(([, a], [, b]) => a.score - b.score)
    .map(([category, group]) => ({ category, nodeTypes: group.nodeTypes.sort((a, b) => a.score - b.score).map((entry) => entry.nodeType) }));
}

/** 0: the title starts with the query, 1: the title holds every word, 2: only the rest does. */
function titleScore(title: string, words: readonly string[]): number {
  if (words.length === 0) return 0;
  if (title.startsWith(words.join(' '))) return 0;
  return words.every((word) => title.includes(word)) ? 1 : 2;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
