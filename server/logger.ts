import fs from 'node:fs';
import path from 'node:path';

/** Structured logs: one JSON object per line, on stdout (warnings and errors on stderr) or in a file. */
export type Level = 'debug' | 'info' | 'warn' | 'error';
export type Fields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: Fields): void;
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

/** Where finished lines go. */
export interface LogSink {
  write(level: Level, line: string): void;
}

const ORDER: Record<Level | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export const consoleSink: LogSink = {
  write: (level, line) => (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`),
};

/** Appends every line to `file` (`LOG_FILE`), creating its folder; the terminal keeps only the banner. */
export function fileSink(file: string): LogSink {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a');
  return { write: (_level, line) => fs.writeSync(fd, `${line}\n`) };
}

/**
 * Holds lines back until `release()`, then writes them and everything after straight through.
 * Start-up logs (migrations, challenges loaded) would otherwise be interleaved with the banner
 * that tells the facilitator the address and the event code.
 */
export class HeldSink implements LogSink {
  private held: Array<[Level, string]> | null = [];

  constructor(private readonly target: LogSink) {}

  write(level: Level, line: string): void {
    if (this.held) this.held.push([level, line]);
    else this.target.write(level, line);
  }

  release(): void {
    const held = this.held ?? [];
    this.held = null;
    for (const [level, line] of held) this.target.write(level, line);
  }
}

export function createLogger(level: Level | 'silent' = 'info', base: Fields = {}, sink: LogSink = consoleSink): Logger {
  const min = ORDER[level];
  const write = (lvl: Level, message: string, fields?: Fields) => {
    if (ORDER[lvl] < min) return;
    sink.write(lvl, JSON.stringify({ time: new Date().toISOString(), level: lvl, msg: message, ...base, ...fields }));
  };
  return {
    debug: (m, f) => write('debug', m, f),
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const silentLogger: Logger = createLogger('silent');
