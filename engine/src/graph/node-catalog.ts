import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { SwitchboardError } from '../errors.ts';
import type { AnyNodeDefinition } from '../sdk.ts';
import { MAX_STEP_TIMEOUT_MS, MIN_STEP_TIMEOUT_MS } from './step-timeout.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const TYPE_ID = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
const PORT_NAME = /^[a-z][a-z0-9_]*$/;

/** One installed node type, checked and with its config validator compiled once. */
export interface CatalogEntry {
  readonly definition: AnyNodeDefinition;
  /** Where it came from: a built-in pack or a custom module's file; named in errors. */
  readonly source: string;
  /** Validates a copy of a config and fills in schema defaults. */
  readonly validateConfig: ValidateFunction;
}

export interface NodeCatalog {
  get(type: string): CatalogEntry | undefined;
  list(): readonly CatalogEntry[];
}

export interface NodeRegistration {
  readonly node: AnyNodeDefinition;
  readonly source: string;
}

export function createAjv(): Ajv {
  // verbose: errors carry their schema and data, so an anyOf is worded as one message (ajv-issues.ts).
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true, coerceTypes: false, verbose: true });
  addFormats(ajv);
  return ajv;
}

/**
 * Checks every node definition and builds the catalog. Registration is explicit
 * and happens once, here: a duplicate type id is rejected naming both sources,
 * a schema that doesn't compile or a malformed port list names the node and file.
 */
export function createNodeCatalog(registrations: readonly NodeRegistration[]): NodeCatalog {
  const ajv = createAjv();
  const entries = new Map<string, CatalogEntry>();
  for (const { node, source } of registrations) {
    const where = `node "${String(node?.type)}" from ${source}`;
    if (node === null || typeof node !== 'object' || typeof node.type !== 'string' || !TYPE_ID.test(node.type)) {
      throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: the type id must look like "pack.snake_name" (e.g. "acme.send_sms").`);
    }
    for (const field of ['title', 'category', 'description'] as const) {
      if (typeof node[field] !== 'string' || node[field].length === 0) {
        throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: "${field}" must be a non-empty string.`);
      }
    }
    const kind: unknown = node.kind;
    if (kind !== 'trigger' && kind !== 'step') {
      throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: "kind" must be "trigger" or "step", found ${JSON.stringify(kind)}.`);
    }
    if (node.kind === 'step' && typeof node.run !== 'function') {
      throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: a step node needs a run(ctx) function.`);
    }
    if (node.kind === 'trigger' && (node.trigger === undefined || !['event', 'webhook', 'schedule', 'manual'].includes(node.trigger.source))) {
      throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: a trigger node needs trigger.source "event", "webhook", "schedule" or "manual".`);
    }
    if (node.kind === 'step' && node.timeoutMs !== undefined && !(Number.isInteger(node.timeoutMs) && node.timeoutMs >= MIN_STEP_TIMEOUT_MS && node.timeoutMs <= MAX_STEP_TIMEOUT_MS)) {
      throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: "timeoutMs" must be a whole number of milliseconds from ${MIN_STEP_TIMEOUT_MS} to ${MAX_STEP_TIMEOUT_MS}, found ${JSON.stringify(node.timeoutMs)}.`);
    }
    if (Array.isArray(node.ports)) {
      checkPortNames(node.ports, where);
    } else if (typeof node.ports !== 'function') {
      throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: "ports" must be a list of port names or a function of the config.`);
    }
    const existing = entries.get(node.type);
    if (existing !== undefined) {
      throw new SwitchboardError('NODE_DUPLICATE_TYPE', `Node type "${node.type}" is defined twice: by ${existing.source} and by ${source}. Rename one of them.`);
    }
    let validateConfig: ValidateFunction;
    try {
      validateConfig = ajv.compile(node.configSchema as object);
    } catch (error) {
      throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: its configSchema does not compile: ${(error as Error).message}`, { cause: error });
    }
    entries.set(node.type, { definition: node, source, validateConfig });
  }
  const list = [...entries.values()];
  return { get: (type) => entries.get(type), list: () => list };
}

export function checkPortNames(ports: readonly unknown[], where: string): void {
  const seen = new Set<string>();
  for (const port of ports) {
    if (typeof port !== 'string' || !PORT_NAME.test(port)) {
      throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: port ${JSON.stringify(port)} must be snake_case (a-z, 0-9, _).`);
    }
    if (seen.has(port)) throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: port "${port}" is declared twice.`);
    seen.add(port);
  }
}

/** The ports of a node with this config; a port function that throws yields none (the config is reported instead). */
export function portsOf(entry: CatalogEntry, config: unknown): readonly string[] {
  const { ports } = entry.definition;
  if (Array.isArray(ports)) return ports;
  try {
    return (ports as (config: unknown) => readonly string[])(config);
  } catch {
    return [];
  }
}

export type { ErrorObject };
