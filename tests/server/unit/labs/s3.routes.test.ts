import { describe, expect, it } from 'vitest';
import { ENDPOINT, bearer, labsApp, type ManifestJson } from './labs.fixture.ts';

async function flagLayerLocation(app: ReturnType<typeof labsApp>['app'], token = 'token-team-1'): Promise<string> {
  const manifestRes = await app.request(`${ENDPOINT}/v2/jam/flag-image/manifests/latest`, { headers: bearer(token) });
  const manifest = (await manifestRes.json()) as ManifestJson;
  const res = await app.request(`${ENDPOINT}/v2/jam/flag-image/blobs/${manifest.layers[1]?.digest}`, {
    headers: bearer(token),
  });
  return res.headers.get('Location') ?? '';
}

function withParam(location: string, name: string, value: string): string {
  const url = new URL(location, 'http://lab.test');
  url.searchParams.set(name, value);
  return `${url.pathname}?${url.searchParams.toString()}`;
}

describe('simulated S3 presigned URLs', () => {
  it('carries the SigV4 query parameters and a five-minute expiry', async () => {
    const { app } = labsApp();
    const url = new URL(await flagLayerLocation(app), 'http://lab.test');
    expect(url.pathname).toMatch(/^\/labs\/s3\/jam-ecr-layers\/1-[0-9a-f]{12}\/sha256\/[0-9a-f]{64}$/);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Date')).toBe('20260301T090000Z');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('host');
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a tampered signature with 403 SignatureDoesNotMatch in S3 XML', async () => {
    const { app } = labsApp();
    const location = await flagLayerLocation(app);
    const signature = new URL(location, 'http://lab.test').searchParams.get('X-Amz-Signature') ?? '';
    const flipped = `${signature[0] === 'a' ? 'b' : 'a'}${signature.slice(1)}`;
    const res = await app.request(withParam(location, 'X-Amz-Signature', flipped));
    expect(res.status).toBe(403);
    expect(res.headers.get('Content-Type')).toBe('application/xml');
    const body = await res.text();
    expect(body).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>SignatureDoesNotMatch<\/Code>/);
  });

  it('treats a lengthened expiry as tampering, not as a valid URL', async () => {
    const { app, advance } = labsApp();
    const location = await flagLayerLocation(app);
    advance(600);
    const res = await app.request(withParam(location, 'X-Amz-Expires', '3600'));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it("refuses a key edited to reach another team's object", async () => {
    const { app } = labsApp();
    const location = await flagLayerLocation(app);
    const res = await app.request(location.replace('/jam-ecr-layers/1-', '/jam-ecr-layers/2-'));
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('answers an expired URL with 403 AccessDenied "Request has expired"', async () => {
    const { app, advance } = labsApp();
    const location = await flagLayerLocation(app);
    advance(300);
    expect((await app.request(location)).status).toBe(200);
    advance(1);
    const res = await app.request(location);
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(body).toContain('<Code>AccessDenied</Code><Message>Request has expired</Message>');
    expect(body).toContain('<Expires>2026-03-01T09:05:00Z</Expires><ServerTime>2026-03-01T09:05:01Z</ServerTime>');
  });

  it('answers a request without query authentication with 403 AccessDenied', async () => {
    const { app } = labsApp();
    const path = (await flagLayerLocation(app)).split('?')[0] ?? '';
    const res = await app.request(path);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('<Code>AccessDenied</Code><Message>Access Denied</Message>');
  });

  it('answers malformed query parameters with 400 AuthorizationQueryParametersError', async () => {
    const { app } = labsApp();
    const res = await app.request(withParam(await flagLayerLocation(app), 'X-Amz-Date', 'yesterday'));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<Code>AuthorizationQueryParametersError</Code>');
  });

  it('needs no Authorization header, as a real presigned URL', async () => {
    const { app } = labsApp();
    const res = await app.request(await flagLayerLocation(app), { headers: { Authorization: 'Bearer wrong' } });
    expect(res.status).toBe(200);
  });
});

describe('labs rate limit and request log', () => {
  it('answers 429 with Retry-After once a team has spent its budget, without touching other teams', async () => {
    const { app } = labsApp({ rateLimit: { capacity: 3, refillPerMinute: 6 } });
    for (let i = 0; i < 3; i++) {
      expect((await app.request(`${ENDPOINT}/v2/`, { headers: bearer('token-team-1') })).status).toBe(200);
    }
    const limited = await app.request(`${ENDPOINT}/v2/`, { headers: bearer('token-team-1') });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('10');
    expect(await limited.json()).toMatchObject({ errors: [{ code: 'TOOMANYREQUESTS' }] });
    expect((await app.request(`${ENDPOINT}/v2/`, { headers: bearer('token-team-2') })).status).toBe(200);
  });

  it('lets a team in again once the bucket has refilled', async () => {
    const { app, advance } = labsApp({ rateLimit: { capacity: 1, refillPerMinute: 60 } });
    expect((await app.request(`${ENDPOINT}/v2/`, { headers: bearer('token-team-1') })).status).toBe(200);
    expect((await app.request(`${ENDPOINT}/v2/`, { headers: bearer('token-team-1') })).status).toBe(429);
    advance(1);
    expect((await app.request(`${ENDPOINT}/v2/`, { headers: bearer('token-team-1') })).status).toBe(200);
  });

  it('counts presigned downloads against the team named in the signed key', async () => {
    const { app } = labsApp({ rateLimit: { capacity: 3, refillPerMinute: 1 } });
    const location = await flagLayerLocation(app); // manifest + blob: two of three
    expect((await app.request(location)).status).toBe(200);
    const limited = await app.request(location);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('60');
    expect(await limited.text()).toContain('<Code>SlowDown</Code>');
  });

  it('logs every request with its team, or null when unauthenticated', async () => {
    const { app, log } = labsApp();
    await app.request(`${ENDPOINT}/v2/`);
    const location = await flagLayerLocation(app, 'token-team-2');
    await app.request(location);
    await app.request(`${ENDPOINT}/v2/jam/flag-image/manifests/latest`, { method: 'HEAD', headers: bearer('token-team-2') });
    expect(log.map(({ teamId, lab, method, status }) => ({ teamId, lab, method, status }))).toEqual([
      { teamId: null, lab: 'ecr-registry', method: 'GET', status: 401 },
      { teamId: 2, lab: 'ecr-registry', method: 'GET', status: 200 },
      { teamId: 2, lab: 'ecr-registry', method: 'GET', status: 307 },
      { teamId: 2, lab: 'ecr-registry', method: 'GET', status: 200 },
      { teamId: 2, lab: 'ecr-registry', method: 'HEAD', status: 200 },
    ]);
    expect(log[0]?.path).toBe('/labs/ecr/v2/');
    expect(log[3]?.path).toMatch(/^\/labs\/s3\/jam-ecr-layers\//);
    expect(log[0]?.at).toEqual(new Date('2026-03-01T09:00:00Z'));
  });

  it('still answers the player when writing the log fails', async () => {
    const { app } = labsApp({
      logRequest: () => {
        throw new Error('database down');
      },
    });
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args);
    try {
      expect((await app.request(`${ENDPOINT}/v2/`, { headers: bearer('token-team-1') })).status).toBe(200);
    } finally {
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });
});
