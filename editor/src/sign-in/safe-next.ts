import { isPublicPath } from '../app/public-paths.ts';

/**
 * Where signing in takes a person: the page they were sent away from (`?next=`), when it is a
 * page of this app. Anything else (another site, `//evil.example`, the sign-in page itself) goes
 * to `/`, so a link cannot use the sign-in page to send someone elsewhere.
 */
export function safeNext(next: string | undefined): string {
  if (next === undefined || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  let url: URL;
  try {
    url = new URL(next, 'http://app.invalid');
  } catch {
    return '/';
  }
  if (url.origin !== 'http://app.invalid' || isPublicPath(url.pathname)) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
