/** The pages a person opens before they are signed in; every other page needs a session. */
const publicPaths: readonly string[] = ['/sign-in', '/setup', '/invite'];

export function isPublicPath(pathname: string): boolean {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  return publicPaths.includes(path);
}
