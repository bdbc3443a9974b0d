/** A card's size before React Flow has measured it, and the layout's guess for a card it never drew. */
export const DEFAULT_CARD_SIZE = { width: 240, height: 92 } as const;

/** Room each output port's label gets along the bottom of a card. */
export const PORT_SLOT_WIDTH = 88;

/** A card is wide enough for its ports' labels side by side. */
export function cardWidth(portCount: number): number {
  return Math.max(DEFAULT_CARD_SIZE.width, portCount * PORT_SLOT_WIDTH);
}
