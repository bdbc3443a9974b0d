import { describe, expect, it } from 'vitest';
import { resources } from './resources.ts';

type Catalogue = { readonly [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [inner, text] of flatten(value, path)) entries.set(inner, text);
  }
  return entries;
}

/** What a translation must carry over unchanged: `{{placeholders}}` (with their format) and `<tags>`. */
function markup(text: string): string[] {
  return [...text.matchAll(/\{\{[^}]+\}\}|<\/?[a-z]+\s*\/?>/g)].map((match) => match[0]).sort();
}

const english = flatten(resources.en);
const spanish = flatten(resources.es);

describe('the es and en catalogues', () => {
  it('have the same keys in every namespace', () => {
    expect([...spanish.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('have no empty text', () => {
    const empty = [...english, ...spanish].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('carry the same placeholders and tags in both languages', () => {
    const mismatched = [...english].filter(([key, text]) => markup(text).join(' ') !== markup(spanish.get(key) ?? '').join(' ')).map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('are translated: a Spanish text differs from its English one unless it is a name or pure markup', () => {
    const sameAsEnglish = [...english].filter(([key, text]) => spanish.get(key) === text).map(([key]) => key);
    // "Error" is the Spanish word too, and "v3" is how both languages label a version.
    expect(sameAsEnglish.sort()).toEqual([
      'runs.run.error',
      'runs.step.error',
      'runs.version',
      'settings.tokens.new.ownerOption',
      'shell.account.roles.editor',
      'shell.appName',
      'shell.documentTitle',
    ]);
  });
});
