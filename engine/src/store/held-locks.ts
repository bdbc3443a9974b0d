/**
 * Which transaction-scoped advisory locks a connection's open transaction already holds, so that
 * asking for one again costs no round trip. The engine takes a subject's lock at every seam that
 * may be entered on its own (starting runs, advancing one, a node changing a conversation), so one
 * transaction often asks for the same lock two or three times; Postgres answers a repeat at once,
 * but only after a round trip (README, "Where the time goes").
 *
 * Postgres releases a lock taken after a savepoint when the transaction rolls back to it, and
 * keeps it on release; each savepoint here remembers what was taken after it, to forget or keep
 * the same way. A text of several commands (the simple protocol, as the step savepoints send
 * them) is followed command by command. Anything this cannot follow (an error, such a text with
 * a quote in it, a transaction statement it does not know) makes it forget everything until the
 * next `begin`: forgetting only costs a round trip, while remembering a lock that is gone would
 * break promise 3.
 */
export class HeldLocks {
  /** Undefined outside a transaction this follows. */
  private scopes: { readonly savepoint: string | undefined; readonly locks: Set<string> }[] | undefined;

  /** Whether the open transaction holds the lock `text` with `values` would take. */
  holds(text: string, values: readonly unknown[]): boolean {
    const key = lockKey(text, values);
    return key !== undefined && this.scopes?.some((scope) => scope.locks.has(key)) === true;
  }

  /** After `text` with `values` succeeded on this connection. */
  succeeded(text: string, values: readonly unknown[] | undefined): void {
    // Most statements are neither: a long text is a control or lock statement only with several commands in it.
    if (text.length > SHORT && !text.includes(';')) return;
    const statement = text.trim().replace(/;$/, '').trim();
    if (statement.includes(';')) {
      // Several commands in one text (no parameters, the simple protocol): each in turn, unless a
      // quote could hide a semicolon.
      if (/['"$]/.test(statement) || (values?.length ?? 0) > 0) {
        this.forget();
        return;
      }
      for (const part of statement.split(';')) this.succeeded(part, undefined);
      return;
    }
    const lock = lockKey(statement, values ?? []);
    if (lock !== undefined) {
      this.scopes?.at(-1)?.locks.add(lock);
      return;
    }
    const control = transactionControl(statement);
    if (control === undefined) return;
    if (control.kind === 'unknown' || control.kind === 'end') {
      this.forget();
      return;
    }
    if (control.kind === 'begin') {
      this.scopes = [{ savepoint: undefined, locks: new Set() }];
      return;
    }
    const scopes = this.scopes;
    if (scopes === undefined) return;
    if (control.kind === 'savepoint') {
      scopes.push({ savepoint: control.name, locks: new Set() });
      return;
    }
    const { kind, name } = control;
    const at = scopes.findLastIndex((scope) => scope.savepoint === name);
    if (at < 1) {
      this.forget();
      return;
    }
    const undone = scopes.splice(at);
    if (kind === 'rollback to') scopes.push({ savepoint: name, locks: new Set() });
    else for (const scope of undone) for (const key of scope.locks) scopes.at(-1)?.locks.add(key);
  }

  forget(): void {
    this.scopes = undefined;
  }
}

/** Longer than any transaction control statement or lock statement the engine sends. */
const SHORT = 120;

const lockStatement = /^select pg_advisory_xact_lock\([^;]*\)$/i;

function lockKey(text: string, values: readonly unknown[]): string | undefined {
  if (text.length > SHORT || values.length === 0) return undefined;
  const statement = text.trim();
  if (!lockStatement.test(statement) || values.length === 0) return undefined;
  return `${statement}\n${JSON.stringify(values)}`;
}

type TransactionControl =
  | { readonly kind: 'begin' }
  | { readonly kind: 'end' }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'savepoint' | 'release' | 'rollback to'; readonly name: string }
  | undefined;

/** `unknown`: it starts like a transaction statement, but not one of the forms above (a quoted savepoint name, `prepare transaction`). */
function transactionControl(statement: string): TransactionControl {
  const words = statement.toLowerCase().split(/\s+/);
  const first = words[0] ?? '';
  if (!['begin', 'start', 'commit', 'end', 'rollback', 'abort', 'savepoint', 'release', 'prepare'].includes(first)) return undefined;
  const last = words.at(-1) ?? '';
  if (statement.includes('"') || first === 'prepare') return { kind: 'unknown' };
  if (first === 'begin' || (first === 'start' && words[1] === 'transaction')) return { kind: 'begin' };
  if (first === 'savepoint' && words.length === 2) return { kind: 'savepoint', name: last };
  if (first === 'release' && words.length <= 3) return { kind: 'release', name: last };
  if (first === 'rollback' && words.includes('to')) return { kind: 'rollback to', name: last };
  if (first === 'rollback' && words.length > 2) return { kind: 'unknown' };
  if (first !== 'start' && first !== 'savepoint' && first !== 'release') return { kind: 'end' };
  return { kind: 'unknown' };
}
