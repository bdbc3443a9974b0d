/**
 * Every built-in node speaks Spanish and English (README "Writing a custom node",
 * translations): its title, category and description, every config field's title
 * and description, every enum value's label, every fixed port's label and every
 * text of its output schema exist in both, checked over the catalog the server builds from the core and inbox packs.
 */
import { createNodeCatalog, escapePointerSegment } from '@switchboard/engine/graph';
import type { AnyNodeDefinition, NodeTranslation } from '@switchboard/engine/sdk';
import { corePack } from '@switchboard/nodes-core';
import { createInboxPack } from '@switchboard/nodes-inbox';
import { describe, expect, it } from 'vitest';
import { fakeInbox } from '../../nodes/inbox/fake-inbox.ts';

const catalog = createNodeCatalog<AnyNodeDefinition>(
  [...corePack, ...createInboxPack(fakeInbox().inbox)].map((node) => ({ node, source: node.type.startsWith('core.') ? 'core pack' : 'inbox pack' })),
);
const nodes = catalog.list().map((entry) => entry.definition);

interface Place {
  readonly pointer: string;
  readonly schema: Readonly<Record<string, unknown>>;
  /** Whether it is a field of an object (under `properties`), which the editor labels. */
  readonly isField: boolean;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every subschema of a config schema a form can show: fields, array items, alternatives. */
function* placesOf(schema: unknown, pointer = '', isField = false): Generator<Place> {
  if (!isRecord(schema)) return;
  yield { pointer, schema, isField };
  const at = (...segments: string[]) => `${pointer}${segments.map((segment) => `/${escapePointerSegment(segment)}`).join('')}`;
  if (isRecord(schema.properties)) for (const [name, property] of Object.entries(schema.properties)) yield* placesOf(property, at('properties', name), true);
  if (isRecord(schema.patternProperties)) {
    for (const [pattern, property] of Object.entries(schema.patternProperties)) yield* placesOf(property, at('patternProperties', pattern));
  }
  yield* placesOf(schema.items, at('items'));
  for (const keyword of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = schema[keyword];
    if (Array.isArray(options)) for (const [index, option] of options.entries()) yield* placesOf(option, at(keyword, String(index)));
  }
}

/** The port names a rule lists as text. */
function fixedPorts(node: AnyNodeDefinition): string[] {
  return node.ports.flatMap((source) =>
    typeof source === 'string'
      ? [source]
      : source.kind === 'switch'
        ? [...Object.values(source.cases).flat(), ...source.default].filter((item) => typeof item === 'string')
        : [],
  );
}

function spanishOf(node: AnyNodeDefinition): NodeTranslation {
  const es = node.translations?.['es'];
  if (es === undefined) throw new Error(`${node.type} has no Spanish translation (translations.es)`);
  return es;
}

describe('the built-in nodes in Spanish and English', () => {
  it('covers both packs', () => {
    expect(nodes.length).toBe(corePack.length + createInboxPack(fakeInbox().inbox).length);
    expect(nodes.every((node) => (node.language ?? 'en') === 'en')).toBe(true);
  });

  it('give every node a Spanish title, category and description', () => {
    for (const node of nodes) {
      const es = spanishOf(node);
      expect(es.title, `${node.type} title`).toMatch(/\S/);
      expect(es.category, `${node.type} category`).toMatch(/\S/);
      expect(es.description, `${node.type} description`).not.toBe(node.description);
    }
  });

  it('give every config field a title and a description in both languages, and translate every other schema text', () => {
    for (const node of nodes) {
      const config = spanishOf(node).config ?? {};
      for (const { pointer, schema, isField } of placesOf(node.configSchema)) {
        const where = `${node.type} ${pointer === '' ? '(the config itself)' : pointer}`;
        if (isField) {
          expect(typeof schema.title === 'string' && schema.title !== '', `${where} has an English title`).toBe(true);
          expect(typeof schema.description === 'string' && schema.description !== '', `${where} has an English description`).toBe(true);
        }
        if (schema.title !== undefined) expect(config[pointer]?.title, `${where} has a Spanish title`).toMatch(/\S/);
        if (schema.description !== undefined) {
          // A copied English text is the likeliest slip; no Spanish description reads the same.
          expect(config[pointer]?.description, `${where} has a Spanish description`).toMatch(/\S/);
          expect(config[pointer]?.description, `${where}'s Spanish description is not the English one`).not.toBe(schema.description);
        }
      }
    }
  });

  it("describe every output (a step's output, a trigger's data) with a sample, each text in both languages", () => {
    for (const node of nodes) {
      const schema = node.outputSchema as Readonly<Record<string, unknown>> | undefined;
      expect(schema, `${node.type} has an outputSchema`).toBeDefined();
      expect(Array.isArray(schema?.['examples']) && schema['examples'].length > 0, `${node.type} gives an example output`).toBe(true);
      const output = spanishOf(node).output ?? {};
      for (const { pointer, schema: place, isField } of placesOf(schema)) {
        const where = `${node.type} output ${pointer === '' ? '(the output itself)' : pointer}`;
        // Fields of list items (a condition that held, an attachment) are described by their list.
        if (isField && !pointer.includes('/items/')) {
          expect(typeof place.description === 'string' && place.description !== '', `${where} has an English description`).toBe(true);
        }
        if (place.description === undefined) continue;
        expect(output[pointer]?.description, `${where} has a Spanish description`).toMatch(/\S/);
        expect(output[pointer]?.description, `${where}'s Spanish description is not the English one`).not.toBe(place.description);
      }
    }
  });

  it('label every value of every enum in both languages', () => {
    for (const node of nodes) {
      const config = spanishOf(node).config ?? {};
      for (const { pointer, schema } of placesOf(node.configSchema)) {
        if (!Array.isArray(schema.enum)) continue;
        const where = `${node.type} ${pointer}`;
        expect(schema['x-enumNames'], `${where} has English labels (x-enumNames)`).toHaveLength(schema.enum.length);
        expect(Object.keys(config[pointer]?.enumNames ?? {}).sort(), `${where} has a Spanish label for each value`).toEqual(schema.enum.map(String).sort());
      }
    }
  });

  it('label every fixed port in both languages', () => {
    for (const node of nodes) {
      const es = spanishOf(node);
      for (const port of fixedPorts(node)) {
        expect(node.portLabels?.[port], `${node.type} port ${port} has an English label`).toMatch(/\S/);
        expect(es.ports?.[port], `${node.type} port ${port} has a Spanish label`).toMatch(/\S/);
      }
    }
  });
});
