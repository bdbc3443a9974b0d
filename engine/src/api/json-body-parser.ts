import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SwitchboardError } from '../errors.ts';

type ParserDone = (error: Error | null, value?: unknown) => void;
type CallbackParser = (request: FastifyRequest, body: string, done: ParserDone) => void;

/**
 * The `application/json` parser every route uses. Parsing itself is Fastify's
 * default (secure-json-parse: `__proto__` and `constructor.prototype` keys are
 * refused, so a body can't poison prototypes later). Only a failure takes the
 * slow path, to tell the client *where* its JSON broke: Fastify's own error
 * says just "not valid JSON".
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
    parseSecurely(request, text, (error, value) => {
      if (error !== null) {
        done(new SwitchboardError('REQUEST_MALFORMED_JSON', describeJsonFailure(text)), undefined);
        return;
      }
      onParsed?.(request, text);
      done(null, value);
    });
  };
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
