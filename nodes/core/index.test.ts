import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corePack } from './index.ts';

/** `core.business_hours` lives in `business-hours.ts` and is exported as `businessHours`. */
function fileAndExportOf(type: string): { readonly file: string; readonly exportName: string } {
  const name = type.slice('core.'.length);
  return {
    file: name.replaceAll('_', '-'),
    exportName: name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()),
  };
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every property of every object in a JSON Schema, with its pointer. */
function* propertiesOf(schema: unknown, pointer = ''): Generator<{ readonly pointer: string; readonly schema: Readonly<Record<string, unknown>> }> {
  if (!isRecord(schema)) return;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    if (!isRecord(property)) continue;
    yield { pointer: `${pointer}/${name}`, schema: property };
    yield* propertiesOf(property, `${pointer}/${name}`);
  }
  yield* propertiesOf(schema.items, `${pointer}/items`);
}

describe('corePack', () => {
  it('has unique type ids, all in the core pack', () => {
    const types = corePack.map((node) => node.type);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(type).toMatch(/^core\.[a-z][a-z0-9_]*$/);
  });

  it('keeps each node in the file named after its type, exported under its camelCase name', async () => {
    for (const node of corePack) {
      const { file, exportName } = fileAndExportOf(node.type);
      expect(existsSync(new URL(`${file}.ts`, import.meta.url)), `${file}.ts`).toBe(true);
      const module: Readonly<Record<string, unknown>> = await import(`./${file}.ts`);
      expect(module[exportName], `${file} exports ${exportName}`).toBe(node);
    }
  });

  it('gives every config field a title and a description for the editor', () => {
    for (const node of corePack) {
      for (const { pointer, schema } of propertiesOf(node.configSchema)) {
        expect(typeof schema.title === 'string' && schema.title !== '', `${node.type} ${pointer} title`).toBe(true);
        expect(typeof schema.description === 'string' && schema.description !== '', `${node.type} ${pointer} description`).toBe(true);
      }
    }
  });

  it('names fixed ports in snake_case', () => {
    for (const node of corePack) {
      const fixed = node.ports
        .flatMap((source) =>
          typeof source === 'string' ? [source] : source.kind === 'switch' ? [...Object.values(source.cases).flat(), ...source.default] : [],
        )
        .filter((port) => typeof port === 'string');
      for (const port of fixed) expect(port, node.type).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });
});
