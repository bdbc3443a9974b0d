import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { isServerPath } from './server-paths.ts';

/** Hashed file names (`index-B1c9d2.js`) change with their content, so a browser may keep them for good. */
const ASSET_CACHE = { maxAge: '365d', immutable: true } as const;

/**
 * The app's page may load only what the server itself serves: no inline or third-party script,
 * nothing framing it (clickjacking). Inline styles stay allowed because the UI libraries set
 * some (Radix's scroll lock, React Flow).
 *
 * 'unsafe-eval' is there for one reason: the flow editor checks each node's config as the person
 * types with ajv, the validator the server uses, and ajv compiles a JSON Schema into a function.
 * The schemas come from the server at run time (custom nodes included), so they cannot be
 * compiled at build time. No code of ours passes a string to eval, Function or a timer, and
 * inline script stays refused, which is what an injected <script> needs.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  // Revalidated on every load (the ETag makes that a 304): a new build is picked up at once.
  'cache-control': 'no-cache',
} as const;

/** The built web app (`index.html` and its `assets/`), as the server serves it. */
export interface WebApp {
  /** `GET /assets/*`: the bundle's hashed files, cached for a year. */
  readonly routes: FastifyPluginAsync;
  /**
   * Wraps the API's not-found handler: a browser navigating to any other path (`/flows/<id>`)
   * gets `index.html` and the app's router takes over; everything else gets `notFound`.
   */
  notFoundHandler(notFound: (request: FastifyRequest, reply: FastifyReply) => void): (request: FastifyRequest, reply: FastifyReply) => void;
}

/**
 * Reads the built app in `dir` (the editor's `dist`). The page is read once and kept in
 * memory, so the app is served as it was built when the server started.
 *
 * @example
 * const webApp = await loadWebApp('editor/dist');
 * app.setNotFoundHandler(webApp.notFoundHandler(handleNotFound));
 * await app.register(webApp.routes);
 */
export async function loadWebApp(dir: string): Promise<WebApp> {
  const indexFile = path.join(dir, 'index.html');
  const page = await readFile(indexFile).catch((cause: unknown) => {
    throw new Error(`The web app in ${dir} is not built: ${indexFile} cannot be read. Build it with \`pnpm --filter @switchboard/editor build\`.`, { cause });
  });
  const etag = `"${createHash('sha256').update(page).digest('base64url').slice(0, 22)}"`;
  const assets = path.join(dir, 'assets');

  const routes: FastifyPluginAsync = async (scope) => {
    // `serve: false`: the one route below is the whole surface, so what is public is written here.
    await scope.register(fastifyStatic, { root: assets, serve: false, dotfiles: 'ignore', ...ASSET_CACHE });
    scope.get<{ Params: { '*': string } }>('/assets/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
      void reply.header('x-content-type-options', 'nosniff');
      return reply.sendFile(request.params['*'], ASSET_CACHE);
    });
  };

  return {
    routes,
    notFoundHandler: (notFound) => (request, reply) => {
      if (!isPageRequest(request)) return notFound(request, reply);
      void reply.headers(PAGE_HEADERS).header('etag', etag).type('text/html; charset=utf-8');
      if (request.headers['if-none-match'] === etag) return void reply.code(304).send();
      return void reply.code(200).send(page);
    },
  };
}

/** A browser loading a page: GET or HEAD, asking for HTML, outside the server's own paths. */
function isPageRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  return !isServerPath(request.url) && (request.headers.accept ?? '').includes('text/html');
}
