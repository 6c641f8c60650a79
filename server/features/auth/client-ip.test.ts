import { describe, expect, it } from 'vitest';
import { clientIpOf, networkOf, normalizeIp } from './client-ip';

describe('normalizeIp', () => {
  it('keeps plain addresses, unmaps IPv4-mapped IPv6 and drops zones', () => {
    expect(normalizeIp('203.0.113.7')).toBe('203.0.113.7');
    expect(normalizeIp('::ffff:127.0.0.2')).toBe('127.0.0.2');
    expect(normalizeIp('2001:DB8::1')).toBe('2001:db8::1');
    expect(normalizeIp('[2001:db8::1]')).toBe('2001:db8::1');
    expect(normalizeIp('fe80::1%eth0')).toBe('fe80::1');
  });

  it('refuses anything that is not an address', () => {
    for (const bad of ['', 'unknown', 'evil.example', '1.2.3.4:80', '<script>', '1.2.3.4 5.6.7.8', 'a'.repeat(10_000), undefined, null]) {
      expect(normalizeIp(bad)).toBeNull();
    }
  });
});

describe('clientIpOf (trust proxy as a hop count)', () => {
  it('ignores X-Forwarded-For with no trusted proxy', () => {
    expect(clientIpOf('::ffff:10.0.0.1', '1.2.3.4', 0)).toBe('10.0.0.1');
  });

  it('takes the address the trusted proxy saw, never what the client wrote further left', () => {
    // nginx appends the peer it saw ($proxy_add_x_forwarded_for): the client's own text stays on the left.
    expect(clientIpOf('10.0.0.1', '6.6.6.6, 198.51.100.9', 1)).toBe('198.51.100.9');
    expect(clientIpOf('10.0.0.1', ['6.6.6.6', '198.51.100.9'], 1)).toBe('198.51.100.9');
    expect(clientIpOf('10.0.0.1', '6.6.6.6, 198.51.100.9, 10.0.0.2', 2)).toBe('198.51.100.9');
  });

  it('uses the nearest trusted address when there are fewer entries than hops, or a proxy forwarded garbage', () => {
    expect(clientIpOf('10.0.0.1', '198.51.100.9', 3)).toBe('198.51.100.9');
    expect(clientIpOf('10.0.0.1', undefined, 1)).toBe('10.0.0.1');
    expect(clientIpOf('10.0.0.1', `6.6.6.6, ${'x'.repeat(10_000)}`, 1)).toBe('10.0.0.1');
    expect(clientIpOf(undefined, undefined, 0)).toBeNull();
  });
});

describe('networkOf', () => {
  it('is the address for IPv4, its /24 when wide, and the /64 for IPv6', () => {
    expect(networkOf('203.0.113.7')).toBe('203.0.113.7');
    expect(networkOf('203.0.113.7', { wide: true })).toBe('203.0.113.0/24');
    expect(networkOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(networkOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(networkOf('::1')).toBe('0:0:0:0::/64');
    expect(networkOf('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });
});
