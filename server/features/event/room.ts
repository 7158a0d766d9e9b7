import os from 'node:os';

/**
 * Where players reach the server. A projector that shows `127.0.0.1` sends every phone in the
 * room to itself, so the address comes from `PUBLIC_URL` when set; otherwise from the request
 * when it arrived on a routable address; otherwise, when the server listens on every interface,
 * from this machine's LAN address. Whatever is chosen is flagged when players cannot use it.
 */
export interface RoomAddress {
  /** The address to show and encode, with a trailing slash (`http://192.168.1.20:8787/`). */
  url: string;
  /** True when the address only works on this machine (loopback): show a warning. */
  loopback: boolean;
  source: 'PUBLIC_URL' | 'request' | 'lan';
}

export interface RoomInputs {
  publicUrl: string | undefined;
  /** The address the server listens on (`HOST`). */
  host: string;
  port: number;
  /** `proto://host` of the request that asks, as the browser reached us. */
  requestOrigin: string;
  /** This machine's non-internal IPv4 addresses (injectable for tests). */
  lanAddresses?: readonly string[];
}

/** Whether a host name (or `host:port`) only reaches this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const bracketed = /^\[(.*)\](:\d+)?$/.exec(hostname);
  // A bare IPv6 address has several colons and no port; `name:port` has one.
  const host = (bracketed ? (bracketed[1] ?? '') : hostname.split(':').length === 2 ? hostname.replace(/:\d+$/, '') : hostname).toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0' || host === '::' || /^127\./.test(host);
}

/** Whether the server listens on every interface (`HOST=0.0.0.0` or `::`). */
export function listensEverywhere(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

export function lanAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((i): i is os.NetworkInterfaceInfo => i !== undefined && i.family === 'IPv4' && !i.internal)
    .map((i) => i.address);
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

export function roomAddress(inputs: RoomInputs): RoomAddress {
  if (inputs.publicUrl) {
    return { url: withSlash(inputs.publicUrl), loopback: isLoopbackHost(new URL(inputs.publicUrl).host), source: 'PUBLIC_URL' };
  }
  const request = new URL(inputs.requestOrigin);
  if (!isLoopbackHost(request.host)) return { url: withSlash(request.origin), loopback: false, source: 'request' };
  const lan = listensEverywhere(inputs.host) ? (inputs.lanAddresses ?? lanAddresses())[0] : undefined;
  if (lan) return { url: `${request.protocol}//${lan}:${inputs.port}/`, loopback: false, source: 'lan' };
  return { url: withSlash(request.origin), loopback: true, source: 'request' };
}

/** The join link: the room address with the event code filled in. */
export function joinUrl(room: RoomAddress, eventCode: string): string {
  return `${room.url}?code=${encodeURIComponent(eventCode)}`;
}
