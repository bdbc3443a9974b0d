/**
 * The paths the server answers for itself: the API, the webhooks, the API reference and the
 * web app's assets. Everything else is the web app's, whose router shows its own "not found".
 * An unknown route here is the JSON 404 (or 401) a client can act on, never the app's HTML,
 * and a missing asset is a 404 rather than a page a browser would try to run as a script.
 */
const SERVER_PATHS = ['/api', '/hooks', '/docs', '/assets'];

/** Whether `url` (a request URL, query string allowed) is under one of the server's own paths. */
export function isServerPath(url: string): boolean {
  const pathname = url.split('?', 1)[0] ?? url;
  return SERVER_PATHS.some((prefix) => pathname === prefix || pathname.startsWith(`${prefix}/`));
}
