import type { Locator, Page } from 'playwright-core';

/** The flow canvas as a person meets it: cards, connections, palette, toolbar, notes. */
export class CanvasPage {
  readonly #page: Page;
  readonly #baseUrl: string;

  constructor(page: Page, baseUrl: string) {
    this.#page = page;
    this.#baseUrl = baseUrl;
  }

  /** Opens a flow and resolves once its `count` cards are drawn. */
  async open(flowId: string, count: number): Promise<void> {
    await this.#page.goto(`${this.#baseUrl}/flows/${flowId}`);
    await this.waitForCards(count);
  }

  async waitForCards(count: number): Promise<void> {
    await this.#page.waitForFunction((expected) => document.querySelectorAll('.react-flow__node-step').length === expected, count, { timeout: 20_000 });
  }

  async waitForEdges(count: number): Promise<void> {
    await this.#page.waitForFunction((expected) => document.querySelectorAll('.react-flow__edge:not([data-id^="ghost:"])').length === expected, count, {
      timeout: 10_000,
    });
  }

  /** A card by its node id. */
  card(nodeId: string): Locator {
    return this.#page.locator(`.react-flow__node[data-id="${nodeId}"]`);
  }

  cards(): Locator {
    return this.#page.locator('.react-flow__node-step');
  }

  notes(): Locator {
    return this.#page.locator('.react-flow__node-note');
  }

  edge(key: string): Locator {
    return this.#page.locator(`.react-flow__edge[data-id="${key}"]`);
  }

  async edgeIds(): Promise<string[]> {
    return this.#page.locator('.react-flow__edge').evaluateAll((edges) => edges.map((edge) => edge.getAttribute('data-id') ?? '').sort());
  }

  async cardIds(): Promise<string[]> {
    return this.cards().evaluateAll((cards) => cards.map((card) => card.getAttribute('data-id') ?? '').sort());
  }

  /** An output handle of a card, by port name. */
  handle(nodeId: string, port: string): Locator {
    return this.#page.locator(`.react-flow__handle[data-nodeid="${nodeId}"][data-handleid="${port}"]`);
  }

  /** Where a card is drawn on the canvas (its transform), to see that it moved. */
  async positionOf(nodeId: string): Promise<string> {
    return (await this.card(nodeId).evaluate((card) => (card as HTMLElement).style.transform)) ?? '';
  }

  paletteSearch(): Locator {
    return this.#page.getByRole('combobox', { name: /Search steps|Buscar pasos/ });
  }

  paletteOption(title: string): Locator {
    return this.#page.getByRole('option', { name: new RegExp(title) });
  }

  toolbarButton(name: string | RegExp): Locator {
    return this.#page.locator('.react-flow__panel').getByRole('button', { name });
  }

  /** Presses a key with Ctrl (or ⌘ on a Mac). */
  async pressWithMod(key: string): Promise<void> {
    await this.#page.keyboard.press(`ControlOrMeta+${key}`);
  }

  /** Drags from a card's port to the middle of another card, holding the mouse there for `whileOver`. */
  async dragConnection(fromNode: string, port: string, toNode: string, whileOver?: () => Promise<void>): Promise<void> {
    const from = await this.handle(fromNode, port).boundingBox();
    const to = await this.card(toNode).boundingBox();
    if (from === null || to === null) throw new Error(`No handle ${fromNode}:${port} or card ${toNode} on screen`);
    await this.#page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.#page.mouse.down();
    await this.#page.mouse.move(to.x + to.width / 2, to.y + 12, { steps: 12 });
    await whileOver?.();
    await this.#page.mouse.up();
  }
}
