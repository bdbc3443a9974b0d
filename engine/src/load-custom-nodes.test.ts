import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCustomNodes } from './load-custom-nodes.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const sdk = path.join(root, 'engine/src/sdk.ts');

describe('loadCustomNodes', () => {
  it('loads every exported node of every module in a directory, with its file as source', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nodes-'));
    const node = (type: string) =>
      `defineNode({ type: '${type}', title: 'T', category: 'C', description: 'D', kind: 'step', configSchema: Type.Object({}), ports: ['next'], run: (ctx) => ctx.next('next') })`;
    await writeFile(path.join(dir, 'one.ts'), `import { defineNode, Type } from ${JSON.stringify(sdk)};\nexport const one = ${node('acme.one')};\n`);
    await writeFile(
      path.join(dir, 'pack.ts'),
      `import { defineNode, Type } from ${JSON.stringify(sdk)};\nexport const pack = [${node('acme.two')}, ${node('acme.three')}];\n`,
    );
    await writeFile(path.join(dir, 'one.test.ts'), 'throw new Error("tests are not nodes");\n');
    const loaded = await loadCustomNodes({ dirs: [dir], packages: [], cwd: root });
    expect(loaded.map((item) => [item.node.type, path.basename(item.source)])).toEqual([
      ['acme.one', 'one.ts'],
      ['acme.two', 'pack.ts'],
      ['acme.three', 'pack.ts'],
    ]);
  });

  it('loads the nodes a package exports', async () => {
    const loaded = await loadCustomNodes({ dirs: [], packages: ['@switchboard/nodes-core'], cwd: root });
    expect(loaded.map((item) => item.node.type)).toContain('core.business_hours');
    expect(loaded[0]?.source).toBe('package "@switchboard/nodes-core"');
  });

  it('names the module that exports no node, the one that fails to load, and the package that is not installed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nodes-'));
    await writeFile(path.join(dir, 'empty.ts'), 'export const answer = 42;\n');
    await expect(loadCustomNodes({ dirs: [dir], packages: [], cwd: root })).rejects.toThrow(`Custom node module ${path.join(dir, 'empty.ts')} exports no node`);
    const broken = await mkdtemp(path.join(os.tmpdir(), 'nodes-'));
    await writeFile(path.join(broken, 'syntax.ts'), 'export const = ;\n');
    await expect(loadCustomNodes({ dirs: [broken], packages: [], cwd: root })).rejects.toMatchObject({
      code: 'NODE_MODULE_INVALID',
      message: expect.stringContaining('syntax.ts failed to load'),
    });
    await expect(loadCustomNodes({ dirs: [], packages: ['@acme/not-installed'], cwd: root })).rejects.toThrow(
      '"@acme/not-installed", which cannot be resolved',
    );
  });
});
