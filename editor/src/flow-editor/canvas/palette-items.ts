import type { NodeType } from '../node-types.ts';

export interface PaletteGroup {
  readonly category: string;
  readonly items: readonly NodeType[];
}

/**
 * The palette's groups for a search: node types whose title, description, category or type id
 * hold every word of the query (accents and case aside), grouped by category in the server's
 * order, triggers' groups first while the flow has none. While searching, types whose title
 * holds the words come first (in their group, and their group first), so "close" offers "Close
 * conversation" before a step that only mentions closing.
 *
 * @example
 * paletteGroups(list, 'asig', false) // [{ category: 'Bandeja de entrada', items: [Asignar…] }]
 */
export function paletteGroups(list: readonly NodeType[], query: string, hasTrigger: boolean): PaletteGroup[] {
  const words = fold(query)
    .split(/\s+/)
    .filter((word) => word !== '');
  const groups = new Map<string, NodeType[]>();
  const rank = new Map<NodeType, number>();
  for (const nodeType of list) {
    if (words.length > 0) {
      const text = fold(`${nodeType.title} ${nodeType.description} ${nodeType.category} ${nodeType.type}`);
      if (!words.every((word) => text.includes(word))) continue;
      const title = fold(nodeType.title);
      rank.set(nodeType, words.every((word) => title.includes(word)) ? 0 : 1);
    }
    const items = groups.get(nodeType.category);
    if (items === undefined) groups.set(nodeType.category, [nodeType]);
    else items.push(nodeType);
  }
  const rankOf = (nodeType: NodeType) => rank.get(nodeType) ?? 0;
  const result = [...groups].map(([category, items]) => ({ category, items: items.sort((a, b) => rankOf(a) - rankOf(b)) }));
  const isTriggerGroup = (group: PaletteGroup) => group.items.every((item) => item.kind === 'trigger');
  const best = (group: PaletteGroup) => Math.min(...group.items.map(rankOf));
  // Stable sorts: the best title match first; triggers first on an empty flow, last once it has its trigger.
  return result.sort((a, b) => best(a) - best(b) || Number(isTriggerGroup(a) === hasTrigger) - Number(isTriggerGroup(b) === hasTrigger));
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
