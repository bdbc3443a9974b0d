import { describe, expect, it } from 'vitest';
import type { ScopeRootDescription } from '../sdk.ts';
import { checkScopeRoots } from './check-scope-roots.ts';

const order: ScopeRootDescription = {
  name: 'order',
  title: 'Order',
  description: 'The order the run is about.',
  schema: { type: 'object', properties: { total: { type: 'number', description: 'In euros.' } }, examples: [{ total: 120 }] },
  translations: { es: { title: 'Pedido', description: 'El pedido de la ejecución.', schema: { '/properties/total': { description: 'En euros.' } } } },
};

const check = (roots: readonly ScopeRootDescription[], provides?: readonly string[]) => () =>
  checkScopeRoots([{ source: 'context provider "orders"', ...(provides === undefined ? {} : { provides }), roots }]);

describe('scope root descriptions at start', () => {
  it('accepts a described root with its translation', () => {
    expect(check([order], ['order'])).not.toThrow();
  });

  it('refuses a root described twice, naming both sources', () => {
    expect(() =>
      checkScopeRoots([
        { source: 'the engine', roots: [{ ...order, name: 'vars' }] },
        { source: 'context provider "orders"', roots: [{ ...order, name: 'vars' }] },
      ]),
    ).toThrow('context provider "orders": root "vars": it is described twice: by the engine and by context provider "orders".');
  });

  it('refuses a root the provider does not provide', () => {
    expect(check([order], ['contact'])).toThrow(
      'context provider "orders": root "order": it is not one of the roots the provider says it provides ("contact"); add it to "provides".',
    );
  });

  it('refuses an example its schema does not describe, and a translation of a place the schema lacks', () => {
    expect(check([{ ...order, schema: { ...(order.schema as object), examples: [{ total: 'many' }] } }])).toThrow(
      /root "order": example 0 does not match its schema: data\/total must be number/,
    );
    expect(
      check([{ ...order, translations: { es: { title: 'Pedido', description: 'El pedido.', schema: { '/properties/totl': { description: 'x' } } } } }]),
    ).toThrow(/root "order": translations\["es"\]\.schema\["\/properties\/totl"\]: the schema has nothing at this pointer/);
    expect(check([{ ...order, translations: { es_ES: { title: 'Pedido', description: 'El pedido.' } } }])).toThrow(/"es_ES" is not a language tag/);
  });
});
