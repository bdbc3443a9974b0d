import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Engine } from '../engine.ts';
import { SwitchboardError } from '../errors.ts';
import type { ApiToken } from '../store/api-tokens.ts';
import { isServerPath } from './server-paths.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route needs no bearer token (health checks; webhooks, which the trigger authenticates by signature). */
    readonly public?: boolean;
    /**
     * The role a token needs for the route. `admin` marks what only administrators may do
     * (secrets); every API token is an admin token today, and the check below is where
     * narrower roles will be refused.
     */
    readonly role?: ApiToken['role'];
  }
}

/** Tokens are stored as the hex SHA-256 of the token: a leaked table grants nothing. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
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
  /** How long a token lookup is remembered. Defaults to 30 s: a deleted token keeps working at most this long. */
  readonly cacheTtlMs?: number;
}

interface CachedLookup {
  /** The lookup itself, so concurrent requests with one new token share one query. */
  readonly token: Promise<ApiToken | undefined>;
  expiresAt: number;
}

/** Unknown tokens are remembered briefly, so a token created by another process works within seconds. */
const NEGATIVE_TTL_MS = 5_000;
/** Bounds memory when a client sprays random tokens; past this the cache starts over. */
const MAX_CACHED_LOOKUPS = 10_000;

/**
 * An onRequest hook that requires `Authorization: Bearer <token>` on every route
 * except those marked `config: { public: true }` and the API reference under /docs.
 * Paths outside the server's own (`/flows/<id>`, the web app's) need none.
 * Lookups are cached in memory, so the hot path (thousands of events a second)
 * costs a hash and a map read, not a query.
 */
export function createAuthHook(engine: Engine, options: AuthOptions = {}): onRequestHookHandler {
  const ttlMs = options.cacheTtlMs ?? 30_000;
  const cache = new Map<string, CachedLookup>();

  function lookup(tokenHash: string): Promise<ApiToken | undefined> {
    const now = Date.now();
    const cached = cache.get(tokenHash);
    if (cached !== undefined && cached.expiresAt > now) return cached.token;
    if (cache.size >= MAX_CACHED_LOOKUPS) cache.clear();
    const entry: CachedLookup = { token: engine.findApiToken(tokenHash), expiresAt: now + ttlMs };
    cache.set(tokenHash, entry);
    entry.token.then(
      (token) => {
        if (token === undefined) entry.expiresAt = Math.min(entry.expiresAt, Date.now() + NEGATIVE_TTL_MS);
      },
      // A failed query (database down) is not remembered: the next request asks again.
      () => {
        if (cache.get(tokenHash) === entry) cache.delete(tokenHash);
      },
    );
    return entry.token;
  }

  return async (request) => {
    if (isPublic(request)) return;
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      throw new SwitchboardError('AUTH_REQUIRED', 'This route needs an API token: send "Authorization: Bearer <token>".');
    }
    const found = await lookup(hashToken(token));
    if (found === undefined) {
      throw new SwitchboardError('AUTH_REQUIRED', 'The bearer token is not valid. Check it, or create a new one.');
    }
    const role = request.routeOptions.config.role;
    if (role !== undefined && found.role !== role) {
      throw new SwitchboardError('AUTH_FORBIDDEN', `This route needs a token with the ${role} role; this token's role is ${found.role}.`);
    }
  };
}

function isPublic(request: FastifyRequest): boolean {
  // No route matched outside the API's paths: there is nothing there but the web app's page
  // (or a 404). An unknown route under /api still needs a token, so it reveals nothing.
  if (request.is404 && !isServerPath(request.url)) return true;
  // The matched route pattern, not the raw URL: `/docs/../api/runs` can't pass as docs.
  const route = request.routeOptions.url;
  return request.routeOptions.config.public === true || (route !== undefined && (route === '/docs' || route.startsWith('/docs/')));
}

function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  return match?.[1];
}
