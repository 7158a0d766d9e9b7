import { ADMIN_TOKEN } from './server.ts';

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  ms: number;
}

/** One JSON request with an optional cookie; never throws on an HTTP error status. */
export async function api<T = any>(base: string, method: string, path: string, body?: unknown, cookie?: string): Promise<ApiResponse<T>> {
  const started = performance.now();
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  const res = await fetch(base + path, { method, headers, ...(body !== undefined && { body: JSON.stringify(body) }) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text.
  }
  return { status: res.status, body: parsed as T, headers: res.headers, ms: performance.now() - started };
}

/** The `name=value` pair of a Set-Cookie response header. */
export function cookieFrom(headers: Headers, name: string): string {
  const line = headers.getSetCookie().find((l) => l.startsWith(`${name}=`));
  if (!line) throw new Error(`no ${name} cookie in the response`);
  return line.split(';')[0]!;
}

export async function adminCookie(base: string): Promise<string> {
  const res = await api(base, 'POST', '/api/admin/login', { token: ADMIN_TOKEN });
  if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(res.body)}`);
  return cookieFrom(res.headers, 'jam_admin');
}

export async function expectOk<T = any>(res: Promise<ApiResponse<T>>, what: string): Promise<ApiResponse<T>> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r;
}
