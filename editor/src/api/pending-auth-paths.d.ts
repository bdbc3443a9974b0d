// STAND-IN, deleted once the server's auth routes are merged and `pnpm generate:api` writes them
// into schema.d.ts: the routes of the issue-9 contract (/work/wt/BRIEF.md), typed by hand so the
// web app can be written against them before the server has them.
import type { components } from './schema.d.ts';

type Json<T> = { headers: { [name: string]: unknown }; content: { 'application/json': T } };
type NoContent = { headers: { [name: string]: unknown }; content?: never };
type Errors = { '4XX': Json<components['schemas']['Error']>; '5XX': Json<components['schemas']['Error']> };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type IdParam = { query?: never; header?: never; path: { id: string }; cookie?: never };
type Body<T> = { content: { 'application/json': T } };
type Operation<P, B, R> = { parameters: P; responses: R & Errors } & (B extends undefined ? { requestBody?: never } : { requestBody: B });
type Unused = { put?: never; post?: never; get?: never; delete?: never; patch?: never; options?: never; head?: never; trace?: never };
type PathItem<P, M> = Omit<Unused, keyof M> & M & { parameters: P };

type Language = 'en' | 'es';
type Role = 'admin' | 'editor' | 'agent' | 'viewer';

export interface PendingUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  language: Language | null;
  timeZone: string | null;
  status: 'invited' | 'active' | 'deactivated';
  agentId: string | null;
  createdAt: string;
  lastSignedInAt: string | null;
}

export interface PendingApiTokenInfo {
  id: string;
  name: string;
  role: Role;
  user: { id: string; name: string } | null;
  createdAt: string;
  lastUsedAt: string | null;
}

type Invite = { url: string; expiresAt: string };

export interface pendingAuthPaths {
  '/api/setup': PathItem<
    NoParams,
    {
      get: Operation<NoParams, undefined, { 200: Json<{ needed: boolean }> }>;
      post: Operation<
        NoParams,
        Body<{ token: string; name: string; email: string; password: string; language?: Language }>,
        { 201: Json<{ user: PendingUser }> }
      >;
    }
  >;
  '/api/session': PathItem<
    NoParams,
    {
      post: Operation<NoParams, Body<{ email: string; password: string }>, { 200: Json<{ user: PendingUser }> }>;
      delete: Operation<NoParams, undefined, { 204: NoContent }>;
    }
  >;
  '/api/me': PathItem<
    NoParams,
    {
      get: Operation<NoParams, undefined, { 200: Json<{ user: PendingUser | null; role: Role; via: 'session' | 'token' }> }>;
      patch: Operation<NoParams, Body<{ name?: string; language?: Language | null; timeZone?: string | null }>, { 200: Json<PendingUser> }>;
    }
  >;
  '/api/me/password': PathItem<NoParams, { post: Operation<NoParams, Body<{ currentPassword: string; newPassword: string }>, { 204: NoContent }> }>;
  '/api/users': PathItem<
    NoParams,
    {
      get: Operation<NoParams, undefined, { 200: Json<PendingUser[]> }>;
      post: Operation<NoParams, Body<{ name: string; email: string; role: Role; language?: Language }>, { 201: Json<{ user: PendingUser; invite: Invite }> }>;
    }
  >;
  '/api/users/{id}': PathItem<IdParam, { patch: Operation<IdParam, Body<{ name?: string; role?: Role; active?: boolean }>, { 200: Json<PendingUser> }> }>;
  '/api/users/{id}/invite': PathItem<IdParam, { post: Operation<IdParam, undefined, { 201: Json<Invite> }> }>;
  '/api/invite/accept': PathItem<
    NoParams,
    { post: Operation<NoParams, Body<{ token: string; password: string; name?: string }>, { 200: Json<{ user: PendingUser }> }> }
  >;
  '/api/tokens': PathItem<
    NoParams,
    {
      get: Operation<NoParams, undefined, { 200: Json<PendingApiTokenInfo[]> }>;
      post: Operation<NoParams, Body<{ name: string; userId?: string }>, { 201: Json<{ token: string; apiToken: PendingApiTokenInfo }> }>;
    }
  >;
  '/api/tokens/{id}': PathItem<IdParam, { delete: Operation<IdParam, undefined, { 204: NoContent }> }>;
}
