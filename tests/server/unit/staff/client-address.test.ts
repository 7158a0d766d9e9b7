import { describe, expect, it } from 'vitest';
import type { Context } from 'hono';
import { clientAddressResolver, type TrustProxy } from '../../../../server/http/client-address.ts';
import { loadConfig } from '../../../../server/config.ts';

/** A request as @hono/node-server hands it over: the socket's peer, and the header. */
function request(peer: string | undefined, forwardedFor?: string): Context {
  return {
    env: peer === undefined ? undefined : { incoming: { socket: { remoteAddress: peer } } },
    req: { header: (name: string) => (name === 'x-forwarded-for' ? forwardedFor : undefined) },
  } as unknown as Context;
}

const resolve = (trust: TrustProxy, peer: string | undefined, xff?: string) => clientAddressResolver(trust)(request(peer, xff));

describe('client address for rate limits', () => {
  it('is the socket peer without TRUST_PROXY, whatever the header says', () => {
    expect(resolve({ kind: 'none' }, '192.0.2.1', '203.0.113.9')).toBe('192.0.2.1');
    expect(resolve({ kind: 'none' }, '::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(resolve({ kind: 'none' }, undefined, '203.0.113.9')).toBe('local');
  });

  it('counts hops from the right with a hop count, never past the header', () => {
    expect(resolve({ kind: 'hops', hops: 1 }, '10.0.0.1', 'forged, 203.0.113.9')).toBe('203.0.113.9');
    expect(resolve({ kind: 'hops', hops: 2 }, '10.0.0.1', 'forged, 203.0.113.9, 10.0.0.2')).toBe('203.0.113.9');
    expect(resolve({ kind: 'hops', hops: 3 }, '10.0.0.1', '203.0.113.9')).toBe('203.0.113.9');
    expect(resolve({ kind: 'hops', hops: 1 }, '10.0.0.1')).toBe('10.0.0.1');
  });

  it('walks past trusted networks only, and trusts nothing when the peer is not one of them', () => {
    const trust: TrustProxy = { kind: 'networks', networks: ['loopback', '10.0.0.0/8', '2001:db8::/32'] };
    expect(resolve(trust, '127.0.0.1', 'forged, 198.51.100.4, 10.3.3.3')).toBe('198.51.100.4');
    expect(resolve(trust, '2001:db8::1', '198.51.100.4')).toBe('198.51.100.4');
    expect(resolve(trust, '198.51.100.77', 'forged')).toBe('198.51.100.77');
    expect(resolve(trust, '127.0.0.1', '10.1.1.1, 10.2.2.2')).toBe('10.1.1.1');
    expect(resolve(trust, '127.0.0.1', 'not-an-ip, 10.2.2.2')).toBe('not-an-ip');
  });
});

describe('TRUST_PROXY', () => {
  const parse = (value: string) => loadConfig({ TRUST_PROXY: value }).trustProxy;

  it('reads a hop count, proxy networks, or nothing', () => {
    expect(loadConfig({}).trustProxy).toEqual({ kind: 'none' });
    expect(parse('false')).toEqual({ kind: 'none' });
    expect(parse('0')).toEqual({ kind: 'none' });
    expect(parse('2')).toEqual({ kind: 'hops', hops: 2 });
    expect(parse('loopback, 10.0.0.0/8,192.0.2.1')).toEqual({ kind: 'networks', networks: ['loopback', '10.0.0.0/8', '192.0.2.1'] });
  });

  it('stops the server with one line naming the variable for anything else', () => {
    for (const bad of ['yes', '10.0.0.0/33', '10.0.0.0/8, example.com', '::1/129', '21']) {
      expect(() => parse(bad), bad).toThrow(/^TRUST_PROXY must be a hop count/);
    }
  });
});
