import type { FastifyRequest } from 'fastify';
import { SwitchboardError } from '../errors.ts';

/**
 * The person behind a request, recorded as who saved a draft or published a version: the
 * signed-in person, or the owner of the API token; null for a machine token (which belongs to
 * no one) and for a request without credentials.
 */
export function personOf(request: FastifyRequest): string | null {
  const principal = request.principal;
  if (principal === undefined) return null;
  return principal.via === 'session' ? principal.user.id : principal.userId;
}

/**
 * The person behind a request, for what only a person can do; 409 NOT_A_PERSON for a machine
 * token, whose message ends with `consequence` ("it cannot be seen in an editor").
 */
export function requirePersonOf(request: FastifyRequest, consequence = 'it has no profile, password or tokens of its own'): string {
  const userId = personOf(request);
  if (userId === null) {
    throw new SwitchboardError(
      'NOT_A_PERSON',
      `This is a machine token, which belongs to no one, so ${consequence}; sign in as a person, or use a token of theirs.`,
    );
  }
  return userId;
}
