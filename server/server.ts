import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Config } from './config.ts';
import { openDatabase } from './db/open.ts';
import { migrateToLatest } from './db/migrate.ts';
import type { Logger } from './logger.ts';
import { ensureSecrets } from './secrets.ts';
import { EventBus } from './realtime/bus.ts';
import type { AppContext } from './context.ts';
import { createServices, type Services } from './services.ts';
import { createApp } from './app.ts';
import { loadChallengeTree, type LoadResult } from './features/challenges/challenge.loader.ts';

export const DEFAULT_CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/client');

export interface RunningServer {
  ctx: AppContext;
  services: Services;
  url: string;
  port: number;
  server: ServerType;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  logger: Logger;
  now?: () => Date;
  clientDir?: string;
  /** Reload challenges when files under CHALLENGES_DIR change (npm run dev). */
  watchChallenges?: boolean;
}

/** Opens the database, migrates, syncs the challenge files and serves HTTP. */
export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, logger } = options;
  // Parsing and linting the tree overlaps with opening the database (both take a while).
  const tree = loadChallengeTree(config.challengesDir);
  tree.catch(() => {});
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log: (m, f) => logger.warn(m, f) });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info('migrations applied', { applied });
    const secrets = await ensureSecrets(database.db, { adminToken: config.adminToken, eventCode: config.eventCode, dataDir: config.dataDir });
    const bus = new EventBus(database, logger);
    await bus.start();
    const ctx: AppContext = { config, database, db: database.db, logger, secrets, bus, now: options.now ?? (() => new Date()) };
    const services = await createServices(ctx);
    await syncChallenges(services, logger, tree);
    const watcher = options.watchChallenges ? watchChallenges(services, logger) : undefined;

    const app = createApp(services, { clientDir: options.clientDir ?? DEFAULT_CLIENT_DIR });
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    });
    const port = (server.address() as AddressInfo).port;
    const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        watcher?.close();
        // Streams never finish by themselves: end them first so clients reconnect elsewhere.
        services.hub.stop();
        // Stop accepting, let in-flight requests finish, then cut what is left.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        const s = server as unknown as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
        s.closeIdleConnections?.();
        const grace = setTimeout(() => s.closeAllConnections?.(), 2000);
        await Promise.race([closed, new Promise((r) => setTimeout(r, 3000))]);
        clearTimeout(grace);
        s.closeAllConnections?.();
        await services.stop();
        await bus.stop();
        await database.close();
      })());
    return { ctx, services, url, port, server, stop };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

async function syncChallenges(services: Services, logger: Logger, preloaded?: Promise<LoadResult>): Promise<void> {
  const dir = services.ctx.config.challengesDir;
  const report = await services.challenges.reload(dir, preloaded ? 'startup' : 'watcher', preloaded);
  if (report.ok) {
    logger.info('challenges loaded', {
      dir,
      added: report.added.length,
      updated: report.updated.length,
      unchanged: report.unchanged.length,
      hidden: report.hidden.length,
    });
  } else {
    // The event keeps its last good set; the operator sees every problem.
    logger.error('challenge files have problems; keeping the last good set', { dir, problems: report.problems.map((p) => p.text) });
  }
}

function watchChallenges(services: Services, logger: Logger): fs.FSWatcher | undefined {
  const dir = services.ctx.config.challengesDir;
  if (!fs.existsSync(dir)) return undefined;
  let timer: NodeJS.Timeout | undefined;
  return fs.watch(dir, { recursive: true }, () => {
    clearTimeout(timer);
    timer = setTimeout(() => void syncChallenges(services, logger), 300);
  });
}
