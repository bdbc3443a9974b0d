import { describe, expect, it } from 'vitest';
import { defineNode, Type } from '../sdk.ts';
import { createNodeCatalog } from './node-catalog.ts';

const node = (type: string, ports: readonly string[] = ['next']) =>
  defineNode({ type, title: 'T', category: 'C', description: 'D', kind: 'step', configSchema: Type.Object({}), ports, run: (ctx) => ctx.next('next') });

describe('createNodeCatalog', () => {
  it('rejects a duplicate type id naming both sources', () => {
    expect(() => createNodeCatalog([{ node: node('acme.send'), source: 'pack "acme"' }, { node: node('acme.send'), source: '/opt/nodes/send.ts' }])).toThrow(
      'Node type "acme.send" is defined twice: by pack "acme" and by /opt/nodes/send.ts.',
    );
  });

  it('rejects malformed type ids, port names and schemas, naming the file', () => {
    expect(() => createNodeCatalog([{ node: node('NoPack'), source: 'a.ts' }])).toThrow(/a\.ts: the type id must look like/);
    expect(() => createNodeCatalog([{ node: node('acme.x', ['Bad Port']), source: 'b.ts' }])).toThrow(/b\.ts: port "Bad Port" must be snake_case/);
    const broken = { ...node('acme.y'), configSchema: { type: 'object', properties: { a: { type: 'nonsense' } } } };
    expect(() => createNodeCatalog([{ node: broken, source: 'c.ts' }])).toThrow(/c\.ts: its configSchema does not compile/);
  });
});
