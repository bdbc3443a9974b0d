import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Engine } from '../../engine.ts';
import { SwitchboardError } from '../../errors.ts';
import { MAX_SECRET_VALUE_LENGTH, secretNameIssue } from '../../secrets/manage-secrets.ts';
import { errorResponse, ref } from '../shared-schemas.ts';

// The name is checked by the handler, not by a `pattern` here: ajv would answer "must match
// pattern", where the issue should say what a name looks like.
const SecretParams = Type.Object({
  name: Type.String({ description: 'Upper-case letters, digits and _, starting with a letter, at most 64 characters: `API_TOKEN`.' }),
});

const SecretBody = Type.Object(
  {
    value: Type.String({
      minLength: 1,
      maxLength: MAX_SECRET_VALUE_LENGTH,
      writeOnly: true,
      description: `The secret, 1 to ${MAX_SECRET_VALUE_LENGTH} characters. Stored encrypted; no route ever returns it.`,
    }),
  },
  { additionalProperties: false },
);

type NameRoute = { Params: Static<typeof SecretParams> };

const invalid = errorResponse('The name is not a secret name, or the value is missing or too long (REQUEST_INVALID); `issues` points at each problem.');

/**
 * Secrets: names and dates, never values. Templates read a secret as
 * `{{ secrets.NAME }}`; steps record `[secret:NAME]` wherever its value would be.
 * Every route needs the admin role (today every API token is an admin token).
 */
export const secretRoutes: FastifyPluginAsync<{ engine: Engine }> = async (app, { engine }) => {
  app.get(
    '/api/secrets',
    {
      config: { access: 'admin' },

      schema: {
        tags: ['secrets'],
        summary: 'List the stored secrets, by name',
        description: 'Names and dates only: a value is never returned by any route.',
        response: { 200: { description: 'Every secret, by name.', type: 'array', items: ref('Secret') } },
      },
    },
    async () => engine.listSecrets(),
  );

  app.put<NameRoute & { Body: Static<typeof SecretBody> }>(
    '/api/secrets/:name',
    {
      config: { access: 'admin' },

      schema: {
        tags: ['secrets'],
        summary: 'Create or replace a secret',
        description:
          'Encrypts the value with the secrets key (AES-256-GCM) and stores it. Runs that start or resume after this read the new value. A process without a secrets key answers 500 SECRETS_KEY_MISSING.',
        params: SecretParams,
        body: SecretBody,
        response: {
          200: { description: 'Replaced.', ...ref('Secret') },
          201: { description: 'Created.', ...ref('Secret') },
          422: invalid,
        },
      },
    },
    async (request, reply) => {
      assertSecretName(request.params.name);
      const { secret, created } = await engine.putSecret(request.params.name, request.body.value);
      return reply.status(created ? 201 : 200).send(secret);
    },
  );

  app.delete<NameRoute>(
    '/api/secrets/:name',
    {
      config: { access: 'admin' },

      schema: {
        tags: ['secrets'],
        summary: 'Delete a secret',
        description: 'Steps that read it fail with SECRET_NOT_FOUND from then on, and publishing a flow that names it is refused.',
        params: SecretParams,
        response: {
          204: { description: 'Deleted.', type: 'null' },
          404: errorResponse('No secret has this name (SECRET_NOT_FOUND).'),
          422: invalid,
        },
      },
    },
    async (request, reply) => {
      assertSecretName(request.params.name);
      await engine.deleteSecret(request.params.name);
      return reply.status(204).send();
    },
  );
};

function assertSecretName(name: string): void {
  const issue = secretNameIssue(name, '/params/name');
  if (issue !== undefined) throw new SwitchboardError('REQUEST_INVALID', `The request is invalid: ${issue.message}.`, { issues: [issue] });
}
