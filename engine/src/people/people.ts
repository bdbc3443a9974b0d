import { createHash, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Kysely } from 'kysely';
import { SwitchboardError } from '../errors.ts';
import { type ApiToken, type ApiTokenInfo, deleteApiToken, findApiTokenByHash, insertApiToken, listApiTokens } from '../store/api-tokens.ts';
import type { DB, Role } from '../store/database.ts';
import {
  clearFailures,
  countActiveAdmins,
  countUsers,
  deleteExpiredSignInState,
  deleteOneTimeLinksOfUser,
  deleteSession,
  deleteSessionsOfUser,
  extendSession,
  findSessionUser,
  findUserByEmail,
  findUserById,
  forgiveSignInAttempt,
  insertSession,
  insertUser,
  listUsers,
  lockAdmins,
  lockedUntil,
  markSignedIn,
  replaceOneTimeLink,
  type SignInAttempt,
  takeOneTimeLink,
  takeSignInAttempt,
  type UserChanges,
  type UserRow,
  updateUser,
} from '../store/people.ts';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, verifyAgainstNobody, verifyPassword } from './passwords.ts';

export type Language = 'en' | 'es';

/** A person as the API shows them: never their password hash. */
export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly language: Language | null;
  readonly timeZone: string | null;
  /** `invited`: has not set a password yet. */
  readonly status: 'invited' | 'active' | 'deactivated';
  readonly createdAt: Date;
  readonly lastSignedInAt: Date | null;
}

/** A one-time link's secret part; the caller builds the address (`/setup#token=…`, `/invite#token=…`). */
export interface OneTimeToken {
  readonly token: string;
  readonly expiresAt: Date;
}

/** A new session: `token` goes into the cookie and nowhere else. */
export interface NewSession {
  readonly token: string;
  readonly expiresAt: Date;
}

/** The person of a session cookie; `renewed` when this use moved the expiry, so the cookie's should move too. */
export interface SessionOfUser {
  readonly user: User;
  readonly expiresAt: Date;
  readonly renewed: boolean;
}

/** A session is good for this long after it was last used. */
export const SESSION_IDLE_DAYS = 14;
const SESSION_IDLE_MS = SESSION_IDLE_DAYS * 24 * 60 * 60 * 1000;
/** Using a session moves its expiry at most this often: one write an hour, not one per request. */
const SESSION_EXTEND_AFTER_MS = 60 * 60 * 1000;
export const SETUP_LINK_HOURS = 24;
export const INVITE_LINK_DAYS = 7;

/**
 * Sign-in throttling (README "Sign-in"): after `after` wrong passwords within the window, a key
 * is locked for `baseLockSeconds`, doubling with each further wrong password up to the window.
 * Per account, so a guessed account is slowed down whatever the address; per address (an IPv6
 * address by its /64, what one subscriber gets), so one address cannot try many accounts. A right
 * password clears the account's count and gives its own attempt back to the address.
 */
const THROTTLE_WINDOW_SECONDS = 15 * 60;
const THROTTLE = {
  account: { after: 5, baseLockSeconds: 30, windowSeconds: THROTTLE_WINDOW_SECONDS },
  address: { after: 20, baseLockSeconds: 30, windowSeconds: THROTTLE_WINDOW_SECONDS },
} as const;

export interface People {
  /** True until someone has an account. */
  needsSetup(): Promise<boolean>;
  /** A new setup link (the previous one stops working), or undefined when someone has an account. */
  createSetupLink(): Promise<OneTimeToken | undefined>;
  /** Creates the first admin with the setup link's token and signs them in. */
  completeSetup(input: {
    token: string;
    name: string;
    email: string;
    password: string;
    language: Language | null;
  }): Promise<{ user: User; session: NewSession }>;
  /** SIGN_IN_FAILED, SIGN_IN_THROTTLED (with `retryAfterSeconds` in details) or USER_DEACTIVATED. */
  signIn(input: { email: string; password: string; address: string }): Promise<{ user: User; session: NewSession }>;
  /** The signed-in person of a session cookie, extending the session; undefined when it is not one (any more). */
  sessionUser(sessionToken: string): Promise<SessionOfUser | undefined>;
  signOut(sessionToken: string): Promise<void>;

  listUsers(): Promise<User[]>;
  getUser(id: string): Promise<User>;
  /** The person with this email (without case), if any: how a plugin links its own records to people (the inbox's agent profiles). */
  findUserByEmail(email: string): Promise<User | undefined>;
  /** An invited person: no password until they follow the returned link. */
  inviteUser(input: { name: string; email: string; role: Role; language: Language | null }): Promise<{ user: User; invite: OneTimeToken }>;
  /** A person with a password, for scripts (`switchboard create-user`). */
  createUser(input: { name: string; email: string; role: Role; language: Language | null; password: string }): Promise<User>;
  /** A new invitation or password-reset link for someone; their earlier link stops working. */
  issueInvite(userId: string): Promise<OneTimeToken>;
  acceptInvite(input: { token: string; password: string; name?: string }): Promise<{ user: User; session: NewSession }>;
  /** An admin's changes. Deactivating ends the person's sessions and their tokens stop working; LAST_ADMIN guards the last admin. */
  updateUser(id: string, changes: { name?: string; role?: Role; active?: boolean }): Promise<User>;
  /** A person's own profile. */
  updateProfile(id: string, changes: { name?: string; language?: Language | null; timeZone?: string | null }): Promise<User>;
  /**
   * Checks the current password (wrong ones count against the account's sign-in throttle), stores
   * the new one and ends every session of the person; returns a fresh one for this browser.
   */
  changePassword(userId: string, input: { currentPassword: string; newPassword: string }): Promise<NewSession>;

  listApiTokens(): Promise<ApiTokenInfo[]>;
  /** A token for a person (it carries their role); the token itself is returned only here. */
  createApiToken(input: { name: string; userId: string }): Promise<{ token: string; apiToken: ApiTokenInfo }>;
  /** API_TOKEN_NOT_FOUND when there is none; returns the revoked token's hash so a cache can forget it. */
  revokeApiToken(id: string): Promise<{ tokenHash: string }>;
  findApiToken(tokenHash: string): Promise<ApiToken | undefined>;

  /** Deletes expired sessions, links and wrong-password counts (the retention pass calls it); says how many of each. */
  deleteExpired(): Promise<{ sessions: number; links: number; signInFailures: number }>;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

function newSecret(prefix: string): string {
  return `${prefix}${randomBytes(32).toString('base64url')}`;
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    language: row.language,
    timeZone: row.time_zone,
    status: !row.active ? 'deactivated' : row.password_hash === null ? 'invited' : 'active',
    createdAt: row.created_at,
    lastSignedInAt: row.last_signed_in_at,
  };
}

export function createPeople(db: Kysely<DB>, now: () => Date = () => new Date()): People {
  async function startSession(trx: Kysely<DB>, userId: string): Promise<NewSession> {
    const token = newSecret('');
    const at = now();
    const expiresAt = new Date(at.getTime() + SESSION_IDLE_MS);
    await insertSession(trx, { idHash: sha256(token), userId, now: at, expiresAt });
    await markSignedIn(trx, userId, at);
    return { token, expiresAt };
  }

  async function requireUser(trx: Kysely<DB>, id: string): Promise<UserRow> {
    const row = await findUserById(trx, id);
    if (row === undefined) throw new SwitchboardError('USER_NOT_FOUND', `No person has the id ${id}.`);
    return row;
  }

  async function insertNewUser(trx: Kysely<DB>, input: Parameters<typeof insertUser>[1]): Promise<UserRow> {
    const taken = () =>
      new SwitchboardError('USER_EMAIL_TAKEN', `Someone already has the email ${input.email}.`, {
        issues: [{ path: '/email', code: 'USER_EMAIL_TAKEN', message: 'Another person has this email.' }],
      });
    if ((await findUserByEmail(trx, input.email)) !== undefined) throw taken();
    try {
      return await insertUser(trx, input);
    } catch (error) {
      // Two people added at once with one email both find it free; the unique index refuses the
      // second insert, and its transaction ends here, with nothing written.
      if ((error as { code?: unknown; constraint?: unknown }).constraint === 'users_email_unique') throw taken();
      throw error;
    }
  }

  async function issueLink(trx: Kysely<DB>, purpose: 'setup' | 'invite', userId: string | null, lifetimeMs: number): Promise<OneTimeToken> {
    const token = newSecret('');
    const at = now();
    const expiresAt = new Date(at.getTime() + lifetimeMs);
    await replaceOneTimeLink(trx, { tokenHash: sha256(token), purpose, userId, now: at, expiresAt });
    return { token, expiresAt };
  }

  async function refuseThrottled(keys: readonly string[], at: Date): Promise<never> {
    // The lock may have ended between the attempt and this read: then the answer is "now".
    const until = (await lockedUntil(db, keys, at)) ?? at;
    const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - at.getTime()) / 1000));
    const minutes = Math.ceil(retryAfterSeconds / 60);
    throw new SwitchboardError(
      'SIGN_IN_THROTTLED',
      `Too many wrong passwords. Try again in ${retryAfterSeconds < 60 ? `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}` : `${minutes} minute${minutes === 1 ? '' : 's'}`}.`,
      { details: { retryAfterSeconds } },
    );
  }

  /** Takes an attempt on every key, or none: an attempt a locked key refuses is not counted against the others. */
  async function takeAttempts(keys: readonly (readonly [string, (typeof THROTTLE)[keyof typeof THROTTLE]])[], at: Date): Promise<SignInAttempt[]> {
    const taken: SignInAttempt[] = [];
    for (const [key, rule] of keys) {
      const attempt = await takeSignInAttempt(db, key, rule, at);
      if (attempt === undefined) {
        for (const earlier of taken) await forgiveSignInAttempt(db, earlier);
        return refuseThrottled(
          keys.map(([k]) => k),
          at,
        );
      }
      taken.push(attempt);
    }
    return taken;
  }

  async function assertAdminRemains(trx: Kysely<DB>, row: UserRow, after: { role: Role; active: boolean }): Promise<void> {
    // Only an admin who can sign in counts (see countActiveAdmins): demoting an invited one is fine.
    const wasAdmin = row.role === 'admin' && row.active && row.password_hash !== null;
    const staysAdmin = after.role === 'admin' && after.active;
    if (!wasAdmin || staysAdmin) return;
    await lockAdmins(trx);
    if ((await countActiveAdmins(trx)) <= 1) {
      throw new SwitchboardError(
        'LAST_ADMIN',
        `${row.name} is the only active admin; make someone else an admin first, so that someone can still manage people.`,
      );
    }
  }

  return {
    async needsSetup() {
      return (await countUsers(db)) === 0;
    },

    async createSetupLink() {
      return db.transaction().execute(async (trx) => {
        await lockAdmins(trx);
        if ((await countUsers(trx)) > 0) return undefined;
        return issueLink(trx, 'setup', null, SETUP_LINK_HOURS * 60 * 60 * 1000);
      });
    },

    async completeSetup(input) {
      assertPassword(input.password, '/password');
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        // Under the admins' lock, so two people following the link at once create one admin.
        await lockAdmins(trx);
        if ((await countUsers(trx)) > 0) {
          throw new SwitchboardError('SETUP_DONE', 'Switchboard is already set up: sign in, or ask an admin for an invitation.');
        }
        if ((await takeOneTimeLink(trx, sha256(input.token), 'setup', now())) === undefined) {
          throw new SwitchboardError(
            'SETUP_TOKEN_INVALID',
            'This setup link is not valid: it may have expired or been replaced. Restart Switchboard to print a new one.',
          );
        }
        const row = await insertUser(trx, { name: input.name, email: input.email, role: 'admin', language: input.language, passwordHash });
        const session = await startSession(trx, row.id);
        return { user: toUser({ ...row, last_signed_in_at: now() }), session };
      });
    },

    async signIn({ email, password, address }) {
      const at = now();
      // Counted before the password is checked, so concurrent guesses cannot pass one check together.
      const [account, fromAddress] = await takeAttempts(
        [
          [accountKey(email), THROTTLE.account],
          [addressKey(address), THROTTLE.address],
        ],
        at,
      );
      const row = await findUserByEmail(db, email);
      // An unknown email or an invited person runs scrypt too: the time of the answer does not tell who has an account.
      const right = row?.password_hash == null ? await verifyAgainstNobody(password) : await verifyPassword(password, row.password_hash);
      if (row === undefined || !right) throw new SwitchboardError('SIGN_IN_FAILED', 'The email or password is not right.');
      if (account !== undefined) await clearFailures(db, account.key);
      if (fromAddress !== undefined) await forgiveSignInAttempt(db, fromAddress);
      if (!row.active) throw new SwitchboardError('USER_DEACTIVATED', 'This account has been deactivated. Ask an admin if you need it again.');
      const session = await db.transaction().execute((trx) => startSession(trx, row.id));
      return { user: toUser({ ...row, last_signed_in_at: at }), session };
    },

    async sessionUser(sessionToken) {
      const idHash = sha256(sessionToken);
      const at = now();
      const found = await findSessionUser(db, idHash, at);
      if (found === undefined) return undefined;
      const user = toUser(found.user);
      if (at.getTime() - found.lastSeenAt.getTime() <= SESSION_EXTEND_AFTER_MS) return { user, expiresAt: found.expiresAt, renewed: false };
      const expiresAt = new Date(at.getTime() + SESSION_IDLE_MS);
      await extendSession(db, idHash, at, expiresAt);
      return { user, expiresAt, renewed: true };
    },

    async signOut(sessionToken) {
      await deleteSession(db, sha256(sessionToken));
    },

    async listUsers() {
      return (await listUsers(db)).map(toUser);
    },

    async getUser(id) {
      return toUser(await requireUser(db, id));
    },

    async findUserByEmail(email) {
      const row = await findUserByEmail(db, email);
      return row === undefined ? undefined : toUser(row);
    },

    async inviteUser(input) {
      return db.transaction().execute(async (trx) => {
        const row = await insertNewUser(trx, { ...input, passwordHash: null });
        const invite = await issueLink(trx, 'invite', row.id, INVITE_LINK_DAYS * 24 * 60 * 60 * 1000);
        return { user: toUser(row), invite };
      });
    },

    async createUser(input) {
      assertPassword(input.password, '/password');
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => toUser(await insertNewUser(trx, { ...input, passwordHash })));
    },

    async issueInvite(userId) {
      return db.transaction().execute(async (trx) => {
        const row = await requireUser(trx, userId);
        if (!row.active) throw new SwitchboardError('USER_DEACTIVATED', `${row.name} is deactivated; reactivate them before sending a link.`);
        return issueLink(trx, 'invite', row.id, INVITE_LINK_DAYS * 24 * 60 * 60 * 1000);
      });
    },

    async acceptInvite(input) {
      assertPassword(input.password, '/password');
      const passwordHash = await hashPassword(input.password);
      return db.transaction().execute(async (trx) => {
        const link = await takeOneTimeLink(trx, sha256(input.token), 'invite', now());
        const row = link?.userId == null ? undefined : await findUserById(trx, link.userId);
        if (row === undefined || !row.active) {
          throw new SwitchboardError(
            'INVITE_INVALID',
            'This link is not valid any more: it may have expired, been used or been replaced. Ask an admin for a new one.',
          );
        }
        const updated = await updateUser(trx, row.id, { passwordHash, ...(input.name === undefined ? {} : { name: input.name }) });
        // A reset link ends whatever sessions the old password had.
        await deleteSessionsOfUser(trx, row.id);
        const session = await startSession(trx, row.id);
        return { user: toUser({ ...(updated ?? row), last_signed_in_at: now() }), session };
      });
    },

    async updateUser(id, changes) {
      return db.transaction().execute(async (trx) => {
        const row = await requireUser(trx, id);
        await assertAdminRemains(trx, row, { role: changes.role ?? row.role, active: changes.active ?? row.active });
        const updated = await updateUser(trx, id, changes);
        if (changes.active === false) {
          await deleteSessionsOfUser(trx, id);
          await deleteOneTimeLinksOfUser(trx, id);
        }
        return toUser(updated ?? row);
      });
    },

    async updateProfile(id, changes) {
      const updated = await updateUser(db, id, changes satisfies UserChanges);
      if (updated === undefined) throw new SwitchboardError('USER_NOT_FOUND', `No person has the id ${id}.`);
      return toUser(updated);
    },

    async changePassword(userId, { currentPassword, newPassword }) {
      assertPassword(newPassword, '/newPassword');
      const row = await requireUser(db, userId);
      // A stolen session must not become a way around the sign-in throttle to learn the password.
      const [attempt] = await takeAttempts([[accountKey(row.email), THROTTLE.account]], now());
      if (row.password_hash === null || !(await verifyPassword(currentPassword, row.password_hash))) {
        throw new SwitchboardError('CURRENT_PASSWORD_WRONG', 'The current password is not right.', {
          issues: [{ path: '/currentPassword', code: 'CURRENT_PASSWORD_WRONG', message: 'This is not your current password.' }],
        });
      }
      if (attempt !== undefined) await clearFailures(db, attempt.key);
      const passwordHash = await hashPassword(newPassword);
      return db.transaction().execute(async (trx) => {
        await updateUser(trx, userId, { passwordHash });
        await deleteSessionsOfUser(trx, userId);
        const session = await startSession(trx, userId);
        return session;
      });
    },

    listApiTokens: () => listApiTokens(db),

    async createApiToken({ name, userId }) {
      const row = await requireUser(db, userId);
      if (!row.active) throw new SwitchboardError('USER_DEACTIVATED', `${row.name} is deactivated, so a token of theirs would not work.`);
      const token = newSecret('sb_');
      const created = await insertApiToken(db, { name, tokenHash: sha256(token), role: row.role, userId });
      const [apiToken] = await listApiTokens(db, created.id);
      if (apiToken === undefined) throw new SwitchboardError('API_TOKEN_NOT_FOUND', 'The new token was revoked as it was created.');
      return { token, apiToken };
    },

    async revokeApiToken(id) {
      const deleted = await deleteApiToken(db, id);
      if (deleted === undefined) throw new SwitchboardError('API_TOKEN_NOT_FOUND', `No API token has the id ${id}.`);
      return deleted;
    },

    findApiToken: (tokenHash) => findApiTokenByHash(db, tokenHash),

    deleteExpired: () => deleteExpiredSignInState(db, now(), THROTTLE_WINDOW_SECONDS),
  };
}

function accountKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

/**
 * The throttle's key of a client address: an IPv4 address (also written IPv4-mapped, as a
 * dual-stack socket reports it) as is, an IPv6 address by its /64, since one subscriber is
 * given a whole /64 and could otherwise try from a new address each time.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped !== null) return `address:${mapped[1]}`;
  if (!isIPv6(address)) return `address:${address}`;
  const [head = '', tail] = (address.split('%')[0] ?? '').split('::');
  const groupsOf = (part: string | undefined) =>
    part === undefined || part === '' ? [] : part.split(':').flatMap((group) => (group.includes('.') ? ['0', '0'] : [group]));
  const headGroups = groupsOf(head);
  const tailGroups = groupsOf(tail);
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill('0'), ...tailGroups];
  return `address:${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

function assertPassword(password: string, path: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new SwitchboardError('PASSWORD_TOO_WEAK', `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`, {
      issues: [{ path, code: 'PASSWORD_TOO_WEAK', message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` }],
    });
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new SwitchboardError('PASSWORD_TOO_WEAK', `A password may have at most ${MAX_PASSWORD_LENGTH} characters.`, {
      issues: [{ path, code: 'PASSWORD_TOO_WEAK', message: `Use at most ${MAX_PASSWORD_LENGTH} characters.` }],
    });
  }
}
