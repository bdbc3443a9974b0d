import { randomBytes } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';

export type Role = 'admin' | 'editor' | 'agent' | 'viewer';

/** A person with an account and a password, as a test signs them in. */
export interface Person {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly password: string;
  readonly role: Role;
}

/** A fresh address per person, so tests never share an account (nor its language or its wrong-password count). */
export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(4).toString('hex')}@example.com`;
}

/**
 * Makes a person the way an admin does, through the API with the admin token: invited with a role
 * (`POST /api/users`), then the invitation accepted with a password, as following the link would.
 */
export async function createPerson(baseUrl: string, adminToken: string, options: { role: Role; name?: string; language?: 'en' | 'es' }): Promise<Person> {
  const name = options.name ?? `Test ${options.role}`;
  const email = uniqueEmail(options.role);
  const password = `pw-${randomBytes(9).toString('base64url')}`;
  const invited = await api(
    baseUrl,
    'POST',
    '/api/users',
    { authorization: `Bearer ${adminToken}` },
    { name, email, role: options.role, language: options.language },
  );
  const { user, invite } = (await invited.json()) as { user: { id: string }; invite: { url: string } };
  const token = inviteToken(invite.url);
  await api(baseUrl, 'POST', '/api/invite/accept', { origin: baseUrl }, { token, password });
  return { id: user.id, name, email, password, role: options.role };
}

/** The token of an invite or setup link (`…#token=…`). */
export function inviteToken(url: string): string {
  const token = new URLSearchParams(new URL(url).hash.slice(1)).get('token');
  if (token === null) throw new Error(`${url} has no #token=`);
  return token;
}

/**
 * Signs `person` in within `context` through the API (`POST /api/session`), so the context's pages
 * start signed in: a browser context and its `request` share one cookie jar.
 */
export async function signInByApi(context: BrowserContext, baseUrl: string, person: Pick<Person, 'email' | 'password'>): Promise<void> {
  const response = await context.request.post(`${baseUrl}/api/session`, {
    data: { email: person.email, password: person.password },
    headers: { origin: baseUrl },
  });
  if (response.status() !== 200) throw new Error(`Signing ${person.email} in answered ${response.status()}: ${await response.text()}`);
}

async function api(baseUrl: string, method: string, path: string, headers: Record<string, string>, body: unknown): Promise<Response> {
  const response = await fetch(`${baseUrl}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return response;
}
