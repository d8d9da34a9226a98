import { describe, expect, it } from 'vitest';
import { classifyAddress, isDeliverableAddress } from './webhook-address.js';

describe('classifyAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['169.254.1.1', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['0.0.0.0', 'reserved'],
    ['::', 'reserved'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['2002:7f00:1::1', 'reserved'],
    ['93.184.215.14', 'public'],
    ['2606:4700::1111', 'public'],
    ['not-an-ip', 'invalid'],
    ['127.1', 'loopback'],
    ['0x7f.1', 'loopback'],
  ])('classifies %s as %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('isDeliverableAddress', () => {
  it('accepts public addresses and refuses loopback unless the host allows it', () => {
    expect(isDeliverableAddress('93.184.215.14', { allowLoopback: false })).toBe(true);
    expect(isDeliverableAddress('127.0.0.1', { allowLoopback: false })).toBe(false);
    expect(isDeliverableAddress('127.0.0.1', { allowLoopback: true })).toBe(true);
    expect(isDeliverableAddress('::ffff:127.0.0.1', { allowLoopback: true })).toBe(true);
  });

  it('refuses private and metadata addresses even when loopback is allowed', () => {
    for (const address of ['10.0.0.1', '169.254.169.254', '100.64.0.1', '::ffff:10.0.0.1']) {
      expect(isDeliverableAddress(address, { allowLoopback: true })).toBe(false);
    }
  });
});
