import type { NodeType } from '../node-types.ts';

export interface PaletteGroup {
  readonly category: string;
  readonly items: readonly NodeType[];
}

/**
 * The palette's groups for a search: node types whose title, description, category or type id
 * hold every word of the query (accents and case aside), grouped by category in the server's
 * order, triggers' groups first while the flow has none.
 *
 * @example
 * paletteGroups(list, 'asig', false) // [{ category: 'Bandeja de entrada', items: [Asignar…] }]
 */
export function paletteGroups(list: readonly NodeType[], query: string, hasTrigger: boolean): PaletteGroup[] {
  const words = fold(query)
    .split(/\s+/)
    .filter((word) => word !== '');
  const groups = new Map<string, NodeType[]>();
  for (const nodeType of list) {
    if (words.length > 0) {
      const text = fold(`${nodeType.title} ${nodeType.description} ${nodeType.category} ${nodeType.type}`);
      if (!words.every((word) => text.includes(word))) continue;
    }
    const items = groups.get(nodeType.category);
    if (items === undefined) groups.set(nodeType.category, [nodeType]);
    else items.push(nodeType);
  }
  const result = [...groups].map(([category, items]) => ({ category, items }));
  const isTriggerGroup = (group: PaletteGroup) => group.items.every((item) => item.kind === 'trigger');
  // A stable sort: triggers first on an empty flow, last once it has its trigger.
  return result.sort((a, b) => Number(isTriggerGroup(a) === hasTrigger) - Number(isTriggerGroup(b) === hasTrigger));
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}
