import { describe, expect, it } from 'vitest';
import { copyName, maxFlowNameLength } from './copy-name.ts';

const inEnglish = (name: string): string => `${name} (copy)`;

describe('copyName', () => {
  it('names the copy in the words it is given', () => {
    expect(copyName('Sales round robin', inEnglish)).toBe('Sales round robin (copy)');
    expect(copyName('Ventas', (name) => `${name} (copia)`)).toBe('Ventas (copia)');
  });

  it('shortens a long name so the copy’s stays within the longest the server takes', () => {
    const copy = copyName('a'.repeat(maxFlowNameLength), inEnglish);
    expect([...copy]).toHaveLength(maxFlowNameLength);
    expect(copy.endsWith('… (copy)')).toBe(true);
  });
});
