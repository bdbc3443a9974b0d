import { describe, expect, it } from 'vitest';
import { type AddressClass, classifyAddress } from './address-class.ts';

const cases: Readonly<Record<Exclude<AddressClass, 'public'>, readonly string[]>> = {
  metadata: ['169.254.169.254', '169.254.170.2', '100.100.100.200', 'fd00:ec2::254', '::ffff:169.254.169.254'],
  unspecified: ['0.0.0.0', '0.1.2.3', '::', '::ffff:0.0.0.0'],
  loopback: [
    '127.0.0.1',
    '127.0.0.2',
    '127.255.255.254',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '0:0:0:0:0:ffff:127.0.0.1',
    '64:ff9b::127.0.0.1',
    '2002:7f00:1::',
  ],
  private: ['10.0.0.5', '172.16.0.1', '172.31.255.255', '192.168.1.10', 'fc00::1', 'fd12:3456::1', 'fec0::1', '::ffff:10.1.2.3', '::ffff:192.168.0.1'],
  'link-local': ['169.254.0.1', '169.254.10.20', 'fe80::1', 'fe80::1%eth0', 'febf::1', '::ffff:169.254.1.1'],
  shared: ['100.64.0.1', '100.127.255.255', '::ffff:100.64.0.1'],
  multicast: ['224.0.0.1', '239.255.255.250', 'ff02::1', 'ff05::1:3'],
  reserved: [
    '255.255.255.255',
    '240.0.0.1',
    '192.0.0.8',
    '192.0.2.1',
    '198.18.0.1',
    '198.51.100.7',
    '203.0.113.9',
    '::127.0.0.1',
    '::7f00:1',
    '100::1',
    '2001:db8::1',
    '2001::1',
    '64:ff9b:1::1',
    '4000::1',
    'not an address',
    '',
  ],
};

describe('classifyAddress', () => {
  for (const [expected, addresses] of Object.entries(cases)) {
    it(`names ${expected} addresses, in every IPv6 spelling that carries them`, () => {
      expect(addresses.map((address) => [address, classifyAddress(address)])).toEqual(addresses.map((address) => [address, expected]));
    });
  }

  it('lets public addresses through, IPv4-mapped and NAT64 forms of public IPv4 too', () => {
    const publicAddresses = [
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '100.128.0.1',
      '169.255.0.1',
      '2606:4700:4700::1111',
      '2a00:1450::1',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
      '2002:808:808::1',
    ];
    expect(publicAddresses.filter((address) => classifyAddress(address) !== 'public')).toEqual([]);
  });
});
