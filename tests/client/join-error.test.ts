import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/api.ts';
import { joinErrorKey } from '../../client/app/join-error.ts';

describe('joinErrorKey', () => {
  it('blames the event code when the server refuses it', () => {
    expect(joinErrorKey(new ApiError(404, 'not_found', 'no such event'))).toBe('join.error.badCode');
    expect(joinErrorKey(new ApiError(403, 'forbidden', 'wrong code'))).toBe('join.error.badCode');
    expect(joinErrorKey(new ApiError(400, 'invalid_input', 'eventCode: wrong'))).toBe('join.error.badCode');
  });

  it('says joining is closed once the event has ended', () => {
    expect(joinErrorKey(new ApiError(409, 'event_ended', 'the event has ended; joining is closed'))).toBe('join.error.ended');
  });

  it('tells a network failure apart from other errors', () => {
    expect(joinErrorKey(new ApiError(0, 'network', 'Failed to fetch'))).toBe('common.networkError');
    expect(joinErrorKey(new ApiError(500, 'internal', 'boom'))).toBe('common.error');
    expect(joinErrorKey(new Error('boom'))).toBe('common.error');
  });
});
