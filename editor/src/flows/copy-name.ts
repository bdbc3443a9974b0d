/** The longest name the server keeps (definition.schema.json). */
export const maxFlowNameLength = 200;

/**
 * A duplicate's name in the person's language ("Ventas (copia)"), its original's name shortened
 * with an ellipsis when the whole would pass the longest name the server takes.
 *
 * @example copyName('Sales', (name) => `${name} (copy)`) // 'Sales (copy)'
 */
export function copyName(name: string, nameCopy: (name: string) => string): string {
  const whole = nameCopy(name);
  const characters = [...whole];
  if (characters.length <= maxFlowNameLength) return whole;
  const overflow = characters.length - maxFlowNameLength + 1;
  return nameCopy(
    `${[...name]
      .slice(0, Math.max(1, [...name].length - overflow))
      .join('')
      .trimEnd()}…`,
  );
}
