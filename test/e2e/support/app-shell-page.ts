import type { Locator, Page, Response } from 'playwright-core';

/** The app shell as a person meets it: navigation, language switch, the screen's heading. */
export class AppShellPage {
  readonly #page: Page;
  readonly #baseUrl: string;

  constructor(page: Page, baseUrl: string) {
    this.#page = page;
    this.#baseUrl = baseUrl;
  }

  /** Loads `path` as a fresh page load (typing it in the address bar); resolves once the screen's heading shows. */
  async open(path: string): Promise<Response | null> {
    const response = await this.#page.goto(`${this.#baseUrl}${path}`);
    await this.heading().waitFor();
    return response;
  }

  async reload(): Promise<Response | null> {
    const response = await this.#page.reload();
    await this.heading().waitFor();
    return response;
  }

  /** The main navigation, whose label is "Main" or "Principal". */
  nav(name: string): Locator {
    return this.#page.getByRole('navigation', { name });
  }

  navLink(name: string): Locator {
    return this.#page.getByRole('navigation').getByRole('link', { name, exact: true });
  }

  /** The names of the main navigation's sections, in order. */
  async navLinkNames(label = 'Main'): Promise<string[]> {
    return (await this.nav(label).getByRole('link').allTextContents()).map((text) => text.trim());
  }

  /** The account menu's button, named "Account: <name>" or "Cuenta: <name>". */
  userMenuButton(): Locator {
    return this.#page.getByRole('button', { name: /^(Account|Cuenta): / });
  }

  async openUserMenu(): Promise<Locator> {
    await this.userMenuButton().click();
    return this.#page.getByRole('menu');
  }

  async signOut(): Promise<void> {
    const menu = await this.openUserMenu();
    await menu.getByRole('menuitem', { name: /^(Sign out|Cerrar sesión)$/ }).click();
    await this.#page.waitForURL((url) => url.pathname === '/sign-in');
  }

  url(): string {
    return this.#page.url();
  }

  heading(): Locator {
    return this.#page.getByRole('heading', { level: 1 });
  }

  /**
   * Waits for the screen whose heading is `name`: the address changes as a navigation starts,
   * the screen once what it needs has loaded (after signing in, who is signed in).
   */
  async waitForHeading(name: string): Promise<void> {
    await this.#page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  }

  languageButton(): Locator {
    return this.#page.getByRole('button', { name: /^(Language|Idioma): / });
  }

  async chooseLanguage(name: 'English' | 'Español'): Promise<void> {
    await this.languageButton().click();
    await this.#page.getByRole('menuitemradio', { name }).click();
  }

  menuButton(): Locator {
    return this.#page.getByRole('button', { name: /^(Open the menu|Abrir el menú)$/ });
  }

  drawer(): Locator {
    return this.#page.getByRole('dialog');
  }

  serverStatus(): Locator {
    return this.#page.getByRole('status');
  }

  /** The accessible name (or text) of whatever has focus. */
  focused(): Promise<string> {
    return this.#page.evaluate(() => {
      const element = document.activeElement;
      if (element === null || element === document.body) return '';
      return (element.getAttribute('aria-label') ?? element.textContent ?? '').trim() || element.id;
    });
  }
}
