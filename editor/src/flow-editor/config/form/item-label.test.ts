import { describe, expect, it } from 'vitest';
import { testTexts } from '../test-texts.ts';
import { itemLabelOf, itemSummaryOf } from './item-label.ts';

describe('naming list items', () => {
  it('numbers an item by its schema title, else by its list', () => {
    const { t } = testTexts('en');
    expect(itemLabelOf({ title: 'Choices', items: { title: 'Choice' } }, 1, t)).toBe('Choice 2');
    expect(itemLabelOf({ title: 'Branches', items: { type: 'object' } }, 0, t)).toBe('Branches, item 1');
  });

  it('tells items apart by their own name, label or id', () => {
    expect(itemSummaryOf({ id: 'vip', name: 'VIP' })).toBe('VIP');
    expect(itemSummaryOf({ id: 'sales', label: ' Ventas ' })).toBe('Ventas');
    expect(itemSummaryOf({ id: 'vip', name: '' })).toBe('vip');
    expect(itemSummaryOf({ path: 'contact.tags' })).toBeUndefined();
    expect(itemSummaryOf('vip')).toBeUndefined();
  });
});
