import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

/**
 * The server's API, typed from its own OpenAPI document (schema.d.ts, generated): a path, a
 * parameter or a field the server renames fails the editor's typecheck, not a person's screen.
 */
export type ApiClient = Client<paths>;

/** The body of every error response: `{ statusCode, code, message, issues? }`. */
export type ApiError = components['schemas']['Error'];

/**
 * @example
 * const api = createApiClient();
 * const { data, error } = await api.GET('/api/health');
 */
export function createApiClient(options: { readonly baseUrl?: string } = {}): ApiClient {
  // Same origin by default: the engine serves the app, and `pnpm dev` proxies /api to it.
  return createClient<paths>({ baseUrl: options.baseUrl ?? '' });
}
