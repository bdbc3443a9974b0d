import { sql } from 'kysely';
import type { InboxDatabase } from './database.ts';
import { unlessUniqueViolation } from './unless-unique-violation.ts';

/** A canned response: agents type its shortcut (e.g. `/hours`) to insert the text. */
export interface Snippet {
  readonly id: string;
  readonly shortcut: string;
  readonly title: string;
  readonly text: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

function toSnippet(row: { id: string; shortcut: string; title: string; text: string; created_at: Date; updated_at: Date }): Snippet {
  return { id: row.id, shortcut: row.shortcut, title: row.title, text: row.text, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Inserts a snippet, or answers 'shortcut_taken': the unique index on lower(shortcut) decides, race-free. */
export async function insertSnippet(
  db: InboxDatabase,
  snippet: { readonly shortcut: string; readonly title: string; readonly text: string; readonly now: Date },
): Promise<Snippet | 'shortcut_taken'> {
  const row = await db
    .insertInto('snippets')
    .values({ shortcut: snippet.shortcut, title: snippet.title, text: snippet.text, created_at: snippet.now, updated_at: snippet.now })
    .onConflict((oc) => oc.expression(sql`lower(shortcut)`).doNothing())
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? 'shortcut_taken' : toSnippet(row);
}

export async function updateSnippet(
  db: InboxDatabase,
  id: string,
  changes: { readonly shortcut?: string; readonly title?: string; readonly text?: string },
  now: Date,
): Promise<Snippet | 'shortcut_taken' | undefined> {
  const row = await unlessUniqueViolation(
    db,
    () =>
      db
        .updateTable('snippets')
        .set({ ...changes, updated_at: now })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst(),
    'shortcut_taken' as const,
  );
  return row === 'shortcut_taken' || row === undefined ? row : toSnippet(row);
}

export async function findSnippet(db: InboxDatabase, id: string): Promise<Snippet | undefined> {
  const row = await db.selectFrom('snippets').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toSnippet(row);
}

export async function findSnippetByShortcut(db: InboxDatabase, shortcut: string): Promise<Snippet | undefined> {
  const row = await db.selectFrom('snippets').selectAll().where(sql<boolean>`lower(shortcut) = lower(${shortcut})`).executeTakeFirst();
  return row === undefined ? undefined : toSnippet(row);
}

export async function listSnippets(db: InboxDatabase): Promise<Snippet[]> {
  return (await db.selectFrom('snippets').selectAll().orderBy('shortcut').execute()).map(toSnippet);
}

export async function deleteSnippet(db: InboxDatabase, id: string): Promise<boolean> {
  const row = await db.deleteFrom('snippets').where('id', '=', id).returning('id').executeTakeFirst();
  return row !== undefined;
}
