/**
 * Keeps the built web app (`editor/dist`) as new as its sources, so a fresh clone's
 * `pnpm install && pnpm start` serves the app with no build step of its own, and a
 * `git pull` that changes the app is picked up at the next start. Build output is never
 * committed; it is made here, once per change of the sources.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat, utimes } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const editorDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The built app the engine serves: `index.html` and `assets/`. */
export const webAppDir = path.join(editorDir, 'dist');

/** What goes into the bundle: a change to any of these makes the build stale. */
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'tsconfig.json', 'package.json'];

/** The longest a build may take before it is given up as hung (a cold build takes seconds). */
const BUILD_TIMEOUT_MS = 5 * 60_000;

export type BuildOutcome =
  | { readonly kind: 'fresh' }
  | { readonly kind: 'built'; readonly durationMs: number }
  /** Stale or missing, and Vite is not installed here (`pnpm install --prod`): what was there stays. */
  | { readonly kind: 'cannot-build'; readonly reason: string };

export interface BuildIfStaleOptions {
  /** Receives the lines a person starting Switchboard should read (building, built in 6.1 s). */
  readonly say?: (line: string) => void;
  /** Aborts a build in progress: the Vite process is stopped and nothing is swapped in. */
  readonly signal?: AbortSignal;
}

/**
 * Builds the app with Vite when `dist/index.html` is missing or older than a source file.
 * The build goes to a folder of its own and then takes the place of `dist`, so a server
 * reading `dist` never sees half a build, and two builds at once (parallel test runs) each
 * leave a whole one.
 *
 * @example
 * await buildIfStale({ say: (line) => process.stderr.write(`${line}\n`) });
 */
export async function buildIfStale(options: BuildIfStaleOptions = {}): Promise<BuildOutcome> {
  const say = options.say ?? (() => undefined);
  const builtAt = await modifiedAt(path.join(webAppDir, 'index.html'));
  const newestSource = await newestModification(SOURCES.map((source) => path.join(editorDir, source)));
  if (builtAt !== undefined && builtAt >= newestSource) return { kind: 'fresh' };

  const vite = viteBin();
  if (vite === undefined) {
    const reason = 'Vite is not installed here (a production install?), so the web app cannot be rebuilt';
    say(builtAt === undefined ? `${reason}.` : `The web app's sources changed since its build, but ${reason}; serving the build there is.`);
    return { kind: 'cannot-build', reason };
  }

  say(builtAt === undefined ? 'Building the web app (once, a few seconds)…' : 'Building the web app (its sources changed since the last build)…');
  const startedAt = Date.now();
  const outDir = path.join(editorDir, `dist-building-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await runVite(vite, outDir, options.signal);
    // Stamped with the time the build started: a source saved during the build is newer, so
    // the next start builds again instead of serving a bundle that lacks it.
    await utimes(path.join(outDir, 'index.html'), new Date(startedAt), new Date(startedAt));
    await swapIn(outDir);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  const durationMs = Date.now() - startedAt;
  say(`Web app built in ${(durationMs / 1000).toFixed(1)} s.`);
  return { kind: 'built', durationMs };
}

function viteBin(): string | undefined {
  try {
    return path.join(path.dirname(createRequire(path.join(editorDir, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    return undefined;
  }
}

function runVite(vite: string, outDir: string, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: editorDir,
      // The production build whatever this process runs as (a test run sets NODE_ENV=test,
      // which would bundle React's development build).
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: AbortSignal.any([AbortSignal.timeout(BUILD_TIMEOUT_MS), ...(signal === undefined ? [] : [signal])]),
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output = (output + String(chunk)).slice(-8_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (error) => reject(new Error(`The web app's build did not run: ${error.message}`, { cause: error })));
    child.on('close', (code, exitSignal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `The web app did not build (vite exited with ${code ?? exitSignal}). Run \`pnpm --filter @switchboard/editor build\` to see why.\n${output.trim()}`,
          ),
        );
    });
  });
}

/** Puts a finished build in `dist`'s place: two renames, so `dist` is whole before and after. */
async function swapIn(outDir: string): Promise<void> {
  const previous = `${webAppDir}-previous-${process.pid}-${randomBytes(4).toString('hex')}`;
  await rename(webAppDir, previous).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
  try {
    await rename(outDir, webAppDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // ENOTEMPTY: another build took the place in between; it is as new as this one.
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST') {
      await rename(previous, webAppDir).catch(() => undefined);
      throw error;
    }
  }
  await rm(previous, { recursive: true, force: true });
}

async function modifiedAt(file: string): Promise<number | undefined> {
  return stat(file).then(
    (info) => info.mtimeMs,
    () => undefined,
  );
}

/** The latest modification time under these files and folders (a folder's own time counts: a deleted file changes it). */
async function newestModification(entries: readonly string[]): Promise<number> {
  let newest = 0;
  for (const entry of entries) {
    const info = await stat(entry).catch(() => undefined);
    if (info === undefined) continue;
    newest = Math.max(newest, info.mtimeMs);
    if (info.isDirectory()) {
      const children = await readdir(entry);
      newest = Math.max(newest, await newestModification(children.map((child) => path.join(entry, child))));
    }
  }
  return newest;
}
