import net from 'node:net';
import path from 'node:path';

/** Every setting the platform reads, with where it comes from. See README "Configuration". */
export interface Config {
  production: boolean;
  port: number;
  host: string;
  /** Folder for the embedded database (used when databaseUrl is not set). */
  dataDir: string;
  /** PostgreSQL server connection string; when absent the embedded PGlite database is used. */
  databaseUrl: string | undefined;
  /** Signs cookies. */
  sessionSecret: string;
  /** 32+ character key that encrypts two-factor secrets at rest. */
  totpEncryptionKey: string;
  /** 32+ character key of the audit trail's HMAC chain and checkpoints; kept outside the database (ADR 0004). */
  auditKey: string;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Load the demo area into an empty database at start-up. */
  demoOnEmpty: boolean;
  logLevel: string;
  serviceName: string;
  /** Proxies whose X-Forwarded-For is believed (TRUST_PROXY: addresses/CIDRs); none by default. */
  trustProxy: string[];
  /** The mail server (SMTP_URL: smtp:// or smtps://); when absent email stays in the outbox, shown on the operator's page. */
  smtpUrl: string | undefined;
  /** The sender of every email (MAIL_FROM). */
  mailFrom: string;
  /** The address people reach the service at (PUBLIC_URL): emails link to it. */
  publicUrl: string;
}

/** Known, published values: fine for a laptop, refused in production. */
export const DEMO_SECRETS = {
  sessionSecret: 'demo-session-secret-do-not-use-in-production-0001',
  totpEncryptionKey: 'demo-totp-encryption-key-do-not-use-in-production',
  auditKey: 'demo-audit-key-do-not-use-in-production-000000001',
} as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

function intSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function boolSetting(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function secretSetting(env: Env, name: string, demoValue: string, production: boolean): string {
  const raw = env[name];
  if (!production) return raw && raw.length > 0 ? raw : demoValue;
  if (!raw) throw new ConfigError(`${name} must be set in production (32 or more random characters)`);
  if (raw === demoValue) throw new ConfigError(`${name} is the published demo value: production refuses to start with it`);
  if (raw.length < 32) throw new ConfigError(`${name} must be at least 32 characters in production`);
  return raw;
}

const PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'];
/** TRUST_PROXY: a comma-separated list of addresses, CIDR ranges or proxy-addr's keywords. */
function proxyList(env: Env): string[] {
  const entries = (env.TRUST_PROXY ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const max = net.isIPv4(address) ? 32 : 128;
    const ok =
      PROXY_KEYWORDS.includes(entry) ||
      (net.isIP(address) !== 0 && extra === undefined && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= max)));
    if (!ok) throw new ConfigError(`TRUST_PROXY must list proxy addresses or CIDR ranges separated by commas (got "${entry}")`);
  }
  return entries;
}

/** SMTP_URL: a mail server's address; unset or empty means none. */
function smtpSetting(env: Env): string | undefined {
  const raw = env.SMTP_URL;
  if (raw === undefined || raw === '') return undefined;
  if (!/^smtps?:\/\/[^\s/]+/.test(raw))
    throw new ConfigError('SMTP_URL must start smtp:// or smtps:// and name a host (got a value that does not)');
  return raw;
}

function publicUrlSetting(env: Env, port: number): string {
  const raw = env.PUBLIC_URL;
  if (raw === undefined || raw === '') return `http://localhost:${port}`;
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(raw))
    throw new ConfigError(`PUBLIC_URL must be an http:// or https:// address (got "${raw}")`);
  return raw.replace(/\/+$/, '');
}

export function loadConfig(env: Env = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const databaseUrl = env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : undefined;
  const demoOnEmpty = boolSetting(env, 'DEMO', !production);
  if (production && demoOnEmpty) throw new ConfigError('DEMO must not be enabled in production');
  const port = intSetting(env, 'PORT', 3000, 0, 65535);
  return {
    production,
    port,
    host: env.HOST && env.HOST.length > 0 ? env.HOST : production ? '0.0.0.0' : '127.0.0.1',
    dataDir: env.DATA_DIR === 'memory://' ? 'memory://' : path.resolve(env.DATA_DIR && env.DATA_DIR.length > 0 ? env.DATA_DIR : 'data'),
    databaseUrl,
    sessionSecret: secretSetting(env, 'SESSION_SECRET', DEMO_SECRETS.sessionSecret, production),
    totpEncryptionKey: secretSetting(env, 'TOTP_ENCRYPTION_KEY', DEMO_SECRETS.totpEncryptionKey, production),
    auditKey: secretSetting(env, 'AUDIT_KEY', DEMO_SECRETS.auditKey, production),
    cookieSecure: boolSetting(env, 'COOKIE_SECURE', production),
    sessionIdleMinutes: intSetting(env, 'SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: intSetting(env, 'SESSION_ABSOLUTE_HOURS', 12, 1, 7 * 24),
    demoOnEmpty,
    // Outside production a request log line per page buries the start-up banner: warnings and errors only.
    logLevel: env.LOG_LEVEL && env.LOG_LEVEL.length > 0 ? env.LOG_LEVEL : production ? 'info' : 'warn',
    serviceName: "Children's Trust Platform",
    trustProxy: proxyList(env),
    smtpUrl: smtpSetting(env),
    mailFrom: env.MAIL_FROM && env.MAIL_FROM.length > 0 ? env.MAIL_FROM : "Children's Trust Platform <no-reply@localhost>",
    publicUrl: publicUrlSetting(env, port),
  };
}
