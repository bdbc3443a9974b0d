import { describe, expect, it } from 'vitest';
import { filterOptions, foldText } from './combobox-filter.ts';

const zones = [
  { value: 'America/Mexico_City', label: 'Mexico City (GMT-6)', detail: 'America/Mexico_City' },
  { value: 'America/New_York', label: 'New York (GMT-5)', detail: 'America/New_York' },
  { value: 'Europe/Madrid', label: 'Madrid (GMT+1)', detail: 'Europe/Madrid' },
];

describe('filterOptions', () => {
  it('finds everything for an empty query', () => {
    expect(filterOptions(zones, '  ')).toEqual(zones);
  });

  it('ranks a label that starts with the query first, then a word of it, then anything that contains it', () => {
    expect(filterOptions(zones, 'york').map((zone) => zone.value)).toEqual(['America/New_York']);
    expect(filterOptions(zones, 'm').map((zone) => zone.value)).toEqual(['America/Mexico_City', 'Europe/Madrid', 'America/New_York']);
    expect(filterOptions(zones, 'europe').map((zone) => zone.value)).toEqual(['Europe/Madrid']);
  });

  it('ignores case and accents', () => {
    expect(foldText('José Ñandú')).toBe('jose nandu');
    expect(filterOptions([{ value: '1', label: 'José' }], 'JOSE')).toHaveLength(1);
  });
});
