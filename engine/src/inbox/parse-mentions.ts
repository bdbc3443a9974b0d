/** An agent as a mention can name it. */
export interface MentionableAgent {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/**
 * The agents a comment mentions: `@ana@example.com`, or `@Ana Lopez` by name
 * (without case, and only as a whole name: `@Ana` does not mention "Anabel").
 * Longer names are tried first, so `@Ana Lopez` is not read as `@Ana`.
 */
export function parseMentions(text: string, agents: readonly MentionableAgent[]): readonly string[] {
  const lower = text.toLowerCase();
  const found = new Set<string>();
  const handles = agents
    .flatMap((agent) => [
      { id: agent.id, handle: agent.email.toLowerCase() },
      { id: agent.id, handle: agent.name.toLowerCase() },
    ])
    .sort((a, b) => b.handle.length - a.handle.length);
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    // An "@" inside a word is part of an email address, not a mention.
    if (at > 0 && /[\p{L}\p{N}._-]/u.test(lower[at - 1] ?? '')) continue;
    const rest = lower.slice(at + 1);
    const match = handles.find(({ handle }) => handle !== '' && rest.startsWith(handle) && !/[\p{L}\p{N}_-]/u.test(rest[handle.length] ?? ''));
    if (match !== undefined) found.add(match.id);
  }
  return [...found];
}
