import type { Locator, Page } from 'playwright-core';

/** Settings → People (`/settings/users`), as an admin uses it. */
export class UsersPage {
  readonly #page: Page;
  readonly #baseUrl: string;

  constructor(page: Page, baseUrl: string) {
    this.#page = page;
    this.#baseUrl = baseUrl;
  }

  async open(): Promise<void> {
    await this.#page.goto(`${this.#baseUrl}/settings/users`);
    await this.#page.getByRole('heading', { level: 2, name: 'People' }).waitFor();
  }

  row(name: string): Locator {
    return this.#page.getByRole('row').filter({ hasText: name });
  }

  dialog(): Locator {
    return this.#page.getByRole('dialog');
  }

  /** Invites a person through the dialog; returns the link it shows once. The dialog stays open on the link. */
  async invite(person: { name: string; email: string; role: 'Admin' | 'Editor' | 'Agent' | 'Viewer' }): Promise<string> {
    await this.#page.getByRole('button', { name: 'Invite a person' }).click();
    const dialog = this.dialog();
    await dialog.getByLabel('Name', { exact: true }).fill(person.name);
    await dialog.getByLabel('Email', { exact: true }).fill(person.email);
    await dialog.getByRole('radio', { name: person.role }).check();
    await dialog.getByRole('button', { name: 'Create the invite link' }).click();
    const link = dialog.getByLabel(`Link for ${person.name}`);
    await link.waitFor();
    return link.inputValue();
  }

  /** Opens a person's row menu and chooses `action` ("Change role…", "Deactivate…"). */
  async choose(name: string, action: string): Promise<void> {
    await this.#page.getByRole('button', { name: `Actions for ${name}` }).click();
    await this.#page.getByRole('menuitem', { name: action }).click();
  }
}

/** Settings → API tokens (`/settings/tokens`). */
export class TokensPage {
  readonly #page: Page;
  readonly #baseUrl: string;

  constructor(page: Page, baseUrl: string) {
    this.#page = page;
    this.#baseUrl = baseUrl;
  }

  async open(): Promise<void> {
    await this.#page.goto(`${this.#baseUrl}/settings/tokens`);
    await this.#page.getByRole('heading', { level: 2, name: 'API tokens' }).waitFor();
  }

  row(name: string): Locator {
    return this.#page.getByRole('row').filter({ hasText: name });
  }

  dialog(): Locator {
    return this.#page.getByRole('dialog');
  }

  /** Creates a token for the signed-in admin; returns the token the dialog shows once. */
  async create(name: string): Promise<string> {
    await this.#page.getByRole('button', { name: 'Create a token' }).click();
    const dialog = this.dialog();
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByRole('button', { name: 'Create token' }).click();
    const token = dialog.getByLabel(`Token “${name}”`);
    await token.waitFor();
    return token.inputValue();
  }
}
