import { describe, expect, it } from 'vitest';
import type { TemplateScope } from '../template-scope.ts';
import { renderPreview } from './template-preview.ts';

const scope: TemplateScope = {
  variables: [
    { path: 'contact', children: [{ path: 'contact.name', children: [] }] },
    { path: 'vars', children: [{ path: 'vars.plan', children: [] }] },
    { path: 'steps', children: [] },
  ],
  rootsKnown: true,
  sample: { contact: { name: 'Ana' }, vars: { plan: 'gold' }, steps: {} },
};

describe('renderPreview', () => {
  it('renders a template over the sample data', () => {
    expect(renderPreview("Hola {{ contact.name | default: 'there' }}, plan {{ vars.plan | upcase }}", scope)).toEqual({
      ok: true,
      text: 'Hola Ana, plan GOLD',
      unknown: [],
    });
  });

  it('names what the template reads that this step does not have', () => {
    const result = renderPreview('{{ contact.nickname }} {{ vars.tier }} {{ order.id }} {{ steps.crm.status }}', scope);
    expect(result.ok && result.unknown).toEqual(['vars.tier', 'order', 'steps.crm']);
  });

  it('calls no root other than trigger, vars and steps unknown while the server has not said which there are', () => {
    const result = renderPreview('{{ order.id }} {{ vars.tier }}', { ...scope, rootsKnown: false });
    expect(result.ok && result.unknown).toEqual(['vars.tier']);
  });

  it('says why a template does not render: a filter that does not exist, a tag left open', () => {
    const filter = renderPreview('{{ contact.name | shout }}', scope);
    expect(filter.ok).toBe(false);
    expect(!filter.ok && filter.message).toMatch(/shout/);
    expect(renderPreview('{% if contact.name %}open', scope).ok).toBe(false);
  });
});
