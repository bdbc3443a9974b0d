import type { TFunction } from 'i18next';
import { asSchema, type JsonSchema, schemaTitle } from '../json-schema.ts';

/**
 * How an item of a list is named to a person, in buttons ("Remove Branch 2") and for screen
 * readers: its schema's title and number ("Interval 2"), else the list's ("Tags, item 2").
 */
/** What an object item calls itself (its `name`, `label` or `title`, else its `id`), when it says. */
export function itemSummaryOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  const fields = item as Record<string, unknown>;
  for (const key of ['name', 'label', 'title', 'id']) {
    const value = fields[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return undefined;
}

export function itemLabelOf(list: JsonSchema, index: number, t: TFunction<'flowConfig'>): string {
  const itemTitle = schemaTitle(asSchema(list['items']));
  if (itemTitle !== undefined) return `${itemTitle} ${index + 1}`;
  return t('validation.item', { list: schemaTitle(list) ?? '', number: index + 1 });
}
