import crypto from 'node:crypto';
import type { Queryable } from '../../src/platform/db.js';
import { hashPassword } from '../../src/platform/auth/passwords.js';
import { encryptSecret, newTotpSecret } from '../../src/platform/auth/totp.js';
import type { Config } from '../../src/platform/config.js';
import type { Role } from '../../src/platform/policy.js';
import { INDEX_REQUIREMENTS } from '../../src/admin/index.js';

export const TEST_PASSWORD = 'correct-horse-battery-staple-42';
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

let counter = 0;
const unique = () => `${process.pid}${(counter += 1)}${crypto.randomBytes(2).toString('hex')}`;

/**
 * The services every test area lists (issue 14, bug 7: records choose a service from the area's
 * list), so tests name them as a form or the API would.
 */
export const TEST_SERVICES = [
  'Primary school',
  'School nursing',
  'Health visiting',
  'Sexual health',
  'Youth work',
  'Youth Crime Prevention',
  'Educational psychology',
  'Behaviour support',
  'Children’s social care',
  'Family support',
  'School and Behaviour Support Team',
  'Social Services Family Centre: outreach parenting support',
  'Special educational needs co-ordination',
  'Speech and language therapy',
] as const;

/** An area with a made-up ONS code (E06 = unitary authority), listing TEST_SERVICES. */
export async function buildArea(db: Queryable, overrides: { code?: string; name?: string } = {}): Promise<string> {
  const code = overrides.code ?? `E06${String(crypto.randomInt(0, 99_999_999)).padStart(6, '0').slice(0, 6)}`;
  await db.query('INSERT INTO area (code, name, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
    code,
    overrides.name ?? `Testshire ${code}`,
    'unitary',
  ]);
  await db.query(
    `INSERT INTO area_service (area_code, name, created_at, changed_at) SELECT $1, name, now(), now() FROM unnest($2::text[]) AS name
     ON CONFLICT DO NOTHING`,
    [code, TEST_SERVICES],
  );
  return code;
}

export async function buildOrganisation(db: Queryable, areaCode: string, name = `Organisation ${unique()}`): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO organisation (area_code, name, sector, duty_code)
     VALUES ($1, $2, 'local authority', 's10-1') RETURNING id`,
    [areaCode, name],
  );
  if (!row) throw new Error('no organisation');
  return row.id;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  areaCode: string;
  totpSecret: string | null;
}

/**
 * A user who has already set up two-factor sign-in (unless totp: false). A practitioner or manager
 * comes trained and vetted for the child index (004 Box 6.1), unless training: false.
 */
export async function buildUser(
  db: Queryable,
  config: Config,
  options: { role: Role; areaCode: string; organisationId?: string; totp?: boolean; email?: string; training?: boolean },
): Promise<TestUser> {
  const organisationId = options.organisationId ?? (await buildOrganisation(db, options.areaCode));
  const email = options.email ?? `${options.role.replace('_', '.')}.${unique()}@test.example`;
  const totpSecret = options.totp === false ? null : newTotpSecret();
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO app_user (area_code, organisation_id, email, display_name, role, password_hash, totp_secret_encrypted, totp_enabled_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $7::text IS NULL THEN NULL ELSE now() END) RETURNING id`,
    [
      options.areaCode,
      organisationId,
      email,
      `Test ${options.role}`,
      options.role,
      await testPasswordHash(),
      totpSecret && encryptSecret(totpSecret, config.totpEncryptionKey),
    ],
  );
  if (!row) throw new Error('no user');
  if (options.training !== false && (options.role === 'practitioner' || options.role === 'practice_manager')) {
    await db.query(
      `INSERT INTO user_training (area_code, user_id, kind, completed_on, expires_on, recorded_at)
       SELECT $1, $2, kind, DATE '1990-01-01', DATE '2999-12-31', now() FROM unnest($3::text[]) AS kind`,
      [options.areaCode, row.id, INDEX_REQUIREMENTS],
    );
  }
  return { id: row.id, email, password: TEST_PASSWORD, role: options.role, areaCode: options.areaCode, totpSecret };
}
