import type { WorkflowDefinition } from '@switchboard/engine/graph';
import type { NodeProblem, ProblemSet } from './problems.ts';

/** What the checker needs of a node type: its id and its config's JSON Schema. */
export interface CheckedType {
  readonly type: string;
  readonly configSchema: unknown;
}

/** Checks one config against its schema: the form's own check (config/validate-config.ts), so the field and the list say the same words. */
export type ConfigCheck = (schema: unknown, config: unknown) => readonly { readonly field: string; readonly message: string }[];

/**
 * Every node's config checked in the browser as the person types, filed by node, so a step's
 * badge and the problems list follow each keystroke instead of waiting for the next save's answer.
 * A node whose type this server lacks is left to the server, which reports it by code.
 */
export function checkConfigs(definition: WorkflowDefinition, types: (type: string) => CheckedType | undefined, check: ConfigCheck): ProblemSet {
  const byNode = new Map<string, NodeProblem[]>();
  for (const node of definition.nodes) {
    const type = types(node.type);
    if (type === undefined) continue;
    const problems = check(type.configSchema, node.config);
    if (problems.length > 0)
      byNode.set(
        node.id,
        problems.map((problem) => ({ field: problem.field, message: problem.message, code: 'CONFIG_INVALID' })),
      );
  }
  return { byNode, document: [] };
}
