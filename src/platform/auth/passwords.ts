import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

// NCSC and NIST SP 800-63B: length and a deny-list of known passwords, no composition rules.
const COMMON = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/**
 * Words anyone can read about this service, normalised (lower case, letters and digits only): its
 * name, and the demo password printed in the README and at start-up. A password containing one is
 * guessed first (issue 11). The demo loader hashes the demo password itself, never through this rule.
 */
const PUBLISHED_WORDS = ['childrenstrust', 'childrentrust', 'kestrelshiredemo'];
const normalised = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Why a proposed password is refused, or null when it is acceptable. */
export function passwordProblem(
  password: string,
  context: { email?: string; name?: string } = {},
): { rule: string; message: string } | null {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return { rule: 'min_length', message: `Password must be ${PASSWORD_MIN_LENGTH} characters or more` };
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return { rule: 'max_length', message: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer` };
  }
  if (PUBLISHED_WORDS.some((word) => normalised(password).includes(word))) {
    return { rule: 'published_password', message: 'Password must not contain the name of this service or the published demo password' };
  }
  const lowered = password.toLowerCase();
  const personal = [context.email?.split('@')[0], context.name].filter((v): v is string => !!v && v.length >= 4);
  if (COMMON.has(lowered) || personal.some((p) => lowered.includes(p.toLowerCase()))) {
    return { rule: 'common_password', message: 'Password is too common or too easy to guess: choose a different one' };
  }
  return null;
}

// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
// algorithm 2 is Argon2id in @node-rs/argon2's Algorithm enum (a const enum, so not importable here).
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so response time does not reveal which emails exist. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy-password-for-timing-equalisation');
  await verifyPassword(await dummyHash, password);
  return false;
}
