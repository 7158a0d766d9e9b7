import { z } from 'zod';
import path from 'node:path';
import { trustedNetworks, type TrustProxy } from './http/client-address.ts';

/**
 * The environment (README, "Configuration"), parsed once. A bad value stops the server
 * with one line naming the variable and what it expects.
 */
const port = z.coerce
  .number({ error: 'must be an integer 1-65535' })
  .int('must be an integer 1-65535')
  .min(1, 'must be an integer 1-65535')
  .max(65535, 'must be an integer 1-65535');

const optionalText = (what: string, pattern?: RegExp) =>
  z
    .string()
    .trim()
    .min(1, `must not be empty (${what})`)
    .refine((v) => !pattern || pattern.test(v), { message: `must be ${what}` })
    .optional();

/**
 * TRUST_PROXY: unset or `false` trusts no proxy; a whole number trusts that many hops in
 * front of the server; otherwise a comma-separated list of proxy addresses and networks
 * (CIDR), `loopback` standing for 127.0.0.0/8 and ::1.
 */
const trustProxy = z
  .string()
  .trim()
  .transform((value, ctx): TrustProxy => {
    if (value === 'false' || value === '0') return { kind: 'none' };
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops <= 20) return { kind: 'hops', hops };
    }
    const networks = value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
    try {
      if (networks.length === 0) throw new Error('is empty');
      trustedNetworks(networks);
      return { kind: 'networks', networks };
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `must be a hop count (0-20) or proxy addresses/CIDRs: ${(error as Error).message}` });
      return z.NEVER;
    }
  });

const EnvSchema = z.object({
  PORT: port.default(8787),
  HOST: z.string().trim().min(1, 'must be a host name or address').default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => /^postgres(ql)?:\/\//.test(v), { message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  DATA_DIR: z.string().trim().min(1, 'must be a directory path').default('./data'),
  CHALLENGES_DIR: z.string().trim().min(1, 'must be a directory path').default('./challenges'),
  ADMIN_TOKEN: optionalText('at least 16 characters', /^.{16,}$/),
  EVENT_CODE: optionalText('4-32 letters, digits or dashes', /^[A-Za-z0-9-]{4,32}$/),
  TRANSLATE_PROVIDER: z.enum(['none', 'libretranslate', 'aws'], { error: 'must be one of none, libretranslate, aws' }).default('none'),
  TRANSLATE_URL: z
    .string()
    .trim()
    .refine((v) => /^https?:\/\//.test(v), { message: 'must be an http(s) URL' })
    .optional(),
  TRANSLATE_API_KEY: z.string().optional(),
  AWS_REGION: z.string().optional(),
  PUBLIC_URL: z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^/\s]+/.test(v) && URL.canParse(v), { message: 'must be the http(s) address players open, e.g. http://192.168.1.20:8787' })
    .optional(),
  LOG_FILE: z.string().trim().min(1, 'must be a file path').optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent'], { error: 'must be one of debug, info, warn, error, silent' }).default('info'),
  TRUST_PROXY: trustProxy.optional(),
});

export interface Config {
  port: number;
  host: string;
  /** The address players open (`PUBLIC_URL`), without a trailing slash; unset: derived per request. */
  publicUrl: string | undefined;
  databaseUrl: string | undefined;
  dataDir: string;
  challengesDir: string;
  adminToken: string | undefined;
  eventCode: string | undefined;
  translate: {
    provider: 'none' | 'libretranslate' | 'aws';
    url: string | undefined;
    apiKey: string | undefined;
    region: string | undefined;
  };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Who may name the client in X-Forwarded-For (rate-limit keys). */
  trustProxy: TrustProxy;
  /** JSON log lines go to this file (appended) instead of stdout/stderr. */
  logFile: string | undefined;
}

export class ConfigError extends Error {
  readonly code = 'invalid_config';
}

/** Parses the environment; throws a ConfigError whose message is one line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, as shells and .env files often leave them.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')} ${issue.message}`);
    throw new ConfigError([...new Set(lines)].join('\n'));
  }
  const e = parsed.data;
  if (e.TRANSLATE_PROVIDER === 'libretranslate' && !e.TRANSLATE_URL) {
    throw new ConfigError('TRANSLATE_URL must be set when TRANSLATE_PROVIDER=libretranslate');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ? publicOrigin(e.PUBLIC_URL) : undefined,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    challengesDir: path.resolve(e.CHALLENGES_DIR),
    adminToken: e.ADMIN_TOKEN,
    eventCode: e.EVENT_CODE,
    translate: { provider: e.TRANSLATE_PROVIDER, url: e.TRANSLATE_URL, apiKey: e.TRANSLATE_API_KEY, region: e.AWS_REGION },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY ?? { kind: 'none' },
    logFile: e.LOG_FILE ? path.resolve(e.LOG_FILE) : undefined,
  };
}

/** `PUBLIC_URL` as given, minus a trailing slash (a path prefix is kept for reverse proxies). */
function publicOrigin(value: string): string {
  const url = new URL(value);
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
