import { describe, expect, it } from 'vitest';
import type { TemplateScope } from '../template-scope.ts';
import { completeTemplate } from './template-completions.ts';

const scope: TemplateScope = {
  variables: [
    {
      path: 'contact',
      title: 'Contact',
      children: [
        { path: 'contact.name', title: 'Name', children: [] },
        { path: 'contact.email', children: [] },
      ],
    },
    { path: 'steps', children: [{ path: 'steps.hours', title: 'Opening hours', children: [{ path: 'steps.hours.open', children: [] }] }] },
  ],
  rootsKnown: true,
  sample: {},
};

/** What the completion offers with the cursor at the end of `text`. */
function at(text: string) {
  return completeTemplate(text, text.length, scope);
}

describe('completeTemplate', () => {
  it('offers nothing outside {{ }} and {% %}', () => {
    expect(at('Hola con')).toBeNull();
    expect(at('Hola {{ contact.name }} y con')).toBeNull();
  });

  it('offers the roots inside {{ }}, from the word being typed', () => {
    const answer = at('Hola {{ con');
    expect(answer?.from).toBe('Hola {{ '.length);
    expect(answer?.options.map((option) => option.label)).toEqual(['contact', 'steps']);
    expect(at('Hola {{')?.options).toHaveLength(2);
  });

  it('offers what is under a name after its dot', () => {
    expect(at('{{ contact.')?.options.map((option) => option.label)).toEqual(['name', 'email']);
    const answer = at('{{ steps.hours.op');
    expect(answer?.options.map((option) => option.label)).toEqual(['open']);
    expect(answer?.from).toBe('{{ steps.hours.'.length);
    expect(at('{{ steps.nowhere.')).toBeNull();
  });

  it('offers filters after a pipe and tags right after {%', () => {
    expect(at('{{ contact.name | def')?.options.some((option) => option.label === 'default')).toBe(true);
    expect(at('{% i')?.options.some((option) => option.label === 'if')).toBe(true);
    expect(at('{% if contact.')?.options.map((option) => option.label)).toEqual(['name', 'email']);
  });

  it('offers nothing inside a quoted string', () => {
    expect(at("{{ contact.name | default: 'con")).toBeNull();
  });
});
