/**
 * docs/ARCHITECTURE.md's boundary: the engine never depends on the inbox, and the inbox
 * reaches the engine only through the surfaces any other consumer would use.
 * Reads every import (type-only ones too) of the files involved.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const engineSrc = path.join(root, 'engine/src');
const inboxDir = path.join(engineSrc, 'inbox');
const inboxStoreDir = path.join(engineSrc, 'store/inbox');
const inboxPackDir = path.join(root, 'nodes/inbox');

interface Import {
  readonly file: string;
  readonly specifier: string;
  /** For relative specifiers: the absolute path imported. */
  readonly resolved: string | undefined;
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') files.push(...(await sourceFiles(full)));
    else if (entry.isFile() && entry.name.endsWith('.ts')) files.push(full);
  }
  return files;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

async function importsOf(files: readonly string[]): Promise<Import[]> {
  const found: Import[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3] ?? '';
      found.push({ file: path.relative(root, file), specifier, resolved: specifier.startsWith('.') ? path.resolve(path.dirname(file), specifier) : undefined });
    }
  }
  return found;
}

const within = (dir: string) => (target: string | undefined) => target !== undefined && (target === dir || target.startsWith(`${dir}${path.sep}`));
const isTest = (file: string) => file.endsWith('.test.ts');

describe('the inbox boundary', () => {
  it('finds the imports it checks', async () => {
    const imports = await importsOf(await sourceFiles(inboxDir));
    expect(imports.some((entry) => entry.specifier === '@switchboard/engine/sdk')).toBe(true);
    expect(imports.some((entry) => entry.specifier === '../store/inbox/database.ts')).toBe(true);
    expect(imports.some((entry) => entry.specifier === '../store/inbox/inbox-migrations.ts')).toBe(true);
    const storeImports = await importsOf(await sourceFiles(inboxStoreDir));
    expect(storeImports.some((entry) => entry.specifier === './migrations/0001-inbox.ts')).toBe(true);
  });

  it('keeps graph, runtime, store, triggers and api (and the engine core) free of the inbox, its store, its migrations and its node pack', async () => {
    const dirs = ['graph', 'runtime', 'store', 'triggers', 'api'].map((dir) => path.join(engineSrc, dir));
    const coreFiles = (await readdir(engineSrc, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !isTest(entry.name))
      .map((entry) => path.join(engineSrc, entry.name));
    expect(coreFiles.map((file) => path.basename(file))).toEqual(
      expect.arrayContaining(['engine.ts', 'plugin.ts', 'install-plugins.ts', 'errors.ts', 'cli.ts', 'index.ts']),
    );
    const files = [...(await Promise.all(dirs.map(sourceFiles))).flat(), ...coreFiles, ...(await sourceFiles(path.join(root, 'sdk/src')))].filter(
      (file) => !within(inboxStoreDir)(file),
    );
    const violations = (await importsOf(files)).filter(
      (entry) =>
        within(inboxDir)(entry.resolved) ||
        within(inboxPackDir)(entry.resolved) ||
        within(inboxStoreDir)(entry.resolved) ||
        entry.specifier === '@switchboard/engine/inbox' ||
        entry.specifier === '@switchboard/nodes-inbox',
    );
    expect(violations).toEqual([]);
  });

  it('lets the inbox reach the engine only through @switchboard/engine, the SDK and its own store modules', async () => {
    const allowedPackages = new Set(['@switchboard/engine', '@switchboard/engine/sdk', '@switchboard/sdk', 'fastify']);
    const files = (await sourceFiles(inboxDir)).filter((file) => !isTest(file));
    const violations = (await importsOf(files)).filter((entry) =>
      entry.resolved === undefined
        ? !(allowedPackages.has(entry.specifier) || entry.specifier.startsWith('node:'))
        : !(within(inboxDir)(entry.resolved) || within(inboxStoreDir)(entry.resolved)),
    );
    expect(violations).toEqual([]);
  });

  it('keeps SQL in the inbox store: its modules import only kysely and each other', async () => {
    const files = (await sourceFiles(inboxStoreDir)).filter((file) => !isTest(file));
    const violations = (await importsOf(files)).filter((entry) =>
      entry.resolved === undefined ? entry.specifier !== 'kysely' : !within(inboxStoreDir)(entry.resolved),
    );
    expect(violations).toEqual([]);
  });

  it('builds the inbox node pack on the SDK package, the inbox surface and the core pack only', async () => {
    const allowedPackages = new Set([
      '@switchboard/sdk',
      '@switchboard/engine/graph',
      '@switchboard/engine/inbox',
      '@switchboard/engine/testing',
      '@switchboard/nodes-core',
      'vitest',
    ]);
    const violations = (await importsOf(await sourceFiles(inboxPackDir))).filter((entry) =>
      entry.resolved === undefined ? !allowedPackages.has(entry.specifier) : !within(inboxPackDir)(entry.resolved),
    );
    expect(violations).toEqual([]);
  });
});
