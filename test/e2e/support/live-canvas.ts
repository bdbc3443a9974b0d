import type { Locator, Page } from 'playwright-core';

/** What the canvas draws live over a flow: a card's counts, a port's count, a run's path. */
export class LiveCanvas {
  readonly #page: Page;

  constructor(page: Page) {
    this.#page = page;
  }

  card(nodeId: string): Locator {
    return this.#page.locator(`.react-flow__node[data-id="${nodeId}"]`);
  }

  /** "14 waiting" on a card, as drawn. */
  waiting(nodeId: string): Locator {
    return this.card(nodeId).getByTestId('live-waiting');
  }

  /** The count under one of a card's ports. */
  portCount(nodeId: string, port: string): Locator {
    return this.card(nodeId).locator(`[data-testid="port-count"][data-port="${port}"]`);
  }

  /** The card's accessible name, which carries its counts for a screen reader. */
  async accessibleName(nodeId: string): Promise<string> {
    return (await this.card(nodeId).getAttribute('aria-label')) ?? '';
  }

  windowPicker(): Locator {
    return this.#page.getByTestId('live-window');
  }

  /** Whether the drawn path took this edge (`from:port>to`). */
  async isTaken(edgeKey: string): Promise<boolean> {
    const className = await this.#page.locator(`.react-flow__edge[data-id="${edgeKey}"]`).getAttribute('class');
    return className?.includes('sb-edge-taken') === true;
  }

  /** Whether the drawn path visited a card. */
  async isVisited(nodeId: string): Promise<boolean> {
    return (await this.card(nodeId).getAttribute('class'))?.includes('sb-visited') === true;
  }

  /** Resolves once the path has taken the edge, or the port of a card with nothing after it. */
  async waitForTaken(edgeKey: string, timeout = 15_000): Promise<void> {
    await this.#page.locator(`.react-flow__edge.sb-edge-taken[data-id="${edgeKey}"]`).waitFor({ timeout });
  }

  async waitForVisited(nodeId: string, timeout = 15_000): Promise<void> {
    await this.#page.locator(`.react-flow__node.sb-visited[data-id="${nodeId}"]`).waitFor({ timeout });
  }
}
