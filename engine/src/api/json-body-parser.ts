import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Issue, SwitchboardError } from '../errors.ts';
import { findTooDeepInText, MAX_JSON_DEPTH, measureJsonTextDepth } from '../graph/json-depth.ts';
import { findUnstorableText, mayHoldUnstorableText, type UnstorableText } from '../graph/storable-text.ts';
import { summarizeIssues } from '../graph/summarize-issues.ts';

type ParserDone = (error: Error | null, value?: unknown) => void;
type CallbackParser = (request: FastifyRequest, body: string, done: ParserDone) => void;

/**
 * The `application/json` parser every route uses. Parsing itself is Fastify's
 * default (secure-json-parse: `__proto__` and `constructor.prototype` keys are
 * refused, so a body can't poison prototypes later). Only a failure takes the
 * slow path, to tell the client *where* its JSON broke: Fastify's own error
 * says just "not valid JSON".
 *
 * Before parsing, one pass over the text measures how deep it nests: a body
 * deeper than MAX_JSON_DEPTH is refused with REQUEST_TOO_DEEP, so no route's
 * validator, walker or template ever sees it (a 100,000-level body used to
 * overflow their stacks into a 500). The pass costs a fraction of JSON.parse's
 * time (`pnpm bench:json-depth`). After parsing, strings Postgres cannot store
 * are refused with their pointers (REQUEST_INVALID).
 *
 * `onParsed` sees the exact text that was parsed; the webhook route keeps it
 * because an HMAC signature covers the raw bytes, not a re-serialization.
 */
export function jsonBodyParser(app: FastifyInstance, onParsed?: (request: FastifyRequest, text: string) => void): CallbackParser {
  // getDefaultJsonParser returns the callback form of FastifyBodyParser.
  const parseSecurely = app.getDefaultJsonParser('error', 'error') as CallbackParser;
  return (request, text, done) => {
    if (text.length === 0) {
      done(
        new SwitchboardError(
          'REQUEST_MALFORMED_JSON',
          'The request body is empty but its content-type is application/json. Send a JSON document, or no content-type header.',
        ),
        undefined,
      );
      return;
    }
    if (measureJsonTextDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(tooDeep(text), undefined);
      return;
    }
    parseSecurely(request, text, (error, value) => {
      if (error !== null) {
        done(new SwitchboardError('REQUEST_MALFORMED_JSON', describeJsonFailure(text)), undefined);
        return;
      }
      const unstorable = mayHoldUnstorableText(text) ? findUnstorableText(value) : [];
      if (unstorable.length > 0) {
        done(unstorableTextError(unstorable), undefined);
        return;
      }
      onParsed?.(request, text);
      done(null, value);
    });
  };
}

/**
 * The error for text the scan found too deep, with the pointer of the first
 * array or object past the limit. Read from the text, not parsed: the client
 * gets its answer without the server building the deep value at all. Text that
 * is also invalid JSON gets this error too, since nothing reads it either way.
 */
function tooDeep(text: string): SwitchboardError {
  const path = findTooDeepInText(text, MAX_JSON_DEPTH);
  return new SwitchboardError(
    'REQUEST_TOO_DEEP',
    `The request body nests arrays and objects ${measureJsonTextDepth(text)} levels deep; at most ${MAX_JSON_DEPTH} are accepted. Flatten the document${path === undefined ? '' : "; the issue's path points at the first value past the limit"}.`,
    path === undefined
      ? {}
      : {
          issues: [
            {
              path,
              code: 'REQUEST_TOO_DEEP',
              message: `This array or object opens level ${MAX_JSON_DEPTH + 1}; at most ${MAX_JSON_DEPTH} levels of arrays and objects are accepted.`,
            },
          ],
        },
  );
}

/**
 * U+0000 and lone surrogates parse as JSON but Postgres stores neither, so a
 * body holding one used to fail at its INSERT: a 422 that could not say where,
 * or, in a text column, a U+FFFD silently put in its place. Refused here with
 * the pointer of each, before any route writes anything.
 */
function unstorableTextError(found: readonly UnstorableText[]): SwitchboardError {
  const issues: Issue[] = found.map(({ path, defect, isKey }) => ({
    path,
    code: 'REQUEST_INVALID',
    message: `${path === '' ? '(document)' : path} ${isKey ? `has a key that ${defect}` : `is a string that ${defect}`}`,
  }));
  return new SwitchboardError('REQUEST_INVALID', `The request is invalid: ${summarizeIssues(issues)}`, { issues });
}

function describeJsonFailure(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return `The request body is not valid JSON: ${(error as Error).message}.`;
  }
  // Valid JSON that secure-json-parse refused.
  return 'The request body contains a "__proto__" or "constructor.prototype" key, which is not accepted. Rename the key.';
}
