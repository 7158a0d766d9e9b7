import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.JAM_API_URL ?? 'http://127.0.0.1:8787';

// The proxy must not buffer or compress the SSE stream, otherwise `/api/stream`
// events arrive in bursts (or only when the connection closes) during `npm run dev`.
function streamFriendlyProxy(): ProxyOptions {
  return {
    target: apiTarget,
    changeOrigin: false,
    configure(proxy) {
      proxy.on('proxyRes', (res) => {
        if (String(res.headers['content-type'] ?? '').startsWith('text/event-stream')) {
          res.headers['cache-control'] = 'no-cache, no-transform';
          res.headers['x-accel-buffering'] = 'no';
        }
      });
    },
  };
}

export default defineConfig({
  root: resolve(here, 'client'),
  base: '/',
  publicDir: false,
  build: {
    outDir: resolve(here, 'dist/client'),
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: {
      input: {
        index: resolve(here, 'client/index.html'),
        screen: resolve(here, 'client/screen.html'),
        admin: resolve(here, 'client/admin.html'),
      },
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        // Lit in its own long-lived chunk: it changes far less often than our code.
        codeSplitting: {
          groups: [{ name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    host: '127.0.0.1',
    // Anchored patterns: a plain '/api' prefix would also swallow the module `/api.ts`.
    proxy: {
      '^/api/': streamFriendlyProxy(),
      '^/labs(/|$)': streamFriendlyProxy(),
      '^/healthz(?:[/?]|$)': streamFriendlyProxy(),
    },
  },
  preview: { port: 4173, host: '127.0.0.1' },
});
