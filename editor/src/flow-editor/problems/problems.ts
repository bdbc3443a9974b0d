import type { WorkflowDefinition } from '@switchboard/engine/graph';

/** One located problem as the server reports it: `path` is a JSON Pointer into the flow's definition. */
export interface Issue {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** A problem of one node: `field` is a JSON Pointer into its config, `''` for the node itself. */
export interface NodeProblem {
  readonly field: string;
  readonly message: string;
  readonly code: string;
}

export interface ProblemSet {
  readonly byNode: ReadonlyMap<string, readonly NodeProblem[]>;
  /** Problems of the whole flow (no trigger, a bad setting) that no single node owns. */
  readonly document: readonly NodeProblem[];
}

const NODE_PATH = /^\/nodes\/(\d+)(\/.*)?$/;
const EDGE_PATH = /^\/edges\/(\d+)(\/.*)?$/;

/**
 * Files the server's issues under the nodes they name. The server points by position in the
 * document it checked (`/nodes/3/config/teamId`), which stops naming the same node as soon as one
 * is added or removed; so the positions are read against that same document, once, and from then
 * on the problems follow their node by id.
 *
 * An edge's problem goes to the node it leaves from: that is where a person fixes a port.
 */
export function fileIssues(issues: readonly Issue[], checked: WorkflowDefinition): ProblemSet {
  const byNode = new Map<string, NodeProblem[]>();
  const document: NodeProblem[] = [];
  const add = (nodeId: string | undefined, problem: NodeProblem): void => {
    if (nodeId === undefined) {
      document.push(problem);
      return;
    }
    const list = byNode.get(nodeId);
    if (list === undefined) byNode.set(nodeId, [problem]);
    else list.push(problem);
  };
  for (const issue of issues) {
    const node = NODE_PATH.exec(issue.path);
    if (node !== null) {
      const nodeId = checked.nodes[Number(node[1])]?.id;
      const rest = node[2] ?? '';
      const field = rest.startsWith('/config') ? rest.slice('/config'.length) : '';
      add(nodeId, { field, code: issue.code, message: withoutNodePrefix(issue.message) });
      continue;
    }
    const edge = EDGE_PATH.exec(issue.path);
    if (edge !== null) {
      const from = checked.edges[Number(edge[1])]?.from;
      add(checked.nodes.some((candidate) => candidate.id === from) ? from : undefined, { field: '', code: issue.code, message: issue.message });
      continue;
    }
    add(undefined, { field: '', code: issue.code, message: issue.message });
  }
  return { byNode, document };
}

/** The server starts a node's messages with `Node "x" (type): `; beside the node, that is said already. */
function withoutNodePrefix(message: string): string {
  return message.replace(/^Node "[^"]*" \([^)]*\): /, '');
}

/**
 * The problems to show now: the editor's own checks of each node's config (live, in the
 * person's language) over the server's answer to the last save. For a node the editor found
 * invalid against its schema, the server's CONFIG_INVALID issues say the same in English and
 * are left out; for a node whose config changed since that save, the server's config issues are
 * stale and are left out too, until the next save answers.
 */
export function mergeProblems(
  live: ProblemSet,
  server: ProblemSet,
  changedSinceSave: (nodeId: string) => boolean,
  exists: (nodeId: string) => boolean,
): ProblemSet {
  const byNode = new Map<string, readonly NodeProblem[]>();
  const ids = new Set([...live.byNode.keys(), ...server.byNode.keys()]);
  for (const id of ids) {
    if (!exists(id)) continue;
    const own = live.byNode.get(id) ?? [];
    const theirs = (server.byNode.get(id) ?? []).filter((problem) => {
      if (problem.code !== 'CONFIG_INVALID') return true;
      return own.length === 0 && !changedSinceSave(id);
    });
    const merged = [...own, ...theirs];
    if (merged.length > 0) byNode.set(id, merged);
  }
  return { byNode, document: [...live.document, ...server.document] };
}

export function countProblems(problems: ProblemSet): number {
  let count = problems.document.length;
  for (const list of problems.byNode.values()) count += list.length;
  return count;
}
