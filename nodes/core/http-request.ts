import {
  defineNode,
  formatRunChain,
  isSwitchboardError,
  RUN_CHAIN_HEADER,
  Type,
  type ConfigIssue,
  type ErrorCode,
  type Static,
  type StepContext,
  type StepResult,
} from '@switchboard/sdk';
import { hasTemplate } from './has-template.ts';
import { readResponseBody, type ResponseBody } from './read-response-body.ts';
import { parseRetryAfter, retryDelayMs } from './retry-delay.ts';
import { stringEnum } from './string-enum.ts';
import { variableNameSchema } from './variable-name.ts';

/** Response headers worth keeping in the output; the rest would bloat every step row. */
const keptResponseHeaders = ['content-type', 'content-length', 'location', 'etag', 'retry-after', 'x-request-id'] as const;

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

const configSchema = Type.Object(
  {
    method: stringEnum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], {
      default: 'GET',
      title: 'Method',
      description: 'The HTTP method. Defaults to GET.',
      labels: { GET: 'GET', POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE' },
    }),
    // Not `format: uri`: the schema sees the text before templates are rendered,
    // so `https://crm.example.com/contacts/{{ contact.id }}` must pass. The
    // rendered URL is checked at run time.
    url: Type.String({
      minLength: 1,
      'x-template': true,
      title: 'URL',
      description: 'The http or https address to call; may use templates, e.g. https://crm.example.com/contacts/{{ contact.id }}.',
    }),
    headers: Type.Record(Type.String(), Type.String({ 'x-template': true }), {
      default: {},
      title: 'Headers',
      description: 'Request headers; values may use templates. Idempotency-Key is always set, to a key that stays the same across retries of this step.',
    }),
    body: Type.Optional(
      Type.Unknown({
        'x-template': true,
        'x-when': { method: ['POST', 'PUT', 'PATCH', 'DELETE'] },
        title: 'Body',
        description: 'JSON sent with POST, PUT, PATCH or DELETE; text inside may use templates.',
      }),
    ),
    timeoutMs: Type.Integer({
      minimum: 100,
      maximum: 120_000,
      default: 10_000,
      title: 'Timeout (ms)',
      description: 'How long to wait for the whole answer before counting the attempt as failed. Defaults to 10000.',
    }),
    retries: Type.Integer({
      minimum: 0,
      maximum: 10,
      default: 2,
      title: 'Retries',
      description: 'How many more times to try after a network error, a timeout, a 408, a 429 or a 5xx. Defaults to 2.',
    }),
    retryBackoffMs: Type.Integer({
      minimum: 100,
      maximum: 600_000,
      default: 1_000,
      title: 'Retry backoff (ms)',
      description: 'Wait before the first retry; doubles each time, with jitter, up to 10 minutes. A Retry-After header is honoured. Defaults to 1000.',
    }),
    saveAs: Type.Optional(
      variableNameSchema('Save as variable', 'Also store the result (success or failure) in this run variable, read later as vars.<name>.'),
    ),
  },
  { additionalProperties: false },
);
type Config = Static<typeof configSchema>;

interface Failure {
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * Calls an HTTP endpoint outside Switchboard. Effects there happen at least
 * once (promise 2): the request carries `Idempotency-Key`, stable across
 * retries and crashes of this visit, so the far side can deduplicate.
 * 2xx leaves through `success`; a 4xx at once, or any failure once retries
 * are spent, leaves through `failure` with the reason.
 *
 * The call goes through `ctx.fetch`, under the egress policy: private,
 * loopback, link-local and metadata addresses are refused unless allowed, on
 * every redirect hop (redirects are followed as fetch follows them, up to 20),
 * and every destination that could not be reached fails with one text
 * (HTTP_DESTINATION_UNREACHABLE), so a flow cannot scan the network it runs in.
 *
 * ```json
 * { "method": "POST", "url": "https://crm.example.com/leads", "body": { "email": "{{ contact.email }}" }, "saveAs": "lead" }
 * ```
 */
export const httpRequest = defineNode({
  type: 'core.http_request',
  title: 'HTTP request',
  category: 'Integrations',
  description: 'Calls an HTTP endpoint with retries and a timeout, and routes by whether it succeeded.',
  kind: 'step',
  effects: 'external',
  // Above the config's own timeout (at most 120 s), so a slow answer is reported by the node, with its target.
  timeoutMs: 125_000,
  configSchema,
  outputSchema: {
    type: 'object',
    description: 'Also stored in the variable named by "Save as variable", when set.',
    properties: {
      status: { type: 'integer', description: 'The HTTP status of the answer, e.g. 200; absent when no answer came.' },
      ok: { type: 'boolean', description: 'Whether the answer was a 2xx.' },
      headers: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'Some response headers: content-type, content-length, location, etag, retry-after, x-request-id.',
      },
      body: { description: 'The response body: parsed JSON when the answer says it is JSON, else text; null when empty.' },
      truncated: { type: 'boolean', description: 'True when the body was longer than 256 KB and only its start is kept, as text.' },
      error: {
        type: 'object',
        description: 'Failure: why, as a code (STEP_UPSTREAM_FAILED, STEP_TIMEOUT, HTTP_DESTINATION_UNREACHABLE, ...) and a message.',
        properties: {
          code: { type: 'string', description: 'The error code, e.g. STEP_UPSTREAM_FAILED.' },
          message: { type: 'string', description: 'What went wrong, naming the request.' },
        },
        required: ['code', 'message'],
        additionalProperties: false,
      },
    },
    required: ['ok'],
    additionalProperties: false,
    examples: [
      { status: 200, ok: true, headers: { 'content-type': 'application/json' }, body: { id: 'lead_123', owner: 'ana@example.com' } },
      {
        status: 404,
        ok: false,
        headers: { 'content-type': 'application/json' },
        body: { message: 'Not found' },
        error: { code: 'STEP_UPSTREAM_FAILED', message: 'GET https://crm.example.com/contacts/42 answered 404 Not Found.' },
      },
    ],
  },
  summaryFields: ['method', 'url', 'saveAs'],
  ports: ['success', 'failure'],
  portLabels: { success: 'Success', failure: 'Failure' },
  translations: {
    es: {
      title: 'Solicitud HTTP',
      category: 'Integraciones',
      description: 'Llama a una dirección HTTP con reintentos y un tiempo límite, y sigue por «Éxito» o por «Fallo» según el resultado.',
      config: {
        '/properties/method': {
          title: 'Método',
          description: 'El método HTTP. Por defecto, GET.',
          enumNames: { GET: 'GET', POST: 'POST', PUT: 'PUT', PATCH: 'PATCH', DELETE: 'DELETE' },
        },
        '/properties/url': {
          title: 'URL',
          description: 'La dirección http o https a la que se llama; admite plantillas, p. ej. https://crm.example.com/contacts/{{ contact.id }}.',
        },
        '/properties/headers': {
          title: 'Encabezados',
          description:
            'Encabezados de la solicitud; los valores admiten plantillas. Idempotency-Key siempre se envía, con una clave que no cambia entre los reintentos de este paso.',
        },
        '/properties/body': { title: 'Cuerpo', description: 'El JSON que se envía con POST, PUT, PATCH o DELETE; el texto que contiene admite plantillas.' },
        '/properties/timeoutMs': {
          title: 'Tiempo límite (ms)',
          description: 'Cuánto esperar la respuesta completa antes de dar el intento por fallido. Por defecto, 10000.',
        },
        '/properties/retries': {
          title: 'Reintentos',
          description: 'Cuántas veces más intentarlo tras un error de red, un tiempo agotado, un 408, un 429 o un 5xx. Por defecto, 2.',
        },
        '/properties/retryBackoffMs': {
          title: 'Espera entre reintentos (ms)',
          description:
            'Lo que se espera antes del primer reintento; se duplica cada vez, con una variación aleatoria, hasta 10 minutos. Se respeta el encabezado Retry-After. Por defecto, 1000.',
        },
        '/properties/saveAs': {
          title: 'Guardar en la variable',
          description: 'Guarda además el resultado (éxito o fallo) en esta variable de la ejecución, que después se lee como vars.<nombre>.',
        },
      },
      output: {
        '': { description: 'También se guarda en la variable indicada en «Guardar en la variable», si la hay.' },
        '/properties/status': { description: 'El estado HTTP de la respuesta, p. ej. 200; no está si no llegó respuesta.' },
        '/properties/ok': { description: 'Si la respuesta fue un 2xx.' },
        '/properties/headers': {
          description: 'Algunos encabezados de la respuesta: content-type, content-length, location, etag, retry-after, x-request-id.',
        },
        '/properties/body': {
          description: 'El cuerpo de la respuesta: el JSON ya leído si la respuesta dice que es JSON, si no, el texto; null si está vacío.',
        },
        '/properties/truncated': { description: 'True si el cuerpo pasaba de 256 KB y solo se guarda su principio, como texto.' },
        '/properties/error/properties/code': { description: 'El código del error, p. ej. STEP_UPSTREAM_FAILED.' },
        '/properties/error/properties/message': { description: 'Qué salió mal, con la solicitud.' },
        '/properties/error': {
          description: 'Si falló: por qué, con un código (STEP_UPSTREAM_FAILED, STEP_TIMEOUT, HTTP_DESTINATION_UNREACHABLE, ...) y un mensaje.',
        },
      },
      ports: { success: 'Éxito', failure: 'Fallo' },
    },
  },
  validate: (config) => {
    const issues: ConfigIssue[] = [];
    if (!hasTemplate(config.url) && httpUrl(config.url) === undefined) {
      issues.push({ path: '/url', message: `"${config.url}" is not an http or https URL, e.g. https://api.example.com/orders.` });
    }
    for (const name of Object.keys(config.headers)) {
      if (!HEADER_NAME.test(name)) {
        issues.push({ path: `/headers/${name.replaceAll('~', '~0')}`, message: `"${name}" is not a valid header name: use letters, digits and - only.` });
      }
    }
    if (config.method === 'GET' && config.body !== undefined) {
      issues.push({ path: '/body', message: 'A GET request carries no body. Choose POST, PUT, PATCH or DELETE, or remove the body.' });
    }
    return issues;
  },
  run: async (ctx) => {
    const { config } = ctx;
    const url = httpUrl(config.url);
    if (url === undefined) {
      return fail(ctx, { ok: false, error: { code: 'STEP_INVALID_INPUT', message: `"${config.url}" is not an http or https URL.` } });
    }
    let init: RequestInit;
    try {
      init = requestInit(ctx);
    } catch (error) {
      return fail(ctx, { ok: false, error: { code: 'STEP_INVALID_INPUT', message: `The request headers are invalid: ${reasonOf(error)}.` } });
    }
    // Named without the query string, which often carries an API key.
    const target = `${config.method} ${url.origin}${url.pathname}`;
    const timeout = AbortSignal.timeout(config.timeoutMs);
    let response: Response;
    let body: ResponseBody;
    try {
      response = await ctx.fetch(url, { ...init, signal: AbortSignal.any([timeout, ctx.abortSignal]) });
      // Inside the try and under the same signal: the timeout covers the whole answer, not only its headers.
      body = await readResponseBody(response);
    } catch (error) {
      if (ctx.abortSignal.aborted) {
        // Shutting down is not the far side's fault: try again after the restart, whatever the attempt count.
        return ctx.retry(config.retryBackoffMs, {
          code: 'STEP_UPSTREAM_FAILED',
          kind: 'operational',
          message: `${target} was interrupted by a shutdown; it will be sent again.`,
        });
      }
      // ctx.fetch's one text for a destination it could not reach, a refused one included: kept as it is, so it tells nothing more.
      const failure: Failure = isUnreachable(error)
        ? { code: error.code, message: error.message }
        : timeout.aborted
          ? { code: 'STEP_TIMEOUT', message: `${target} did not answer within ${config.timeoutMs} ms.` }
          : { code: 'STEP_UPSTREAM_FAILED', message: `${target} failed: ${reasonOf(error)}.` };
      return retryOrFail(ctx, failure, { ok: false });
    }
    const output = {
      status: response.status,
      ok: response.ok,
      headers: keptHeaders(response.headers),
      body: body.value,
      ...(body.isTruncated ? { truncated: true } : {}),
    };
    if (response.ok) return ctx.next('success', output, saved(config, output));
    const failure: Failure = {
      code: 'STEP_UPSTREAM_FAILED',
      message: `${target} answered ${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}.`,
    };
    if (isRetryableStatus(response.status)) {
      return retryOrFail(ctx, failure, output, parseRetryAfter(response.headers.get('retry-after'), ctx.now));
    }
    return fail(ctx, { ...output, error: failure });
  },
});

function httpUrl(text: string): URL | undefined {
  const url = URL.parse(text);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') ? url : undefined;
}

function requestInit(ctx: StepContext<Config>): RequestInit {
  const { method, body } = ctx.config;
  const headers = new Headers(ctx.config.headers);
  // Set last, over any configured value: the far side deduplicates on it (promise 2).
  headers.set('idempotency-key', ctx.idempotencyKey);
  for (const [name, value] of Object.entries(chainHeaders(ctx))) headers.set(name, value);
  if (!headers.has('user-agent')) headers.set('user-agent', 'Switchboard');
  if (method === 'GET' || body === undefined) return { method, headers };
  if (!headers.has('content-type')) headers.set('content-type', 'application/json');
  return { method, headers, body: JSON.stringify(body) };
}

/**
 * The run's chain, set over any configured value: a flow that calls its own
 * webhook (or another Switchboard's) starts its next run one deeper, so the
 * depth bound ends it (README "What the engine promises", promise 8). A flow
 * cannot send a shallower chain than its own.
 */
function chainHeaders(ctx: StepContext<Config>): Readonly<Record<string, string>> {
  return { [RUN_CHAIN_HEADER]: formatRunChain(ctx.run) };
}

/** Worth another attempt: the server may answer differently later. Other 4xx mean the request itself is wrong. */
function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

function retryOrFail(ctx: StepContext<Config>, failure: Failure, output: Readonly<Record<string, unknown>>, retryAfterMs?: number): StepResult {
  const { attempt, config } = ctx;
  if (attempt <= config.retries) {
    return ctx.retry(retryDelayMs({ attempt, baseMs: config.retryBackoffMs, retryAfterMs }), {
      ...failure,
      kind: 'operational',
      details: { attempt, ...('status' in output ? { status: output.status } : {}) },
    });
  }
  const attempts = attempt === 1 ? '1 attempt' : `${attempt} attempts`;
  return fail(ctx, { ...output, error: { code: failure.code, message: `${failure.message} Gave up after ${attempts}.` } });
}

function fail(ctx: StepContext<Config>, output: Readonly<Record<string, unknown>>): StepResult {
  return ctx.next('failure', output, saved(ctx.config, output));
}

function saved(config: Config, output: unknown): Readonly<Record<string, unknown>> | undefined {
  return config.saveAs === undefined ? undefined : { [config.saveAs]: output };
}

function keptHeaders(headers: Headers): Readonly<Record<string, string>> {
  const kept: Record<string, string> = {};
  for (const name of keptResponseHeaders) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  return kept;
}

function isUnreachable(error: unknown): error is { readonly code: ErrorCode; readonly message: string } {
  return isSwitchboardError(error) && error.code === 'HTTP_DESTINATION_UNREACHABLE';
}

/** fetch reports network errors as "fetch failed" with the reason (ECONNREFUSED, ENOTFOUND, ...) in `cause`. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { cause } = error;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string') return `${error.message} (${cause.code})`;
  if (cause instanceof Error && cause.message !== '') return `${error.message} (${cause.message})`;
  return error.message;
}
