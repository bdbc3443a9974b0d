import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '../support/count-statements.ts';
import { startInboxEngine, type InboxEngine } from './support/inbox-engine.ts';
import { receive } from './support/inbox-fixtures.ts';

describe('round trips of an inbound message', () => {
  let box: InboxEngine;
  beforeAll(async () => {
    // No workers: only the message's transaction talks to Postgres while it is counted.
    box = await startInboxEngine({ runWorkers: false });
    await receive(box, 'warm', 'hola', { idempotencyKey: 'warm' });
  });
  afterAll(() => box?.close());

  const touching = (texts: readonly string[], table: string) => texts.filter((text) => text.includes(table));

  it("reads a new contact's identity and the message's key in one statement, and creates the contact in one more", async () => {
    const { count, texts } = await countStatements(() => receive(box, 'first-timer', 'hola', { idempotencyKey: 'first-1' }));
    // Before: the key's message, the identity, its lock, the identity again under the lock, the contact.
    expect(touching(texts, 'contact_identities'), texts.join('\n')).toHaveLength(2);
    expect(
      texts.filter((text) => text.includes('pg_advisory_xact_lock(hashtext(')),
      texts.join('\n'),
    ).toHaveLength(0);
    // 14 before; now begin, those two, the conversation, its lock, the message, two events (each
    // with its signal's claim) and commit.
    expect(count, texts.join('\n')).toBeLessThanOrEqual(11);
  });

  it("reads a known contact's identity with the message's key, and nothing else before the conversation", async () => {
    await receive(box, 'regular', 'hola', { idempotencyKey: 'regular-1' });
    const { texts } = await countStatements(() => receive(box, 'regular', 'otra cosa', { idempotencyKey: 'regular-2' }));
    const reads = touching(texts, 'contact_identities');
    expect(reads, texts.join('\n')).toHaveLength(1);
    expect(reads[0]).toContain('messages');
    expect(touching(texts, 'from "messages" where "idempotency_key"'), texts.join('\n')).toHaveLength(0);
  });
});
