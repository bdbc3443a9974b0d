import type { Locator, Page } from 'playwright-core';

/** Templates (`/templates`) as a person uses it. */
export class TemplatesPage {
  readonly #page: Page;
  readonly #baseUrl: string;

  constructor(page: Page, baseUrl: string) {
    this.#page = page;
    this.#baseUrl = baseUrl;
  }

  /** Opens the gallery; resolves once its cards have loaded. */
  async open(search = ''): Promise<void> {
    await this.#page.goto(`${this.#baseUrl}/templates${search}`);
    await this.#page.getByRole('heading', { level: 1 }).waitFor();
    await this.#page.getByRole('article').first().waitFor();
  }

  /** A template's card, found by its title in the language shown. */
  card(title: string): Locator {
    return this.#page.getByRole('article', { name: title, exact: true });
  }

  /** The titles of the cards shown, in order. */
  titles(): Promise<string[]> {
    return this.#page.getByRole('article').getByRole('heading', { level: 2 }).allTextContents();
  }

  category(name: string): Locator {
    return this.#page.getByRole('list', { name: /^(Category|Categoría)$/ }).getByRole('link', { name, exact: true });
  }

  /** Clicks a card's "Use template" button; resolves once the import dialog is open. */
  async use(title: string): Promise<Locator> {
    await this.card(title)
      .getByRole('button', { name: /^(Use template|Usar la plantilla)/ })
      .click();
    const dialog = this.#page.getByRole('dialog');
    await dialog.waitFor();
    return dialog;
  }
}
