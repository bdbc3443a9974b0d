import pg from 'pg';

/**
 * Counts the statements this process's pg clients send (BEGIN and COMMIT included) while `body`
 * runs; give the engine no workers, or their polling counts too.
 */
export async function countStatements(body: () => Promise<unknown>): Promise<{ count: number; texts: string[] }> {
  const texts: string[] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
    const first = args[0];
    texts.push(typeof first === 'string' ? first : String((first as { text?: string }).text));
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await body();
  } finally {
    pg.Client.prototype.query = query;
  }
  return { count: texts.length, texts };
}
