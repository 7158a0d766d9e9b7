import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, getScoreboard, submitAttempt } from '../../client/api.ts';

function respond(status: number, body: unknown, headers: Record<string, string> = {}) {
  const fetchMock = vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api helpers', () => {
  it('return the parsed JSON and pass paging as query parameters', async () => {
    const fetchMock = respond(200, { frozen: false, total: 0, teams: [] });
    await expect(getScoreboard({ offset: 10, limit: 6 })).resolves.toEqual({ frozen: false, total: 0, teams: [] });
    expect((fetchMock.mock.calls[0] as unknown as [string])[0]).toBe('/api/scoreboard?offset=10&limit=6');
  });

  it('send the answer as JSON to the task attempt route', async () => {
    const fetchMock = respond(200, { correct: true, awarded: 80, alreadySolved: false });
    await submitAttempt('ecr pull', 'order', ['b', 'a']);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/challenges/ecr%20pull/tasks/order/attempts');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ answer: ['b', 'a'] });
  });

  it('turn the error envelope into an ApiError with Retry-After in seconds', async () => {
    respond(429, { error: { code: 'rate_limited', message: 'slow down' } }, { 'retry-after': '12' });
    const error = await submitAttempt('c', 't', 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limited', message: 'slow down', retryAfter: 12 });
  });

  it('still report a status when the body is not the envelope', async () => {
    respond(502, undefined);
    await expect(getScoreboard()).rejects.toMatchObject({ status: 502, code: 'http_502', retryAfter: null });
  });

  it('report a network failure as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(getScoreboard()).rejects.toMatchObject({ status: 0, code: 'network' });
  });
});
