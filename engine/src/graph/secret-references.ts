import { escapePointerSegment } from './json-pointer.ts';
import { hasTemplate, liquid } from './liquid.ts';

/** The scope root templates read secrets from: `{{ secrets.API_TOKEN }}`. */
export const SECRETS_ROOT = 'secrets';

/** A secret's name: upper-case letters, digits and `_`, starting with a letter, at most 64 characters (`API_TOKEN`). */
export const SECRET_NAME_PATTERN = /^[A-Z][A-Z0-9_]{0,63}$/;

/** A config string whose template reads secrets; `path` is a JSON Pointer relative to the config. */
export interface SecretField {
  readonly path: string;
  readonly names: readonly string[];
}

export interface SecretReferences {
  /** Every secret the config's templates name. */
  readonly names: ReadonlySet<string>;
  readonly fields: readonly SecretField[];
  /** Templates that read secrets in a way that cannot be known before they run (`secrets[vars.x]`), or by an invalid name. */
  readonly problems: readonly { readonly path: string; readonly message: string }[];
}

const NONE: SecretReferences = { names: new Set(), fields: [], problems: [] };

/**
 * The secrets a node's config reads, found by liquidjs's static analysis, never
 * by rendering. Names must be literal (`{{ secrets.API_TOKEN }}`,
 * `{{ secrets["API_TOKEN"] }}`): a step loads only the secrets its config
 * names, and publishing checks that each exists, so a template that picks one
 * at run time (`{{ secrets[vars.which] }}`) or takes them all
 * (`{% for s in secrets %}`) is a problem to report, not a lookup to allow.
 *
 * @example
 * findSecretReferences({ headers: { authorization: 'Bearer {{ secrets.API_TOKEN }}' } }).names // Set { 'API_TOKEN' }
 */
export function findSecretReferences(config: unknown): SecretReferences {
  const fields: SecretField[] = [];
  const problems: { path: string; message: string }[] = [];
  collect(config, '', fields, problems);
  if (fields.length === 0 && problems.length === 0) return NONE;
  return { names: new Set(fields.flatMap((field) => field.names)), fields, problems };
}

function collect(value: unknown, at: string, fields: SecretField[], problems: { path: string; message: string }[]): void {
  if (typeof value === 'string') {
    // Cheap test first: nearly every template reads no secret at all.
    if (!hasTemplate(value) || !value.includes(SECRETS_ROOT)) return;
    const found = secretsInTemplate(value);
    if (found.names.length > 0) fields.push({ path: at, names: found.names });
    for (const message of found.problems) problems.push({ path: at, message });
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) collect(item, `${at}/${index}`, fields, problems);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collect(item, `${at}/${escapePointerSegment(key)}`, fields, problems);
  }
}

function secretsInTemplate(template: string): { names: string[]; problems: string[] } {
  let segments: ReturnType<typeof liquid.globalVariableSegmentsSync>;
  try {
    segments = liquid.globalVariableSegmentsSync(template);
  } catch {
    // An unparsable template is reported by publishing as TEMPLATE_INVALID; it reads nothing.
    return { names: [], problems: [] };
  }
  const names = new Set<string>();
  const problems: string[] = [];
  for (const [root, name] of segments) {
    if (root !== SECRETS_ROOT) continue;
    if (name === undefined) {
      problems.push(`reads "secrets" as a whole; name the one secret it needs, e.g. {{ secrets.API_TOKEN }}.`);
    } else if (Array.isArray(name)) {
      problems.push('picks a secret by a value known only when it runs; name the secret itself, e.g. {{ secrets.API_TOKEN }}.');
    } else if (typeof name !== 'string' || !SECRET_NAME_PATTERN.test(name)) {
      problems.push(
        `names the secret "${name}", which is not a secret name: upper-case letters, digits and _, starting with a letter, at most 64 characters (e.g. API_TOKEN).`,
      );
    } else {
      names.add(name);
    }
  }
  return { names: [...names], problems: [...new Set(problems)] };
}
