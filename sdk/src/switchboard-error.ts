/**
 * The one error class of Switchboard and its open list of codes. The engine
 * registers its own catalogue (engine/src/errors.ts); a plugin or a node pack
 * registers the codes it adds (a plugin's `errors`). A code names who is at
 * fault (`kind`) and its HTTP status; the executor decides retries from `kind`,
 * never from the message.
 */

/** Whose problem an error is. The executor decides retries from this, never from the message. */
export type ErrorKind =
  /** The caller's input or configuration is wrong: show it, don't retry, don't page anyone. */
  | 'user'
  /** Something outside us failed (network, upstream 5xx, a lost connection): retry with backoff. */
  | 'operational'
  /** Unexpected: a defect. Report it. */
  | 'bug';

/** One code's entry in a catalogue: its default HTTP status, whose fault it is, a one-line meaning. */
export interface ErrorCodeEntry {
  readonly status: number;
  readonly kind: ErrorKind;
  readonly summary: string;
}

/**
 * Every error code the program knows, by code. Open: the engine adds its
 * catalogue, and a pack or plugin that registers codes adds them too, so
 * `new SwitchboardError('ACME_QUOTA_EXCEEDED', ...)` type-checks where they are
 * in view:
 *
 * ```ts
 * export const acmeErrors = defineErrorCodes({ ACME_QUOTA_EXCEEDED: { status: 429, kind: 'user', summary: 'The Acme quota is used up.' } });
 * declare module '@switchboard/sdk' {
 *   interface ErrorCodes extends Record<keyof typeof acmeErrors, ErrorCodeEntry> {}
 * }
 * ```
 */
// biome-ignore lint/suspicious/noEmptyInterface: an interface, so that packs can augment it (declaration merging); a type alias cannot be.
export interface ErrorCodes {}

/** A registered error code. Where no catalogue is in view (a node compiled alone), any code. */
export type ErrorCode = [keyof ErrorCodes] extends [never] ? string : Extract<keyof ErrorCodes, string>;

/** One located problem inside a submitted document. */
export interface Issue {
  /** JSON Pointer (RFC 6901) into the submitted document, '' for the whole document. */
  readonly path: string;
  readonly code: ErrorCode;
  readonly message: string;
}

const CODE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;
const registered = new Map<string, { readonly owner: string; readonly entry: ErrorCodeEntry }>();

/**
 * Checks a catalogue's shape (codes are upper snake case, `AREA_WHAT`;
 * statuses are HTTP error statuses) and returns it unchanged, typed.
 * Registering is separate: pass it as a plugin's `errors`.
 */
export function defineErrorCodes<const C extends Readonly<Record<string, ErrorCodeEntry>>>(codes: C): C {
  for (const [code, entry] of Object.entries(codes)) {
    if (!CODE.test(code)) throw new TypeError(`Error code "${code}" must be upper snake case, prefixed by its area, e.g. ACME_QUOTA_EXCEEDED.`);
    if (!Number.isInteger(entry.status) || entry.status < 400 || entry.status > 599)
      throw new TypeError(`Error code ${code} has status ${entry.status}; an error's status is 400-599.`);
  }
  return codes;
}

/**
 * Makes codes known to every SwitchboardError of this process. Registering the
 * same entries again (a second engine in one process) is harmless; a code that
 * another owner registered is refused, naming both owners, because a code
 * means one thing.
 */
export function registerErrorCodes(owner: string, codes: Readonly<Record<string, ErrorCodeEntry>>): void {
  defineErrorCodes(codes);
  for (const code of Object.keys(codes)) {
    const existing = registered.get(code);
    if (existing !== undefined && existing.owner !== owner) {
      throw new TypeError(`Error code ${code} of ${owner} is already registered by ${existing.owner}; a code means one thing, pick another.`);
    }
  }
  for (const [code, entry] of Object.entries(codes)) registered.set(code, { owner, entry });
}

/** The registered entry of a code, with who registered it; undefined when nobody did. */
export function findErrorCode(code: string): { readonly owner: string; readonly entry: ErrorCodeEntry } | undefined {
  return registered.get(code);
}

export interface SwitchboardErrorOptions {
  readonly path?: string;
  readonly issues?: readonly Issue[];
  readonly details?: Readonly<Record<string, unknown>>;
  readonly cause?: unknown;
  /** Overrides the catalogue's status, e.g. a node that maps an upstream 404. */
  readonly status?: number;
  /** Overrides the catalogue's kind, e.g. an upstream 4xx is the user's, a 5xx operational. */
  readonly kind?: ErrorKind;
}

export class SwitchboardError extends Error {
  override readonly name = 'SwitchboardError';
  readonly code: ErrorCode;
  readonly path: string | undefined;
  readonly issues: readonly Issue[] | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;
  /**
   * The catalogue's status and kind unless overridden. Read from the registry when
   * asked, not when thrown, so a plugin's error built before an engine registered
   * the plugin's codes still answers with its own. An unregistered code is a bug: 500.
   */
  declare readonly status: number;
  declare readonly kind: ErrorKind;

  constructor(code: ErrorCode, message: string, options: SwitchboardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path;
    this.issues = options.issues;
    this.details = options.details;
    // Own, enumerable accessors: they read like the plain fields they replace (spread, matchers).
    Object.defineProperties(this, {
      status: { enumerable: true, get: () => options.status ?? findErrorCode(code)?.entry.status ?? 500 },
      kind: { enumerable: true, get: () => options.kind ?? findErrorCode(code)?.entry.kind ?? 'bug' },
    });
  }

  /** The HTTP body every error response has: `{ statusCode, code, message, issues? }`. */
  toJSON(): { statusCode: number; code: ErrorCode; message: string; issues?: readonly Issue[] } {
    return {
      statusCode: this.status,
      code: this.code,
      message: this.message,
      ...(this.issues === undefined ? {} : { issues: this.issues }),
    };
  }
}

// Every copy of this module in a process would hold its own registry and class; the custom-node
// loader maps `@switchboard/sdk` to the engine's copy so that `instanceof` and codes agree.
export function isSwitchboardError(value: unknown): value is SwitchboardError {
  return value instanceof SwitchboardError;
}
