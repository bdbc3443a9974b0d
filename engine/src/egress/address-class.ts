import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * What an IP address is, as the egress policy sees it. Only `public` is
 * reached by default; every other class is refused unless the allow list names
 * the address (README "Outbound HTTP").
 */
export type AddressClass =
  | 'public'
  /** A cloud provider's instance metadata service: credentials live there. */
  | 'metadata'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  /** Carrier-grade NAT (100.64.0.0/10): a provider's internal network. */
  | 'shared'
  | 'multicast'
  /** Broadcast, documentation, benchmarking, future use, and IPv6 outside global unicast. */
  | 'reserved';

type RefusedClass = Exclude<AddressClass, 'public'>;

/**
 * Ranges in the order they are tried: the metadata addresses sit inside
 * link-local, shared and unique-local ranges and are named first, so a log
 * line says what was aimed at.
 */
const ranges: readonly (readonly [RefusedClass, string, number])[] = [
  ['metadata', '169.254.169.254', 32], // AWS, GCP, Azure, Oracle, DigitalOcean, OpenStack
  ['metadata', '169.254.170.2', 32], // AWS ECS task credentials
  ['metadata', '100.100.100.200', 32], // Alibaba Cloud
  ['metadata', 'fd00:ec2::254', 128], // AWS over IPv6
  ['unspecified', '0.0.0.0', 8],
  ['unspecified', '::', 128],
  ['loopback', '127.0.0.0', 8],
  ['loopback', '::1', 128],
  ['private', '10.0.0.0', 8],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['private', 'fc00::', 7], // unique local
  ['private', 'fec0::', 10], // site-local, deprecated but still routed by some stacks
  ['link-local', '169.254.0.0', 16],
  ['link-local', 'fe80::', 10],
  ['shared', '100.64.0.0', 10],
  ['multicast', '224.0.0.0', 4],
  ['multicast', 'ff00::', 8],
  ['reserved', '192.0.0.0', 24], // IETF protocol assignments
  ['reserved', '192.0.2.0', 24], // documentation
  ['reserved', '192.88.99.0', 24], // 6to4 relay anycast
  ['reserved', '198.18.0.0', 15], // benchmarking
  ['reserved', '198.51.100.0', 24], // documentation
  ['reserved', '203.0.113.0', 24], // documentation
  ['reserved', '240.0.0.0', 4], // future use, and 255.255.255.255 broadcast
  ['reserved', '::', 96], // IPv4-compatible, deprecated: no stack routes it to IPv4 any more
  ['reserved', '64:ff9b:1::', 48], // local-use NAT64
  ['reserved', '100::', 64], // discard-only
  ['reserved', '2001::', 23], // IETF protocol assignments, Teredo among them
  ['reserved', '2001:db8::', 32], // documentation
  ['reserved', '3fff::', 20], // documentation
  ['reserved', '5f00::', 16], // segment routing
];

const lists = new Map<RefusedClass, BlockList>();
for (const [addressClass, network, prefix] of ranges) {
  let list = lists.get(addressClass);
  if (list === undefined) {
    list = new BlockList();
    lists.set(addressClass, list);
  }
  list.addSubnet(network, prefix, isIPv4(network) ? 'ipv4' : 'ipv6');
}

const globalUnicast = new BlockList();
globalUnicast.addSubnet('2000::', 3, 'ipv6');

/**
 * Classifies an IP address (v4, or v6 with or without a zone). IPv6 forms that
 * carry an IPv4 address (mapped `::ffff:127.0.0.1`, NAT64 `64:ff9b::7f00:1`,
 * 6to4 `2002:7f00:1::`) are classified by that address, so no spelling of a
 * refused address passes. Anything that is not an IP address is `reserved`:
 * the policy fails closed.
 */
export function classifyAddress(address: string): AddressClass {
  // A zone (`fe80::1%eth0`) matches no BlockList range, which would read as public.
  const bare = address.split('%', 1)[0] ?? '';
  if (isIPv4(bare)) return classifyIn(bare, 'ipv4');
  if (!isIPv6(bare)) return 'reserved';
  const embedded = embeddedIPv4(bare);
  if (embedded !== undefined) return classifyIn(embedded, 'ipv4');
  const found = classifyIn(bare, 'ipv6');
  if (found !== 'public') return found;
  return globalUnicast.check(bare, 'ipv6') ? 'public' : 'reserved';
}

function classifyIn(address: string, family: 'ipv4' | 'ipv6'): AddressClass {
  for (const [addressClass, list] of lists) {
    if (list.check(address, family)) return addressClass;
  }
  return 'public';
}

/** The IPv4 address an IPv6 address stands for: IPv4-mapped (::ffff:0:0/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
function embeddedIPv4(address: string): string | undefined {
  const groups = hextets(address);
  const isZero = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  if (isZero(0, 5) && groups[5] === 0xffff) return ipv4Of(groups[6], groups[7]);
  if (groups[0] === 0x64 && groups[1] === 0xff9b && isZero(2, 6)) return ipv4Of(groups[6], groups[7]);
  if (groups[0] === 0x2002) return ipv4Of(groups[1], groups[2]);
  return undefined;
}

/** The eight 16-bit groups of a valid IPv6 address (checked by the caller), `::` expanded, a dotted tail converted. */
function hextets(address: string): number[] {
  let text = address;
  const tail = text.slice(text.lastIndexOf(':') + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, text.length - tail.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => Number.parseInt(group, 16)));
  const front = parse(head);
  const back = rest === undefined ? [] : parse(rest);
  return [...front, ...new Array<number>(8 - front.length - back.length).fill(0), ...back];
}

function ipv4Of(high = 0, low = 0): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}
