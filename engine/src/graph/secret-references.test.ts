import { describe, expect, it } from 'vitest';
import { findSecretReferences } from './secret-references.ts';

describe('findSecretReferences', () => {
  it('names the secrets templates read, with the pointer of each field, however they are spelt', () => {
    const found = findSecretReferences({
      url: 'https://crm.example.com/{{ vars.id }}',
      headers: { authorization: 'Bearer {{ secrets.API_TOKEN }}', 'x-a/b': '{{ secrets["ORG_ID"] | default: secrets.FALLBACK }}' },
      body: [{ basic: '{{ "ana:" | append: secrets.PASS | base64_encode }}' }],
    });
    expect([...found.names].sort()).toEqual(['API_TOKEN', 'FALLBACK', 'ORG_ID', 'PASS']);
    expect(found.fields).toEqual([
      { path: '/headers/authorization', names: ['API_TOKEN'] },
      { path: '/headers/x-a~1b', names: ['ORG_ID', 'FALLBACK'] },
      { path: '/body/0/basic', names: ['PASS'] },
    ]);
    expect(found.problems).toEqual([]);
  });

  it('finds nothing in configs that read no secret, including a variable called secrets', () => {
    expect(findSecretReferences({ text: 'Hola {{ contact.name }}, {{ vars.secrets }}', literal: 'secrets.API_TOKEN' }).names.size).toBe(0);
  });

  it('reports templates whose secrets cannot be known before they run', () => {
    const found = findSecretReferences({
      a: '{{ secrets[vars.which] }}',
      b: '{% for s in secrets %}{{ s }}{% endfor %}',
      c: '{{ secrets.api_token }}',
    });
    expect(found.names.size).toBe(0);
    expect(found.problems.map((problem) => [problem.path, problem.message.split(';')[0]])).toEqual([
      ['/a', 'picks a secret by a value known only when it runs'],
      ['/b', 'reads "secrets" as a whole'],
      ['/c', expect.stringContaining('names the secret "api_token", which is not a secret name')],
    ]);
  });
});
