import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Engine } from '../../engine.ts';
import { SwitchboardError } from '../../errors.ts';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../people/passwords.ts';
import type { OneTimeToken } from '../../people/people.ts';
import type { ApiTokenInfo } from '../../store/api-tokens.ts';
import { type AuthHook, type Principal, SESSION_COOKIE, setSessionCookie } from '../auth.ts';
import { Nullable, StringEnum } from '../schema-types.ts';
import { errorResponse, ref } from '../shared-schemas.ts';
import { requirePersonOf } from '../person-of.ts';
import { isUuid } from '../../engine.ts';

const Email = Type.String({ format: 'email', maxLength: 254, examples: ['ana@example.com'] });
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', examples: ['Ana García'] });
// Lengths are checked by the handler, to say "at least 10 characters" rather than ajv's wording.
const Password = Type.String({ writeOnly: true, description: `At least ${MIN_PASSWORD_LENGTH} characters, at most ${MAX_PASSWORD_LENGTH}.` });
const Token = Type.String({ minLength: 1, maxLength: 200, writeOnly: true });
const Language = StringEnum(['en', 'es']);
const Role = StringEnum(['admin', 'editor', 'agent', 'viewer']);

const SetupBody = Type.Object(
  { token: Token, name: Name, email: Email, password: Password, language: Type.Optional(Nullable(Language)) },
  { additionalProperties: false },
);
const SignInBody = Type.Object(
  { email: Type.String({ minLength: 1, maxLength: 254 }), password: Type.String({ maxLength: 1000, writeOnly: true }) },
  { additionalProperties: false },
);
const ProfilePatch = Type.Object(
  {
    name: Type.Optional(Name),
    language: Type.Optional(Nullable(Language)),
    timeZone: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64, examples: ['Europe/Madrid'] }))),
  },
  { additionalProperties: false, minProperties: 1 },
);
const PasswordBody = Type.Object(
  { currentPassword: Type.String({ maxLength: 1000, writeOnly: true }), newPassword: Password },
  { additionalProperties: false },
);
const InviteBody = Type.Object({ name: Name, email: Email, role: Role, language: Type.Optional(Nullable(Language)) }, { additionalProperties: false });
const UserPatch = Type.Object(
  {
    name: Type.Optional(Name),
    role: Type.Optional(Role),
    active: Type.Optional(Type.Boolean({ description: 'false deactivates: their sessions end and their tokens stop working.' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
const AcceptBody = Type.Object({ token: Token, password: Password, name: Type.Optional(Name) }, { additionalProperties: false });
const TokenBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', examples: ['CRM sync'] }),
    userId: Type.Optional(Type.String({ format: 'uuid', description: 'Whose token it is (it carries their role). Defaults to the caller.' })),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String() });

const Link = Type.Object({
  url: Type.String({ description: 'Shown once: the link holds a one-time secret. Send it to the person; it works once.' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
const UserRef = Type.Unsafe<unknown>(ref('User'));
const UserEnvelope = Type.Object({ user: UserRef });
const Me = Type.Object({
  user: Nullable(UserRef, { description: 'Null for a machine token, which belongs to no one.' }),
  role: Role,
  via: StringEnum(['session', 'token']),
});

const badRequest = errorResponse('The body does not match its schema (REQUEST_INVALID), or the password is too short (PASSWORD_TOO_WEAK).');

/**
 * People, sign-in and API tokens (README "People, sign-in and roles"). The session lives in an
 * HttpOnly cookie; a one-time link's secret travels in the address's fragment (`#token=`), so it
 * never reaches a server log, and back in a request body.
 */
export const peopleRoutes: FastifyPluginAsync<{ engine: Engine; auth: AuthHook; publicUrl?: string }> = async (app, { engine, auth, publicUrl }) => {
  const people = engine.people;
  const origin = (request: FastifyRequest) => publicUrl ?? `${request.protocol}://${request.host}`;
  const link = (request: FastifyRequest, page: 'setup' | 'invite', token: OneTimeToken) => ({
    url: `${origin(request)}/${page}#token=${token.token}`,
    expiresAt: token.expiresAt.toISOString(),
  });

  app.get(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['people'],
        summary: 'Whether Switchboard still needs its first admin',
        security: [],
        response: { 200: Type.Object({ needed: Type.Boolean() }) },
      },
    },
    async () => ({ needed: await people.needsSetup() }),
  );

  app.post<{ Body: Static<typeof SetupBody> }>(
    '/api/setup',
    {
      config: { access: 'public' },
      schema: {
        tags: ['people'],
        summary: 'Create the first admin with the setup link',
        description:
          'The token is the one-time secret of the link printed at the first start (`/setup#token=…`). Works once, only while nobody has an account; signs the new admin in.',
        security: [],
        body: SetupBody,
        response: {
          201: UserEnvelope,
          403: errorResponse('The setup token is not valid, expired or replaced (SETUP_TOKEN_INVALID).'),
          409: errorResponse('Someone already has an account (SETUP_DONE).'),
          422: badRequest,
        },
      },
    },
    async (request, reply) => {
      const { token, name, email, password, language } = request.body;
      const { user, session } = await people.completeSetup({ token, name: name.trim(), email, password, language: language ?? null });
      return setSessionCookie(request, reply, session).status(201).send({ user });
    },
  );

  app.post<{ Body: Static<typeof SignInBody> }>(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        tags: ['people'],
        summary: 'Sign in',
        description:
          'Sets the session cookie (HttpOnly, SameSite=Lax), good for 14 days after its last use. Wrong passwords are slowed down per account and per address: past a few, the answer is 429 with Retry-After.',
        security: [],
        body: SignInBody,
        response: {
          200: UserEnvelope,
          401: errorResponse('The email or password is not right (SIGN_IN_FAILED).'),
          403: errorResponse('The account is deactivated (USER_DEACTIVATED).'),
          429: errorResponse('Too many wrong passwords; try again after Retry-After seconds (SIGN_IN_THROTTLED).'),
        },
      },
    },
    async (request, reply) => {
      const { user, session } = await people.signIn({ email: request.body.email.trim(), password: request.body.password, address: request.ip });
      return setSessionCookie(request, reply, session).send({ user });
    },
  );

  app.delete(
    '/api/session',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['people'],
        summary: 'Sign out',
        description: 'Ends this session on the server and clears the cookie.',
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (principal.via === 'session') await people.signOut(principal.sessionToken);
      return reply.clearCookie(SESSION_COOKIE, { path: '/' }).status(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: 'signed-in' },
      schema: { tags: ['people'], summary: 'Who is calling', response: { 200: Me } },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const user = principal.via === 'session' ? principal.user : principal.userId === null ? null : await people.getUser(principal.userId);
      return { user, role: principal.role, via: principal.via };
    },
  );

  app.patch<{ Body: Static<typeof ProfilePatch> }>(
    '/api/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['people'],
        summary: 'Change your own name, language or time zone',
        body: ProfilePatch,
        response: { 200: ref('User'), 409: errorResponse('A machine token belongs to no one (NOT_A_PERSON).'), 422: badRequest },
      },
    },
    async (request) => {
      const userId = requirePersonOf(request);
      const { name, language, timeZone } = request.body;
      const zone = timeZone === undefined || timeZone === null ? timeZone : canonicalTimeZone(timeZone);
      if (zone === undefined && timeZone !== undefined) {
        throw new SwitchboardError('REQUEST_INVALID', `${timeZone} is not a time zone this server knows.`, {
          issues: [{ path: '/timeZone', code: 'REQUEST_INVALID', message: 'Use an IANA time zone such as Europe/Madrid or America/Mexico_City.' }],
        });
      }
      return people.updateProfile(userId, {
        ...(name === undefined ? {} : { name: name.trim() }),
        ...(language === undefined ? {} : { language }),
        ...(zone === undefined ? {} : { timeZone: zone }),
      });
    },
  );

  app.post<{ Body: Static<typeof PasswordBody> }>(
    '/api/me/password',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['people'],
        summary: 'Change your own password',
        description: 'Ends every session of yours, on every device, and signs this browser in again.',
        body: PasswordBody,
        response: {
          204: { type: 'null' },
          403: errorResponse('Sent with an API token rather than a signed-in session (AUTH_FORBIDDEN).'),
          409: errorResponse('A machine token belongs to no one (NOT_A_PERSON).'),
          422: errorResponse('The current password is wrong (CURRENT_PASSWORD_WRONG) or the new one too short (PASSWORD_TOO_WEAK).'),
        },
      },
    },
    async (request, reply) => {
      const userId = requirePersonOf(request);
      // A token that leaked must not be a way to take the account over (or to guess its password).
      if (request.principal?.via !== 'session') {
        throw new SwitchboardError(
          'AUTH_FORBIDDEN',
          'A password is changed by the signed-in person, not with an API token: sign in and change it in Settings.',
        );
      }
      const session = await people.changePassword(userId, request.body);
      setSessionCookie(request, reply, session);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: { tags: ['people'], summary: 'List people', response: { 200: { type: 'array', items: ref('User') } } },
    },
    async () => people.listUsers(),
  );

  app.post<{ Body: Static<typeof InviteBody> }>(
    '/api/users',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['people'],
        summary: 'Invite a person',
        description: 'Creates the account with no password and returns a link, good for 7 days, with which they choose one. The link is shown only here.',
        body: InviteBody,
        response: {
          201: Type.Object({ user: UserRef, invite: Link }),
          409: errorResponse('Someone already has this email (USER_EMAIL_TAKEN).'),
          422: badRequest,
        },
      },
    },
    async (request, reply) => {
      const { name, email, role, language } = request.body;
      const { user, invite } = await people.inviteUser({ name: name.trim(), email: email.trim(), role, language: language ?? null });
      return reply.status(201).send({ user, invite: link(request, 'invite', invite) });
    },
  );

  app.patch<{ Params: Static<typeof IdParams>; Body: Static<typeof UserPatch> }>(
    '/api/users/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['people'],
        summary: "Change a person's name or role, or deactivate or reactivate them",
        description:
          'A new role, or deactivation, holds at once for their sessions and, on this process, for their API tokens; other processes of the engine follow within 30 s.',
        params: IdParams,
        body: UserPatch,
        response: {
          200: ref('User'),
          404: errorResponse('No person has this id (USER_NOT_FOUND).'),
          409: errorResponse('It would leave no active admin (LAST_ADMIN).'),
          422: badRequest,
        },
      },
    },
    async (request) => {
      const { name, role, active } = request.body;
      const user = await people.updateUser(userIdParam(request.params.id), {
        ...(name === undefined ? {} : { name: name.trim() }),
        ...(role === undefined ? {} : { role }),
        ...(active === undefined ? {} : { active }),
      });
      // Their tokens carry their role and work only while they are active: a cached lookup would
      // keep the old answer for up to 30 s.
      if (role !== undefined || active !== undefined) auth.forgetTokensOf(user.id);
      return user;
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/api/users/:id/invite',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['people'],
        summary: 'A new invitation or password-reset link for a person',
        description: 'Their earlier link stops working. Following it sets a new password and ends their sessions.',
        params: IdParams,
        response: {
          201: Link,
          403: errorResponse('The person is deactivated (USER_DEACTIVATED).'),
          404: errorResponse('No person has this id (USER_NOT_FOUND).'),
        },
      },
    },
    async (request, reply) => reply.status(201).send(link(request, 'invite', await people.issueInvite(userIdParam(request.params.id)))),
  );

  app.post<{ Body: Static<typeof AcceptBody> }>(
    '/api/invite/accept',
    {
      config: { access: 'public' },
      schema: {
        tags: ['people'],
        summary: 'Choose a password with an invitation or reset link',
        description: 'The token is the one-time secret of the link (`/invite#token=…`). Signs the person in.',
        security: [],
        body: AcceptBody,
        response: { 200: UserEnvelope, 403: errorResponse('The link expired, was used or was replaced (INVITE_INVALID).'), 422: badRequest },
      },
    },
    async (request, reply) => {
      const { token, password, name } = request.body;
      const { user, session } = await people.acceptInvite({ token, password, ...(name === undefined ? {} : { name: name.trim() }) });
      return setSessionCookie(request, reply, session).send({ user });
    },
  );

  app.get(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['people'],
        summary: 'List API tokens',
        description: 'Names, owners and dates; never the tokens.',
        response: { 200: { type: 'array', items: ref('ApiToken') } },
      },
    },
    async () => (await people.listApiTokens()).map(tokenView),
  );

  app.post<{ Body: Static<typeof TokenBody> }>(
    '/api/tokens',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['people'],
        summary: 'Create an API token',
        description: 'The token carries its owner’s role, and stops working when they are deactivated. It is returned only here.',
        body: TokenBody,
        response: {
          201: Type.Object({
            token: Type.String({ description: 'Send as `Authorization: Bearer <token>`. Shown only this once.' }),
            apiToken: Type.Unsafe<unknown>(ref('ApiToken')),
          }),
          403: errorResponse('The owner is deactivated (USER_DEACTIVATED).'),
          404: errorResponse('No person has this id (USER_NOT_FOUND).'),
          409: errorResponse('A machine token belongs to no one: name a userId (NOT_A_PERSON).'),
          422: badRequest,
        },
      },
    },
    async (request, reply) => {
      const userId = request.body.userId ?? requirePersonOf(request);
      const { token, apiToken } = await people.createApiToken({ name: request.body.name.trim(), userId });
      return reply.status(201).send({ token, apiToken: tokenView(apiToken) });
    },
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/api/tokens/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['people'],
        summary: 'Revoke an API token',
        description: 'Refused at once by this process; other processes forget it within 30 s.',
        params: IdParams,
        response: { 204: { type: 'null' }, 404: errorResponse('No token has this id (API_TOKEN_NOT_FOUND).') },
      },
    },
    async (request, reply) => {
      if (!isUuid(request.params.id)) throw new SwitchboardError('API_TOKEN_NOT_FOUND', `No API token has the id ${request.params.id}.`);
      const { tokenHash } = await people.revokeApiToken(request.params.id);
      auth.forgetToken(tokenHash);
      return reply.status(204).send();
    },
  );
};

function requirePrincipal(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw new SwitchboardError('AUTH_REQUIRED', 'Sign in, or send an API token.');
  return request.principal;
}

function userIdParam(id: string): string {
  if (!isUuid(id)) throw new SwitchboardError('USER_NOT_FOUND', `No person has the id ${id}.`);
  return id;
}

function tokenView(token: ApiTokenInfo) {
  return {
    id: token.id,
    name: token.name,
    role: token.role,
    user: token.userId === null ? null : { id: token.userId, name: token.userName ?? '' },
    createdAt: token.createdAt,
    lastUsedAt: token.lastUsedAt,
  };
}

let zonesByLowerCase: Map<string, string> | undefined;

/**
 * The time zone as written, with its case put right (`europe/madrid` → `Europe/Madrid`) so that
 * the editor and the server compare one name; undefined for what is not a named zone (Intl also
 * takes an offset such as `+01:00`, which does not follow summer time). A name Intl takes but does
 * not list, such as the link `Asia/Kolkata` that older ICU data resolves to `Asia/Calcutta`, is
 * kept as the person chose it.
 */
function canonicalTimeZone(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return undefined;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
  zonesByLowerCase ??= new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zone.toLowerCase(), zone]));
  const lower = name.toLowerCase();
  return zonesByLowerCase.get(lower) ?? (resolved.toLowerCase() === lower ? resolved : name);
}
