// Builds the client when dist/client is missing or older than its sources, so that
// `npm install && npm start` works on a fresh clone without a separate build step.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'dist/client/index.html');

function newest(dir) {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

// Several browser test files call this at once: one builds, the others wait and then find the
// build fresh, so no server ever serves a dist/client that another build is emptying.
const lock = path.join(root, 'dist/.client-build.lock');
fs.mkdirSync(path.dirname(lock), { recursive: true });
for (const started = Date.now(); ; ) {
  try {
    fs.mkdirSync(lock);
    break;
  } catch (error) {
    if (error.code !== 'EEXIST') throw error;
    // A lock left by a killed build is stale after two minutes.
    if (Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs > 120_000) fs.rmSync(lock, { recursive: true, force: true });
    if (Date.now() - started > 300_000) throw new Error(`waited 5 minutes for ${lock}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
}
process.on('exit', () => fs.rmSync(lock, { recursive: true, force: true }));

const builtAt = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
const sourcesAt = Math.max(newest(path.join(root, 'client')), fs.statSync(path.join(root, 'vite.config.ts')).mtimeMs);
if (builtAt < sourcesAt) {
  process.stdout.write('Building the web client (vite build)...\n');
  // A production build whatever the caller's NODE_ENV (Vitest sets "test", which would bundle Lit's development build).
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
