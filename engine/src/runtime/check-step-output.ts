import type { CompiledNode } from '../graph/compile-graph.ts';
import { escapePointerSegment } from '../graph/json-pointer.ts';
import type { StepResult } from '../sdk.ts';
import { SwitchboardError } from '../errors.ts';

/**
 * Checks that everything a step hands back for storage (its output, the vars
 * it sets, a wait's state, a retry's error details) can be stored as JSON in
 * Postgres. Without this a BigInt or a cycle makes the segment's final write
 * throw, the whole segment rolls back, and the run job fails until pg-boss
 * gives up, leaving the run `running` with no error. Here it fails the one
 * step instead, naming the node and the JSON Pointer of the offending value.
 *
 * Values JSON drops or rewrites on purpose stay allowed: `undefined` members,
 * `NaN` (stored as null), objects with `toJSON` (a Date).
 */
export function checkStepOutput(result: StepResult, node: CompiledNode): StepResult {
  const problem = findUnstorable(storedParts(result));
  if (problem !== undefined) {
    throw new SwitchboardError(
      'STEP_OUTPUT_INVALID',
      `Node "${node.id}" (${node.type}) returned a value that cannot be stored as JSON: ${problem.path} ${problem.reason}.`,
      {
        details: { nodeId: node.id, path: problem.path },
      },
    );
  }
  return result;
}

/** The parts of a result the executor writes to the database, by the name a pointer starts with. */
function storedParts(result: StepResult): Record<string, unknown> {
  switch (result.kind) {
    case 'next':
      return { output: result.output, vars: result.vars };
    case 'jump':
      return { output: result.output };
    case 'wait':
      return { output: result.output, wait: { state: result.wait.state } };
    case 'retry':
      return { error: { details: result.error.details } };
  }
}

interface Unstorable {
  readonly path: string;
  readonly reason: string;
}

/** The first value JSON.stringify would throw on, drop silently, or Postgres's jsonb would refuse. */
export function findUnstorable(value: unknown, path = '', ancestors: unknown[] = [], key = ''): Unstorable | undefined {
  let current = value;
  if (current !== null && typeof current === 'object' && typeof (current as { toJSON?: unknown }).toJSON === 'function') {
    current = (current as { toJSON: (key: string) => unknown }).toJSON(key);
  }
  switch (typeof current) {
    case 'bigint':
      return { path, reason: 'is a BigInt; convert it to a number or a string' };
    case 'function':
      return { path, reason: 'is a function; return plain data' };
    case 'symbol':
      return { path, reason: 'is a symbol; return plain data' };
    case 'string': {
      const defect = stringDefect(current);
      return defect === undefined ? undefined : { path, reason: `is a string that ${defect}` };
    }
    case 'object': {
      if (current === null) return undefined;
      if (ancestors.includes(current)) return { path, reason: 'refers back to an object that contains it (a cycle); return a copy without the loop' };
      ancestors.push(current);
      try {
        if (Array.isArray(current)) {
          for (let index = 0; index < current.length; index += 1) {
            const problem = findUnstorable(current[index], `${path}/${index}`, ancestors, String(index));
            if (problem !== undefined) return problem;
          }
          return undefined;
        }
        for (const [member, item] of Object.entries(current)) {
          const memberPath = `${path}/${escapePointerSegment(member)}`;
          const keyDefect = stringDefect(member);
          if (keyDefect !== undefined) return { path: memberPath, reason: `has a key that ${keyDefect}` };
          if (item === undefined) continue;
          const problem = findUnstorable(item, memberPath, ancestors, member);
          if (problem !== undefined) return problem;
        }
        return undefined;
      } finally {
        ancestors.pop();
      }
    }
    default:
      return undefined;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Postgres's jsonb refuses both, although JSON.stringify writes them happily. */
function stringDefect(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains the character U+0000, which Postgres cannot store; remove it';
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate, which Postgres cannot store; use String.prototype.toWellFormed()';
  return undefined;
}
