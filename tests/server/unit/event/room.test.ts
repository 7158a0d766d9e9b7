import { describe, expect, it } from 'vitest';
import { isLoopbackHost, joinUrl, roomAddress } from '../../../../server/features/event/room.ts';

describe('roomAddress', () => {
  const base = { host: '127.0.0.1', port: 8787, lanAddresses: ['192.168.1.20'] };

  it('uses PUBLIC_URL whatever the request came through', () => {
    const room = roomAddress({ ...base, publicUrl: 'https://jam.example.com', requestOrigin: 'http://127.0.0.1:8787' });
    expect(room).toEqual({ url: 'https://jam.example.com/', loopback: false, source: 'PUBLIC_URL' });
    expect(joinUrl(room, 'AB CD')).toBe('https://jam.example.com/?code=AB%20CD');
  });

  it('flags a loopback PUBLIC_URL too', () => {
    expect(roomAddress({ ...base, publicUrl: 'http://localhost:8787', requestOrigin: 'http://x' }).loopback).toBe(true);
  });

  it('takes the address a browser used when it is reachable from elsewhere', () => {
    expect(roomAddress({ ...base, publicUrl: undefined, requestOrigin: 'http://10.0.0.5:8787' })).toEqual({
      url: 'http://10.0.0.5:8787/',
      loopback: false,
      source: 'request',
    });
  });

  it('guesses the LAN address for a screen opened on the server itself when listening everywhere', () => {
    const room = roomAddress({ ...base, host: '0.0.0.0', publicUrl: undefined, requestOrigin: 'http://127.0.0.1:8787' });
    expect(room).toEqual({ url: 'http://192.168.1.20:8787/', loopback: false, source: 'lan' });
  });

  it('warns when only this machine can reach the address', () => {
    expect(roomAddress({ ...base, publicUrl: undefined, requestOrigin: 'http://127.0.0.1:8787' })).toMatchObject({ loopback: true });
    expect(roomAddress({ ...base, host: '0.0.0.0', lanAddresses: [], publicUrl: undefined, requestOrigin: 'http://localhost:8787' }).loopback).toBe(true);
  });

  it('knows the loopback names', () => {
    for (const host of ['localhost', '127.0.0.1:80', '127.1.2.3', '[::1]:8787', '::1', 'app.localhost', '0.0.0.0']) expect(isLoopbackHost(host)).toBe(true);
    for (const host of ['192.168.1.20:8787', 'jam.example.com', '[fe80::1]:80', '10.0.0.1']) expect(isLoopbackHost(host)).toBe(false);
  });
});
