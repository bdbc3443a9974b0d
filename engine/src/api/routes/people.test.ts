import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../access.ts';
import { authorized, expectError, startTestApp, type TestApp } from '../test-app.ts';

/** What `inject` makes of the request's own origin: Host is `localhost:80`, the protocol http. */
const ORIGIN = 'http://localhost:80';
const PASSWORD = 'correct horse battery';
const DAY_MS = 24 * 60 * 60 * 1000;

interface UserBody {
  id: string;
  name: string;
  email: string;
  role: Role;
  language: 'en' | 'es' | null;
  timeZone: string | null;
  status: 'invited' | 'active' | 'deactivated';
  createdAt: string;
  lastSignedInAt: string | null;
}

/** The session cookie a response sets, with its attributes. */
function sessionCookieOf(response: LightMyRequestResponse) {
  const cookies = response.cookies.filter((cookie) => cookie.name === 'sb_session');
  expect(cookies).toHaveLength(1);
  const [cookie] = cookies;
  if (cookie === undefined) throw new Error('no session cookie');
  return cookie;
}

/** A cookie-authenticated browser of this server: the session cookie and its own Origin. */
function browser(cookie: string, origin: string | null = ORIGIN): Record<string, string> {
  return { cookie: `sb_session=${cookie}`, ...(origin === null ? {} : { origin }) };
}

/** A clock the tests move forward instead of sleeping. */
function testClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advance(ms: number) {
      offsetMs += ms;
    },
  };
}

let people = 0;
async function createPerson(t: TestApp, role: Role, password = PASSWORD): Promise<UserBody & { password: string }> {
  people += 1;
  const user = await t.engine.people.createUser({ name: `${role} ${people}`, email: `${role}.${people}@example.com`, role, language: null, password });
  return { ...(JSON.parse(JSON.stringify(user)) as UserBody), password };
}

let addresses = 0;
/** A client address of its own, so one test's wrong passwords do not throttle another's. */
function newAddress(): string {
  addresses += 1;
  return `10.0.${Math.floor(addresses / 250)}.${addresses % 250}`;
}

function signIn(t: TestApp, email: string, password: string, remoteAddress = '127.0.0.1') {
  return t.app.inject({ method: 'POST', url: '/api/session', payload: { email, password }, remoteAddress });
}

async function signedIn(t: TestApp, person: { email: string; password: string }): Promise<string> {
  const response = await signIn(t, person.email, person.password, newAddress());
  expect(response.statusCode).toBe(200);
  return sessionCookieOf(response).value;
}

function me(t: TestApp, headers: Record<string, string>) {
  return t.app.inject({ method: 'GET', url: '/api/me', headers });
}

async function sessionRows(t: TestApp, userId: string): Promise<number> {
  const rows = await t.engine.transaction((trx) =>
    trx.withTables<{ sessions: { user_id: string } }>().selectFrom('sessions').select('user_id').where('user_id', '=', userId).execute(),
  );
  return rows.length;
}

describe('first start: the setup link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seedToken: false });
  });
  afterAll(() => t.close());

  it('creates the first admin once, signed in with an HttpOnly, SameSite=Lax cookie, and refuses a wrong token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true });
    const link = await t.engine.people.createSetupLink();
    if (link === undefined) throw new Error('no setup link');
    const body = { name: 'Ana García', email: 'ana@example.com', password: PASSWORD, language: 'es' };

    const wrong = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { ...body, token: `${link.token}x` } });
    expectError(wrong, 403, 'SETUP_TOKEN_INVALID');
    expect(wrong.cookies).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true });

    const created = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { ...body, token: link.token } });
    expect(created.statusCode).toBe(201);
    expect(created.json().user).toMatchObject({ name: 'Ana García', email: 'ana@example.com', role: 'admin', language: 'es', status: 'active' });
    const cookie = sessionCookieOf(created);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeUndefined();
    // About 14 days: the session's own expiry.
    expect(Math.abs(new Date(cookie.expires ?? 0).getTime() - (Date.now() + 14 * DAY_MS))).toBeLessThan(60_000);
    const header = String(created.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Path=\//);
    expect(header).toMatch(/Expires=/);

    const whoAmI = await me(t, browser(cookie.value));
    expect(whoAmI.json()).toMatchObject({ role: 'admin', via: 'session', user: { email: 'ana@example.com', role: 'admin' } });
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false });

    const again = await t.app.inject({ method: 'POST', url: '/api/setup', payload: { ...body, email: 'eve@example.com', token: link.token } });
    expectError(again, 409, 'SETUP_DONE');
    expect(await t.engine.people.createSetupLink()).toBeUndefined();
    expect((await t.engine.people.listUsers()).map((user) => user.email)).toEqual(['ana@example.com']);
  });
});

describe('first start: racing for the setup link', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seedToken: false });
  });
  afterAll(() => t.close());

  const setup = (token: string, email: string) =>
    t.app.inject({ method: 'POST', url: '/api/setup', payload: { token, name: 'First', email, password: PASSWORD } });

  it('accepts only the newest setup link', async () => {
    const older = await t.engine.people.createSetupLink();
    const newer = await t.engine.people.createSetupLink();
    if (older === undefined || newer === undefined) throw new Error('no setup link');
    expectError(await setup(older.token, 'old@example.com'), 403, 'SETUP_TOKEN_INVALID');
    expect(await t.engine.people.needsSetup()).toBe(true);
  });

  it('creates exactly one admin when two people follow the link at once', async () => {
    const link = await t.engine.people.createSetupLink();
    if (link === undefined) throw new Error('no setup link');
    const responses = await Promise.all([setup(link.token, 'one@example.com'), setup(link.token, 'two@example.com'), setup(link.token, 'three@example.com')]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([201, 409, 409]);
    for (const response of responses.filter((r) => r.statusCode !== 201)) expectError(response, 409, 'SETUP_DONE');
    const users = await t.engine.people.listUsers();
    expect(users).toHaveLength(1);
    expect(users[0]?.role).toBe('admin');
  });
});

describe('people, sessions and tokens', () => {
  const clock = testClock();
  let t: TestApp;
  let admin: UserBody & { password: string };
  let adminCookie: string;
  beforeAll(async () => {
    t = await startTestApp({ clock: clock.now });
    admin = await createPerson(t, 'admin');
    adminCookie = await signedIn(t, admin);
  });
  afterAll(() => t.close());

  const asAdmin = () => browser(adminCookie);
  const invite = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/users', headers: asAdmin(), payload: body });
  const patchUser = (id: string, body: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: asAdmin(), payload: body });
  const createToken = (body: Record<string, unknown>, headers: Record<string, string> = asAdmin()) =>
    t.app.inject({ method: 'POST', url: '/api/tokens', headers, payload: body });
  const tokenOf = async (user: { id: string }): Promise<{ id: string; headers: { authorization: string } }> => {
    const response = await createToken({ name: 'script', userId: user.id });
    expect(response.statusCode).toBe(201);
    return { id: response.json().apiToken.id, headers: { authorization: `Bearer ${response.json().token}` } };
  };

  describe('signing in', () => {
    it('signs in with the right password, whatever the case of the email, and sets the session cookie', async () => {
      const person = await createPerson(t, 'editor');
      const response = await signIn(t, person.email.toUpperCase(), person.password, newAddress());
      expect(response.statusCode).toBe(200);
      expect(response.json().user).toMatchObject({ id: person.id, email: person.email, status: 'active', lastSignedInAt: expect.any(String) });
      expect(response.json().user).not.toHaveProperty('passwordHash');
      const cookie = sessionCookieOf(response);
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect((await me(t, browser(cookie.value, null))).json()).toMatchObject({ role: 'editor', via: 'session', user: { id: person.id } });
    });

    it('refuses a wrong password and an unknown email with the same answer', async () => {
      const person = await createPerson(t, 'viewer');
      const address = newAddress();
      const wrong = expectError(await signIn(t, person.email, 'not the password at all', address), 401, 'SIGN_IN_FAILED');
      const unknown = expectError(await signIn(t, 'nobody@example.com', person.password, address), 401, 'SIGN_IN_FAILED');
      expect(wrong.message).toBe('The email or password is not right.');
      expect(unknown).toEqual(wrong);
    });

    it('refuses an invited person who has no password yet, whatever they type', async () => {
      const invited = await invite({ name: 'Invited', email: 'invited.signin@example.com', role: 'agent' });
      expect(invited.statusCode).toBe(201);
      expectError(await signIn(t, 'invited.signin@example.com', '', newAddress()), 401, 'SIGN_IN_FAILED');
      expectError(await signIn(t, 'invited.signin@example.com', PASSWORD, newAddress()), 401, 'SIGN_IN_FAILED');
    });

    it('tells a deactivated person so after a right password, and only then', async () => {
      const person = await createPerson(t, 'agent');
      expect((await patchUser(person.id, { active: false })).json().status).toBe('deactivated');
      const address = newAddress();
      expectError(await signIn(t, person.email, 'not the password at all', address), 401, 'SIGN_IN_FAILED');
      const refused = await signIn(t, person.email, person.password, address);
      expectError(refused, 403, 'USER_DEACTIVATED');
      expect(refused.cookies).toEqual([]);
    });

    it('locks an account after 5 wrong passwords, even against the right one, with Retry-After, until the lock ends', async () => {
      const person = await createPerson(t, 'editor');
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        expectError(await signIn(t, person.email, `wrong password ${attempt}`, newAddress()), 401, 'SIGN_IN_FAILED');
      }
      const locked = await signIn(t, person.email, person.password, newAddress());
      const body = expectError(locked, 429, 'SIGN_IN_THROTTLED');
      const retryAfter = Number(locked.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(29);
      expect(retryAfter).toBeLessThanOrEqual(30);
      expect(body.message).toBe(`Too many wrong passwords. Try again in ${retryAfter} seconds.`);
      expect(locked.cookies).toEqual([]);

      clock.advance(31_000);
      // The 6th wrong password in the window locks for twice as long.
      expectError(await signIn(t, person.email, 'wrong password 6', newAddress()), 401, 'SIGN_IN_FAILED');
      const longer = await signIn(t, person.email, person.password, newAddress());
      expectError(longer, 429, 'SIGN_IN_THROTTLED');
      const longerRetryAfter = Number(longer.headers['retry-after']);
      expect(longerRetryAfter).toBeGreaterThan(55);
      expect(longerRetryAfter).toBeLessThanOrEqual(60);
      expect(expectError(longer, 429, 'SIGN_IN_THROTTLED').message).toBe(
        `Too many wrong passwords. Try again in ${longerRetryAfter === 60 ? '1 minute' : `${longerRetryAfter} seconds`}.`,
      );

      clock.advance(61_000);
      expect((await signIn(t, person.email, person.password, newAddress())).statusCode).toBe(200);
    });

    it('starts the count over after a right password', async () => {
      const person = await createPerson(t, 'editor');
      for (let round = 0; round < 2; round += 1) {
        for (let attempt = 1; attempt <= 4; attempt += 1) {
          expectError(await signIn(t, person.email, `wrong password ${attempt}`, newAddress()), 401, 'SIGN_IN_FAILED');
        }
        // Without the reset, the second round's 4 would make 8 and lock the account.
        expect((await signIn(t, person.email, person.password, newAddress())).statusCode).toBe(200);
      }
    });

    it('locks an unknown email like a known one, so the lock does not tell who has an account', async () => {
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        expectError(await signIn(t, 'ghost@example.com', `wrong password ${attempt}`, newAddress()), 401, 'SIGN_IN_FAILED');
      }
      expectError(await signIn(t, 'Ghost@Example.com', 'wrong password 6', newAddress()), 429, 'SIGN_IN_THROTTLED');
    });

    it('checks at most 5 passwords of 12 sent for one account at once', async () => {
      const person = await createPerson(t, 'viewer');
      const responses = await Promise.all(Array.from({ length: 12 }, (_, attempt) => signIn(t, person.email, `concurrent guess ${attempt}`, newAddress())));
      const statuses = responses.map((response) => response.statusCode);
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(7);
      expectError(await signIn(t, person.email, person.password, newAddress()), 429, 'SIGN_IN_THROTTLED');
    });

    it('locks an address after 20 wrong passwords across accounts, for every account, and not other addresses', async () => {
      const address = newAddress();
      const person = await createPerson(t, 'agent');
      for (let attempt = 1; attempt <= 20; attempt += 1) {
        expectError(await signIn(t, `sprayed.${attempt}@example.com`, 'Password123!', address), 401, 'SIGN_IN_FAILED');
      }
      const locked = await signIn(t, person.email, person.password, address);
      expectError(locked, 429, 'SIGN_IN_THROTTLED');
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await signIn(t, person.email, person.password, newAddress())).statusCode).toBe(200);
      clock.advance(31_000);
      expect((await signIn(t, person.email, person.password, address)).statusCode).toBe(200);
    });

    it('counts the addresses of one IPv6 /64 as one address', async () => {
      const person = await createPerson(t, 'agent');
      for (let attempt = 1; attempt <= 20; attempt += 1) {
        expectError(await signIn(t, `v6.sprayed.${attempt}@example.com`, 'Password123!', `2001:db8:0:42::${attempt.toString(16)}`), 401, 'SIGN_IN_FAILED');
      }
      expectError(await signIn(t, person.email, person.password, '2001:db8:0:42:ffff:1:2:3'), 429, 'SIGN_IN_THROTTLED');
      expect((await signIn(t, person.email, person.password, '2001:db8:0:43::1')).statusCode).toBe(200);
    });

    it('lets a right password from a busy address through without adding to its count', async () => {
      const address = newAddress();
      for (let attempt = 1; attempt <= 19; attempt += 1) {
        expectError(await signIn(t, `busy.${attempt}@example.com`, 'Password123!', address), 401, 'SIGN_IN_FAILED');
      }
      for (let round = 0; round < 3; round += 1) {
        const person = await createPerson(t, 'viewer');
        expect((await signIn(t, person.email, person.password, address)).statusCode).toBe(200);
      }
      expectError(await signIn(t, 'busy.20@example.com', 'Password123!', address), 401, 'SIGN_IN_FAILED');
      expectError(await signIn(t, 'busy.21@example.com', 'Password123!', address), 429, 'SIGN_IN_THROTTLED');
    });
  });

  describe('sessions', () => {
    it('signs out on the server: the same cookie is refused afterwards', async () => {
      const person = await createPerson(t, 'viewer');
      const cookie = await signedIn(t, person);
      expect((await me(t, browser(cookie))).statusCode).toBe(200);
      const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: browser(cookie) });
      expect(out.statusCode).toBe(204);
      const cleared = sessionCookieOf(out);
      expect(cleared.value).toBe('');
      expect(new Date(cleared.expires ?? Date.now()).getTime()).toBeLessThan(Date.now());
      expectError(await me(t, browser(cookie)), 401, 'AUTH_REQUIRED');
      expect(await sessionRows(t, person.id)).toBe(0);
    });

    it('ends every session and stops every token of a person the moment they are deactivated', async () => {
      const person = await createPerson(t, 'editor');
      const first = await signedIn(t, person);
      const second = await signedIn(t, person);
      const token = await tokenOf(person);
      // Used once, so the token's lookup is cached.
      expect((await t.app.inject({ method: 'GET', url: '/api/workflows', headers: token.headers })).statusCode).toBe(200);
      expect((await me(t, browser(first))).statusCode).toBe(200);

      const deactivated = await patchUser(person.id, { active: false });
      expect(deactivated.statusCode).toBe(200);
      expect(deactivated.json()).toMatchObject({ id: person.id, status: 'deactivated' });
      for (const cookie of [first, second]) expectError(await me(t, browser(cookie)), 401, 'AUTH_REQUIRED');
      expectError(await t.app.inject({ method: 'GET', url: '/api/workflows', headers: token.headers }), 401, 'AUTH_REQUIRED');
      expect(await sessionRows(t, person.id)).toBe(0);

      // Reactivated, they sign in again; the old sessions stay ended, the token works again.
      expect((await patchUser(person.id, { active: true })).json().status).toBe('active');
      expectError(await me(t, browser(first)), 401, 'AUTH_REQUIRED');
      expect((await t.app.inject({ method: 'GET', url: '/api/workflows', headers: token.headers })).statusCode).toBe(200);
      expect(await signedIn(t, person)).toEqual(expect.any(String));
    });

    it('changes the password, ends every other session and signs this browser in with a new cookie', async () => {
      const person = await createPerson(t, 'agent');
      const here = await signedIn(t, person);
      const elsewhere = await signedIn(t, person);
      const changed = await t.app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers: browser(here),
        payload: { currentPassword: person.password, newPassword: 'a brand new passphrase' },
      });
      expect(changed.statusCode).toBe(204);
      const fresh = sessionCookieOf(changed);
      expect(fresh).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(fresh.value).not.toBe(here);
      expect((await me(t, browser(fresh.value))).json()).toMatchObject({ user: { id: person.id } });
      for (const cookie of [here, elsewhere]) expectError(await me(t, browser(cookie)), 401, 'AUTH_REQUIRED');
      expect(await sessionRows(t, person.id)).toBe(1);
      expectError(await signIn(t, person.email, person.password, newAddress()), 401, 'SIGN_IN_FAILED');
      expect((await signIn(t, person.email, 'a brand new passphrase', newAddress())).statusCode).toBe(200);
    });

    it('refuses a wrong current password with its pointer and a short new one, and changes nothing', async () => {
      const person = await createPerson(t, 'agent');
      const cookie = await signedIn(t, person);
      const wrong = await t.app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers: browser(cookie),
        payload: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
      });
      expect(expectError(wrong, 422, 'CURRENT_PASSWORD_WRONG').issues).toEqual([
        { path: '/currentPassword', code: 'CURRENT_PASSWORD_WRONG', message: expect.any(String) },
      ]);
      const short = await t.app.inject({
        method: 'POST',
        url: '/api/me/password',
        headers: browser(cookie),
        payload: { currentPassword: person.password, newPassword: 'short' },
      });
      expect(expectError(short, 422, 'PASSWORD_TOO_WEAK').issues).toEqual([{ path: '/newPassword', code: 'PASSWORD_TOO_WEAK', message: expect.any(String) }]);
      expect((await me(t, browser(cookie))).statusCode).toBe(200);
      expect((await signIn(t, person.email, person.password, newAddress())).statusCode).toBe(200);
    });

    it('counts wrong current passwords against the account, like wrong sign-ins', async () => {
      const person = await createPerson(t, 'agent');
      const cookie = await signedIn(t, person);
      const change = (currentPassword: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/me/password',
          headers: browser(cookie),
          payload: { currentPassword, newPassword: 'a brand new passphrase' },
        });
      for (let attempt = 1; attempt <= 5; attempt += 1) expectError(await change(`guess ${attempt}`), 422, 'CURRENT_PASSWORD_WRONG');
      expectError(await change(person.password), 429, 'SIGN_IN_THROTTLED');
      expectError(await signIn(t, person.email, person.password, newAddress()), 429, 'SIGN_IN_THROTTLED');
    });

    it('changes a password only in a signed-in session, not with an API token', async () => {
      const person = await createPerson(t, 'editor');
      const token = await tokenOf(person);
      const payload = { currentPassword: person.password, newPassword: 'a brand new passphrase' };
      expectError(await t.app.inject({ method: 'POST', url: '/api/me/password', headers: token.headers, payload }), 403, 'AUTH_FORBIDDEN');
      expectError(await t.app.inject({ method: 'POST', url: '/api/me/password', headers: authorized, payload }), 409, 'NOT_A_PERSON');
      expect((await signIn(t, person.email, person.password, newAddress())).statusCode).toBe(200);
    });

    it('refuses a session past its expiry', async () => {
      const person = await createPerson(t, 'viewer');
      const cookie = await signedIn(t, person);
      await t.engine.transaction((trx) =>
        trx
          .withTables<{ sessions: { user_id: string; expires_at: Date } }>()
          .updateTable('sessions')
          .set({ expires_at: new Date(Date.now() - 60_000) })
          .where('user_id', '=', person.id)
          .execute(),
      );
      expectError(await me(t, browser(cookie)), 401, 'AUTH_REQUIRED');
      expect((await t.engine.people.deleteExpired()).sessions).toBeGreaterThanOrEqual(1);
      expect(await sessionRows(t, person.id)).toBe(0);
    });
  });

  describe('cross-site requests', () => {
    it('refuses a change sent with the cookie but no Origin or a foreign one, and changes nothing', async () => {
      const person = await createPerson(t, 'editor');
      const cookie = await signedIn(t, person);
      for (const origin of [null, 'https://evil.example', 'http://localhost:8080', 'null', 'not an origin']) {
        const response = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: browser(cookie, origin), payload: { name: 'Changed' } });
        expect(expectError(response, 403, 'CSRF_REJECTED').message).toContain('(Origin http://localhost)');
      }
      const signOut = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: browser(cookie, 'https://evil.example') });
      expectError(signOut, 403, 'CSRF_REJECTED');
      expect((await me(t, browser(cookie, null))).json().user.name).toBe(person.name);
    });

    it('refuses an admin’s cross-site invitation and creates no one', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: browser(adminCookie, 'https://evil.example'),
        payload: { name: 'Mallory', email: 'mallory@example.com', role: 'admin' },
      });
      expectError(response, 403, 'CSRF_REJECTED');
      expect((await t.engine.people.listUsers()).some((user) => user.email === 'mallory@example.com')).toBe(false);
    });

    it('accepts a change from its own origin, however it is written, and reads need no Origin', async () => {
      const person = await createPerson(t, 'editor');
      const cookie = await signedIn(t, person);
      for (const [origin, name] of [
        [ORIGIN, 'Own origin'],
        ['http://localhost', 'Default port left out'],
        ['HTTP://LOCALHOST:80', 'Upper case'],
      ] as const) {
        const response = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: browser(cookie, origin), payload: { name } });
        expect(response.statusCode).toBe(200);
        expect(response.json().name).toBe(name);
      }
      const sameSite = await t.app.inject({
        method: 'PATCH',
        url: '/api/me',
        headers: { ...browser(cookie, null), 'sec-fetch-site': 'same-origin' },
        payload: { name: 'Fetch metadata' },
      });
      expect(sameSite.statusCode).toBe(200);
      expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: browser(adminCookie, null) })).statusCode).toBe(200);
    });

    it('asks no Origin of a bearer token', async () => {
      const person = await createPerson(t, 'viewer');
      const token = await tokenOf(person);
      const response = await t.app.inject({ method: 'PATCH', url: '/api/me', headers: token.headers, payload: { name: 'By token' } });
      expect(response.statusCode).toBe(200);
      expect(response.json().name).toBe('By token');
    });
  });

  describe('invitations', () => {
    it('invites a person with a link that works once and signs them in', async () => {
      const response = await invite({ name: ' Bea ', email: 'bea@example.com', role: 'agent', language: 'es' });
      expect(response.statusCode).toBe(201);
      const { user, invite: link } = response.json<{ user: UserBody; invite: { url: string; expiresAt: string } }>();
      expect(user).toMatchObject({ name: 'Bea', email: 'bea@example.com', role: 'agent', language: 'es', status: 'invited', lastSignedInAt: null });
      expect(link.url).toMatch(/^http:\/\/localhost:80\/invite#token=[A-Za-z0-9_-]{43}$/);
      expect(Math.abs(new Date(link.expiresAt).getTime() - (clock.now().getTime() + 7 * DAY_MS))).toBeLessThan(60_000);
      const token = new URL(link.url).hash.slice('#token='.length);

      const short = await t.app.inject({ method: 'POST', url: '/api/invite/accept', payload: { token, password: 'short' } });
      expect(expectError(short, 422, 'PASSWORD_TOO_WEAK').issues).toEqual([{ path: '/password', code: 'PASSWORD_TOO_WEAK', message: expect.any(String) }]);

      const accepted = await t.app.inject({ method: 'POST', url: '/api/invite/accept', payload: { token, password: PASSWORD, name: 'Beatriz' } });
      expect(accepted.statusCode).toBe(200);
      expect(accepted.json().user).toMatchObject({ id: user.id, name: 'Beatriz', status: 'active' });
      expect((await me(t, browser(sessionCookieOf(accepted).value))).json()).toMatchObject({ role: 'agent', user: { id: user.id } });

      const reused = await t.app.inject({ method: 'POST', url: '/api/invite/accept', payload: { token, password: 'another long password' } });
      expectError(reused, 403, 'INVITE_INVALID');
      expect(reused.cookies).toEqual([]);
      expect((await signIn(t, 'bea@example.com', PASSWORD, newAddress())).statusCode).toBe(200);
    });

    it('makes an earlier link stop working when a new one is issued', async () => {
      const created = await invite({ name: 'Carla', email: 'carla@example.com', role: 'viewer' });
      const older = new URL(created.json().invite.url).hash.slice('#token='.length);
      const reissued = await t.app.inject({ method: 'POST', url: `/api/users/${created.json().user.id}/invite`, headers: asAdmin() });
      expect(reissued.statusCode).toBe(201);
      expect(reissued.json()).toEqual({ url: expect.stringMatching(/^http:\/\/localhost:80\/invite#token=/), expiresAt: expect.any(String) });
      const newer = new URL(reissued.json().url).hash.slice('#token='.length);
      expectError(await t.app.inject({ method: 'POST', url: '/api/invite/accept', payload: { token: older, password: PASSWORD } }), 403, 'INVITE_INVALID');
      expect((await t.app.inject({ method: 'POST', url: '/api/invite/accept', payload: { token: newer, password: PASSWORD } })).statusCode).toBe(200);
    });

    it('resets a password with a new link, ending the sessions of the old one', async () => {
      const person = await createPerson(t, 'editor');
      const cookie = await signedIn(t, person);
      const reset = await t.app.inject({ method: 'POST', url: `/api/users/${person.id}/invite`, headers: asAdmin() });
      const token = new URL(reset.json().url).hash.slice('#token='.length);
      const accepted = await t.app.inject({ method: 'POST', url: '/api/invite/accept', payload: { token, password: 'a reset passphrase' } });
      expect(accepted.statusCode).toBe(200);
      expectError(await me(t, browser(cookie)), 401, 'AUTH_REQUIRED');
      expectError(await signIn(t, person.email, person.password, newAddress()), 401, 'SIGN_IN_FAILED');
      expect((await signIn(t, person.email, 'a reset passphrase', newAddress())).statusCode).toBe(200);
    });

    it('refuses a link after 7 days', async () => {
      const created = await invite({ name: 'Dora', email: 'dora@example.com', role: 'viewer' });
      const token = new URL(created.json().invite.url).hash.slice('#token='.length);
      clock.advance(7 * DAY_MS + 60_000);
      expectError(await t.app.inject({ method: 'POST', url: '/api/invite/accept', payload: { token, password: PASSWORD } }), 403, 'INVITE_INVALID');
      expect((await t.engine.people.deleteExpired()).links).toBeGreaterThanOrEqual(1);
    });

    it('refuses a link of a person deactivated since, and a new link for them', async () => {
      const created = await invite({ name: 'Elsa', email: 'elsa@example.com', role: 'viewer' });
      const token = new URL(created.json().invite.url).hash.slice('#token='.length);
      await patchUser(created.json().user.id, { active: false });
      expectError(await t.app.inject({ method: 'POST', url: '/api/invite/accept', payload: { token, password: PASSWORD } }), 403, 'INVITE_INVALID');
      expectError(await t.app.inject({ method: 'POST', url: `/api/users/${created.json().user.id}/invite`, headers: asAdmin() }), 403, 'USER_DEACTIVATED');
    });

    it('refuses an email someone has, whatever its case, also when two invitations race', async () => {
      const person = await createPerson(t, 'editor');
      const taken = await invite({ name: 'Twin', email: person.email.toUpperCase(), role: 'viewer' });
      expect(expectError(taken, 409, 'USER_EMAIL_TAKEN').issues).toEqual([{ path: '/email', code: 'USER_EMAIL_TAKEN', message: expect.any(String) }]);

      const raced = await Promise.all([
        invite({ name: 'Racer', email: 'racer@example.com', role: 'viewer' }),
        invite({ name: 'Racer', email: 'Racer@example.com', role: 'viewer' }),
      ]);
      expect(raced.map((response) => response.statusCode).sort()).toEqual([201, 409]);
      for (const response of raced.filter((r) => r.statusCode !== 201)) expectError(response, 409, 'USER_EMAIL_TAKEN');
    });

    it('answers 409, not 500, when the email is being taken by another transaction at that moment', async () => {
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let claimed = () => {};
      const hasClaimed = new Promise<void>((resolve) => {
        claimed = resolve;
      });
      // Another transaction writes the same email and has not committed: the invitation's check finds it free.
      const other = t.engine.transaction(async (trx) => {
        await sql`insert into users (name, email, role) values ('First', 'same.moment@example.com', 'viewer')`.execute(trx);
        claimed();
        await held;
      });
      await hasClaimed;
      const pending = invite({ name: 'Second', email: 'Same.Moment@example.com', role: 'viewer' });
      // The invitation's insert waits for the other transaction on the unique index.
      for (let waiting = 0; waiting === 0; ) {
        const { rows } = await t.engine.transaction((trx) =>
          sql<{
            waiting: number;
          }>`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into "users"%'`.execute(trx),
        );
        waiting = rows[0]?.waiting ?? 0;
      }
      release();
      await other;
      expectError(await pending, 409, 'USER_EMAIL_TAKEN');
    });

    it('answers 404 USER_NOT_FOUND for a person who does not exist', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-an-id']) {
        expectError(await patchUser(id, { name: 'Nobody' }), 404, 'USER_NOT_FOUND');
        expectError(await t.app.inject({ method: 'POST', url: `/api/users/${id}/invite`, headers: asAdmin() }), 404, 'USER_NOT_FOUND');
      }
    });

    it('lets only an admin see and invite people', async () => {
      const editor = await createPerson(t, 'editor');
      const cookie = await signedIn(t, editor);
      expectError(await t.app.inject({ method: 'GET', url: '/api/users', headers: browser(cookie) }), 403, 'AUTH_FORBIDDEN');
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: browser(cookie),
        payload: { name: 'Sneaky', email: 'sneaky@example.com', role: 'admin' },
      });
      expectError(response, 403, 'AUTH_FORBIDDEN');
      const listed = await t.app.inject({ method: 'GET', url: '/api/users', headers: asAdmin() });
      expect(listed.json<UserBody[]>().map((user) => user.email)).toContain(editor.email);
      expect(listed.json<UserBody[]>().map((user) => user.email)).not.toContain('sneaky@example.com');
      expect(listed.body).not.toContain('scrypt$');
    });
  });

  describe('API tokens', () => {
    it('shows a new token once and lists it with its owner and role, never the token', async () => {
      const agent = await createPerson(t, 'agent');
      const created = await createToken({ name: ' Helpdesk sync ', userId: agent.id });
      expect(created.statusCode).toBe(201);
      const { token, apiToken } = created.json();
      expect(token).toMatch(/^sb_[A-Za-z0-9_-]{43}$/);
      expect(apiToken).toEqual({
        id: expect.any(String),
        name: 'Helpdesk sync',
        role: 'agent',
        user: { id: agent.id, name: agent.name },
        createdAt: expect.any(String),
        lastUsedAt: null,
      });
      // Used, so that its lastUsedAt is set whatever ran before.
      expect((await me(t, authorized)).statusCode).toBe(200);
      const listed = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: asAdmin() });
      expect(listed.statusCode).toBe(200);
      expect(listed.json()).toContainEqual(apiToken);
      expect(listed.json()).toContainEqual({
        id: expect.any(String),
        name: 'admin (SWITCHBOARD_ADMIN_TOKEN)',
        role: 'admin',
        user: null,
        createdAt: expect.any(String),
        lastUsedAt: expect.any(String),
      });
      expect(listed.body).not.toContain(token);
    });

    it('gives a token its owner’s role, and the new role as soon as the owner’s changes', async () => {
      const person = await createPerson(t, 'agent');
      const token = await tokenOf(person);
      const workflows = () => t.app.inject({ method: 'GET', url: '/api/workflows', headers: token.headers });
      expectError(await workflows(), 403, 'AUTH_FORBIDDEN');
      expect((await me(t, token.headers)).json()).toMatchObject({ role: 'agent', via: 'token', user: { id: person.id } });

      expect((await patchUser(person.id, { role: 'editor' })).json().role).toBe('editor');
      expect((await workflows()).statusCode).toBe(200);
      expect((await me(t, token.headers)).json()).toMatchObject({ role: 'editor', via: 'token' });
      const listed = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: asAdmin() });
      expect(listed.json().find((info: { id: string }) => info.id === token.id)).toMatchObject({ role: 'editor', lastUsedAt: expect.any(String) });

      expect((await patchUser(person.id, { role: 'agent' })).statusCode).toBe(200);
      expectError(await workflows(), 403, 'AUTH_FORBIDDEN');
    });

    it('gives a session the new role at once too', async () => {
      const person = await createPerson(t, 'viewer');
      const cookie = await signedIn(t, person);
      const save = () => t.app.inject({ method: 'POST', url: '/api/workflows', headers: browser(cookie), payload: { definition: {} } });
      expectError(await save(), 403, 'AUTH_FORBIDDEN');
      await patchUser(person.id, { role: 'editor' });
      expect((await save()).statusCode).not.toBe(403);
    });

    it('revokes a token at once', async () => {
      const person = await createPerson(t, 'editor');
      const token = await tokenOf(person);
      expect((await me(t, token.headers)).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: asAdmin() })).statusCode).toBe(204);
      expectError(await me(t, token.headers), 401, 'AUTH_REQUIRED');
      expectError(await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: asAdmin() }), 404, 'API_TOKEN_NOT_FOUND');
      expectError(await t.app.inject({ method: 'DELETE', url: '/api/tokens/not-a-token', headers: asAdmin() }), 404, 'API_TOKEN_NOT_FOUND');
      const listed = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: asAdmin() });
      expect(listed.json().map((info: { id: string }) => info.id)).not.toContain(token.id);
    });

    it('makes a token for the caller by default, and needs a person for it', async () => {
      const created = await createToken({ name: 'mine' });
      expect(created.statusCode).toBe(201);
      expect(created.json().apiToken).toMatchObject({ role: 'admin', user: { id: admin.id, name: admin.name } });
      expectError(await createToken({ name: 'whose?' }, authorized), 409, 'NOT_A_PERSON');
      expectError(await createToken({ name: 'nobody', userId: '00000000-0000-4000-8000-000000000000' }), 404, 'USER_NOT_FOUND');
      const gone = await createPerson(t, 'editor');
      await patchUser(gone.id, { active: false });
      expectError(await createToken({ name: 'gone', userId: gone.id }), 403, 'USER_DEACTIVATED');
    });

    it('lets only an admin list, create and revoke tokens', async () => {
      const editor = await createPerson(t, 'editor');
      const token = await tokenOf(editor);
      expectError(await t.app.inject({ method: 'GET', url: '/api/tokens', headers: token.headers }), 403, 'AUTH_FORBIDDEN');
      expectError(await createToken({ name: 'escalate' }, token.headers), 403, 'AUTH_FORBIDDEN');
      expectError(await t.app.inject({ method: 'DELETE', url: `/api/tokens/${token.id}`, headers: token.headers }), 403, 'AUTH_FORBIDDEN');
      expect((await me(t, token.headers)).statusCode).toBe(200);
    });
  });

  describe('the own profile', () => {
    it('changes language and time zone, spelling the zone as IANA does', async () => {
      const person = await createPerson(t, 'agent');
      const cookie = await signedIn(t, person);
      const patch = (payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: '/api/me', headers: browser(cookie), payload });
      const changed = await patch({ language: 'es', timeZone: 'america/mexico_city' });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ id: person.id, language: 'es', timeZone: 'America/Mexico_City' });
      expect((await me(t, browser(cookie))).json().user).toMatchObject({ language: 'es', timeZone: 'America/Mexico_City' });
      for (const [sent, stored] of [
        ['Asia/Kolkata', 'Asia/Kolkata'],
        ['utc', 'UTC'],
        ['Etc/GMT+5', 'Etc/GMT+5'],
      ]) {
        expect((await patch({ timeZone: sent })).json().timeZone).toBe(stored);
      }
      expect((await patch({ language: null, timeZone: null })).json()).toMatchObject({ language: null, timeZone: null });
    });

    it('refuses a time zone that is not one, and a language it does not speak, with pointers', async () => {
      const person = await createPerson(t, 'agent');
      const cookie = await signedIn(t, person);
      const patch = (payload: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: '/api/me', headers: browser(cookie), payload });
      for (const timeZone of ['Mars/Olympus_Mons', '+01:00', '']) {
        const body = expectError(await patch({ timeZone }), 422, 'REQUEST_INVALID');
        expect(body.issues?.map((issue) => issue.path)).toEqual(['/timeZone']);
      }
      expect(expectError(await patch({ language: 'fr' }), 422, 'REQUEST_INVALID').issues?.map((issue) => issue.path)).toEqual(['/language']);
      expectError(await patch({}), 422, 'REQUEST_INVALID');
      expect((await me(t, browser(cookie))).json().user).toMatchObject({ language: null, timeZone: null });
    });

    it('answers NOT_A_PERSON to a machine token, which has no profile', async () => {
      expectError(await t.app.inject({ method: 'PATCH', url: '/api/me', headers: authorized, payload: { language: 'es' } }), 409, 'NOT_A_PERSON');
      expect((await me(t, authorized)).json()).toEqual({ user: null, role: 'admin', via: 'token' });
    });
  });
});

describe('the last admin', () => {
  let t: TestApp;
  let only: UserBody & { password: string };
  beforeAll(async () => {
    t = await startTestApp();
    only = await createPerson(t, 'admin');
  });
  afterAll(() => t.close());

  const patchUser = (id: string, body: Record<string, unknown>) =>
    t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: authorized, payload: body });

  it('cannot be demoted or deactivated, not even by themselves', async () => {
    const cookie = await signedIn(t, only);
    expectError(await patchUser(only.id, { role: 'editor' }), 409, 'LAST_ADMIN');
    expectError(await t.app.inject({ method: 'PATCH', url: `/api/users/${only.id}`, headers: browser(cookie), payload: { active: false } }), 409, 'LAST_ADMIN');
    expect((await me(t, browser(cookie))).json()).toMatchObject({ role: 'admin', user: { status: 'active' } });
  });

  it('is not replaced by an invited admin who has no password yet', async () => {
    const invited = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: authorized,
      payload: { name: 'New admin', email: 'new.admin@example.com', role: 'admin' },
    });
    expect(invited.statusCode).toBe(201);
    expectError(await patchUser(only.id, { role: 'viewer' }), 409, 'LAST_ADMIN');
    // Demoting the invited one is fine: they never counted.
    expect((await patchUser(invited.json().user.id, { role: 'editor' })).json().role).toBe('editor');
  });

  it('can step down once another admin can sign in, and of two demoting each other at once, one wins', async () => {
    const second = await createPerson(t, 'admin');
    const demoted = await patchUser(only.id, { role: 'editor' });
    expect(demoted.statusCode).toBe(200);
    expect(demoted.json().role).toBe('editor');
    expectError(await patchUser(second.id, { active: false }), 409, 'LAST_ADMIN');

    await patchUser(only.id, { role: 'admin' });
    const raced = await Promise.all([patchUser(only.id, { role: 'editor' }), patchUser(second.id, { active: false })]);
    expect(raced.map((response) => response.statusCode).sort()).toEqual([200, 409]);
    const admins = (await t.engine.people.listUsers()).filter((user) => user.role === 'admin' && user.status === 'active');
    expect(admins).toHaveLength(1);
  });
});

describe('a session left alone', () => {
  const clock = testClock();
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: clock.now });
  });
  afterAll(() => t.close());

  it('keeps a session used within 14 days, moving the cookie’s expiry with it, and ends one left unused for 14 days', async () => {
    const person = await createPerson(t, 'viewer');
    const cookie = await signedIn(t, person);
    // Used within the hour: no new cookie.
    expect((await me(t, browser(cookie))).cookies).toEqual([]);

    clock.advance(10 * DAY_MS);
    const used = await me(t, browser(cookie));
    expect(used.statusCode).toBe(200);
    const renewed = sessionCookieOf(used);
    expect(renewed).toMatchObject({ value: cookie, httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(Math.abs(new Date(renewed.expires ?? 0).getTime() - (clock.now().getTime() + 14 * DAY_MS))).toBeLessThan(60_000);

    clock.advance(10 * DAY_MS);
    expect((await me(t, browser(cookie))).statusCode).toBe(200);
    clock.advance(15 * DAY_MS);
    expectError(await me(t, browser(cookie)), 401, 'AUTH_REQUIRED');
  });

  it('clears the cookie when signing out moves the session too', async () => {
    const person = await createPerson(t, 'viewer');
    const cookie = await signedIn(t, person);
    clock.advance(2 * 60 * 60 * 1000);
    const out = await t.app.inject({ method: 'DELETE', url: '/api/session', headers: browser(cookie) });
    expect(out.statusCode).toBe(204);
    // One Set-Cookie for the session, the clearing one, not the renewal before it.
    expect(sessionCookieOf(out).value).toBe('');
    expectError(await me(t, browser(cookie)), 401, 'AUTH_REQUIRED');
  });
});
