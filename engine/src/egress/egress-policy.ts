import { BlockList, isIP, isIPv4 } from 'node:net';
import { SwitchboardError } from '../errors.ts';
import { type AddressClass, classifyAddress } from './address-class.ts';

/**
 * Which addresses outbound HTTP may reach (DESIGN "Security"): public ones,
 * and those the allow list names. Checked on the address actually connected
 * to, after DNS resolution, on every redirect hop (./guarded-fetch.ts).
 */
export interface EgressPolicy {
  /**
   * Why `address` may not be reached when connecting for `hostname` (the URL's
   * host; omitted for a URL whose host is the address itself): the class it
   * was refused as, or undefined when it may be reached.
   */
  refusedAs(address: string, hostname?: string): Exclude<AddressClass, 'public'> | undefined;
}

/** `createEngine({ egress })`: addresses beyond the public ones that outbound HTTP may reach. */
export interface EgressOptions {
  /**
   * Entries in the syntax of `SWITCHBOARD_EGRESS_ALLOW`: an IP address
   * (`10.0.0.5`, `fd00::1` or `[fd00::1]`), a CIDR range (`192.168.1.0/24`,
   * `fd00::/8`), a host name (`crm.internal`, reached whatever it resolves to)
   * or every subdomain of one (`*.svc.cluster.local`). Defaults to none.
   *
   * @example { allow: ['127.0.0.1'] } // a test that calls its own server
   */
  readonly allow?: readonly string[];
}

/** The policy of a process: public addresses, plus what `allow` names. */
export function createEgressPolicy(options: EgressOptions = {}, source = 'egress.allow'): EgressPolicy {
  const allowed = new BlockList();
  const hosts = new Set<string>();
  const domains: string[] = [];
  for (const entry of options.allow ?? []) {
    const parsed = parseEntry(entry, source);
    if (parsed.kind === 'subnet') allowed.addSubnet(parsed.network, parsed.prefix, parsed.family);
    else if (parsed.kind === 'host') hosts.add(parsed.name);
    else domains.push(parsed.suffix);
  }
  const isAllowedHost = (hostname: string): boolean => {
    const name = normalizeHost(hostname);
    return hosts.has(name) || domains.some((suffix) => name.endsWith(suffix));
  };
  return {
    refusedAs(address, hostname) {
      const addressClass = classifyAddress(address);
      if (addressClass === 'public') return undefined;
      const bare = address.split('%', 1)[0] ?? '';
      // BlockList also matches the IPv4-mapped form of an allowed IPv4 address.
      if (allowed.check(bare, isIPv4(bare) ? 'ipv4' : 'ipv6')) return undefined;
      if (hostname !== undefined && isIP(hostname) === 0 && isAllowedHost(hostname)) return undefined;
      return addressClass;
    },
  };
}

/**
 * Splits and checks an allow list as the environment gives it (comma
 * separated, blanks ignored), so a bad entry stops the start naming itself.
 */
export function parseEgressAllowList(text: string | undefined, source: string): readonly string[] {
  const entries = (text ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) parseEntry(entry, source);
  return entries;
}

type AllowEntry =
  | { readonly kind: 'subnet'; readonly network: string; readonly prefix: number; readonly family: 'ipv4' | 'ipv6' }
  | { readonly kind: 'host'; readonly name: string }
  | { readonly kind: 'domain'; readonly suffix: string };

function parseEntry(entry: string, source: string): AllowEntry {
  const invalid = () =>
    new SwitchboardError(
      'CONFIG_ENV_INVALID',
      `${source} entry "${entry}" is not an IP address (10.0.0.5, [fd00::1]), a CIDR range (192.168.1.0/24, fd00::/8), a host name (crm.internal) or a wildcard (*.svc.cluster.local).`,
    );
  const slash = entry.indexOf('/');
  const addressText = unbracket(slash === -1 ? entry : entry.slice(0, slash));
  const family = isIP(addressText);
  if (family !== 0) {
    const bits = family === 4 ? 32 : 128;
    const prefixText = slash === -1 ? String(bits) : entry.slice(slash + 1);
    const prefix = Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText) || prefix > bits) throw invalid();
    return { kind: 'subnet', network: addressText, prefix, family: family === 4 ? 'ipv4' : 'ipv6' };
  }
  if (slash !== -1) throw invalid();
  const isWildcard = entry.startsWith('*.');
  const name = hostName(isWildcard ? entry.slice(2) : entry);
  if (name === undefined) throw invalid();
  return isWildcard ? { kind: 'domain', suffix: `.${name}` } : { kind: 'host', name };
}

/**
 * A host name as URLs spell it (lower case, punycode, no trailing dot), or
 * undefined. The URL parser reads `127.1` and `0x7f000001` as IPv4 addresses:
 * such shorthands are refused rather than guessed at.
 */
function hostName(text: string): string | undefined {
  const url = URL.parse(`http://${text}/`);
  // Anything beyond a bare host (a port, a user, a path, a query) changes the URL's shape.
  if (url === null || url.href !== `http://${url.hostname}/` || isIP(unbracket(url.hostname)) !== 0) return undefined;
  const name = normalizeHost(url.hostname);
  return /^[a-z0-9_-]+(\.[a-z0-9_-]+)*$/.test(name) ? name : undefined;
}

function normalizeHost(hostname: string): string {
  const lower = hostname.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function unbracket(text: string): string {
  return text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
}
