import { readdir } from 'node:fs/promises';
import { registerHooks } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SwitchboardError } from './errors.ts';
import type { NodeRegistration } from './graph/node-catalog.ts';
import type { AnyNodeDefinition } from './sdk.ts';

const MODULE_FILE = /\.(ts|mts|js|mjs)$/;
const SKIPPED = /\.(test|spec|d)\.[mc]?[jt]s$/;

/**
 * Loads custom nodes: every module in each directory of SWITCHBOARD_NODES and
 * every package in SWITCHBOARD_NODE_PACKAGES. Each exported node definition
 * (an object with `type` and `kind`, or an array of them, such as a pack) is
 * registered with the module it came from, so the catalog's checks (schema
 * compiles, type unique, ports declared) name the file. A module that fails
 * to load, or exports no node, stops the start with its path. A module
 * anywhere (a folder outside the checkout) may import `@switchboard/sdk`: it
 * gets the running engine's copy.
 */
export async function loadCustomNodes(options: {
  readonly dirs: readonly string[];
  readonly packages: readonly string[];
  readonly cwd: string;
}): Promise<NodeRegistration<AnyNodeDefinition>[]> {
  const registrations: NodeRegistration<AnyNodeDefinition>[] = [];
  if (options.dirs.length > 0 || options.packages.length > 0) resolveSdkToEngineCopy();
  for (const dir of options.dirs) {
    let files: string[];
    try {
      files = (await readdir(dir)).filter((file) => MODULE_FILE.test(file) && !SKIPPED.test(file)).sort();
    } catch (error) {
      throw new SwitchboardError('NODE_MODULE_INVALID', `SWITCHBOARD_NODES names ${dir}, which cannot be read: ${(error as Error).message}`, { cause: error });
    }
    for (const file of files) {
      const location = path.join(dir, file);
      registrations.push(...(await loadModule(pathToFileURL(location).href, location)));
    }
  }
  for (const name of options.packages) {
    let resolved: string;
    try {
      resolved = import.meta.resolve(name, pathToFileURL(path.join(options.cwd, 'package.json')).href);
    } catch (error) {
      throw new SwitchboardError(
        'NODE_MODULE_INVALID',
        `SWITCHBOARD_NODE_PACKAGES names "${name}", which cannot be resolved from ${options.cwd}: install it there.`,
        { cause: error },
      );
    }
    registrations.push(...(await loadModule(resolved, `package "${name}"`)));
  }
  return registrations;
}

async function loadModule(url: string, source: string): Promise<NodeRegistration<AnyNodeDefinition>[]> {
  let exports: Record<string, unknown>;
  try {
    exports = (await import(url)) as Record<string, unknown>;
  } catch (error) {
    throw new SwitchboardError('NODE_MODULE_INVALID', `Custom node module ${source} failed to load: ${(error as Error).message}`, { cause: error });
  }
  const seen = new Set<unknown>();
  const found: NodeRegistration<AnyNodeDefinition>[] = [];
  for (const value of Object.values(exports)) {
    for (const candidate of Array.isArray(value) ? value : [value]) {
      if (!looksLikeNode(candidate) || seen.has(candidate)) continue;
      seen.add(candidate);
      found.push({ node: candidate as AnyNodeDefinition, source });
    }
  }
  if (found.length === 0) {
    throw new SwitchboardError(
      'NODE_MODULE_INVALID',
      `Custom node module ${source} exports no node: export the result of defineNode(...) (or an array of them).`,
    );
  }
  return found;
}

let sdkHookRegistered = false;

/**
 * A custom node in a folder outside the checkout has no node_modules that holds
 * `@switchboard/sdk`, and one with its own installed copy would get a second
 * SwitchboardError class and error registry: the engine would record its errors
 * as bugs (`instanceof` fails) and not know their codes. So every import of
 * `@switchboard/sdk` in this process resolves to the engine's own copy.
 */
function resolveSdkToEngineCopy(): void {
  if (sdkHookRegistered) return;
  sdkHookRegistered = true;
  const engineCopy = import.meta.resolve('@switchboard/sdk');
  registerHooks({
    resolve: (specifier, context, nextResolve) =>
      specifier === '@switchboard/sdk' ? { url: engineCopy, shortCircuit: true } : nextResolve(specifier, context),
  });
}

function looksLikeNode(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string' && 'kind' in value && 'configSchema' in value;
}
