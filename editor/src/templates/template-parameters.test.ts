import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '../api/api-request-error.ts';
import { importParameters, initialAnswers, missingAnswers, parametersSchema, problemsOf, type TemplateParameter } from './template-parameters.ts';

const templatesDir = path.join(import.meta.dirname, '../../../templates');
const bundled = readdirSync(templatesDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(path.join(templatesDir, file), 'utf8')) as { id: string; parameters: TemplateParameter[] });

const text = (en: string, es: string) => ({ en, es });
const team: TemplateParameter = {
  name: 'team',
  type: 'team',
  title: text('Sales team', 'Equipo de ventas'),
  description: text('Whose agents', 'Cuyos agentes'),
  default: null,
};
const agent: TemplateParameter = { name: 'agent', type: 'agent', title: text('Agent', 'Agente'), description: text('Who', 'Quién'), required: true };
const away: TemplateParameter = {
  name: 'awayText',
  type: 'text',
  title: text('Away message', 'Mensaje de ausencia'),
  description: text('Sent out of hours', 'Se envía fuera del horario'),
  default: text('Hi {{ contact.name }}, we are closed.', 'Hola {{ contact.name }}, estamos cerrados.'),
};
const label: TemplateParameter = {
  name: 'salesLabel',
  type: 'text',
  title: text('Sales', 'Ventas'),
  description: text('Option', 'Opción'),
  default: text('Buy', 'Comprar'),
};

function jsonResponse(status: number): Response {
  return new Response(null, { status });
}

describe('parametersSchema', () => {
  it('asks for each parameter in the person’s language, with a picker for what is picked and a template field for messages', () => {
    const schema = parametersSchema([team, agent, away, label], 'es') as { properties: Record<string, Record<string, unknown>>; required: string[] };
    expect(schema.properties['team']).toEqual({ title: 'Equipo de ventas', description: 'Cuyos agentes', type: 'string', 'x-picker': 'team' });
    expect(schema.properties['agent']).toMatchObject({ type: 'string', 'x-picker': 'agent' });
    expect(schema.properties['awayText']).toMatchObject({ type: 'string', 'x-template': 'multiline', default: 'Hola {{ contact.name }}, estamos cerrados.' });
    expect(schema.properties['salesLabel']).toEqual({
      title: 'Ventas',
      description: 'Opción',
      type: 'string',
      minLength: 1,
      maxLength: 4000,
      default: 'Comprar',
    });
    expect(schema.required).toEqual(['agent']);
  });

  it('gives every parameter of every bundled template a field: a picker, a template, a number or a box', () => {
    const pickedTypes = new Set(['team', 'agent', 'tag', 'field', 'timezone', 'schedule', 'holidays']);
    for (const template of bundled) {
      const schema = parametersSchema(template.parameters, 'en') as { properties: Record<string, Record<string, unknown>> };
      for (const parameter of template.parameters) {
        const field = schema.properties[parameter.name];
        expect(field?.['title'], `${template.id} ${parameter.name}`).toBe(parameter.title.en);
        if (pickedTypes.has(parameter.type)) expect(field?.['x-picker'], `${template.id} ${parameter.name}`).toBe(parameter.type);
        else expect(['string', 'number', 'boolean'], `${template.id} ${parameter.name}`).toContain(field?.['type']);
      }
    }
  });
});

describe('the answers', () => {
  it('start from the defaults in the person’s language, leaving the workspace-wide team empty', () => {
    expect(initialAnswers([team, away, label], 'en')).toEqual({ awayText: 'Hi {{ contact.name }}, we are closed.', salesLabel: 'Buy' });
  });

  it('leave an empty team or agent out of the import, so the server takes its default', () => {
    expect(importParameters([team, agent, label], { team: '', agent: null, salesLabel: 'Comprar', stray: 1 })).toEqual({ salesLabel: 'Comprar' });
    expect(importParameters([team], { team: '5f0c…' })).toEqual({ team: '5f0c…' });
  });

  it('name each required parameter left empty', () => {
    expect(missingAnswers([team, agent], { team: '' }, 'Choose one')).toEqual([{ field: '/agent', message: 'Choose one', code: 'TEMPLATE_PARAMETER_MISSING' }]);
    expect(missingAnswers([team, agent], { agent: 'a1' }, 'Choose one')).toEqual([]);
  });
});

describe('problemsOf', () => {
  it('puts the server’s issues on the fields their pointers name, in the form’s words for a missing answer', () => {
    const error = new ApiRequestError(jsonResponse(422), {
      statusCode: 422,
      code: 'TEMPLATE_PARAMETER_INVALID',
      message: 'Template cannot be imported',
      issues: [
        { path: '/parameters/agent', code: 'TEMPLATE_PARAMETER_MISSING', message: 'Parameter "agent" is required' },
        { path: '/parameters/schedule/2/close', code: 'TEMPLATE_PARAMETER_INVALID', message: 'must match pattern' },
        { path: '/language', code: 'REQUEST_INVALID', message: 'must be en or es' },
      ],
    });
    expect(problemsOf(error, { missing: 'Elige uno' })).toEqual([
      { field: '/agent', message: 'Elige uno', code: 'TEMPLATE_PARAMETER_MISSING' },
      { field: '/schedule/2/close', message: 'must match pattern', code: 'TEMPLATE_PARAMETER_INVALID' },
    ]);
    expect(problemsOf(new TypeError('offline'), { missing: 'x' })).toEqual([]);
  });
});
