import { SwitchboardError } from '../errors.ts';
import { readPointer } from '../graph/json-pointer.ts';
import { findSecretReferences, SECRET_NAME_PATTERN, type SecretReferences } from '../graph/secret-references.ts';
import { SecretScrubber } from '../secrets/secret-scrubber.ts';
import type { NodeFailure, NodeLogger, NodeSecrets, StepResult } from '../sdk.ts';

/** Reads secrets' values by name; rejects with SECRET_NOT_FOUND for a name that has none. */
export type SecretLoader = (names: readonly string[]) => Promise<ReadonlyMap<string, string>>;

/** A compiled node's config never changes, so what its templates read is worked out once. */
const referencesByConfig = new WeakMap<object, SecretReferences>();

/** The secrets a config's templates name (graph/secret-references.ts), remembered per config object. */
export function secretReferencesOf(config: unknown): SecretReferences {
  if (config === null || typeof config !== 'object') return findSecretReferences(config);
  let references = referencesByConfig.get(config);
  if (references === undefined) {
    references = findSecretReferences(config);
    referencesByConfig.set(config, references);
  }
  return references;
}

/**
 * The secrets of one step. It loads only what the step uses, the secrets its
 * config's templates name and those its node asks for (`ctx.secrets.get`), and
 * its scrubber remembers every value so the executor can take them out of what
 * the step records (ARCHITECTURE.md, Security). A step that uses none costs
 * nothing: no query, and scrubbing is the identity.
 */
export class StepSecrets {
  readonly scrubber = new SecretScrubber();
  readonly #load: SecretLoader;
  readonly #values = new Map<string, string>();

  constructor(load: SecretLoader) {
    this.#load = load;
  }

  /** The `secrets` scope root to render a config with: the values of the secrets its templates name. */
  async forTemplates(references: SecretReferences): Promise<Readonly<Record<string, string>>> {
    await this.#fetch([...references.names]);
    const values: Record<string, string> = {};
    for (const name of references.names) values[name] = this.#values.get(name) as string;
    return values;
  }

  /**
   * After rendering: the whole text of a field whose template read a secret counts as
   * secret too when it holds no raw value (a base64 of `user:password`), so an upstream
   * that echoes it back leaves nothing readable.
   */
  noteRendered(references: SecretReferences, rendered: unknown): void {
    for (const field of references.fields) {
      const text = readPointer(rendered, field.path);
      if (typeof text === 'string') this.scrubber.addDerived(text, field.names);
    }
  }

  /** `ctx.secrets` for the node's code. */
  forNode(): NodeSecrets {
    return {
      get: async (name: string) => {
        if (typeof name !== 'string' || !SECRET_NAME_PATTERN.test(name)) {
          throw new SwitchboardError(
            'SECRET_NOT_FOUND',
            `ctx.secrets.get(${JSON.stringify(name)}): not a secret name (upper-case letters, digits and _, starting with a letter, e.g. API_TOKEN).`,
          );
        }
        await this.#fetch([name]);
        return this.#values.get(name) as string;
      },
    };
  }

  /** The node's logger, with secret values scrubbed from each line's message and fields. */
  logger(log: NodeLogger): NodeLogger {
    const line =
      (write: NodeLogger['info']) =>
      (message: string, fields?: Record<string, unknown>): void => {
        if (this.scrubber.isEmpty) write(message, fields);
        else write(this.scrubber.text(message), fields === undefined ? undefined : this.scrubber.value(withReadableErrors(fields)));
      };
    return { info: line(log.info.bind(log)), warn: line(log.warn.bind(log)), error: line(log.error.bind(log)) };
  }

  async #fetch(names: readonly string[]): Promise<void> {
    const missing = names.filter((name) => !this.#values.has(name));
    if (missing.length === 0) return;
    const loaded = await this.#load(missing);
    for (const name of missing) {
      const value = loaded.get(name);
      if (value === undefined) throw new SwitchboardError('SECRET_NOT_FOUND', `Secret "${name}" does not exist; create it with PUT /api/secrets/${name}.`);
      this.#values.set(name, value);
      this.scrubber.addSecret(name, value);
    }
  }
}

/**
 * What a step hands back for storage, with the secret values it used taken out
 * (ARCHITECTURE.md, Security): its output and the vars it sets (a variable set from
 * `{{ secrets.X }}` holds `[secret:X]`), a wait's state, a retry's error.
 */
export function scrubStepResult(result: StepResult, scrubber: SecretScrubber): StepResult {
  if (scrubber.isEmpty) return result;
  switch (result.kind) {
    case 'next':
      return result.vars === undefined
        ? { ...result, output: scrubber.value(result.output) }
        : { ...result, output: scrubber.value(result.output), vars: scrubber.value(result.vars) };
    case 'jump':
      return { ...result, output: scrubber.value(result.output) };
    case 'wait':
      return {
        ...result,
        output: scrubber.value(result.output),
        wait: result.wait.state === undefined ? result.wait : { ...result.wait, state: scrubber.value(result.wait.state) },
      };
    case 'retry':
      return { ...result, error: scrubError(result.error, scrubber) };
  }
}

/** The message and details only: a code and a kind are the engine's words, whatever a short secret happens to spell. */
export function scrubError<E extends NodeFailure>(error: E, scrubber: SecretScrubber): E {
  if (scrubber.isEmpty) return error;
  return { ...error, message: scrubber.text(error.message), ...(error.details === undefined ? {} : { details: scrubber.value(error.details) }) };
}

/** An Error's enumerable fields are none, so scrubbing it as data would log `{}`; its message and stack are what matter. */
function withReadableErrors(fields: Record<string, unknown>): Record<string, unknown> {
  const readable: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    readable[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  return readable;
}
