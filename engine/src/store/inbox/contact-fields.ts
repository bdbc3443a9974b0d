import type { ContactFieldType, InboxDatabase } from './database.ts';

/** A typed custom field contacts may carry, e.g. `plan` (select: free, pro) or `birthday` (date). */
export interface ContactFieldDefinition {
  readonly key: string;
  readonly label: string;
  readonly type: ContactFieldType;
  /** The allowed values of a select field; empty for other types. */
  readonly options: readonly string[];
  readonly createdAt: Date;
}

function toDefinition(row: { key: string; label: string; type: ContactFieldType; options: string[]; created_at: Date }): ContactFieldDefinition {
  return { key: row.key, label: row.label, type: row.type, options: row.options, createdAt: row.created_at };
}

/** Defines a field, or answers 'key_taken' (the primary key decides, race-free). */
export async function insertContactField(
  db: InboxDatabase,
  field: Omit<ContactFieldDefinition, 'createdAt'> & { readonly now: Date },
): Promise<ContactFieldDefinition | 'key_taken'> {
  const row = await db
    .insertInto('contact_field_definitions')
    .values({ key: field.key, label: field.label, type: field.type, options: JSON.stringify(field.options), created_at: field.now })
    .onConflict((oc) => oc.column('key').doNothing())
    .returningAll()
    .executeTakeFirst();
  return row === undefined ? 'key_taken' : toDefinition(row);
}

export async function listContactFields(db: InboxDatabase): Promise<ContactFieldDefinition[]> {
  return (await db.selectFrom('contact_field_definitions').selectAll().orderBy('key').execute()).map(toDefinition);
}

export async function findContactFields(db: InboxDatabase, keys: readonly string[]): Promise<Map<string, ContactFieldDefinition>> {
  if (keys.length === 0) return new Map();
  const rows = await db.selectFrom('contact_field_definitions').selectAll().where('key', 'in', keys).execute();
  return new Map(rows.map((row) => [row.key, toDefinition(row)]));
}
