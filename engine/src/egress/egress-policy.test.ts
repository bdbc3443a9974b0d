import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { createEgressPolicy, parseEgressAllowList } from './egress-policy.ts';

describe('the egress policy', () => {
  it('refuses every address that is not public by default, naming its class', () => {
    const policy = createEgressPolicy();
    expect(['127.0.0.1', '::1', '10.0.0.5', '169.254.169.254', '::ffff:127.0.0.1', '0.0.0.0'].map((address) => policy.refusedAs(address))).toEqual([
      'loopback',
      'loopback',
      'private',
      'metadata',
      'loopback',
      'unspecified',
    ]);
    expect(policy.refusedAs('93.184.215.14')).toBeUndefined();
    expect(policy.refusedAs('2606:4700::6810:85e5', 'example.com')).toBeUndefined();
  });

  it('lets through the addresses, ranges and host names the allow list names, and nothing next to them', () => {
    const policy = createEgressPolicy({ allow: ['10.0.0.5', '192.168.1.0/24', '[fd00::1]', 'fd12::/16', 'CRM.Internal.', '*.svc.cluster.local'] });
    expect(policy.refusedAs('10.0.0.5')).toBeUndefined();
    expect(policy.refusedAs('::ffff:10.0.0.5')).toBeUndefined();
    expect(policy.refusedAs('10.0.0.6')).toBe('private');
    expect(policy.refusedAs('192.168.1.77')).toBeUndefined();
    expect(policy.refusedAs('192.168.2.1')).toBe('private');
    expect(policy.refusedAs('fd00::1')).toBeUndefined();
    expect(policy.refusedAs('fd00::2')).toBe('private');
    expect(policy.refusedAs('fd12:1::9')).toBeUndefined();
    // A host name allows whatever it resolves to, and only for that name.
    expect(policy.refusedAs('10.9.9.9', 'crm.internal')).toBeUndefined();
    expect(policy.refusedAs('10.9.9.9', 'crm.internal.')).toBeUndefined();
    expect(policy.refusedAs('10.9.9.9', 'other.internal')).toBe('private');
    expect(policy.refusedAs('10.9.9.9', 'billing.svc.cluster.local')).toBeUndefined();
    expect(policy.refusedAs('10.9.9.9', 'svc.cluster.local')).toBe('private');
    expect(policy.refusedAs('10.9.9.9', 'evilsvc.cluster.local')).toBe('private');
  });

  it('splits the environment form on commas and ignores blanks', () => {
    expect(parseEgressAllowList(' 10.0.0.5, ,192.168.1.0/24,[fd00::1] ', 'SWITCHBOARD_EGRESS_ALLOW')).toEqual(['10.0.0.5', '192.168.1.0/24', '[fd00::1]']);
    expect(parseEgressAllowList(undefined, 'SWITCHBOARD_EGRESS_ALLOW')).toEqual([]);
  });

  it('refuses a bad entry at start with CONFIG_ENV_INVALID, naming the entry', () => {
    for (const entry of [
      '10.0.0.300',
      '10.0.0.0/33',
      'fd00::/129',
      '10.0.0.0/',
      'crm.internal:8080',
      'http://crm.internal',
      '127.1',
      '0x7f000001',
      'a b',
      'user@host',
      '*',
    ]) {
      expect(() => readConfig({ SWITCHBOARD_EGRESS_ALLOW: `10.0.0.5,${entry}` }, '/app'), entry).toThrow(
        expect.objectContaining({ code: 'CONFIG_ENV_INVALID', message: expect.stringContaining(`SWITCHBOARD_EGRESS_ALLOW entry "${entry}" is not`) }),
      );
    }
    expect(readConfig({ SWITCHBOARD_EGRESS_ALLOW: '10.0.0.5,crm.internal' }, '/app').egressAllow).toEqual(['10.0.0.5', 'crm.internal']);
    expect(readConfig({}, '/app').egressAllow).toEqual([]);
  });
});
