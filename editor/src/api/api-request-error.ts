import { type ApiError, isApiError } from './client.ts';

/**
 * A request the server refused or failed, with the server's error body when it sent one
 * (`{ statusCode, code, message, issues? }`): forms show its message next to themselves and pick
 * their own words for the codes they know (a wrong password, too many attempts).
 */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly body: ApiError | undefined;
  readonly response: Response;

  constructor(response: Response, body: unknown) {
    const error = isApiError(body) ? body : undefined;
    super(error?.message ?? `The server answered ${response.status} ${response.statusText}.`);
    this.name = 'ApiRequestError';
    this.status = response.status;
    this.body = error;
    this.response = response;
  }

  get code(): string | undefined {
    return this.body?.code;
  }
}

/**
 * The data of a successful answer (undefined for a 204), or an ApiRequestError for any other.
 *
 * @example
 * const users = await expectOk(api.GET('/api/users'));
 */
export async function expectOk<T>(request: Promise<{ readonly data?: T; readonly error?: unknown; readonly response: Response }>): Promise<T> {
  const { data, error, response } = await request;
  if (!response.ok) throw new ApiRequestError(response, error);
  return data as T;
}
