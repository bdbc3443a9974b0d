import type { ErrorObject } from 'ajv';
import type { Issue } from '../errors.ts';
import { escapePointerSegment } from './json-pointer.ts';

/**
 * Turns ajv errors into located issues, one clear message per problem. ajv's
 * `instancePath` is relative to the validated value, so `prefix` (e.g.
 * `/nodes/2/config`) makes it a pointer into the submitted document; a missing
 * or unexpected property is pointed at itself.
 *
 * An `anyOf`/`oneOf` that no branch matched gets one message naming the
 * alternatives and what was found ("must be a team id (uuid) or null, found
 * \"Sales\""), not one contradictory message per branch ("must match format
 * uuid", "must be null"). Where a branch matched the value's type and failed
 * deeper inside, that branch's errors are the ones reported. The errors need
 * ajv's `verbose` option (for the schema and the data); without it the branch
 * messages are reported as they are.
 */
export function ajvIssues(errors: readonly ErrorObject[], prefix: string, code: Issue['code']): Issue[] {
  const { replaced, dropped } = collapseAlternatives(errors);
  const issues: Issue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (dropped.has(error)) continue;
    // An `if` wrapper error only repeats what its branches said.
    if (error.keyword === 'if') continue;
    let path = prefix + error.instancePath;
    let message = replaced.get(error) ?? error.message ?? 'is invalid';
    if (replaced.has(error)) {
      // Already worded.
    } else if (error.keyword === 'required') {
      const property = String((error.params as { missingProperty: string }).missingProperty);
      path = `${path}/${escapePointerSegment(property)}`;
      message = `"${property}" is required`;
    } else if (error.keyword === 'additionalProperties') {
      const property = String((error.params as { additionalProperty: string }).additionalProperty);
      path = `${path}/${escapePointerSegment(property)}`;
      message = `"${property}" is not an allowed property here; remove it or check its spelling`;
    } else if (error.keyword === 'enum') {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues;
      message = `must be one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}${found(error)}`;
    } else if (error.keyword === 'const') {
      message = `must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}${found(error)}`;
    } else if (error.keyword === 'format') {
      message = `must be ${describeFormat(String((error.params as { format: string }).format), lastSegment(error.instancePath))}${found(error)}`;
    }
    const key = `${path}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ path, code, message: `${path || '(document)'} ${message}` });
  }
  return issues;
}

interface Collapsed {
  /** Alternatives errors worded as one message. */
  readonly replaced: Map<ErrorObject, string>;
  /** Branch errors said better by that message, or by a branch that got further. */
  readonly dropped: Set<ErrorObject>;
}

function collapseAlternatives(errors: readonly ErrorObject[]): Collapsed {
  const replaced = new Map<ErrorObject, string>();
  const dropped = new Set<ErrorObject>();
  for (const wrapper of errors) {
    if (wrapper.keyword !== 'anyOf' && wrapper.keyword !== 'oneOf') continue;
    const branchPrefix = `${wrapper.schemaPath}/`;
    const branchErrors = errors.filter((error) => error !== wrapper && error.schemaPath.startsWith(branchPrefix));
    // oneOf's "must match exactly one schema" with no branch errors: the value matched
    // two branches, and its own message says so.
    if (branchErrors.length === 0) continue;
    const deeper = branchErrors.filter(
      (error) => error.instancePath !== wrapper.instancePath || error.keyword === 'required' || error.keyword === 'additionalProperties',
    );
    const branches = Array.isArray(wrapper.schema) ? (wrapper.schema as unknown[]) : undefined;
    if (deeper.length === 0 && branches !== undefined) {
      // No branch matched even the value's type: one message lists what would have.
      replaced.set(wrapper, `must be ${describeAlternatives(branches, lastSegment(wrapper.instancePath))}${found(wrapper)}`);
      for (const error of branchErrors) dropped.add(error);
      continue;
    }
    // Some branch matched the type and failed inside: report that branch, not the
    // others' "must be null". The wrapper itself adds nothing.
    dropped.add(wrapper);
    const branchOf = (error: ErrorObject) => error.schemaPath.slice(branchPrefix.length).split('/', 1)[0];
    const furtherBranches = new Set(deeper.map(branchOf));
    for (const error of branchErrors) if (!furtherBranches.has(branchOf(error))) dropped.add(error);
  }
  return { replaced, dropped };
}

function describeAlternatives(branches: readonly unknown[], property: string | undefined): string {
  const described = branches.map((branch) => describeSchema(branch, property));
  const unique = [...new Set(described)];
  if (unique.length <= 2) return unique.join(' or ');
  return `${unique.slice(0, -1).join(', ')} or ${unique.at(-1)}`;
}

/** A short noun phrase for what a schema accepts: "null", "a uuid", "one of \"a\", \"b\"". */
function describeSchema(schema: unknown, property: string | undefined): string {
  if (typeof schema !== 'object' || schema === null) return 'a valid value';
  const {
    type,
    format,
    const: constant,
    enum: allowed,
    description,
  } = schema as { type?: unknown; format?: unknown; const?: unknown; enum?: unknown; description?: unknown };
  if (constant !== undefined) return JSON.stringify(constant);
  if (Array.isArray(allowed)) return allowed.length === 1 ? JSON.stringify(allowed[0]) : `one of ${allowed.map((value) => JSON.stringify(value)).join(', ')}`;
  if (typeof format === 'string') return describeFormat(format, property);
  switch (type) {
    case 'null':
      return 'null';
    case 'string':
      return 'a string';
    case 'integer':
      return 'an integer';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'an array';
    case 'object':
      return 'an object';
  }
  return typeof description === 'string' && description.length <= 80 ? description : 'a valid value';
}

/** `teamId` + uuid is "a team id (uuid)": the name says what the id is of. */
function describeFormat(format: string, property: string | undefined): string {
  if (format === 'uuid') {
    const of = property === undefined ? undefined : /^(.+?)_?[Ii]ds?$/.exec(property)?.[1];
    if (of === undefined || of === '') return 'a uuid';
    const noun = `${of
      .replace(/[_-]+/g, ' ')
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()} id (uuid)`;
    return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
  }
  if (format === 'email') return 'an email address';
  if (format === 'date-time') return 'a date and time (ISO 8601, e.g. 2026-01-31T09:00:00Z)';
  if (format === 'date') return 'a date (YYYY-MM-DD)';
  if (format === 'uri' || format === 'url') return 'a URL';
  return `a string in ${format} format`;
}

/** ", found \"Sales\"" when ajv's `verbose` gave the data; short, so a long value does not flood the message. */
function found(error: ErrorObject): string {
  if (!('data' in error)) return '';
  const { data } = error;
  if (data === undefined) return '';
  if (Array.isArray(data)) return ', found an array';
  if (typeof data === 'object' && data !== null) return ', found an object';
  const text = JSON.stringify(data);
  return `, found ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

/** The property an error is about: the last segment of its pointer, unescaped; undefined for array items and the root. */
function lastSegment(pointer: string): string | undefined {
  const segment = pointer.split('/').at(-1);
  if (segment === undefined || segment === '' || /^\d+$/.test(segment)) return undefined;
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}
