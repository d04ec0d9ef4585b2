import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';

/** Explicit limits on everything that comes from outside. Each one is tested. */
export interface Limits {
  /** Largest JSON request body, in bytes. */
  readonly jsonBodyBytes: number;
  /** Largest uploaded file (standard document, spec file, attachment), in bytes. */
  readonly uploadBytes: number;
  /** Largest standard document (its JSON text), in bytes. */
  readonly standardBytes: number;
  /** Deepest nesting of objects and arrays in a standard's schema. */
  readonly schemaDepth: number;
}

/** The registry's whole configuration: typed, defaulted, validated and frozen. */
export interface Config {
  /** TCP port of the HTTP server (PORT, default 3000). */
  readonly port: number;
  /** Where the embedded store keeps its database, keys and files (REGISTRY_DATA_DIR, default ./data). */
  readonly dataDir: string;
  /** When set, MongoDB through mongoose is the store (MONGODB_URI); otherwise the embedded SQLite store. */
  readonly mongodbUri: string | null;
  /** Base URL used in links that leave the registry, e.g. QR codes (PUBLIC_BASE_URL). */
  readonly publicBaseUrl: string;
  /** pino level (LOG_LEVEL, default info; silent in tests). */
  readonly logLevel: string;
  /** The Chromium that prints PDFs (CHROMIUM_PATH, default /usr/bin/chromium, Debian's package). */
  readonly chromiumPath: string;
  /** Load and publish the shipped standards when the store is empty (LOAD_SHIPPED_STANDARDS, default true). */
  readonly loadShippedStandards: boolean;
  /** How long a newly issued API token authenticates, in days (TOKEN_LIFETIME_DAYS, default 90, 1–3650). */
  readonly tokenLifetimeDays: number;
  /** Days a newly published version's transition period lasts unless its draft planned others (TRANSITION_DAYS, default 180, 0–3650). */
  readonly transitionDays: number;
  readonly sessions: SessionSettings;
  readonly limits: Limits;
  readonly checks: CheckBudgets;
}

/** Web sign-in sessions and their cookie. */
export interface SessionSettings {
  /** A session ends after this many minutes without a request (SESSION_IDLE_MINUTES, default 30). */
  readonly idleMinutes: number;
  /** A session ends this many hours after sign-in, however active (SESSION_ABSOLUTE_HOURS, default 12). */
  readonly absoluteHours: number;
  /** The session cookie is Secure (SESSION_COOKIE_SECURE; default: true when PUBLIC_BASE_URL is https). */
  readonly secureCookie: boolean;
  /** Failed sign-ins per e-mail address or client address in the window before sign-in is refused (SIGN_IN_MAX_FAILURES, default 5). */
  readonly maxFailures: number;
  /** The failure window and lock-out, in minutes (SIGN_IN_LOCKOUT_MINUTES, default 15). */
  readonly lockoutMinutes: number;
}

/** How compiling and checking run off the HTTP event loop: a pool of worker threads with a budget per task. */
export interface CheckBudgets {
  /** Worker threads (CHECK_WORKERS, default: cores − 1, at least 1). */
  readonly workers: number;
  /** Tasks that may wait for a worker; beyond that 503 with Retry-After (CHECK_QUEUE_LIMIT, default 32). */
  readonly queueLimit: number;
  /** Wall time one check may take in its worker, once its standard is compiled (CHECK_TIME_BUDGET_MS, default 2000). */
  readonly timeBudgetMs: number;
  /** Wall time of compiling a standard: an upload, or a published one new to a worker (CHECK_COMPILE_BUDGET_MS, default 10000). */
  readonly compileBudgetMs: number;
  /** V8 old-generation heap of each worker (CHECK_MEMORY_BUDGET_MB, default 256). */
  readonly memoryBudgetMb: number;
}

export const defaultLimits: Limits = Object.freeze({
  jsonBodyBytes: 1024 * 1024,
  uploadBytes: 10 * 1024 * 1024,
  standardBytes: 1024 * 1024,
  schemaDepth: 48,
});

/** Thrown for a configuration that cannot work; main.ts prints it on one line and exits. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be an integer 0–65535, got "${value}"`);
  return port;
}

function parseBoolean(name: string, value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  if (['1', 'true', 'yes'].includes(value.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(value.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

function parseInteger(name: string, value: string | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) throw new ConfigError(`${name} must be an integer ${min}–${max}, got "${value}"`);
  return parsed;
}

function parseCheckBudgets(env: Record<string, string | undefined>): CheckBudgets {
  return Object.freeze({
    workers: parseInteger('CHECK_WORKERS', env.CHECK_WORKERS, Math.max(1, availableParallelism() - 1), 1, 64),
    queueLimit: parseInteger('CHECK_QUEUE_LIMIT', env.CHECK_QUEUE_LIMIT, 32, 0, 10_000),
    timeBudgetMs: parseInteger('CHECK_TIME_BUDGET_MS', env.CHECK_TIME_BUDGET_MS, 2000, 50, 600_000),
    compileBudgetMs: parseInteger('CHECK_COMPILE_BUDGET_MS', env.CHECK_COMPILE_BUDGET_MS, 10_000, 50, 600_000),
    memoryBudgetMb: parseInteger('CHECK_MEMORY_BUDGET_MB', env.CHECK_MEMORY_BUDGET_MB, 256, 64, 16_384),
  });
}

function parseTokenLifetime(value: string | undefined): number {
  if (value === undefined || value === '') return 90;
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new ConfigError(`TOKEN_LIFETIME_DAYS must be an integer 1–3650, got "${value}"`);
  return days;
}

/** Builds the configuration from an environment (process.env in main.ts, a plain object in tests). */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const port = parsePort(env.PORT);
  const baseUrl = env.PUBLIC_BASE_URL ?? `http://localhost:${port}`;
  if (!/^https?:\/\/[^\s]+$/.test(baseUrl)) throw new ConfigError(`PUBLIC_BASE_URL must be an http(s) URL, got "${baseUrl}"`);
  return Object.freeze({
    port,
    dataDir: resolve(env.REGISTRY_DATA_DIR || './data'),
    mongodbUri: env.MONGODB_URI || null,
    publicBaseUrl: baseUrl.replace(/\/+$/, ''),
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    chromiumPath: env.CHROMIUM_PATH || '/usr/bin/chromium',
    loadShippedStandards: parseBoolean('LOAD_SHIPPED_STANDARDS', env.LOAD_SHIPPED_STANDARDS, true),
    tokenLifetimeDays: parseTokenLifetime(env.TOKEN_LIFETIME_DAYS),
    transitionDays: parseInteger('TRANSITION_DAYS', env.TRANSITION_DAYS, 180, 0, 3650),
    sessions: Object.freeze({
      idleMinutes: parseInteger('SESSION_IDLE_MINUTES', env.SESSION_IDLE_MINUTES, 30, 1, 24 * 60),
      absoluteHours: parseInteger('SESSION_ABSOLUTE_HOURS', env.SESSION_ABSOLUTE_HOURS, 12, 1, 24 * 30),
      secureCookie: parseBoolean('SESSION_COOKIE_SECURE', env.SESSION_COOKIE_SECURE, baseUrl.startsWith('https:')),
      maxFailures: parseInteger('SIGN_IN_MAX_FAILURES', env.SIGN_IN_MAX_FAILURES, 5, 1, 1000),
      lockoutMinutes: parseInteger('SIGN_IN_LOCKOUT_MINUTES', env.SIGN_IN_LOCKOUT_MINUTES, 15, 1, 24 * 60),
    }),
    limits: defaultLimits,
    checks: parseCheckBudgets(env),
  });
}
