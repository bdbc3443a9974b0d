import { describe, expect, it } from 'vitest';
import { defineNode, type PortRule, Type } from '../sdk.ts';
import { createNodeCatalog } from './node-catalog.ts';

const node = (type: string, ports: PortRule = ['next']) =>
  defineNode({ type, title: 'T', category: 'C', description: 'D', kind: 'step', configSchema: Type.Object({}), ports, run: (ctx) => ctx.next('next') });

describe('createNodeCatalog', () => {
  it('rejects a duplicate type id naming both sources', () => {
    expect(() =>
      createNodeCatalog([
        { node: node('acme.send'), source: 'pack "acme"' },
        { node: node('acme.send'), source: '/opt/nodes/send.ts' },
      ]),
    ).toThrow('Node type "acme.send" is defined twice: by pack "acme" and by /opt/nodes/send.ts.');
  });

  it('rejects malformed type ids, port names and schemas, naming the file', () => {
    expect(() => createNodeCatalog([{ node: node('NoPack'), source: 'a.ts' }])).toThrow(/a\.ts: the type id must look like/);
    expect(() => createNodeCatalog([{ node: node('acme.x', ['Bad Port']), source: 'b.ts' }])).toThrow(/b\.ts: port "Bad Port" must be snake_case/);
    const broken = { ...node('acme.y'), configSchema: { type: 'object', properties: { a: { type: 'nonsense' } } } };
    expect(() => createNodeCatalog([{ node: broken, source: 'c.ts' }])).toThrow(/c\.ts: its configSchema does not compile/);
  });

  it('rejects ports computed by a function, asking for a rule instead', () => {
    const computed = { ...node('acme.fn'), ports: () => ['next'] } as unknown as ReturnType<typeof node>;
    expect(() => createNodeCatalog([{ node: computed, source: 'd.ts' }])).toThrow(/d\.ts: "ports" is a function; declare ports as data instead/);
  });

  it('rejects a malformed port rule and a fixed port declared twice', () => {
    const badPointer = node('acme.rule', [{ kind: 'per_item', items: 'branches', name: '/id' }]);
    expect(() => createNodeCatalog([{ node: badPointer, source: 'e.ts' }])).toThrow(
      /e\.ts: "ports" is not a valid port rule: ports\/0\/items must match pattern/,
    );
    expect(() => createNodeCatalog([{ node: node('acme.twice', ['next', 'next']), source: 'f.ts' }])).toThrow(/f\.ts: port "next" is declared twice/);
  });

  it('rejects summary fields that are not fields of the config, or name one twice', () => {
    const withFields = (summaryFields: readonly string[]) => ({
      ...node('acme.sum'),
      configSchema: Type.Object({ strategy: Type.String(), teamId: Type.String() }),
      summaryFields,
    });
    expect(() => createNodeCatalog([{ node: withFields(['strategy', 'teamId']), source: 'h.ts' }])).not.toThrow();
    expect(() => createNodeCatalog([{ node: withFields(['strategy', 'team']), source: 'h.ts' }])).toThrow(
      'node "acme.sum" from h.ts: "summaryFields" names "team", which is not a field of its config (fields: "strategy", "teamId").',
    );
    expect(() => createNodeCatalog([{ node: withFields(['teamId', 'teamId']), source: 'h.ts' }])).toThrow(/"summaryFields" names "teamId" twice/);
  });

  it('rejects an output schema that does not compile, or whose example it does not describe', () => {
    const withOutput = (outputSchema: unknown) => ({ ...node('acme.out'), outputSchema }) as ReturnType<typeof node>;
    const schema = { type: 'object', properties: { runId: { type: 'string' } }, required: ['runId'] };
    expect(() => createNodeCatalog([{ node: withOutput({ ...schema, examples: [{ runId: 'r-1' }] }), source: 'i.ts' }])).not.toThrow();
    expect(() => createNodeCatalog([{ node: withOutput({ ...schema, examples: [{ runId: 1 }] }), source: 'i.ts' }])).toThrow(
      'node "acme.out" from i.ts: outputSchema example 0 does not match the schema: /runId must be string.',
    );
    expect(() => createNodeCatalog([{ node: withOutput({ ...schema, examples: [{ runId: 'r' }, {}] }), source: 'i.ts' }])).toThrow(
      /outputSchema example 1 does not match the schema: the output must have required property 'runId'/,
    );
    expect(() => createNodeCatalog([{ node: withOutput({ ...schema, examples: { runId: 'r' } }), source: 'i.ts' }])).toThrow(
      /its outputSchema does not compile: .*examples/,
    );
    expect(() => createNodeCatalog([{ node: withOutput({ type: 'nonsense' }), source: 'i.ts' }])).toThrow(/i\.ts: its outputSchema does not compile/);
    expect(() => createNodeCatalog([{ node: withOutput('object'), source: 'i.ts' }])).toThrow(/"outputSchema" must be a JSON Schema object/);
  });

  it('accepts per_item and switch rules', () => {
    const rule: PortRule = [{ kind: 'switch', on: '/mode', cases: { many: [{ kind: 'per_item', items: '/items', name: '/id' }] }, default: ['one'] }, 'else'];
    expect(createNodeCatalog([{ node: node('acme.ok', rule), source: 'g.ts' }]).get('acme.ok')?.definition.ports).toEqual(rule);
  });
});
