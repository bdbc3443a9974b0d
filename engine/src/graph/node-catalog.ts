import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { NodeTranslation } from '@switchboard/sdk';
import { SwitchboardError } from '../errors.ts';
import { checkNodeTexts } from './check-node-texts.ts';
import { checkSchemaAnnotations } from './check-schema-annotations.ts';
import { MAX_STEP_TIMEOUT_MS, MIN_STEP_TIMEOUT_MS } from './step-timeout.ts';
import type { PortRule } from './port-rule.ts';
import { portRuleSchema } from './port-rule.ts';
import { portsForConfig } from './ports-for-config.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

const TYPE_ID = /^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;
const PORT_NAME = /^[a-z][a-z0-9_]*$/;

/**
 * What the graph model needs of a node type. The SDK's node definitions have
 * this shape; so does what `GET /api/node-types` returns, so the editor builds
 * the same catalog from data (its entries simply lack the functions). Declared
 * here rather than imported from the SDK so that this folder stays free of
 * server types (the SDK's database handle is a Kysely).
 */
export interface NodeTypeSpec {
  readonly type: string;
  readonly title: string;
  readonly category: string;
  readonly description: string;
  readonly kind: 'trigger' | 'step';
  readonly configSchema: unknown;
  readonly ports: PortRule;
  /** The language tag of the default text (title, category, description, schema texts, port labels); `en` when omitted. */
  readonly language?: string;
  /** JSON Schema of a step's output or a trigger's data, with `examples`, for the editor's template help. */
  readonly outputSchema?: unknown;
  /** The config properties the editor's node card sums up in one line, in order. */
  readonly summaryFields?: readonly string[];
  /** Labels of fixed ports, in `language`. */
  readonly portLabels?: Readonly<Record<string, string>>;
  /** The node's texts in other languages, keyed by language tag (see the SDK's `NodeTranslation`). */
  readonly translations?: Readonly<Record<string, NodeTranslation>>;
  /** Texts of the codes the node explains its choices with, in `language` (see the SDK's `Explanation`). */
  readonly explanations?: Readonly<Record<string, string>>;
  /** Semantic checks beyond the schema; issue paths are relative to the config. */
  readonly validate?: OfConfig<readonly { readonly path: string; readonly message: string }[]>;
  /** Steps: whether a visit surely pauses before leaving (by any port, or by the ports listed); see wait-ports.ts. */
  readonly waits?: boolean | readonly string[] | OfConfig<boolean | readonly string[]>;
  /** Jump steps: the node it jumps to and its iteration cap. */
  readonly jump?: OfConfig<{ readonly target: string; readonly maxIterations: number }>;
  /** Steps: the deadline in ms a workflow's node may override (see step-timeout.ts). */
  readonly timeoutMs?: number;
  /** Steps: scope paths the node reads itself, beyond its templates (see scope-roots.ts). */
  readonly reads?: OfConfig<readonly string[]>;
}

/**
 * A function of a node's config. Declared as a method so its parameter is
 * bivariant: a definition typed for its own config (`{ teamId: string }`) fits,
 * and compile only ever passes a config that passed that node's schema.
 */
type OfConfig<R> = { check(config: Readonly<Record<string, unknown>>): R }['check'];

/** One installed node type, checked and with its config validator compiled once. */
export interface CatalogEntry<D extends NodeTypeSpec = NodeTypeSpec> {
  readonly definition: D;
  /** Where it came from: a built-in pack or a custom module's file; named in errors. */
  readonly source: string;
  /** Validates a copy of a config and fills in schema defaults. */
  readonly validateConfig: ValidateFunction;
}

export interface NodeCatalog<D extends NodeTypeSpec = NodeTypeSpec> {
  get(type: string): CatalogEntry<D> | undefined;
  list(): readonly CatalogEntry<D>[];
}

export interface NodeRegistration<D extends NodeTypeSpec = NodeTypeSpec> {
  readonly node: D;
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
 * a schema that doesn't compile, a malformed port list or a translation that
 * names a field or port the node lacks names the node and file.
 */
export function createNodeCatalog<D extends NodeTypeSpec>(registrations: readonly NodeRegistration<D>[]): NodeCatalog<D> {
  const ajv = createAjv();
  const validPortRule = ajv.compile(portRuleSchema);
  const entries = new Map<string, CatalogEntry<D>>();
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
    // run and trigger are the SDK's business, but a module that forgot them should fail at start, not mid-run.
    const { run, trigger } = node as { run?: unknown; trigger?: { source?: unknown } };
    if (node.kind === 'step' && typeof run !== 'function') {
      throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: a step node needs a run(ctx) function.`);
    }
    if (node.kind === 'trigger' && (trigger === undefined || !['event', 'webhook', 'schedule', 'manual'].includes(String(trigger.source)))) {
      throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: a trigger node needs trigger.source "event", "webhook", "schedule" or "manual".`);
    }
    const { timeoutMs } = node;
    if (
      node.kind === 'step' &&
      timeoutMs !== undefined &&
      !(Number.isInteger(timeoutMs) && timeoutMs >= MIN_STEP_TIMEOUT_MS && timeoutMs <= MAX_STEP_TIMEOUT_MS)
    ) {
      throw new SwitchboardError(
        'NODE_DEFINITION_INVALID',
        `${where}: "timeoutMs" must be a whole number of milliseconds from ${MIN_STEP_TIMEOUT_MS} to ${MAX_STEP_TIMEOUT_MS}, found ${JSON.stringify(timeoutMs)}.`,
      );
    }
    checkPortRule(node.ports, where, validPortRule);
    const existing = entries.get(node.type);
    if (existing !== undefined) {
      throw new SwitchboardError(
        'NODE_DUPLICATE_TYPE',
        `Node type "${node.type}" is defined twice: by ${existing.source} and by ${source}. Rename one of them.`,
      );
    }
    let validateConfig: ValidateFunction;
    try {
      validateConfig = ajv.compile(node.configSchema as object);
    } catch (error) {
      throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: its configSchema does not compile: ${(error as Error).message}`, { cause: error });
    }
    checkSchemaAnnotations(node.configSchema, where, node.outputSchema);
    checkSummaryFields(node.summaryFields, node.configSchema, where);
    if (node.outputSchema !== undefined) checkOutputSchema(ajv, node.outputSchema, where);
    checkNodeTexts(node, where);
    entries.set(node.type, { definition: node, source, validateConfig });
  }
  const list = [...entries.values()];
  return { get: (type) => entries.get(type), list: () => list };
}

/** An output schema compiles, and each of its examples is an output it describes. */
function checkOutputSchema(ajv: Ajv, schema: unknown, where: string): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: "outputSchema" must be a JSON Schema object.`);
  }
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: its outputSchema does not compile: ${(error as Error).message}`, { cause: error });
  }
  // Compiling checked the schema against the meta-schema: `examples`, when given, is a list.
  const { examples = [] } = schema as { examples?: readonly unknown[] };
  for (const [index, example] of examples.entries()) {
    // A copy: the catalog's ajv fills in defaults, and the example is what the editor shows.
    if (!validate(structuredClone(example))) {
      const first = validate.errors?.[0];
      throw new SwitchboardError(
        'NODE_DEFINITION_INVALID',
        `${where}: outputSchema example ${index} does not match the schema: ${first?.instancePath === '' ? 'the output' : first?.instancePath} ${first?.message ?? 'is invalid'}.`,
      );
    }
  }
}

/** Summary fields name config properties, each once. */
function checkSummaryFields(fields: unknown, configSchema: unknown, where: string): void {
  if (fields === undefined) return;
  if (!Array.isArray(fields)) throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: "summaryFields" must be a list of config field names.`);
  const properties = (configSchema as { properties?: unknown } | null)?.properties;
  const names = typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
  const seen = new Set<unknown>();
  for (const field of fields) {
    if (typeof field !== 'string' || !names.includes(field)) {
      const known = names.map((name) => `"${name}"`).join(', ');
      throw new SwitchboardError(
        'NODE_DEFINITION_INVALID',
        `${where}: "summaryFields" names ${JSON.stringify(field)}, which is not a field of its config (fields: ${known === '' ? 'none' : known}).`,
      );
    }
    if (seen.has(field)) throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: "summaryFields" names "${field}" twice.`);
    seen.add(field);
  }
}

/** A port rule must be data of the documented shape, with snake_case names, each fixed name once. */
function checkPortRule(ports: unknown, where: string, validPortRule: ValidateFunction): void {
  if (typeof ports === 'function') {
    throw new SwitchboardError(
      'NODE_DEFINITION_INVALID',
      `${where}: "ports" is a function; declare ports as data instead (a list of names, { kind: 'per_item', items, name } or { kind: 'switch', on, cases, default }), so the editor can compute them.`,
    );
  }
  if (!Array.isArray(ports)) throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: "ports" must be a list of port names or port rules.`);
  const badName = ports.find((port) => typeof port === 'string' && !PORT_NAME.test(port));
  if (badName !== undefined)
    throw new SwitchboardError('NODE_DEFINITION_INVALID', `${where}: port ${JSON.stringify(badName)} must be snake_case (a-z, 0-9, _).`);
  if (!validPortRule(ports)) {
    // Of the anyOf branches' complaints, the deepest one is about the branch the author meant.
    const first = [...(validPortRule.errors ?? [])].sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length)[0];
    throw new SwitchboardError(
      'NODE_DEFINITION_INVALID',
      `${where}: "ports" is not a valid port rule: ports${first?.instancePath ?? ''} ${first?.message ?? 'is invalid'}.`,
    );
  }
  checkPortNames(
    ports.filter((port): port is string => typeof port === 'string'),
    where,
  );
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

/** The ports of a node with this config (see `portsForConfig`). */
export function portsOf(entry: CatalogEntry, config: unknown): readonly string[] {
  return portsForConfig(entry.definition.ports, config);
}

export type { ErrorObject };
