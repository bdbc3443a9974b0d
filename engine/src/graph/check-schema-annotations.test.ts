import { describe, expect, it } from 'vitest';
import { defineNode, type JsonSchemaObject, Type } from '../sdk.ts';
import { createNodeCatalog } from './node-catalog.ts';

const nodeWith = (configSchema: JsonSchemaObject) =>
  defineNode({ type: 'acme.pick', title: 'T', category: 'C', description: 'D', kind: 'step', configSchema, ports: ['next'], run: (ctx) => ctx.next('next') });

const register = (configSchema: JsonSchemaObject) => () => createNodeCatalog([{ node: nodeWith(configSchema), source: 'pick.ts' }]);

const target = { type: 'string', enum: ['workspace', 'team', 'agent'], default: 'workspace' };

describe('schema annotations at registration', () => {
  it('accepts pickers, templates and x-when on the built-in shapes', () => {
    const schema = Type.Object({
      target: Type.Unsafe<string>(target),
      teamId: Type.Optional(Type.String({ 'x-picker': 'team', 'x-when': { target: 'team' } })),
      agentId: Type.Optional(Type.String({ 'x-picker': 'agent', 'x-when': { target: ['agent'] } })),
      tags: Type.Array(Type.String(), { 'x-picker': 'tag' }),
      text: Type.String({ 'x-template': 'multiline' }),
      value: Type.Unknown({ 'x-template': true }),
      headers: Type.Record(Type.String(), Type.String({ 'x-template': true })),
    });
    expect(register(schema)).not.toThrow();
  });

  it('rejects an unknown picker kind, naming the node, the file and the field', () => {
    expect(register({ type: 'object', properties: { teamId: { type: 'string', 'x-picker': 'teams' } } })).toThrow(
      'node "acme.pick" from pick.ts: configSchema at "/properties/teamId": x-picker "teams" is not a picker kind; use one of agent, team, tag, field, snippet, workflow, node, timezone, schedule, holidays.',
    );
  });

  it('rejects a picker on a number and a template on a boolean', () => {
    expect(register({ type: 'object', properties: { n: { type: 'integer', 'x-picker': 'agent' } } })).toThrow(
      /"\/properties\/n": x-picker "agent" is on a schema of type "integer"/,
    );
    expect(register({ type: 'object', properties: { b: { type: 'boolean', 'x-template': true } } })).toThrow(
      /"\/properties\/b": x-template is on a schema of type "boolean"/,
    );
    expect(register({ type: 'object', properties: { s: { type: 'string', 'x-template': 'yes' } } })).toThrow(
      /x-template must be true or "multiline", found "yes"/,
    );
  });

  it('rejects an x-when that names a field the object lacks, listing the siblings', () => {
    expect(register({ type: 'object', properties: { target, teamId: { type: 'string', 'x-when': { targt: 'team' } } } })).toThrow(
      'node "acme.pick" from pick.ts: configSchema at "/properties/teamId": x-when names "targt", which is not a sibling field of "teamId" (its siblings: "target").',
    );
  });

  it('rejects an x-when on the field itself, on no property, empty, or with a value the enum lacks', () => {
    expect(register({ type: 'object', properties: { teamId: { type: 'string', 'x-when': { teamId: 'x' } } } })).toThrow(
      /x-when names "teamId", which is not a sibling field of "teamId" \(its siblings: none\)/,
    );
    expect(register({ type: 'object', 'x-when': { target: 'team' }, properties: { target } })).toThrow(
      /configSchema at "": x-when is on a schema that is not a property of an object/,
    );
    expect(register({ type: 'object', properties: { target, teamId: { type: 'string', 'x-when': {} } } })).toThrow(/x-when must name sibling fields/);
    expect(register({ type: 'object', properties: { target, teamId: { type: 'string', 'x-when': { target: [] } } } })).toThrow(
      /x-when lists no value of "target"/,
    );
    expect(register({ type: 'object', properties: { target, teamId: { type: 'string', 'x-when': { target: ['team', 'teams'] } } } })).toThrow(
      /x-when shows the field when "target" is "teams", which is not one of its values \("workspace", "team", "agent"\)/,
    );
  });

  it('checks x-when inside array items against their own siblings', () => {
    const items = { type: 'object', properties: { operator: { type: 'string', enum: ['equals', 'exists'] }, value: { 'x-when': { operator: 'equals' } } } };
    expect(register({ type: 'object', properties: { rules: { type: 'array', items } } })).not.toThrow();
    const wrong = { ...items, properties: { ...items.properties, value: { 'x-when': { target: 'team' } } } };
    expect(register({ type: 'object', properties: { target, rules: { type: 'array', items: wrong } } })).toThrow(
      /"\/properties\/rules\/items\/properties\/value": x-when names "target", which is not a sibling field of "value" \(its siblings: "operator"\)/,
    );
  });

  it('accepts x-variable holding the output, a part of it or a sibling, and refuses one that names nothing', () => {
    const withOutput = (configSchema: JsonSchemaObject) => () =>
      createNodeCatalog([
        {
          node: { ...nodeWith(configSchema), outputSchema: { type: 'object', properties: { answer: { type: 'string' } } } },
          source: 'pick.ts',
        },
      ]);
    const assignment = { type: 'object', properties: { name: { type: 'string', 'x-variable': { sibling: 'value' } }, value: {} } };
    expect(
      withOutput({
        type: 'object',
        properties: {
          saveAs: { type: 'string', 'x-variable': true },
          answerAs: { type: 'string', 'x-variable': { output: '/answer' } },
          assignments: { type: 'array', items: assignment },
        },
      }),
    ).not.toThrow();
    expect(withOutput({ type: 'object', properties: { saveAs: { type: 'string', 'x-variable': { output: '/answr' } } } })).toThrow(
      'configSchema at "/properties/saveAs": x-variable points into the step\'s output at "/answr", which its outputSchema does not describe.',
    );
    expect(register({ type: 'object', properties: { saveAs: { type: 'string', 'x-variable': { output: '/answer' } } } })).toThrow(
      /but the node has no outputSchema/,
    );
    expect(register({ type: 'object', properties: { name: { type: 'string', 'x-variable': { sibling: 'valu' } }, value: {} } })).toThrow(
      /x-variable takes the value of "valu", which is not a sibling field/,
    );
    expect(register({ type: 'object', properties: { n: { type: 'integer', 'x-variable': true } } })).toThrow(/x-variable is on a schema of type "integer"/);
    expect(register({ type: 'object', properties: { s: { type: 'string', 'x-variable': 'yes' } } })).toThrow(/x-variable must be true/);
  });

  it('leaves annotations inside defaults and examples alone', () => {
    expect(register({ type: 'object', properties: { s: { type: 'string', examples: [{ 'x-picker': 'nonsense' }], default: 'x' } } })).not.toThrow();
  });
});
