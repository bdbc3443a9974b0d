/**
 * The engine's one error class and its catalogue. Every code a client or an
 * operator can see is listed here with its HTTP status, who is at fault and a
 * one-line meaning; engine/ERRORS.md documents the same list and a test keeps
 * the two in step. Retired codes are never reused.
 */

/** Whose problem an error is. The executor decides retries from this, never from the message. */
export type ErrorKind =
  /** The caller's input or configuration is wrong: show it, don't retry, don't page anyone. */
  | 'user'
  /** Something outside us failed (network, upstream 5xx, a lost connection): retry with backoff. */
  | 'operational'
  /** Unexpected: a defect. Report it. */
  | 'bug';

interface CatalogueEntry {
  readonly status: number;
  readonly kind: ErrorKind;
  readonly summary: string;
}

export const errorCatalogue = {
  // Requests
  REQUEST_MALFORMED_JSON: { status: 400, kind: 'user', summary: 'The request body is not valid JSON.' },
  REQUEST_INVALID: { status: 422, kind: 'user', summary: 'The request does not match its schema; see issues.' },
  AUTH_REQUIRED: { status: 401, kind: 'user', summary: 'No valid bearer token was sent.' },
  AUTH_FORBIDDEN: { status: 403, kind: 'user', summary: 'The token may not do this.' },
  ROUTE_NOT_FOUND: { status: 404, kind: 'user', summary: 'No such route.' },
  PAYLOAD_TOO_LARGE: { status: 413, kind: 'user', summary: 'The request body is larger than the server accepts.' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, kind: 'user', summary: 'The request body must be application/json.' },

  // Workflow definitions
  DEFINITION_INVALID: { status: 422, kind: 'user', summary: 'The workflow definition does not match the definition schema.' },
  CONFIG_INVALID: { status: 422, kind: 'user', summary: "A node's config does not match its node type's schema." },
  CONFIG_REFERENCE_NOT_FOUND: { status: 422, kind: 'user', summary: "A node's config names a team, agent, field or other record that does not exist." },
  GRAPH_NO_TRIGGER: { status: 422, kind: 'user', summary: 'The workflow has no trigger node.' },
  GRAPH_MULTIPLE_TRIGGERS: { status: 422, kind: 'user', summary: 'The workflow has more than one trigger node.' },
  GRAPH_DUPLICATE_NODE_ID: { status: 422, kind: 'user', summary: 'Two nodes share one id.' },
  GRAPH_UNKNOWN_NODE_TYPE: { status: 422, kind: 'user', summary: 'A node uses a type that is not installed.' },
  GRAPH_UNKNOWN_PORT: { status: 422, kind: 'user', summary: 'An edge leaves a port its source node does not have.' },
  GRAPH_DANGLING_EDGE: { status: 422, kind: 'user', summary: 'An edge names a node that does not exist.' },
  GRAPH_EDGE_INTO_TRIGGER: { status: 422, kind: 'user', summary: 'An edge points into the trigger node.' },
  GRAPH_PORT_ALREADY_CONNECTED: { status: 422, kind: 'user', summary: 'A port has more than one outgoing edge.' },
  GRAPH_UNREACHABLE_NODE: { status: 422, kind: 'user', summary: 'A node cannot be reached from the trigger.' },
  GRAPH_LOOP_WITHOUT_WAIT: { status: 422, kind: 'user', summary: 'A cycle has neither a wait nor a bounded jump.' },
  GRAPH_UNKNOWN_JUMP_TARGET: { status: 422, kind: 'user', summary: 'A jump names a node that does not exist.' },

  // Workflows and versions
  WORKFLOW_NOT_FOUND: { status: 404, kind: 'user', summary: 'No workflow has this id.' },
  WORKFLOW_NOT_ACTIVE: { status: 409, kind: 'user', summary: 'The workflow is not published and active.' },
  WORKFLOW_TRIGGER_MISMATCH: { status: 409, kind: 'user', summary: "The workflow's trigger cannot be started this way." },
  WORKFLOW_REVISION_CONFLICT: { status: 409, kind: 'user', summary: 'The draft changed since the revision the write was based on.' },

  // Runs
  RUN_NOT_FOUND: { status: 404, kind: 'user', summary: 'No run has this id.' },
  RUN_NOT_CANCELLABLE: { status: 409, kind: 'user', summary: 'The run has already finished.' },
  RUN_CANCELLED: { status: 409, kind: 'user', summary: 'The run was cancelled (by a person, or restarted by its reentry setting).' },
  RUN_NODE_TYPE_MISSING: { status: 500, kind: 'user', summary: "A node type the run's version uses is no longer installed." },
  RUN_STEP_LIMIT: { status: 422, kind: 'user', summary: 'The run reached its step cap and was stopped.' },
  RUN_VERSION_MISSING: { status: 500, kind: 'bug', summary: "The run's pinned workflow version is gone." },

  // Steps
  STEP_FAILED: { status: 500, kind: 'bug', summary: 'A node threw an unexpected error.' },
  STEP_TIMEOUT: { status: 504, kind: 'operational', summary: 'An outside call did not answer in time.' },
  STEP_UPSTREAM_FAILED: { status: 502, kind: 'operational', summary: 'An outside call failed.' },
  STEP_INVALID_INPUT: { status: 422, kind: 'user', summary: 'A node got input it cannot work with (a rendered value, a variable).' },
  TEMPLATE_INVALID: { status: 422, kind: 'user', summary: 'A template in a node config cannot be parsed.' },

  // Templates
  TEMPLATE_NOT_FOUND: { status: 404, kind: 'user', summary: 'No bundled template has this id.' },
  TEMPLATE_PARAMETER_MISSING: { status: 422, kind: 'user', summary: 'A required template parameter was not given.' },
  TEMPLATE_PARAMETER_INVALID: { status: 422, kind: 'user', summary: 'A template parameter is unknown or has the wrong type.' },
  TEMPLATE_NODE_MISSING: { status: 422, kind: 'user', summary: 'The template uses node types that are not installed.' },
  TEMPLATE_FILE_INVALID: { status: 500, kind: 'bug', summary: 'A bundled template file is malformed.' },

  // Triggers
  EVENT_INVALID: { status: 422, kind: 'user', summary: 'The event does not match the event schema.' },
  WEBHOOK_SIGNATURE_INVALID: { status: 401, kind: 'user', summary: "The webhook's HMAC signature is missing or wrong." },

  // Inbox
  INBOX_AGENT_NOT_FOUND: { status: 404, kind: 'user', summary: 'No agent has this id.' },
  INBOX_TEAM_NOT_FOUND: { status: 404, kind: 'user', summary: 'No team has this id.' },
  INBOX_CONTACT_NOT_FOUND: { status: 404, kind: 'user', summary: 'No contact has this id.' },
  INBOX_CONVERSATION_NOT_FOUND: { status: 404, kind: 'user', summary: 'No conversation has this id.' },
  INBOX_SNIPPET_NOT_FOUND: { status: 404, kind: 'user', summary: 'No snippet has this id or shortcut.' },
  INBOX_CONTACT_FIELD_NOT_FOUND: { status: 422, kind: 'user', summary: 'No contact field is defined with this key.' },
  INBOX_FIELD_VALUE_INVALID: { status: 422, kind: 'user', summary: "A contact field value does not match the field's type or options." },
  INBOX_CHANNEL_UNKNOWN: { status: 422, kind: 'user', summary: 'No channel adapter is configured with this name.' },
  INBOX_EMAIL_TAKEN: { status: 409, kind: 'user', summary: 'Another agent already has this email.' },
  INBOX_TEAM_NAME_TAKEN: { status: 409, kind: 'user', summary: 'Another team already has this name.' },
  INBOX_SNIPPET_SHORTCUT_TAKEN: { status: 409, kind: 'user', summary: 'Another snippet already has this shortcut.' },
  INBOX_CONTACT_FIELD_TAKEN: { status: 409, kind: 'user', summary: 'A contact field with this key is already defined.' },
  INBOX_CONVERSATION_CLOSED: { status: 409, kind: 'user', summary: 'The conversation is closed; reopen it first.' },
  INBOX_CONVERSATION_ALREADY_OPEN: { status: 409, kind: 'user', summary: "The contact already has another open conversation." },
  INBOX_CAPACITY_FULL: { status: 409, kind: 'user', summary: 'The agent already holds as many open conversations as its capacity allows.' },
  INBOX_DELIVERY_FAILED: { status: 502, kind: 'operational', summary: 'A channel did not accept an outbound message.' },

  // Node registration (start-up)
  NODE_DUPLICATE_TYPE: { status: 500, kind: 'user', summary: 'Two node packs define the same type id.' },
  NODE_DEFINITION_INVALID: { status: 500, kind: 'user', summary: 'A node definition is malformed (bad id, schema or ports).' },
  NODE_MODULE_INVALID: { status: 500, kind: 'user', summary: 'A custom node module failed to load or exports no node.' },

  // Operations
  DATABASE_TOO_NEW: { status: 500, kind: 'user', summary: 'The database was migrated by a newer Switchboard than this one.' },
  CONFIG_ENV_INVALID: { status: 500, kind: 'user', summary: 'An environment variable has an invalid value.' },
  INTERNAL: { status: 500, kind: 'bug', summary: 'An unexpected error; it has been logged.' },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

/** One located problem inside a submitted document. */
export interface Issue {
  /** JSON Pointer (RFC 6901) into the submitted document, '' for the whole document. */
  readonly path: string;
  readonly code: ErrorCode;
  readonly message: string;
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
  readonly status: number;
  readonly kind: ErrorKind;
  readonly path: string | undefined;
  readonly issues: readonly Issue[] | undefined;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: SwitchboardErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const entry = errorCatalogue[code];
    this.code = code;
    this.status = options.status ?? entry.status;
    this.kind = options.kind ?? entry.kind;
    this.path = options.path;
    this.issues = options.issues;
    this.details = options.details;
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

export function isSwitchboardError(value: unknown): value is SwitchboardError {
  return value instanceof SwitchboardError;
}

/** The recorded form of an error on a step or run row. */
export interface RecordedError {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function toRecordedError(error: unknown): RecordedError {
  if (isSwitchboardError(error)) {
    return {
      code: error.code,
      kind: error.kind,
      message: error.message,
      ...(error.details === undefined ? {} : { details: error.details }),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'STEP_FAILED', kind: 'bug', message };
}
