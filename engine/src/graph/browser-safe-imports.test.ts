/**
 * docs/ARCHITECTURE.md (Layout): the graph model has no server imports, so the editor checks a flow
 * with the same code that publishing runs. Walks every import (type-only ones
 * too: a type import still makes the editor's build resolve the package) from
 * the public entry `@switchboard/engine/graph` through every file it reaches.
 */
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const engineSrc = path.resolve(here, '..');
const entry = path.join(here, 'index.ts');

const serverPackages = ['fastify', 'pg', 'pg-boss', 'kysely'];
const serverFolders = ['store', 'runtime', 'api', 'triggers', 'inbox'].map((folder) => path.join(engineSrc, folder));
const builtins = new Set(builtinModules);

interface Found {
  readonly file: string;
  readonly specifier: string;
}

/** Why an import is not allowed in the browser, or undefined when it is. */
function whyForbidden(specifier: string, resolved: string | undefined): string | undefined {
  if (resolved !== undefined) {
    const folder = serverFolders.find((dir) => resolved === dir || resolved.startsWith(`${dir}${path.sep}`));
    return folder === undefined ? undefined : `reaches ${path.relative(engineSrc, folder)}/`;
  }
  if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0] ?? '')) return 'is a Node built-in';
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : (specifier.split('/')[0] ?? '');
  if (serverPackages.includes(name) || name.startsWith('@fastify/') || name.startsWith('fastify-')) return 'is a server package';
  return undefined;
}

async function importClosure(start: string): Promise<{ files: Set<string>; imports: Found[] }> {
  const files = new Set<string>();
  const imports: Found[] = [];
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (files.has(file)) continue;
    files.add(file);
    // preProcessFile lists static imports, exports-from and dynamic imports, type-only ones included.
    const { importedFiles } = ts.preProcessFile(await readFile(file, 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      imports.push({ file, specifier });
      if (specifier.startsWith('.') && specifier.endsWith('.ts')) queue.push(path.resolve(path.dirname(file), specifier));
    }
  }
  return { files, imports };
}

describe('@switchboard/engine/graph', () => {
  it('imports nothing from Node built-ins, server packages or the server folders, type imports included', async () => {
    const { imports } = await importClosure(entry);
    const offending = imports.flatMap(({ file, specifier }) => {
      const resolved = specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : undefined;
      const why = whyForbidden(specifier, resolved);
      return why === undefined ? [] : [`${path.relative(engineSrc, file)} imports "${specifier}", which ${why}`];
    });
    expect(offending).toEqual([]);
  });

  it('walks the whole closure, through the files index.ts re-exports', async () => {
    const { files, imports } = await importClosure(entry);
    const reached = [...files].map((file) => path.relative(engineSrc, file));
    expect(reached).toEqual(
      expect.arrayContaining(['graph/index.ts', 'graph/compile-graph.ts', 'graph/node-catalog.ts', 'graph/ports-for-config.ts', 'errors.ts']),
    );
    expect(imports.some(({ specifier }) => specifier === 'ajv')).toBe(true);
  });

  it('names a server import when one is there', () => {
    expect(whyForbidden('kysely', undefined)).toBe('is a server package');
    expect(whyForbidden('node:crypto', undefined)).toBe('is a Node built-in');
    expect(whyForbidden('fs/promises', undefined)).toBe('is a Node built-in');
    expect(whyForbidden('@fastify/swagger', undefined)).toBe('is a server package');
    expect(whyForbidden('../store/workflows.ts', path.join(engineSrc, 'store/workflows.ts'))).toBe('reaches store/');
    expect(whyForbidden('ajv', undefined)).toBeUndefined();
  });
});
