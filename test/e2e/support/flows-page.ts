import type { Locator, Page } from 'playwright-core';

/** Flows (`/flows`) as a person uses it, in English. */
export class FlowsPage {
  readonly #page: Page;
  readonly #baseUrl: string;

  constructor(page: Page, baseUrl: string) {
    this.#page = page;
    this.#baseUrl = baseUrl;
  }

  /** Opens the list, with `search` as the address's query (`?q=…&status=…`); resolves once it has loaded. */
  async open(search = ''): Promise<void> {
    await this.#page.goto(`${this.#baseUrl}/flows${search}`);
    await this.#page.getByRole('heading', { level: 1 }).waitFor();
    await this.settled();
  }

  /** Waits until the list shows the server's latest answer (not loading, not the previous search's). */
  async settled(): Promise<void> {
    await this.#page.locator('[aria-busy="true"], [role="status"]:text-matches("^(Loading|Cargando)")').waitFor({ state: 'detached' });
  }

  searchBox(): Locator {
    return this.#page.getByRole('searchbox');
  }

  statusFilter(): Locator {
    return this.#page.getByRole('combobox', { name: /^(Status|Estado)$/ });
  }

  /** A flow's row (a table row, or a card on a narrow screen), found by its name. */
  row(name: string): Locator {
    return this.#page.locator('tbody tr, li').filter({ has: this.#page.getByRole('link', { name, exact: true }) });
  }

  /** The names of the flows the table shows, in order. */
  names(): Promise<string[]> {
    return this.#page.getByRole('table').locator('tbody tr td:first-child a').allTextContents();
  }

  async search(text: string): Promise<void> {
    await this.searchBox().fill(text);
    await this.#page.waitForURL((url) => (url.searchParams.get('q') ?? '') === text.trim());
    await this.settled();
  }

  actionsButton(name: string): Locator {
    return this.#page.getByRole('button', { name: new RegExp(`^(Actions for|Acciones de) ${escapeRegExp(name)}$`) });
  }

  /** Opens a flow's row menu and chooses `action` ("Rename…", "Duplicate", "Archive…", "Restore…"). */
  async choose(name: string, action: string): Promise<void> {
    await this.actionsButton(name).click();
    await this.#page.getByRole('menuitem', { name: action, exact: true }).click();
  }

  dialog(): Locator {
    return this.#page.getByRole('dialog');
  }

  alertDialog(): Locator {
    return this.#page.getByRole('alertdialog');
  }

  view(name: 'Flows' | 'Archived' | 'Flujos' | 'Archivados'): Locator {
    return this.#page.getByRole('list', { name: /^(Which flows|Qué flujos)$/ }).getByRole('link', { name, exact: true });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
