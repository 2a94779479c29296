import crypto from 'node:crypto';
import * as OTPAuth from 'otpauth';

const PERIOD_SECONDS = 30;

function keyFrom(secret: string): Buffer {
  return crypto.createHash('sha256').update(secret).digest();
}

/** AES-256-GCM, so a copy of the users table does not give anyone's second factor. */
export function encryptSecret(plain: string, encryptionKey: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFrom(encryptionKey), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
}

export function decryptSecret(stored: string, encryptionKey: string): string {
  const [version, iv, tag, body] = stored.split(':');
  if (version !== 'v1' || !iv || !tag || !body) throw new Error('Unrecognised two-factor secret format');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyFrom(encryptionKey), Buffer.from(iv, 'base64'));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
}

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

/** A secret derived from a seed: only for demo users, whose codes anyone may compute. */
export function demoTotpSecret(seed: string): string {
  const bytes = crypto.createHmac('sha256', 'ctp-demo-two-factor').update(seed).digest().subarray(0, 20);
  return new OTPAuth.Secret({ buffer: new Uint8Array(bytes).buffer }).base32;
}

function totpFor(secretBase32: string, label = ''): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: "Children's Trust Platform",
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

export function totpUri(secretBase32: string, label: string): string {
  return totpFor(secretBase32, label).toString();
}

export function currentTotpCode(secretBase32: string, at: number = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp: at });
}

/**
 * Checks a code, allowing one step of clock drift either way. Returns the time step it matched,
 * so the caller can refuse a replay of the same or an earlier step; null when it does not match.
 */
export function matchTotpStep(secretBase32: string, code: string, at: number = Date.now()): number | null {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(secretBase32).validate({ token, timestamp: at, window: 1 });
  if (delta === null) return null;
  return Math.floor(at / 1000 / PERIOD_SECONDS) + delta;
}
