import type { Locator, Page } from 'playwright-core';

/** The sign-in page (`/sign-in`), in English or Spanish. */
export class SignInPage {
  readonly #page: Page;
  readonly #baseUrl: string;

  constructor(page: Page, baseUrl: string) {
    this.#page = page;
    this.#baseUrl = baseUrl;
  }

  async open(): Promise<void> {
    await this.#page.goto(`${this.#baseUrl}/sign-in`);
    await this.heading().waitFor();
  }

  heading(): Locator {
    return this.#page.getByRole('heading', { level: 1 });
  }

  /** Fills the form and sends it; resolves once the server has answered (an error shows, or the page changes). */
  async signIn(email: string, password: string): Promise<void> {
    await this.#page.getByLabel(/^(Email|Correo electrónico)$/).fill(email);
    await this.#page.getByLabel(/^(Password|Contraseña)$/).fill(password);
    const answered = this.#page.waitForResponse((response) => response.url().endsWith('/api/session') && response.request().method() === 'POST');
    await this.#page.getByRole('button', { name: /^(Sign in|Iniciar sesión)$/ }).click();
    await answered;
  }

  /** What the server's refusal says, next to the form. */
  error(): Locator {
    return this.#page.getByRole('alert');
  }
}
