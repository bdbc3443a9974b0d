/**
 * The engine's catalogue of its own error codes. Every code of the engine a
 * client or an operator can see is listed here with its HTTP status, who is at
 * fault and a one-line meaning; plugins register theirs (a plugin's `errors`).
 * engine/ERRORS.md documents both and a test keeps them in step. Retired codes
 * are never reused. The error class itself is the SDK's.
 */

import { type ErrorCode, type ErrorCodeEntry, type ErrorKind, isSwitchboardError, registerErrorCodes } from '@switchboard/sdk';
import { databaseUnavailable, transientDatabaseError } from './transient-database-error.ts';

// The class and the open list of codes live in the SDK, which nodes depend on alone.
export { isSwitchboardError, SwitchboardError } from '@switchboard/sdk';
export type { ErrorCode, ErrorCodeEntry, ErrorKind, Issue, SwitchboardErrorOptions } from '@switchboard/sdk';

export const errorCatalogue = {
  // Requests
  REQUEST_MALFORMED_JSON: { status: 400, kind: 'user', summary: 'The request body is not valid JSON.' },
  REQUEST_INVALID: { status: 422, kind: 'user', summary: 'The request does not match its schema; see issues.' },
  REQUEST_TOO_DEEP: {
    status: 400,
    kind: 'user',
    summary: 'The request body, or a payload sent inside the engine, nests arrays and objects more than 128 levels deep.',
  },
  AUTH_REQUIRED: { status: 401, kind: 'user', summary: 'No valid bearer token or session cookie was sent.' },
  AUTH_FORBIDDEN: { status: 403, kind: 'user', summary: "The caller's role may not do this." },
  CSRF_REJECTED: { status: 403, kind: 'user', summary: "A change sent with a session cookie did not come from the server's own pages." },
  ROUTE_NOT_FOUND: { status: 404, kind: 'user', summary: 'No such route.' },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    kind: 'user',
    summary: 'The request body, or an event, run input or signal sent from inside the engine, is larger than accepted.',
  },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, kind: 'user', summary: 'The request body must be application/json.' },

  // People and sign-in
  SIGN_IN_FAILED: { status: 401, kind: 'user', summary: 'The email or password is not right.' },
  SIGN_IN_THROTTLED: {
    status: 429,
    kind: 'user',
    summary: 'Too many wrong passwords for the account or from the address; try again after Retry-After seconds.',
  },
  USER_DEACTIVATED: { status: 403, kind: 'user', summary: 'The account is deactivated.' },
  USER_NOT_FOUND: { status: 404, kind: 'user', summary: 'No person has this id.' },
  USER_EMAIL_TAKEN: { status: 409, kind: 'user', summary: 'Another person already has this email.' },
  LAST_ADMIN: { status: 409, kind: 'user', summary: 'The change would leave no active admin.' },
  NOT_A_PERSON: { status: 409, kind: 'user', summary: 'A machine token belongs to no one, so it has no profile, password or tokens of its own.' },
  PASSWORD_TOO_WEAK: { status: 422, kind: 'user', summary: 'The password is shorter than 10 characters (or longer than 200).' },
  CURRENT_PASSWORD_WRONG: { status: 422, kind: 'user', summary: 'The current password given to change it is not right.' },
  SETUP_DONE: { status: 409, kind: 'user', summary: 'Someone already has an account, so the setup link no longer applies.' },
  SETUP_TOKEN_INVALID: { status: 403, kind: 'user', summary: 'The setup link is not valid: expired, or replaced by a later start.' },
  INVITE_INVALID: { status: 403, kind: 'user', summary: 'The invitation or reset link expired, was used or was replaced.' },
  API_TOKEN_NOT_FOUND: { status: 404, kind: 'user', summary: 'No API token has this id.' },

  // Workflow definitions
  DEFINITION_INVALID: { status: 422, kind: 'user', summary: 'The workflow definition does not match the definition schema.' },
  CONFIG_INVALID: { status: 422, kind: 'user', summary: "A node's config does not match its node type's schema." },
  CONFIG_REFERENCE_NOT_FOUND: { status: 422, kind: 'user', summary: "A node's config names a team, agent, field, secret or other record that does not exist." },
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
  WORKFLOW_ARCHIVED: { status: 409, kind: 'user', summary: 'The workflow is archived; restore it before editing or publishing it.' },
  WORKFLOW_HAS_RUNS: { status: 409, kind: 'user', summary: 'The workflow has runs, so it is archived rather than deleted.' },
  WORKFLOW_REVISION_CONFLICT: { status: 409, kind: 'user', summary: 'The draft changed since the revision the write was based on.' },
  WORKFLOW_VERSION_NOT_FOUND: { status: 404, kind: 'user', summary: 'The workflow has no published version with this number.' },

  // Runs
  RUN_NOT_FOUND: { status: 404, kind: 'user', summary: 'No run has this id.' },
  RUN_NOT_CANCELLABLE: { status: 409, kind: 'user', summary: 'The run has already finished.' },
  RUN_NOT_RETRYABLE: { status: 409, kind: 'user', summary: 'Only a failed run can be retried.' },
  RUN_CANCELLED: { status: 409, kind: 'user', summary: 'The run was cancelled (by a person, or restarted by its reentry setting).' },
  RUN_NODE_TYPE_MISSING: { status: 500, kind: 'user', summary: "A node type the run's version uses is no longer installed." },
  RUN_STEP_LIMIT: { status: 422, kind: 'user', summary: 'The run reached its step cap and was stopped.' },
  RUN_DEPTH_LIMIT: { status: 422, kind: 'user', summary: 'A run may not start another: the new run would be deeper in its chain than the depth bound.' },
  RUN_RATE_LIMIT: { status: 429, kind: 'user', summary: 'A run may not start another: the workflow had its most runs started by runs in the last second.' },
  RUN_VARIABLES_TOO_LARGE: { status: 422, kind: 'user', summary: "A step set a run variable, or made the run's variables, larger than their size cap." },
  RUN_VERSION_MISSING: { status: 500, kind: 'bug', summary: "The run's pinned workflow version is gone." },
  RUN_JOB_FAILED: { status: 500, kind: 'bug', summary: "The job that moves the run failed for good; the run was stopped with the job's error." },

  // Test chats
  TEST_NOT_FOUND: { status: 404, kind: 'user', summary: 'No test chat has this id (it may have been cleaned up).' },
  TEST_TRIGGER_UNSUPPORTED: { status: 422, kind: 'user', summary: "A test chat can only drive a flow that a conversation's events start." },

  // Steps
  STEP_FAILED: { status: 500, kind: 'bug', summary: 'A node threw an unexpected error.' },
  STEP_TIMEOUT: { status: 504, kind: 'operational', summary: 'A step or an outside call did not finish within its deadline.' },
  STEP_UPSTREAM_FAILED: { status: 502, kind: 'operational', summary: 'An outside call failed.' },
  STEP_OUTPUT_INVALID: { status: 500, kind: 'bug', summary: 'A node returned a value that cannot be stored as JSON (a BigInt, a cycle, a function).' },
  STEP_OUTPUT_TOO_LARGE: { status: 422, kind: 'user', summary: "A node returned an output, wait state or error details larger than a step's size cap." },
  STEP_INVALID_INPUT: { status: 422, kind: 'user', summary: 'A node got input it cannot work with (a rendered value, a variable).' },
  TEMPLATE_INVALID: { status: 422, kind: 'user', summary: 'A template in a node config cannot be parsed.' },
  STEP_EFFECT_NOT_ALLOWED: {
    status: 500,
    kind: 'bug',
    summary: "A node with effects 'external' called ctx.emit or ctx.startWorkflow, which need the step's transaction.",
  },

  // Outbound HTTP
  HTTP_DESTINATION_UNREACHABLE: {
    status: 502,
    kind: 'operational',
    summary: 'An outside call reached nothing: its address is refused by the egress policy, did not resolve or did not answer.',
  },

  // Templates
  TEMPLATE_NOT_FOUND: { status: 404, kind: 'user', summary: 'No bundled template has this id.' },
  TEMPLATE_PARAMETER_MISSING: { status: 422, kind: 'user', summary: 'A required template parameter was not given.' },
  TEMPLATE_PARAMETER_INVALID: { status: 422, kind: 'user', summary: 'A template parameter is unknown or has the wrong type.' },
  TEMPLATE_NODE_MISSING: { status: 422, kind: 'user', summary: 'The template uses node types that are not installed.' },
  TEMPLATE_FILE_INVALID: { status: 500, kind: 'bug', summary: 'A bundled template file is malformed.' },

  // Triggers
  EVENT_INVALID: { status: 422, kind: 'user', summary: 'The event does not match the event schema.' },
  WEBHOOK_SIGNATURE_INVALID: { status: 401, kind: 'user', summary: "The webhook's HMAC signature is missing or wrong." },

  // Secrets
  SECRET_NOT_FOUND: { status: 404, kind: 'user', summary: 'No secret has this name.' },
  SECRET_REFERENCE_INVALID: {
    status: 422,
    kind: 'user',
    summary: 'A template reads secrets by a name known only when it runs, as a whole, or by an invalid name.',
  },
  SECRETS_KEY_MISSING: { status: 500, kind: 'user', summary: 'Secrets are used, but this process has no secrets key (SWITCHBOARD_SECRETS_KEY).' },
  SECRET_UNREADABLE: { status: 500, kind: 'user', summary: 'A stored secret cannot be decrypted with the keys this process has.' },

  // Node registration (start-up)
  NODE_DUPLICATE_TYPE: { status: 500, kind: 'user', summary: 'Two node packs define the same type id.' },
  NODE_DEFINITION_INVALID: {
    status: 500,
    kind: 'user',
    summary: 'A node definition is malformed (bad id, schema, annotations, ports, output schema or translations).',
  },
  NODE_MODULE_INVALID: { status: 500, kind: 'user', summary: 'A custom node module failed to load or exports no node.' },
  PLUGIN_INVALID: {
    status: 500,
    kind: 'user',
    summary: 'A plugin is malformed: its name, a queue, an error code or a scope root it describes collides or is invalid.',
  },

  // Operations
  DATABASE_TOO_NEW: { status: 500, kind: 'user', summary: 'The database was migrated by a newer Switchboard than this one.' },
  CONFIG_ENV_INVALID: { status: 500, kind: 'user', summary: 'An environment variable has an invalid value.' },
  DATABASE_TRANSIENT: {
    status: 503,
    kind: 'operational',
    summary: 'Postgres refused a statement for a passing reason (deadlock, serialization failure, lock or statement timeout).',
  },
  DATABASE_UNREACHABLE: { status: 503, kind: 'operational', summary: 'Postgres could not be reached or refused the connection.' },
  DATABASE_UNAVAILABLE: {
    status: 503,
    kind: 'operational',
    summary: 'Postgres went away (a restart, a failover, a lost connection); the request can be sent again once it is back.',
  },
  INTERNAL: { status: 500, kind: 'bug', summary: 'An unexpected error; it has been logged.' },
} as const satisfies Record<string, ErrorCodeEntry>;

/** The engine's own codes; the SDK's open `ErrorCode` includes them. */
export type EngineErrorCode = keyof typeof errorCatalogue;
type EngineErrorCodes = typeof errorCatalogue;

declare module '@switchboard/sdk' {
  interface ErrorCodes extends EngineErrorCodes {}
}

// The engine's catalogue is data the SDK's error class reads. Every engine module that throws
// imports this one (directly, or through ./sdk.ts), so it is registered before any status is read.
registerErrorCodes('the engine', errorCatalogue);

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
  const unavailable = databaseUnavailable(error);
  if (unavailable !== undefined) return { code: 'DATABASE_UNAVAILABLE', kind: 'operational', message, details: { reason: unavailable } };
  const transient = transientDatabaseError(error);
  if (transient !== undefined) return { code: 'DATABASE_TRANSIENT', kind: 'operational', message, details: { sqlState: transient } };
  return { code: 'STEP_FAILED', kind: 'bug', message };
}
