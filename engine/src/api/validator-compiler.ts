import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function createRequestAjv(coerceTypes: boolean): Ajv {
  const ajv = new Ajv({
    // Every problem at once, as the definition validator reports them (docs/ARCHITECTURE.md, Conventions).
    // Bodies are capped by bodyLimit, so allErrors can't be driven into a long loop.
    allErrors: true,
    coerceTypes,
    useDefaults: true,
    // Fastify's default silently drops unknown properties; we refuse them with a path
    // instead, so a misspelt `idempotency_key` is reported rather than ignored.
    removeAdditional: false,
    strict: false,
    // Errors carry their schema and data, so an anyOf is worded as one message (ajv-issues.ts).
    verbose: true,
  });
  addFormats(ajv);
  return ajv;
}

// Query strings and path params are text, so `?limit=20` must become 20. Bodies are
// JSON and keep their types: `{ "type": 5 }` is an error, not the string "5" that
// Fastify's default (`coerceTypes: 'array'`) would make of it.
const bodyAjv = createRequestAjv(false);
const textAjv = createRequestAjv(true);

/** Compiles route schemas for request validation; failures reach the error handler as `error.validation`. */
export const validatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema);
