import { BlockList, isIP } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

/**
 * Which proxies in front of the server may name the client in `X-Forwarded-For`
 * (TRUST_PROXY): none (the socket's peer is the client), a number of hops, or the proxies'
 * addresses and networks.
 */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'networks'; networks: string[] };

/** What `loopback` in TRUST_PROXY stands for. */
const LOOPBACK = ['127.0.0.0/8', '::1/128'];

/** Parses one TRUST_PROXY entry list into a BlockList; throws naming the entry that is not an address or network. */
export function trustedNetworks(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries.flatMap((e) => (e === 'loopback' ? LOOPBACK : [e]))) {
    const [address = '', prefixText] = entry.split('/');
    const family = isIP(address);
    if (family === 0) throw new Error(`"${entry}" is not an IP address or network`);
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (prefixText === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = Number(prefixText);
    if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 4 ? 32 : 128)) throw new Error(`"${entry}" has an invalid prefix length`);
    list.addSubnet(address, prefix, type);
  }
  return list;
}

/** `::ffff:192.0.2.1` (an IPv4 peer on a dual-stack socket) is `192.0.2.1`. */
function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped?.[1] ?? address;
}

function socketAddress(c: Context): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // In-process requests (app.request in tests) have no socket.
    return undefined;
  }
}

/**
 * The client's address for rate-limit keys. Without TRUST_PROXY it is the socket's peer and
 * `X-Forwarded-For` is ignored (anyone can send one). Behind trusted proxies it walks the
 * header from the right, past the proxies, as far as they are trusted.
 */
export function clientAddressResolver(trust: TrustProxy): (c: Context) => string {
  const networks = trust.kind === 'networks' ? trustedNetworks(trust.networks) : undefined;
  const trusted = (address: string) => {
    const family = isIP(address);
    return family !== 0 && networks !== undefined && networks.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
  return (c) => {
    const socket = socketAddress(c);
    if (socket === undefined) return 'local';
    const peer = normalizeAddress(socket);
    if (trust.kind === 'none') return peer;
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((part) => normalizeAddress(part.trim()))
      .filter((part) => part.length > 0);
    // Nearest first: the socket's peer, then the header from its right end.
    const chain = [peer, ...forwarded.reverse()];
    if (trust.kind === 'hops') return chain[Math.min(trust.hops, chain.length - 1)] ?? peer;
    let i = 0;
    while (i < chain.length - 1 && trusted(chain[i] ?? '')) i += 1;
    return chain[i] ?? peer;
  };
}
