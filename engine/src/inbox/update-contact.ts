import { type Issue, summarizeIssues } from '@switchboard/engine';
import { type NodeDatabase, SwitchboardError } from '@switchboard/engine/sdk';
import { findContactFields } from '../store/inbox/contact-fields.ts';
import { type Contact, findContact, updateContact as updateContactRow } from '../store/inbox/contacts.ts';
import { checkFieldValue } from './contact-field-value.ts';
import { lockContactForChange } from './contact-subject.ts';
import { emitInboxEvent } from './inbox-events.ts';
import { inboxTables } from './inbox-tables.ts';
import type { InboxRuntime } from './inbox-runtime.ts';

export interface UpdateContactInput {
  readonly contactId: string;
  /** The conversation the change is reported on; defaults to the contact's open (else latest) one. */
  readonly conversationId?: string;
  readonly name?: string | null;
  readonly phone?: string | null;
  readonly email?: string | null;
  /** Custom field values by key; null removes a value. Each key must be a defined field. */
  readonly fields?: Readonly<Record<string, unknown>>;
}

/**
 * Updates a contact's details and custom fields, checking every field value
 * against its definition first (all problems at once, with paths under
 * `/fields`), and emits `inbox.contact_field_updated` once per field whose
 * value changed.
 */
export async function updateContact(rt: InboxRuntime, db: NodeDatabase, input: UpdateContactInput): Promise<Contact> {
  const tables = inboxTables(db);
  const fields = await checkContactFields(tables, input.fields ?? {});
  const { contact, conversationId } = await lockContactForChange(rt, db, input.contactId, input.conversationId);
  const standard = { name: input.name, phone: input.phone, email: input.email };
  await updateContactRow(tables, contact.id, { ...definedOnly(standard), ...(input.fields === undefined ? {} : { fields }) }, rt.clock());
  const changes: { field: string; value: unknown; previous: unknown }[] = [];
  for (const [field, value] of Object.entries(standard)) {
    if (value !== undefined && value !== contact[field as keyof typeof standard])
      changes.push({ field, value, previous: contact[field as keyof typeof standard] });
  }
  for (const [field, value] of Object.entries(fields)) {
    const previous = contact.fields[field] ?? null;
    if (JSON.stringify(previous) !== JSON.stringify(value)) changes.push({ field, value, previous });
  }
  for (const change of changes) {
    await emitInboxEvent(rt, db, 'inbox.contact_field_updated', conversationId, { contactId: contact.id, conversationId, ...change });
  }
  return (await findContact(tables, contact.id)) ?? contact;
}

export async function checkContactFields(tables: ReturnType<typeof inboxTables>, fields: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const definitions = await findContactFields(tables, Object.keys(fields));
  const issues: Issue[] = [];
  const checked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    // RFC 6901: `~` and `/` inside a key are escaped in its pointer segment.
    const path = `/fields/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    const definition = definitions.get(key);
    if (definition === undefined) {
      issues.push({
        path,
        code: 'INBOX_CONTACT_FIELD_NOT_FOUND',
        message: `No contact field "${key}" is defined; define it under /api/inbox/contact-fields first.`,
      });
      continue;
    }
    if (value === null) {
      checked[key] = null;
      continue;
    }
    const result = checkFieldValue(definition, value);
    if (result.ok) checked[key] = result.value;
    else issues.push({ path, code: 'INBOX_FIELD_VALUE_INVALID', message: result.message });
  }
  const [first] = issues;
  if (first !== undefined) throw new SwitchboardError(first.code, `The contact fields are invalid: ${summarizeIssues(issues)}`, { issues, path: first.path });
  return checked;
}

function definedOnly<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;
}
