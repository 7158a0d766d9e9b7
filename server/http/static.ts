import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';

interface Asset {
  body: Buffer;
  gzip: Buffer | undefined;
  type: string;
  immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=UTF-8',
  '.js': 'text/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=UTF-8',
};

/** The pages: each surface is its own entry so the player bundle stays small. */
const PAGES: Record<string, string> = { '/screen': 'screen.html', '/admin': 'admin.html' };

/**
 * Serves the built client from memory (it is small): hashed assets cached for a year,
 * HTML always revalidated, gzip when the browser takes it. Unknown paths without an
 * extension get the player app (client-side routes).
 */
export function staticRoutes(clientDir: string) {
  const assets = new Map<string, Asset>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const rel = `/${path.relative(clientDir, full).split(path.sep).join('/')}`;
        const body = fs.readFileSync(full);
        const type = TYPES[path.extname(entry.name)] ?? 'application/octet-stream';
        const compressible = /text|javascript|json|svg/.test(type) && body.length > 1024;
        assets.set(rel, { body, gzip: compressible ? gzipSync(body, { level: 9 }) : undefined, type, immutable: rel.startsWith('/assets/') });
      }
    }
  };
  if (fs.existsSync(clientDir)) walk(clientDir);

  return new Hono().get('*', (c, next) => {
    const p = c.req.path;
    if (p.startsWith('/api/') || p.startsWith('/labs/') || p === '/healthz') return next();
    let asset = assets.get(p);
    if (!asset) {
      const page = PAGES[p.replace(/\/+$/, '')] ?? (p.startsWith('/screen/') ? 'screen.html' : p.startsWith('/admin/') ? 'admin.html' : undefined);
      if (page) asset = assets.get(`/${page}`);
      else if (!path.extname(p)) asset = assets.get('/index.html');
    }
    if (!asset) return next();
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    c.header('Vary', 'Accept-Encoding');
    if (asset.gzip && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      c.header('Content-Encoding', 'gzip');
      return c.body(new Uint8Array(asset.gzip));
    }
    return c.body(new Uint8Array(asset.body));
  });
}
