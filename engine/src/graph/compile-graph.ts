import type { Issue } from '../errors.ts';
import type { WorkflowDefinition } from './definition.ts';
import { DEFAULT_MAX_STEPS } from './definition.ts';
import { pointer } from './json-pointer.ts';
import { hasTemplate, liquid } from './liquid.ts';
import { type CatalogEntry, type NodeCatalog, type NodeTypeSpec, portsOf } from './node-catalog.ts';
import { ajvIssues, validateDefinition } from './validate-definition.ts';
import { findUnboundedLoops } from './find-unbounded-loops.ts';
import { findSecretReferences } from './secret-references.ts';
import { waitPorts } from './wait-ports.ts';

/** A node as a published version runs it: config with schema defaults filled in. */
export interface CompiledNode {
  readonly id: string;
  readonly type: string;
  readonly name: string | undefined;
  readonly config: Readonly<Record<string, unknown>>;
  readonly ports: readonly string[];
  /** The node's own step deadline, when its definition sets one (else its node type's, else 30 s). */
  readonly timeoutMs?: number;
}

/** What a published version stores besides the definition: everything the executor needs. */
export interface CompiledGraph {
  readonly triggerId: string;
  readonly triggerType: string;
  readonly nodes: Readonly<Record<string, CompiledNode>>;
  /** `next[nodeId][port]` is the node that port leads to; a missing entry ends the run. */
  readonly next: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly reentry: 'ignore' | 'restart' | 'parallel';
  readonly maxSteps: number;
}

export type CompileResult =
  | { readonly ok: true; readonly definition: WorkflowDefinition; readonly graph: CompiledGraph }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Compiles a definition for publishing and reports every problem at once, each
 * with a JSON Pointer into the submitted document: unknown node types, invalid
 * configs, trigger count, dangling edges, unknown ports, unreachable nodes and
 * loops that neither wait nor are bounded by a jump.
 */
export function compileGraph(document: unknown, catalog: NodeCatalog): CompileResult {
  const shape = validateDefinition(document);
  return shape.ok ? compileDefinition(shape.definition, catalog) : shape;
}

/** compileGraph for a definition that already passed validateDefinition. */
export function compileDefinition(definition: WorkflowDefinition, catalog: NodeCatalog): CompileResult {
  const issues: Issue[] = [];
  const indexById = new Map<string, number>();
  const compiled: Record<string, CompiledNode> = {};
  const entries = new Map<string, CatalogEntry>();

  definition.nodes.forEach((node, index) => {
    const at = pointer('nodes', index);
    if (indexById.has(node.id)) {
      issues.push({
        path: `${at}/id`,
        code: 'GRAPH_DUPLICATE_NODE_ID',
        message: `Node id "${node.id}" is used by ${pointer('nodes', indexById.get(node.id) ?? 0)} and ${at}; node ids must be unique.`,
      });
      return;
    }
    indexById.set(node.id, index);
    const entry = catalog.get(node.type);
    if (entry === undefined) {
      issues.push({ path: `${at}/type`, code: 'GRAPH_UNKNOWN_NODE_TYPE', message: unknownTypeMessage(node.id, node.type, catalog) });
      return;
    }
    entries.set(node.id, entry);
    const config = structuredClone(node.config) as Record<string, unknown>;
    if (!entry.validateConfig(config)) {
      for (const issue of ajvIssues(entry.validateConfig.errors ?? [], `${at}/config`, 'CONFIG_INVALID')) {
        issues.push({ ...issue, message: `Node "${node.id}" (${node.type}): ${issue.message}` });
      }
      return;
    }
    for (const issue of semanticIssues(entry.definition, config)) {
      issues.push({ path: `${at}/config${issue.path}`, code: 'CONFIG_INVALID', message: `Node "${node.id}" (${node.type}): ${issue.message}` });
    }
    issues.push(...templateIssues(config, `${at}/config`, node.id));
    compiled[node.id] = {
      id: node.id,
      type: node.type,
      name: node.name,
      config,
      ports: portsOf(entry, config),
      ...(node.timeoutMs === undefined ? {} : { timeoutMs: node.timeoutMs }),
    };
  });

  const triggers = definition.nodes.filter((node) => entries.get(node.id)?.definition.kind === 'trigger');
  if (triggers.length === 0 && issues.every((issue) => issue.code !== 'GRAPH_UNKNOWN_NODE_TYPE')) {
    issues.push({
      path: '/nodes',
      code: 'GRAPH_NO_TRIGGER',
      message: 'The workflow has no trigger node; add exactly one (for example core.event or inbox.conversation_opened).',
    });
  }
  for (const extra of triggers.slice(1)) {
    issues.push({
      path: `${pointer('nodes', indexById.get(extra.id) ?? 0)}/type`,
      code: 'GRAPH_MULTIPLE_TRIGGERS',
      message: `Node "${extra.id}" is a second trigger; a workflow has exactly one (the first is "${triggers[0]?.id}").`,
    });
  }
  const trigger = triggers[0];

  const next: Record<string, Record<string, string>> = {};
  const successors = new Map<string, string[]>();
  const jumpEdges: { from: string; to: string }[] = [];
  definition.edges.forEach((edge, index) => {
    const at = pointer('edges', index);
    let dangling = false;
    for (const end of ['from', 'to'] as const) {
      if (!indexById.has(edge[end])) {
        issues.push({
          path: `${at}/${end}`,
          code: 'GRAPH_DANGLING_EDGE',
          message: `Edge ${at} ${end === 'from' ? 'starts at' : 'points to'} node "${edge[end]}", which does not exist.`,
        });
        dangling = true;
      }
    }
    if (dangling) return;
    if (trigger !== undefined && edge.to === trigger.id) {
      issues.push({
        path: `${at}/to`,
        code: 'GRAPH_EDGE_INTO_TRIGGER',
        message: `Edge ${at} points into the trigger "${edge.to}"; a trigger only starts runs. To repeat steps, use core.jump_to.`,
      });
      return;
    }
    const source = compiled[edge.from];
    if (source === undefined) return; // its type or config is already reported
    const port = edge.port ?? (source.ports.length === 1 ? source.ports[0] : undefined);
    if (port === undefined || !source.ports.includes(port)) {
      const listed = source.ports.length === 0 ? 'no output ports' : `ports ${source.ports.join(', ')}`;
      const problem = edge.port === undefined ? 'names no port' : `uses port "${edge.port}"`;
      issues.push({
        path: edge.port === undefined ? at : `${at}/port`,
        code: 'GRAPH_UNKNOWN_PORT',
        message: `Edge ${at} ${problem}, but node "${source.id}" (${source.type}) has ${listed}.`,
      });
      return;
    }
    const fromPorts = next[edge.from] ?? {};
    next[edge.from] = fromPorts;
    if (fromPorts[port] !== undefined) {
      issues.push({
        path: at,
        code: 'GRAPH_PORT_ALREADY_CONNECTED',
        message: `Port "${port}" of node "${edge.from}" already leads to "${fromPorts[port]}"; a port connects to one node. Use core.branch to split the path.`,
      });
      return;
    }
    fromPorts[port] = edge.to;
    successors.set(edge.from, [...(successors.get(edge.from) ?? []), edge.to]);
  });

  for (const node of Object.values(compiled)) {
    const entry = entries.get(node.id);
    if (entry?.definition.kind !== 'step' || entry.definition.jump === undefined) continue;
    const { target } = entry.definition.jump(node.config);
    const at = `${pointer('nodes', indexById.get(node.id) ?? 0)}/config/target`;
    if (!indexById.has(target)) {
      issues.push({ path: at, code: 'GRAPH_UNKNOWN_JUMP_TARGET', message: `Node "${node.id}" jumps to "${target}", which does not exist.` });
    } else if (target === trigger?.id) {
      issues.push({ path: at, code: 'GRAPH_UNKNOWN_JUMP_TARGET', message: `Node "${node.id}" jumps to the trigger "${target}"; jump to a step instead.` });
    } else {
      jumpEdges.push({ from: node.id, to: target });
      successors.set(node.id, [...(successors.get(node.id) ?? []), target]);
    }
  }

  if (trigger !== undefined) {
    const reached = new Set<string>([trigger.id]);
    const stack = [trigger.id];
    while (stack.length > 0) {
      for (const to of successors.get(stack.pop() as string) ?? []) {
        if (!reached.has(to)) {
          reached.add(to);
          stack.push(to);
        }
      }
    }
    definition.nodes.forEach((node, index) => {
      if (!reached.has(node.id) && indexById.get(node.id) === index) {
        issues.push({
          path: pointer('nodes', index),
          code: 'GRAPH_UNREACHABLE_NODE',
          message: `Node "${node.id}" cannot be reached from the trigger "${trigger.id}"; connect an edge to it or remove it.`,
        });
      }
    });
  }

  // An edge from a port the node leaves by only after a real pause bounds any cycle through it,
  // as a jump does; a wait that can be zero (0 s) does not (wait-ports.ts).
  const boundedEdges = [...jumpEdges];
  for (const node of Object.values(compiled)) {
    const definitionOf = entries.get(node.id)?.definition;
    if (definitionOf?.kind !== 'step') continue;
    for (const port of waitPorts(definitionOf, node.config, node.ports)) {
      const to = next[node.id]?.[port];
      if (to !== undefined) boundedEdges.push({ from: node.id, to });
    }
  }
  for (const cycle of findUnboundedLoops(successors, boundedEdges)) {
    issues.push({
      path: pointer('nodes', indexById.get(cycle[0] as string) ?? 0),
      code: 'GRAPH_LOOP_WITHOUT_WAIT',
      message: `The loop ${[...cycle, cycle[0]].join(' -> ')} has no wait and no bounded jump, so it could spin forever; add a core.wait of more than 0 seconds (a wait that can be zero does not count) or loop with core.jump_to and a maxIterations.`,
    });
  }

  if (issues.length > 0 || trigger === undefined) return { ok: false, issues };
  return {
    ok: true,
    definition,
    graph: {
      triggerId: trigger.id,
      triggerType: trigger.type,
      nodes: compiled,
      next,
      reentry: definition.settings?.reentry ?? 'ignore',
      maxSteps: definition.settings?.maxSteps ?? DEFAULT_MAX_STEPS,
    },
  };
}

function unknownTypeMessage(nodeId: string, type: string, catalog: NodeCatalog): string {
  const [pack] = type.split('.');
  const sameName = catalog.list().filter((entry) => entry.definition.type.split('.')[1] === type.split('.')[1]);
  const samePack = catalog.list().filter((entry) => entry.definition.type.startsWith(`${pack}.`));
  const hint =
    sameName.length > 0
      ? ` Did you mean ${sameName.map((entry) => `"${entry.definition.type}"`).join(' or ')}?`
      : samePack.length > 0
        ? ` Installed "${pack}" nodes: ${samePack.map((entry) => entry.definition.type).join(', ')}.`
        : ` No "${pack}" node pack is installed; install it or load it through SWITCHBOARD_NODES.`;
  return `Node "${nodeId}" has type "${type}", which is not installed.${hint}`;
}

function semanticIssues(definition: NodeTypeSpec, config: Readonly<Record<string, unknown>>): readonly { path: string; message: string }[] {
  if (definition.validate === undefined) return [];
  try {
    return definition.validate(config);
  } catch (error) {
    return [{ path: '', message: `its validate() threw: ${(error as Error).message}` }];
  }
}

/**
 * Parses (never renders) every template string, so a broken `{{` is caught at publish, not mid-run,
 * and checks that each secret a template reads is named literally (graph/secret-references.ts).
 */
function templateIssues(value: unknown, at: string, nodeId: string): Issue[] {
  if (typeof value === 'string') {
    if (!hasTemplate(value)) return [];
    try {
      liquid.parse(value);
      return findSecretReferences(value).problems.map((problem) => ({
        path: at,
        code: 'SECRET_REFERENCE_INVALID' as const,
        message: `Node "${nodeId}": the template at ${at} ${problem.message}`,
      }));
    } catch (error) {
      return [
        { path: at, code: 'TEMPLATE_INVALID', message: `Node "${nodeId}": the template at ${at} cannot be parsed: ${(error as Error).message.split('\n')[0]}` },
      ];
    }
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => templateIssues(item, `${at}/${index}`, nodeId));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => templateIssues(item, `${at}${pointer(key)}`, nodeId));
  }
  return [];
}
