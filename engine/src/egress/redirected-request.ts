/** fetch's own limit (WHATWG Fetch, "HTTP-redirect fetch"), kept so a node follows what it always did. */
export const MAX_REDIRECTS = 20;

/** One hop of a request that ctx.fetch follows through redirects. */
export interface HopRequest {
  readonly url: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
}

const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type', 'content-length'];
/** What fetch (undici) drops when a redirect leaves the origin. */
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie', 'host'];

/**
 * The request for the next hop, by fetch's rules: a 303 (and a 301 or 302 after
 * a POST) becomes a GET without its body; 307 and 308 repeat method and body.
 * Leaving the origin drops the credentials. Other headers (Idempotency-Key
 * among them) go along.
 */
export function redirectedRequest(request: HopRequest, status: number, location: URL): HopRequest {
  const headers = new Headers(request.headers);
  const becomesGet =
    ((status === 301 || status === 302) && request.method === 'POST') || (status === 303 && request.method !== 'GET' && request.method !== 'HEAD');
  if (becomesGet) for (const name of BODY_HEADERS) headers.delete(name);
  if (location.origin !== request.url.origin) for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  return { url: location, method: becomesGet ? 'GET' : request.method, headers, body: becomesGet ? null : request.body };
}
