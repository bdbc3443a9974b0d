import { describe, expect, it } from 'vitest';
import { MAX_RENDERED_LENGTH } from '../graph/liquid.ts';
import { renderConfig } from './render-config.ts';

/** Renders one template as a node's `text`, returning the error it failed with. */
function failureOf(template: string, scope: Readonly<Record<string, unknown>> = {}) {
  try {
    renderConfig({ text: template }, scope, 'away');
  } catch (error) {
    return error as { code: string; path: string; message: string };
  }
  throw new Error(`"${template}" rendered without an error`);
}

describe('renderConfig', () => {
  it('renders templates over the scope and leaves other values alone', () => {
    expect(
      renderConfig(
        { text: 'Hola {{ contact.name }}', retries: 3, tags: ['vip', '{{ vars.tag }}'] },
        { contact: { name: 'Ana' }, vars: { tag: 'nuevo' } },
        'away',
      ),
    ).toEqual({
      text: 'Hola Ana',
      retries: 3,
      tags: ['vip', 'nuevo'],
    });
  });

  it('reads no file: include, render and layout find nothing, and no file content comes back', () => {
    for (const template of ["{% include 'package.json' %}", "{% render '.git/config' %}", "{% layout '.data/admin-token' %}x"]) {
      const error = failureOf(template);
      expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', path: '/config/text' });
      expect(error.message).toContain('Failed to lookup');
      expect(error.message).not.toContain('"name"');
    }
  });

  it('stops a loop that would allocate without bound, naming the template', () => {
    const error = failureOf('{% for i in (1..100000000) %}x{% endfor %}');
    expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', path: '/config/text' });
    expect(error.message).toContain('limit exceeded');
  });

  it('stops a loop that would run for long, naming the template', () => {
    const error = failureOf('{% for i in (1..4000000) %}{% endfor %}done');
    expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', path: '/config/text' });
    expect(error.message).toMatch(/limit exceeded/);
  });

  it('refuses a rendered value larger than the cap, saying how large it was', () => {
    const error = failureOf('{{ big }}{{ big }}', { big: 'x'.repeat(MAX_RENDERED_LENGTH / 2 + 1) });
    expect(error).toMatchObject({ code: 'TEMPLATE_INVALID', path: '/config/text' });
    expect(error.message).toContain(`${MAX_RENDERED_LENGTH + 2} characters`);
  });
});
