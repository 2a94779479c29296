import { describe, expect, it } from 'vitest';
import { DEMO_SECRETS, loadConfig } from '../../src/platform/config.js';

const strong = 'x'.repeat(16) + 'y'.repeat(16) + 'z';

describe('configuration', () => {
  it('defaults for a laptop: port 3000, ./data, embedded database, demo on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', databaseUrl: undefined, demoOnEmpty: true, production: false });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('refuses production without secrets, with demo secrets, or with the demo on', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: 'false' })).toThrow(/SESSION_SECRET must be set in production/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', DEMO: 'false', SESSION_SECRET: DEMO_SECRETS.sessionSecret, TOTP_ENCRYPTION_KEY: strong }),
    ).toThrow(/published demo value/);
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: 'false', SESSION_SECRET: 'short', TOTP_ENCRYPTION_KEY: strong })).toThrow(
      /at least 32/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', DEMO: 'true', SESSION_SECRET: strong, TOTP_ENCRYPTION_KEY: strong + '2' })).toThrow(
      /DEMO must not be enabled/,
    );
    const keys = { SESSION_SECRET: strong, TOTP_ENCRYPTION_KEY: strong + '2' };
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys })).toThrow(/AUDIT_KEY must be set in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys, AUDIT_KEY: DEMO_SECRETS.auditKey })).toThrow(/AUDIT_KEY is the published/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...keys, AUDIT_KEY: 'short' })).toThrow(/AUDIT_KEY must be at least 32/);
    const ok = loadConfig({ NODE_ENV: 'production', ...keys, AUDIT_KEY: strong + '3' });
    expect(ok).toMatchObject({ production: true, cookieSecure: true, demoOnEmpty: false, host: '0.0.0.0' });
  });

  it('names the setting and the rule when a number is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be a whole number from 0 to 65535 (got "eighty")');
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
    expect(() => loadConfig({ COOKIE_SECURE: 'maybe' })).toThrow('COOKIE_SECURE must be true or false (got "maybe")');
  });

  it('trusts no proxy unless TRUST_PROXY names them, in production too, and names a bad entry', () => {
    expect(
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: strong, TOTP_ENCRYPTION_KEY: strong + '2', AUDIT_KEY: strong + '3' }).trustProxy,
    ).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,loopback,::1' }).trustProxy).toEqual([
      '10.0.0.1',
      '172.16.0.0/12',
      'loopback',
      '::1',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(
      'TRUST_PROXY must list proxy addresses or CIDR ranges separated by commas (got "true")',
    );
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/got "10.0.0.0\/33"/);
  });
});
