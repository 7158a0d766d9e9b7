import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Hono's bodyLimit with the common cases answered from the headers. The stock middleware
 * reads `c.req.raw.body` first, which makes @hono/node-server build a full WHATWG Request
 * (abort signal, body stream) for every request, GETs included: about half the cost of a
 * small read. The outcome is the same: GET and HEAD carry no body to limit, a declared
 * Content-Length is checked as declared, and only a chunked body is counted as it streams.
 */
export function requestBodyLimit(options: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const streaming = bodyLimit(options);
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length || '0', 10) > options.maxSize ? options.onError(c) : next();
    }
    return streaming(c, next);
  };
}
