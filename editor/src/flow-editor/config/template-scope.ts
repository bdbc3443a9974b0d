import type { WorkflowDefinition, WorkflowNode } from '@switchboard/engine/graph';
import { readPointer } from '@switchboard/engine/graph';
import { asSchema, isSchema, type JsonSchema, schemaAt, schemaDescription, schemaTitle, schemaTypes } from './json-schema.ts';

/** A root the server's context providers put in every run's scope (GET /api/template-scope): contact, conversation, assignee... */
export interface ScopeRoot {
  readonly name: string;
  readonly title?: string;
  readonly description?: string;
  readonly schema?: unknown;
  readonly example?: unknown;
}

/** What the scope needs of a node type: its kind, its title and what it outputs. */
export interface ScopeNodeType {
  readonly kind: 'trigger' | 'step';
  readonly title: string;
  readonly configSchema?: unknown;
  /** JSON Schema of the step's output (of the trigger's data for a trigger), with `examples`. */
  readonly outputSchema?: unknown;
}

export interface ScopeNodeTypes {
  get(type: string): ScopeNodeType | undefined;
}

/** One name a template may read, with what is under it: `contact`, `contact.name`, `steps.hours.nextOpen`. */
export interface ScopeVariable {
  readonly path: string;
  readonly title?: string;
  readonly description?: string;
  /** The JSON type ('string', 'number', 'object', 'array', ...), when known. */
  readonly type?: string;
  readonly example?: unknown;
  readonly children: readonly ScopeVariable[];
}

export interface TemplateScope {
  /** The roots, each with what is under it, in the order a person meets them. */
  readonly variables: readonly ScopeVariable[];
  /**
   * Whether the server said which roots its providers add (GET /api/template-scope). Without it
   * a name like `contact` may well exist at run time, so it is not called unknown.
   */
  readonly rootsKnown: boolean;
  /** Sample data for a preview: the schemas' examples, by root. */
  readonly sample: Readonly<Record<string, unknown>>;
}

/** How deep the list goes under a root: past this, a person types the rest. */
const MAX_DEPTH = 5;

/**
 * What a template in node `nodeId` may read before any run: the trigger's data (`trigger`, from
 * the trigger node type's outputSchema), the roots the server adds (GET /api/template-scope:
 * run, now, secrets, contact, conversation, assignee...), variables set by steps upstream
 * (`vars.*`: fields marked `x-variable`) and the outputs of steps upstream (`steps.<id>.*`, from
 * their outputSchema).
 * "Upstream" is every node with a path of edges to this one: a step that might have run.
 * A node type without outputSchema, or a server without /api/template-scope, gives fewer names,
 * never an error.
 */
export function templateScopeAt(
  definition: WorkflowDefinition,
  nodeId: string,
  nodeTypes: ScopeNodeTypes,
  roots: readonly ScopeRoot[],
  rootsKnown = true,
): TemplateScope {
  const variables: ScopeVariable[] = [];
  const sample: Record<string, unknown> = {};
  const upstream = upstreamOf(definition, nodeId);

  const trigger = definition.nodes.find((node) => nodeTypes.get(node.type)?.kind === 'trigger');
  const triggerType = trigger === undefined ? undefined : nodeTypes.get(trigger.type);
  if (trigger !== undefined && triggerType !== undefined) {
    const schema = asSchema(triggerType.outputSchema);
    variables.push(variableOf('trigger', schema, { title: trigger.name ?? triggerType.title }));
    sample['trigger'] = sampleOf(schema) ?? {};
  }

  for (const root of roots) {
    if (['trigger', 'vars', 'steps'].includes(root.name)) continue;
    const schema = asSchema(root.schema);
    variables.push(variableOf(root.name, schema, { title: root.title, description: root.description, example: root.example }));
    sample[root.name] = root.example ?? sampleOf(schema);
  }

  const vars: ScopeVariable[] = [];
  const varsSample: Record<string, unknown> = {};
  const steps: ScopeVariable[] = [];
  const stepsSample: Record<string, unknown> = {};
  for (const node of upstream) {
    const type = nodeTypes.get(node.type);
    if (type === undefined || type.kind === 'trigger') continue;
    const output = asSchema(type.outputSchema);
    for (const variable of variablesSetBy(node, asSchema(type.configSchema))) {
      if (vars.some((entry) => entry.path === `vars.${variable.name}`)) continue;
      const { holds } = variable;
      const schema = holds.kind === 'value' ? schemaOfValue(holds.value) : (schemaAt(output, holds.pointer) ?? {});
      const sample = holds.kind === 'value' ? holds.value : readPointer(sampleOf(output), holds.pointer);
      vars.push(variableOf(`vars.${variable.name}`, schema, { title: variable.name, description: node.name ?? type.title, example: sample }));
      varsSample[variable.name] = sample;
    }
    steps.push(variableOf(`steps.${node.id}`, output, { title: node.name ?? type.title }));
    stepsSample[node.id] = sampleOf(output) ?? {};
  }
  variables.push({ path: 'vars', type: 'object', children: vars });
  sample['vars'] = varsSample;
  variables.push({ path: 'steps', type: 'object', children: steps });
  sample['steps'] = stepsSample;
  return { variables, sample, rootsKnown };
}

/** The nodes with a path of edges to `nodeId`, nearest first. */
export function upstreamOf(definition: WorkflowDefinition, nodeId: string): WorkflowNode[] {
  const into = new Map<string, string[]>();
  for (const edge of definition.edges) into.set(edge.to, [...(into.get(edge.to) ?? []), edge.from]);
  const seen = new Set<string>([nodeId]);
  const order: string[] = [];
  let frontier = [nodeId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const from of into.get(id) ?? []) {
        if (seen.has(from)) continue;
        seen.add(from);
        order.push(from);
        next.push(from);
      }
    }
    frontier = next;
  }
  const byId = new Map(definition.nodes.map((node) => [node.id, node]));
  return order.map((id) => byId.get(id)).filter((node): node is WorkflowNode => node !== undefined);
}

interface SetVariable {
  readonly name: string;
  /** What the variable holds, as its field's `x-variable` says (sdk/src/schema-annotations.ts). */
  readonly holds: { readonly kind: 'output'; readonly pointer: string } | { readonly kind: 'value'; readonly value: unknown };
}

/**
 * The run variables a node's config sets: every string field its schema marks `x-variable`,
 * with what the variable holds: the step's whole output (`true`, an HTTP request's `saveAs`),
 * a part of it (`{ output: '/answer' }`), or a sibling field's value (`{ sibling: 'value' }`, a
 * Set variable assignment).
 */
export function variablesSetBy(node: WorkflowNode, configSchema: JsonSchema): SetVariable[] {
  const found: SetVariable[] = [];
  const walk = (schema: JsonSchema, value: unknown): void => {
    if (Array.isArray(value)) {
      const items = schema['items'];
      if (isSchema(items)) for (const item of value) walk(items, item);
      return;
    }
    if (!isSchema(value)) return;
    const properties = isSchema(schema['properties']) ? schema['properties'] : {};
    for (const [key, inner] of Object.entries(properties)) {
      if (!isSchema(inner)) continue;
      const field = value[key];
      const mark = inner['x-variable'];
      if (typeof field === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(field) && mark !== undefined) {
        if (isSchema(mark) && typeof mark['sibling'] === 'string')
          found.push({ name: field, holds: { kind: 'value', value: templateFree(value[mark['sibling']]) } });
        else found.push({ name: field, holds: { kind: 'output', pointer: isSchema(mark) && typeof mark['output'] === 'string' ? mark['output'] : '' } });
      } else {
        walk(inner, field);
      }
    }
  };
  walk(configSchema, node.config);
  return found;
}

/** A value as a sample: a template in it renders only at run time, so it reads as an empty text. */
function templateFree(value: unknown): unknown {
  if (typeof value === 'string' && (value.includes('{{') || value.includes('{%'))) return '';
  return value;
}

function variableOf(
  path: string,
  schema: JsonSchema,
  texts: { title?: string | undefined; description?: string | undefined; example?: unknown },
  depth = 0,
): ScopeVariable {
  const type = schemaTypes(schema).find((entry) => entry !== 'null');
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const children =
    depth >= MAX_DEPTH
      ? []
      : Object.entries(properties)
          .filter((entry): entry is [string, JsonSchema] => isSchema(entry[1]) && /^[A-Za-z_][A-Za-z0-9_]*$/.test(entry[0]))
          .map(([key, inner]) => variableOf(`${path}.${key}`, inner, {}, depth + 1));
  const title = texts.title ?? schemaTitle(schema);
  const description = texts.description ?? schemaDescription(schema);
  const example = texts.example ?? sampleOf(schema);
  return {
    path,
    ...(title === undefined ? {} : { title }),
    ...(description === undefined ? {} : { description }),
    ...(type === undefined ? (children.length > 0 ? { type: 'object' } : {}) : { type }),
    ...(example === undefined ? {} : { example }),
    children,
  };
}

/**
 * Sample data from a schema: its first example, else its default, else an object of its
 * properties' samples (or an array of one sample item); undefined when the schema says nothing.
 */
export function sampleOf(schema: JsonSchema, depth = 0): unknown {
  const examples = schema['examples'];
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  if (schema['default'] !== undefined) return schema['default'];
  if (depth > MAX_DEPTH * 2) return undefined;
  const properties = schema['properties'];
  if (isSchema(properties)) {
    const sample: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(properties)) {
      const value = isSchema(inner) ? sampleOf(inner, depth + 1) : undefined;
      if (value !== undefined) sample[key] = value;
    }
    return Object.keys(sample).length > 0 ? sample : undefined;
  }
  const items = schema['items'];
  if (isSchema(items)) {
    const item = sampleOf(items, depth + 1);
    return item === undefined ? undefined : [item];
  }
  return undefined;
}

function schemaOfValue(value: unknown): JsonSchema {
  if (Array.isArray(value)) return { type: 'array' };
  if (value === null) return { type: 'null' };
  if (typeof value === 'object') {
    return { type: 'object', properties: Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, schemaOfValue(inner)])) };
  }
  return { type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string' };
}

/** The variable a dotted path names (`contact.name`), if the scope has it. */
export function findVariable(scope: TemplateScope, path: readonly string[]): ScopeVariable | undefined {
  let level: readonly ScopeVariable[] = scope.variables;
  let found: ScopeVariable | undefined;
  for (let index = 0; index < path.length; index++) {
    const wanted = path.slice(0, index + 1).join('.');
    found = level.find((variable) => variable.path === wanted);
    if (found === undefined) return undefined;
    level = found.children;
  }
  return found;
}
