import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, PASSWORD_MIN_LENGTH, verifyPassword } from '../../src/platform/auth/passwords.js';
import {
  currentTotpCode,
  decryptSecret,
  demoTotpSecret,
  encryptSecret,
  matchTotpStep,
  newTotpSecret,
} from '../../src/platform/auth/totp.js';

describe('password rules (length and a deny-list, no composition rules)', () => {
  it.each([
    ['short1', 'min_length'],
    ['password1234', 'common_password'],
    ['qwerty123456', 'common_password'],
    ['LeaveMeAlone', 'common_password'],
  ])('refuses %s (%s)', (password, rule) => {
    expect(passwordProblem(password)?.rule).toBe(rule);
  });

  it('refuses a password containing the user’s name or email', () => {
    expect(passwordProblem('aisha.begum-2026!', { email: 'aisha.begum@test.example' })?.rule).toBe('common_password');
  });

  it('accepts any long passphrase, with or without digits or symbols', () => {
    expect(passwordProblem('violet harbour tunnel')).toBeNull();
    expect(passwordProblem('correcthorsebatterystaplex')).toBeNull();
  });

  it('judges by length alone for random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'bcdfghjkmnpqrstvwxz'.split('')), minLength: 1, maxLength: 40 }), (s) => {
        const problem = passwordProblem(s);
        if (s.length < PASSWORD_MIN_LENGTH) return problem?.rule === 'min_length';
        return problem === null || problem.rule === 'common_password';
      }),
    );
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('violet harbour tunnel');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'violet harbour tunnel')).toBe(true);
    expect(await verifyPassword(hash, 'violet harbour tunnel!')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});

describe('two-factor codes (RFC 6238)', () => {
  // RFC 6238 appendix B vector for SHA-1, secret "12345678901234567890", truncated to 6 digits.
  const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  it('matches the RFC test vectors', () => {
    expect(currentTotpCode(rfcSecret, 59_000)).toBe('287082');
    expect(currentTotpCode(rfcSecret, 1_111_111_109_000)).toBe('081804');
  });

  it('accepts one step of clock drift and says which step matched', () => {
    const at = 1_111_111_109_000;
    const step = Math.floor(at / 30_000);
    expect(matchTotpStep(rfcSecret, '081804', at)).toBe(step);
    expect(matchTotpStep(rfcSecret, currentTotpCode(rfcSecret, at - 30_000), at)).toBe(step - 1);
    expect(matchTotpStep(rfcSecret, currentTotpCode(rfcSecret, at - 90_000), at)).toBeNull();
    expect(matchTotpStep(rfcSecret, '08180', at)).toBeNull();
    expect(matchTotpStep(rfcSecret, '081 804', at)).toBe(step);
  });

  it('encrypts secrets at rest and detects a wrong key', () => {
    const secret = newTotpSecret();
    const stored = encryptSecret(secret, 'key-one');
    expect(stored).not.toContain(secret);
    expect(decryptSecret(stored, 'key-one')).toBe(secret);
    expect(() => decryptSecret(stored, 'key-two')).toThrow();
  });

  it('derives stable demo secrets', () => {
    expect(demoTotpSecret('a@test.example')).toBe(demoTotpSecret('a@test.example'));
    expect(demoTotpSecret('a@test.example')).not.toBe(demoTotpSecret('b@test.example'));
  });
});
