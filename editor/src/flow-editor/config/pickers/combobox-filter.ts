/** One thing a combobox offers: stored as `value`, shown as `label`, with a second line (`detail`). */
export interface ComboboxOption {
  readonly value: string;
  readonly label: string;
  readonly detail?: string;
}

/** Lower case without accents: "Méx" finds "Mexico City", "jose" finds "José". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();
}

/**
 * The options a typed query finds, best first: those whose label starts with it, then those
 * where a word of the label does, then those where it appears anywhere (in the label, the
 * detail or the value). An empty query finds everything. At most `limit`.
 */
export function filterOptions(options: readonly ComboboxOption[], query: string, limit = 200): ComboboxOption[] {
  const wanted = foldText(query.trim());
  if (wanted === '') return options.slice(0, limit);
  const ranked: { option: ComboboxOption; rank: number; index: number }[] = [];
  options.forEach((option, index) => {
    const label = foldText(option.label);
    let rank: number | undefined;
    if (label.startsWith(wanted)) rank = 0;
    else if (label.split(/[\s/(),._-]+/).some((word) => word.startsWith(wanted))) rank = 1;
    else if (label.includes(wanted) || foldText(option.detail ?? '').includes(wanted) || foldText(option.value).includes(wanted)) rank = 2;
    if (rank !== undefined) ranked.push({ option, rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);
  return ranked.slice(0, limit).map((entry) => entry.option);
}
