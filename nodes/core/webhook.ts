import { createHmac, timingSafeEqual } from 'node:crypto';
import { defineNode, readPath, SwitchboardError, Type, type ConfigIssue, type WebhookRequest } from '@switchboard/sdk';

/** The one form a signing secret takes in a definition: a reference into the secret store. */
const SECRET_REFERENCE = /^\{\{\s*secrets\.[A-Z][A-Z0-9_]{0,63}\s*\}\}$/;

/**
 * Starts a run when something POSTs to `/hooks/<workflowId>`. With a secret,
 * the sender must sign the raw body: header value `sha256=<hex HMAC-SHA256>`
 * (the GitHub convention), so a leaked URL alone can't start runs. The secret
 * lives in the secret store, encrypted, and the definition names it; the engine
 * hands `verify` the config with the reference resolved.
 *
 * ```json
 * { "secret": "{{ secrets.ACME_WEBHOOK }}", "signatureHeader": "x-switchboard-signature", "subjectPath": "conversation.id" }
 * ```
 */
export const webhook = defineNode({
  type: 'core.webhook',
  title: 'On webhook',
  category: 'Triggers',
  description: 'Starts the workflow when a request is posted to its webhook URL, optionally checking an HMAC signature.',
  kind: 'trigger',
  configSchema: Type.Object(
    {
      secret: Type.Optional(
        Type.String({
          minLength: 1,
          writeOnly: true,
          title: 'Signing secret',
          description:
            'A stored secret, as {{ secrets.NAME }}. When set, requests must carry "sha256=" plus the hex HMAC-SHA256 of the raw body keyed with that secret; others are refused.',
          examples: ['{{ secrets.ACME_WEBHOOK }}'],
        }),
      ),
      signatureHeader: Type.String({
        minLength: 1,
        pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$",
        default: 'x-switchboard-signature',
        title: 'Signature header',
        description: 'The request header that carries the signature. Defaults to x-switchboard-signature.',
      }),
      subjectPath: Type.Optional(
        Type.String({
          minLength: 1,
          title: 'Subject path',
          description: 'Dotted path in the JSON body whose value becomes the run subject (runs for one subject are serialized), e.g. conversation.id.',
        }),
      ),
    },
    { additionalProperties: false },
  ),
  outputSchema: {
    type: 'object',
    properties: {
      body: { description: 'The request body: parsed JSON, or the text when it is not JSON.' },
      headers: {
        type: 'object',
        additionalProperties: { type: 'string' },
        description: 'The request headers, names in lower case, without authorization, cookie and the signature.',
      },
    },
    additionalProperties: false,
    examples: [
      {
        body: { conversation: { id: 'c-42' }, customer: { email: 'ana@example.com' } },
        headers: { 'content-type': 'application/json', 'user-agent': 'Acme/1.0' },
      },
    ],
  },
  summaryFields: ['subjectPath'],
  ports: ['next'],
  portLabels: { next: 'Next' },
  translations: {
    es: {
      title: 'Al recibir un webhook',
      category: 'Disparadores',
      description: 'Inicia el flujo cuando llega una solicitud a su URL de webhook; opcionalmente comprueba una firma HMAC.',
      config: {
        '/properties/secret': {
          title: 'Secreto de firma',
          description:
            'Un secreto guardado, como {{ secrets.NOMBRE }}. Si lo indicas, cada solicitud debe traer «sha256=» seguido del HMAC-SHA256 en hexadecimal del cuerpo tal como llega, firmado con ese secreto; las demás se rechazan.',
        },
        '/properties/signatureHeader': {
          title: 'Encabezado de la firma',
          description: 'El encabezado de la solicitud que trae la firma. Por defecto, x-switchboard-signature.',
        },
        '/properties/subjectPath': {
          title: 'Ruta del sujeto',
          description:
            'Ruta con puntos en el cuerpo JSON cuyo valor pasa a ser el sujeto de la ejecución (las ejecuciones de un mismo sujeto van de una en una), p. ej. conversation.id.',
        },
      },
      output: {
        '/properties/body': { description: 'El cuerpo de la solicitud: el JSON ya leído, o el texto si no es JSON.' },
        '/properties/headers': { description: 'Los encabezados de la solicitud, con el nombre en minúsculas, sin authorization, cookie ni la firma.' },
      },
      ports: { next: 'Siguiente' },
    },
  },
  validate: (config) => {
    const issues: ConfigIssue[] = [];
    // Versions published with a written-in secret keep verifying (a literal passes through
    // resolution untouched); a new publish must move it to the store, where the API and the
    // run record never show it.
    if (config.secret !== undefined && !SECRET_REFERENCE.test(config.secret)) {
      issues.push({
        path: '/secret',
        message:
          'The signing secret must be a stored secret, not text in the workflow (where anyone who can read the workflow sees it): store it with PUT /api/secrets/<NAME> {"value": "..."} and set "secret" to "{{ secrets.<NAME> }}".',
      });
    }
    return issues;
  },
  trigger: {
    source: 'webhook',
    verify: (config, request) => {
      if (config.secret === undefined) return;
      const header = config.signatureHeader;
      const given = headerValue(request, header);
      if (given === undefined) {
        throw new SwitchboardError(
          'WEBHOOK_SIGNATURE_INVALID',
          `The "${header}" header is missing. Send "sha256=" followed by the hex HMAC-SHA256 of the raw request body, keyed with this webhook's secret.`,
        );
      }
      const expected = Buffer.from(`sha256=${createHmac('sha256', config.secret).update(request.rawBody, 'utf8').digest('hex')}`);
      const received = Buffer.from(given);
      // timingSafeEqual needs equal lengths. The length of a valid signature is
      // public, so checking it first tells an attacker nothing about the secret.
      if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
        throw new SwitchboardError(
          'WEBHOOK_SIGNATURE_INVALID',
          `The "${header}" header does not match the HMAC-SHA256 of the request body. Sign the raw body exactly as sent, with this webhook's secret, as "sha256=<hex>".`,
        );
      }
    },
    subject: (config, request) => (config.subjectPath === undefined ? null : subjectOf(readPath(request.body, config.subjectPath))),
  },
});

/** Header names are case-insensitive; a repeated header counts by its first value. */
function headerValue(request: WebhookRequest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(request.headers)) {
    if (key.toLowerCase() !== wanted) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function subjectOf(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
