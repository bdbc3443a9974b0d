import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

/**
 * The server's API, typed from its own OpenAPI document (schema.d.ts, generated): a path, a
 * parameter or a field the server renames fails the editor's typecheck, not a person's screen.
 */
export type ApiClient = Client<paths>;

/** The body of every error response: `{ statusCode, code, message, issues? }`. */
export type ApiError = components['schemas']['Error'];

/** A person with an account. */
export type User = components['schemas']['User'];

/** An API token as the server lists it (never its secret). */
export type ApiTokenInfo = components['schemas']['ApiToken'];

export interface ApiClientOptions {
  readonly baseUrl?: string;
  /**
   * Called when the server answers 401 AUTH_REQUIRED: the session expired, was revoked (signed out
   * elsewhere, a changed password, a deactivated account) or never existed.
   */
  readonly onAuthRequired?: () => void;
}

/**
 * @example
 * const api = createApiClient({ onAuthRequired: () => showSignIn() });
 * const { data, error } = await api.GET('/api/health');
 */
export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  // Same origin by default: the engine serves the app, and `pnpm dev` proxies /api to it. The
  // session cookie goes with every request; the browser adds the Origin header the server's
  // cross-site check reads to every POST, PUT, PATCH and DELETE.
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? '', credentials: 'same-origin' });
  const { onAuthRequired } = options;
  if (onAuthRequired !== undefined) {
    client.use({
      async onResponse({ response }) {
        // Only AUTH_REQUIRED means "not signed in": a wrong password at sign-in is a 401 too (SIGN_IN_FAILED).
        if (response.status !== 401) return undefined;
        const body: unknown = await response
          .clone()
          .json()
          .catch(() => undefined);
        if (isApiError(body) && body.code === 'AUTH_REQUIRED') onAuthRequired();
        return undefined;
      },
    });
  }
  return client;
}

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
