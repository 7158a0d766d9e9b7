import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DataDirLockedError } from './db/lock.ts';
import { createLogger } from './logger.ts';
import { type RunningServer, startServer } from './server.ts';

/** The composition root: `npm start`. */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`jamboree: ${error.message.split('\n').join('\njamboree: ')}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let running: RunningServer;
  try {
    running = await startServer({ config, logger, watchChallenges: process.env.JAM_WATCH === '1' });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`jamboree: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { secrets } = running.ctx;
  const lines = [
    '',
    `  Jamboree is running at ${running.url}`,
    `  Players join at        ${running.url}/  with event code ${secrets.eventCode}`,
    `  Big screen             ${running.url}/screen`,
    `  Admin console          ${running.url}/admin`,
    secrets.generated.adminToken
      ? `  Admin token            ${secrets.adminToken}   (kept in ${path.join(config.dataDir, 'admin-token')})`
      : config.adminToken
        ? '  Admin token            from ADMIN_TOKEN'
        : `  Admin token            in ${path.join(config.dataDir, 'admin-token')} (or: npm run jam -- credentials)`,
    `  Database               ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 5 s; exiting');
      process.exit(1);
    }, 5000);
    force.unref();
    running
      .stop()
      .then(() => process.exit(0))
      .catch((error: Error) => {
        logger.error('shutdown failed', { error: error.message });
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main().catch((error: Error) => {
  process.stderr.write(`jamboree: failed to start: ${error.message}\n`);
  process.exit(1);
});
