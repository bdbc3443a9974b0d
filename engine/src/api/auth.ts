import { randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyReply, FastifyRequest, onRequestHookHandler, onRouteHookHandler } from 'fastify';
import type { Engine } from '../engine.ts';
import { SwitchboardError } from '../errors.ts';
import { sha256, type User } from '../people/people.ts';
import type { ApiToken } from '../store/api-tokens.ts';
import { type Access, type Role, roleMay, rolesFor } from './access.ts';
import { isServerPath } from './server-paths.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Who may call the route: the one declaration each route makes (access.ts gives the roles
     * their meaning). A route without one is refused when it is registered.
     */
    readonly access?: Access;
  }
  interface FastifyRequest {
    /** Who is calling: set by the auth hook on every route but public ones (and there, when credentials were sent anyway). */
    principal?: Principal;
  }
}

/** The caller of a request: a person signed in through the web app, or an API token. */
export type Principal =
  | { readonly via: 'session'; readonly role: Role; readonly user: User; readonly sessionToken: string }
  | { readonly via: 'token'; readonly role: Role; readonly userId: string | null; readonly tokenId: string };

/** The session cookie: HttpOnly (scripts never read it), SameSite=Lax, the whole site. */
export const SESSION_COOKIE = 'sb_session';

/** Sets the session cookie; its expiry is the session's, so it moves when a used session's does. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: { readonly token: string; readonly expiresAt: Date }): FastifyReply {
  return reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: request.protocol === 'https',
    expires: session.expiresAt,
  });
}

/** `scheme://host[:port]` as browsers send it in Origin: lower case, no default port. */
function normalOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

/** Tokens are stored as the hex SHA-256 of the token: a leaked table grants nothing. */
export function hashToken(token: string): string {
  return sha256(token);
}

export interface SeedAdminTokenOptions {
  /** `SWITCHBOARD_ADMIN_TOKEN`: when set, this token is made an admin token (again, if it already is one). */
  readonly adminToken?: string;
  /** Where a generated token is written (mode 0600) when no token exists yet. */
  readonly tokenFile: string;
  /** Receives a line for the log when a token is generated. It never contains the token: secrets stay out of logs. */
  readonly log?: (message: string) => void;
}

/** What seeding did; the caller shows a generated token to the person starting the process. */
export type SeedAdminTokenResult =
  | { readonly kind: 'configured' }
  | { readonly kind: 'generated'; readonly token: string; readonly tokenFile: string }
  | { readonly kind: 'existing' };

/**
 * Makes sure someone can call the API. With `adminToken`, that token is stored
 * (idempotently). Otherwise, on first start only, a token is generated, written
 * to `tokenFile` and returned, for the caller to show once; later starts find a
 * token and do nothing.
 *
 * @example
 * const seeded = await seedAdminToken(engine, { adminToken: process.env.SWITCHBOARD_ADMIN_TOKEN, tokenFile: '.data/admin-token' });
 * if (seeded.kind === 'generated') console.error(`Admin token: ${seeded.token}`);
 */
export async function seedAdminToken(engine: Engine, options: SeedAdminTokenOptions): Promise<SeedAdminTokenResult> {
  if (options.adminToken !== undefined && options.adminToken !== '') {
    if (/\s/.test(options.adminToken)) {
      throw new SwitchboardError(
        'CONFIG_ENV_INVALID',
        'SWITCHBOARD_ADMIN_TOKEN contains whitespace, which an Authorization: Bearer header cannot carry. Use a token without spaces.',
      );
    }
    await engine.saveApiToken({ name: 'admin (SWITCHBOARD_ADMIN_TOKEN)', tokenHash: hashToken(options.adminToken), role: 'admin' });
    return { kind: 'configured' };
  }
  if ((await engine.countApiTokens()) > 0) return { kind: 'existing' };
  const token = `sb_${randomBytes(32).toString('base64url')}`;
  // The file is written before the hash is stored: if writing fails, no token exists
  // that nobody knows, and the next start simply tries again.
  await mkdir(path.dirname(options.tokenFile), { recursive: true, mode: 0o700 });
  await writeFile(options.tokenFile, `${token}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; an existing file keeps its bits otherwise.
  await chmod(options.tokenFile, 0o600);
  await engine.saveApiToken({ name: 'admin (generated on first start)', tokenHash: hashToken(token), role: 'admin' });
  options.log?.(`generated an admin API token, stored in ${options.tokenFile}`);
  return { kind: 'generated', token, tokenFile: options.tokenFile };
}

export interface AuthOptions {
  /** How long a token lookup is remembered. Defaults to 30 s: a token revoked in another process keeps working at most this long. */
  readonly cacheTtlMs?: number;
  /**
   * Origins, besides the request's own, from which a signed-in browser may send changes
   * (`SWITCHBOARD_PUBLIC_URL` behind a proxy that rewrites Host).
   */
  readonly trustedOrigins?: readonly string[];
}

/**
 * What the hook hands the routes that change people and tokens, so that a revoked token, or the
 * tokens of someone deactivated or given another role, are forgotten at once by this process
 * (other processes within the cache's 30 s).
 */
export interface AuthHook {
  readonly onRequest: onRequestHookHandler;
  forgetToken(tokenHash: string): void;
  /** Forgets every token of this person, after their role or their being active changed. */
  forgetTokensOf(userId: string): void;
}

interface CachedLookup {
  /** The lookup itself, so concurrent requests with one new token share one query. */
  readonly token: Promise<ApiToken | undefined>;
  expiresAt: number;
  /** What the lookup found once it has: undefined while it runs, null for no token. */
  found?: ApiToken | null;
}

/** Unknown tokens are remembered briefly, so a token created by another process works within seconds. */
const NEGATIVE_TTL_MS = 5_000;
/** Bounds memory when a client sprays random tokens; past this the cache starts over. */
const MAX_CACHED_LOOKUPS = 10_000;
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * An onRequest hook that finds the caller of every route but public ones, from
 * `Authorization: Bearer <token>` or else the session cookie, and refuses a role the route's
 * `access` does not allow. Changes sent with a cookie must come from the server's own origin
 * (the Origin header), so another site cannot make a signed-in browser send them.
 * Paths outside the server's own (`/flows/<id>`, the web app's) need nothing.
 * Token lookups are cached in memory, so the hot path (thousands of events a second) costs a
 * hash and a map read, not a query. Sessions are not: signing out or deactivating someone
 * ends their sessions on every process at once.
 */
export function createAuthHook(engine: Engine, options: AuthOptions = {}): AuthHook {
  const ttlMs = options.cacheTtlMs ?? 30_000;
  const cache = new Map<string, CachedLookup>();
  const trustedOrigins = new Set((options.trustedOrigins ?? []).flatMap((origin) => normalOrigin(origin) ?? []));

  function lookup(tokenHash: string): Promise<ApiToken | undefined> {
    const now = Date.now();
    const cached = cache.get(tokenHash);
    if (cached !== undefined && cached.expiresAt > now) return cached.token;
    if (cache.size >= MAX_CACHED_LOOKUPS) cache.clear();
    const entry: CachedLookup = { token: engine.people.findApiToken(tokenHash), expiresAt: now + ttlMs };
    cache.set(tokenHash, entry);
    entry.token.then(
      (token) => {
        entry.found = token ?? null;
        if (token === undefined) entry.expiresAt = Math.min(entry.expiresAt, Date.now() + NEGATIVE_TTL_MS);
      },
      // A failed query (database down) is not remembered: the next request asks again.
      () => {
        if (cache.get(tokenHash) === entry) cache.delete(tokenHash);
      },
    );
    return entry.token;
  }

  async function principalOf(request: FastifyRequest, reply: FastifyReply): Promise<Principal | undefined> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const token = bearerToken(header);
      const found = token === undefined ? undefined : await lookup(hashToken(token));
      if (found === undefined) {
        throw new SwitchboardError(
          'AUTH_REQUIRED',
          'The bearer token is not valid (it may have been revoked, or its owner deactivated). Check it, or create a new one.',
        );
      }
      return { via: 'token', role: found.role, userId: found.userId, tokenId: found.id };
    }
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (sessionToken === undefined || sessionToken === '') return undefined;
    const session = await engine.people.sessionUser(sessionToken);
    if (session === undefined) throw new SwitchboardError('AUTH_REQUIRED', 'Your session has ended. Sign in again.');
    // The session is good for 14 days after its last use: the browser's cookie must say so too.
    if (session.renewed) setSessionCookie(request, reply, { token: sessionToken, expiresAt: session.expiresAt });
    return { via: 'session', role: session.user.role, user: session.user, sessionToken };
  }

  function assertSameOrigin(request: FastifyRequest): void {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    const own = normalOrigin(`${request.protocol}://${request.host}`);
    const sent = origin === undefined ? undefined : normalOrigin(origin);
    if (origin !== undefined ? sent !== undefined && (sent === own || trustedOrigins.has(sent)) : request.headers['sec-fetch-site'] === 'same-origin') return;
    throw new SwitchboardError(
      'CSRF_REJECTED',
      `A change sent with a session cookie must come from this server's own pages (Origin ${own ?? `${request.protocol}://${request.host}`}); this one came from ${origin ?? 'an unknown origin'}. Scripts should use an API token.`,
    );
  }

  const onRequest: onRequestHookHandler = async (request, reply) => {
    const access = accessOf(request);
    if (access === 'public') {
      // Public routes that act on a session (signing out is not public) read it themselves.
      return;
    }
    const principal = await principalOf(request, reply);
    if (principal === undefined) {
      throw new SwitchboardError('AUTH_REQUIRED', 'Sign in, or send an API token as "Authorization: Bearer <token>".');
    }
    if (principal.via === 'session') assertSameOrigin(request);
    request.principal = principal;
    if (!roleMay(principal.role, access)) {
      throw new SwitchboardError(
        'AUTH_FORBIDDEN',
        `This needs the ${rolesFor(access).join(' or ')} role; ${principal.via === 'session' ? 'your' : "this token's"} role is ${principal.role}.`,
      );
    }
  };

  return {
    onRequest,
    forgetToken(tokenHash) {
      cache.delete(tokenHash);
    },
    forgetTokensOf(userId) {
      // Besides the person's own tokens: a lookup still running may have read them before the
      // change committed, and a token refused while they were deactivated may be one of theirs
      // (an unknown token names no owner). Both are asked again; it costs one query each.
      for (const [tokenHash, entry] of cache) {
        if (entry.found === undefined || entry.found === null || entry.found.userId === userId) cache.delete(tokenHash);
      }
    },
  };
}

/**
 * An onRoute hook: every route of the server's own paths declares its `access`, so that no
 * route is public, or closed to a role, by omission. The API reference's and the web app's
 * routes are public by nature.
 */
export const requireAccessDeclared: onRouteHookHandler = (route) => {
  if (route.config?.access !== undefined) return;
  if (isDocsRoute(route.url) || !isServerPath(route.url) || route.url.startsWith('/assets')) return;
  throw new Error(`Route ${String(route.method)} ${route.url} declares no access: add config: { access } (see api/access.ts).`);
};

function accessOf(request: FastifyRequest): Access {
  // No route matched outside the API's paths: there is nothing there but the web app's page
  // (or a 404). An unknown route under /api still needs credentials, so it reveals nothing.
  if (request.is404) return isServerPath(request.url) ? 'signed-in' : 'public';
  const declared = request.routeOptions.config.access;
  if (declared !== undefined) return declared;
  // The matched route pattern, not the raw URL: `/docs/../api/runs` can't pass as docs.
  const route = request.routeOptions.url;
  return route !== undefined && (isDocsRoute(route) || !isServerPath(route) || route.startsWith('/assets')) ? 'public' : 'signed-in';
}

function isDocsRoute(route: string): boolean {
  return route === '/docs' || route.startsWith('/docs/');
}

function bearerToken(header: string): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}
