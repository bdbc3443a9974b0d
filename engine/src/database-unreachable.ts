import { SwitchboardError } from './errors.ts';

/** Network failures of a connection attempt: Postgres is not there, as opposed to a failing query. */
const networkCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
/** Postgres answered but will not let us in: bad role or password, or no such database (SQLSTATE classes 28, 3D). */
const loginCodes = new Set(['28000', '28P01', '3D000']);

/**
 * Turns a failure to connect into one line an operator can act on, naming host and port,
 * instead of a driver stack: `cannot reach Postgres at 127.0.0.1:5999 (ECONNREFUSED); is it
 * running? check DATABASE_URL`. Any other error gives undefined and is reported as it is.
 */
export function asDatabaseUnreachable(error: unknown, databaseUrl: string | undefined): SwitchboardError | undefined {
  const found = findConnectionError(error, 0);
  if (found === undefined) return undefined;
  const target = describeTarget(found, databaseUrl);
  const message = networkCodes.has(found.code)
    ? `cannot reach Postgres at ${target} (${found.code}); is it running? check DATABASE_URL`
    : `Postgres at ${target} refused the connection: ${found.message}; check the user, password and database in DATABASE_URL`;
  return new SwitchboardError('DATABASE_UNREACHABLE', message, { cause: error });
}

interface ConnectionError {
  readonly code: string;
  readonly message: string;
  readonly address?: string;
  readonly hostname?: string;
  readonly port?: number;
}

// pg-boss and Kysely may wrap the driver's error (`cause`), and a host with several addresses
// fails with an AggregateError of one error per address.
function findConnectionError(error: unknown, depth: number): ConnectionError | undefined {
  if (typeof error !== 'object' || error === null || depth > 5) return undefined;
  const candidate = error as Partial<ConnectionError> & { errors?: unknown; cause?: unknown };
  if (typeof candidate.code === 'string' && (networkCodes.has(candidate.code) || loginCodes.has(candidate.code))) {
    return candidate as ConnectionError;
  }
  for (const inner of Array.isArray(candidate.errors) ? candidate.errors : []) {
    const found = findConnectionError(inner, depth + 1);
    if (found !== undefined) return found;
  }
  return findConnectionError(candidate.cause, depth + 1);
}

function describeTarget(found: ConnectionError, databaseUrl: string | undefined): string {
  if (found.address !== undefined && found.port !== undefined) return `${found.address}:${found.port}`;
  const configured = parseTarget(databaseUrl);
  return `${found.hostname ?? configured.host}:${configured.port}`;
}

function parseTarget(databaseUrl: string | undefined): { host: string; port: string } {
  try {
    const url = new URL(databaseUrl ?? '');
    // libpq's `?host=` (a socket directory, say) wins over the authority part.
    return {
      host: url.searchParams.get('host') ?? (url.hostname === '' ? 'localhost' : url.hostname),
      port: url.searchParams.get('port') ?? (url.port === '' ? '5432' : url.port),
    };
  } catch {
    return { host: 'localhost', port: '5432' };
  }
}
