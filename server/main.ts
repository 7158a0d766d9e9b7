import { bannerLines } from './banner.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { DataDirLockedError } from './db/lock.ts';
import { roomAddress } from './features/event/room.ts';
import { consoleSink, createLogger, fileSink, HeldSink } from './logger.ts';
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
  // Logs wait for the banner, so the address and event code are not buried in JSON lines.
  const sink = new HeldSink(config.logFile ? fileSink(config.logFile) : consoleSink);
  const logger = createLogger(config.logLevel, {}, sink);
  let running: RunningServer;
  try {
    running = await startServer({ config, logger, watchChallenges: process.env.JAM_WATCH === '1' });
  } catch (error) {
    sink.release();
    if (error instanceof DataDirLockedError) {
      process.stderr.write(`jamboree: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { secrets } = running.ctx;
  const lines = bannerLines({
    config,
    localUrl: running.url,
    room: roomAddress({ publicUrl: config.publicUrl, host: config.host, port: running.port, requestOrigin: running.url }),
    eventCode: secrets.eventCode,
    adminToken: secrets.adminToken,
    adminTokenGenerated: secrets.generated.adminToken,
  });
  process.stdout.write(`${lines.join('\n')}\n`);
  sink.release();

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
