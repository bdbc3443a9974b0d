import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type ErrorCode, type Issue, isSwitchboardError } from '../errors.ts';
import { escapePointerSegment } from '../graph/json-pointer.ts';
import { ajvIssues } from '../graph/validate-definition.ts';
import type { Logger } from '../logger.ts';
import { summarizeIssues } from '../graph/summarize-issues.ts';
import { databaseUnavailable, transientDatabaseError } from '../transient-database-error.ts';

/** The one shape of every error response. */
export interface ErrorBody {
  readonly statusCode: number;
  readonly code: ErrorCode;
  readonly message: string;
  readonly issues?: readonly Issue[];
}

/**
 * Postgres SQLSTATEs a client's value can cause even after schema validation:
 * a `\u0000` inside event data (jsonb refuses it) or inside a text column. The
 * request is at fault, so it must not look like an outage (500) to the caller.
 */
const CLIENT_DATA_SQLSTATES: ReadonlyMap<string, string> = new Map([
  ['22P05', 'a \\u0000 character in JSON data'], // untranslatable_character
  ['22021', 'a \\u0000 character in text'], // character_not_in_repertoire
  ['22P02', 'a value of the wrong form, such as a malformed id'], // invalid_text_representation
  ['22003', 'a number out of range'], // numeric_value_out_of_range
  ['22007', 'a malformed date or time'], // invalid_datetime_format
  ['22008', 'a date or time out of range'], // datetime_field_overflow
  ['54000', 'a value nested or sized past its limits'], // program_limit_exceeded: e.g. jsonb nested too deeply
]);

/**
 * Maps anything a route throws to `{ statusCode, code, message, issues? }`.
 * Unexpected errors become a generic 500 INTERNAL: the details go to the log,
 * keyed by request id, never to the client.
 */
export function createErrorHandler(log: Logger): (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => {
    const body = toErrorBody(error, request, log);
    if (body.code === 'AUTH_REQUIRED') void reply.header('www-authenticate', 'Bearer');
    // The rate bound counts the last second; by then the start may pass.
    if (body.code === 'RUN_RATE_LIMIT') void reply.header('retry-after', '1');
    const retryAfterSeconds = isSwitchboardError(error) ? error.details?.['retryAfterSeconds'] : undefined;
    if (body.code === 'SIGN_IN_THROTTLED' && typeof retryAfterSeconds === 'number') void reply.header('retry-after', String(retryAfterSeconds));
    // Both pass on their own: worth sending the request again (with its idempotency key, where it has one).
    if (body.code === 'DATABASE_UNAVAILABLE' || body.code === 'DATABASE_TRANSIENT') void reply.header('retry-after', '1');
    void reply.status(body.statusCode).send(body);
  };
}

/** For requests no route matches. */
export function handleNotFound(request: FastifyRequest, reply: FastifyReply): void {
  const path = request.url.split('?', 1)[0] ?? request.url;
  const body: ErrorBody = { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: `No route ${request.method} ${path}. The API reference is at /docs.` };
  void reply.status(404).send(body);
}

function toErrorBody(error: FastifyError, request: FastifyRequest, log: Logger): ErrorBody {
  // Postgres away (a restart, a failover) is an outage, not a bug: 503.
  const unavailable = isSwitchboardError(error) && error.kind !== 'bug' ? undefined : databaseUnavailable(error);
  if (unavailable !== undefined) {
    log.debug('request failed: the database is unavailable', { reqId: request.id, method: request.method, url: request.url, reason: unavailable });
    return {
      statusCode: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: `The database is unavailable for now (${unavailable}: a restart or a failover). Send the request again in a moment; one with an idempotency key is applied once. Request id ${request.id}.`,
    };
  }
  if (isSwitchboardError(error)) {
    // An outage is logged once by the engine (database-outages.ts), not once per request it fails.
    if (error.code === 'DATABASE_UNAVAILABLE') log.debug('request failed', { reqId: request.id, method: request.method, url: request.url, error });
    else if (error.status >= 500) log.error('request failed', { reqId: request.id, method: request.method, url: request.url, error });
    return error.toJSON();
  }
  if (error.validation !== undefined) {
    // No body at all where fields are required: say that, not "(document) must be object".
    const issues: Issue[] =
      error.validationContext === 'body' && request.body === undefined
        ? [{ path: '', code: 'REQUEST_INVALID', message: '(document) is missing: this route takes a JSON object; send one with content-type application/json' }]
        : requestIssues(error);
    return { statusCode: 422, code: 'REQUEST_INVALID', message: `The request is invalid: ${summarizeIssues(issues)}`, issues };
  }
  // Malformed JSON never gets here as a Fastify error: jsonBodyParser throws
  // REQUEST_MALFORMED_JSON itself, with the parser's message.
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': {
      const contentType = request.headers['content-type'];
      const found = contentType === undefined ? 'The request has a body but no content-type' : `Content-type "${contentType}" is not accepted`;
      return { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: `${found}; send the body as application/json.` };
    }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        statusCode: 413,
        code: 'PAYLOAD_TOO_LARGE',
        message: `The request body is larger than the ${request.routeOptions.bodyLimit} bytes this route accepts.`,
      };
  }
  const sqlState = postgresSqlState(error);
  if (sqlState !== undefined && CLIENT_DATA_SQLSTATES.has(sqlState)) {
    // The database's own text stays in the log: it can quote other rows' values, and
    // names tables and constraints a client has no business knowing.
    log.warn('request refused by the database', {
      reqId: request.id,
      method: request.method,
      route: request.routeOptions.url,
      sqlState,
      message: error.message,
    });
    return {
      statusCode: 422,
      code: 'REQUEST_INVALID',
      message: `The request contains a value the database cannot store (${CLIENT_DATA_SQLSTATES.get(sqlState)}); remove \\u0000 characters and check ids, numbers and dates. Request id ${request.id}.`,
    };
  }
  const transient = sqlState === undefined ? undefined : transientDatabaseError(error);
  if (transient !== undefined) {
    log.warn('request hit a transient database error', { reqId: request.id, method: request.method, route: request.routeOptions.url, sqlState: transient });
    return {
      statusCode: 503,
      code: 'DATABASE_TRANSIENT',
      message: `The database refused the request for a passing reason (${transient}: a deadlock, a lock or statement timeout); nothing was written. Send it again. Request id ${request.id}.`,
    };
  }
  // Other 4xx errors Fastify raises itself (a malformed URL or content-length): the
  // request is at fault, and Fastify's message names what is wrong without internals.
  const status = error.statusCode;
  if (sqlState === undefined && status !== undefined && status >= 400 && status < 500) {
    return { statusCode: status, code: 'REQUEST_INVALID', message: error.message };
  }
  log.error('request failed', { reqId: request.id, method: request.method, url: request.url, error });
  return { statusCode: 500, code: 'INTERNAL', message: `An unexpected error occurred; it has been logged with request id ${request.id}.` };
}

/**
 * Locates each problem with a JSON Pointer. A body is the submitted document, so
 * its pointers are used as they are (`/type`); query string and path parameters are
 * pointed at under `/query` and `/params` (`/query/limit`).
 */
function requestIssues(error: FastifyError): Issue[] {
  const prefix =
    error.validationContext === 'querystring'
      ? '/query'
      : error.validationContext === 'body' || error.validationContext === undefined
        ? ''
        : `/${escapePointerSegment(error.validationContext)}`;
  return ajvIssues(error.validation ?? [], prefix, 'REQUEST_INVALID');
}

/** pg's DatabaseError carries a five-character SQLSTATE in `code` and a `severity`. */
function postgresSqlState(error: Error): string | undefined {
  const { code, severity } = error as { code?: unknown; severity?: unknown };
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string' ? code : undefined;
}
