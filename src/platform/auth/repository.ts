import type { Queryable, Tx } from '../db.js';
import { isRole, type Role } from '../policy.js';

export interface User {
  id: string;
  areaCode: string;
  areaName: string;
  organisationId: string;
  organisationName: string;
  /** The organisation's sector (organisation.sector): some duties reach only part of the age range (000 §1.15 note 4). */
  organisationSector: string;
  email: string;
  displayName: string;
  jobTitle: string;
  role: Role;
  /** A designated safeguarding lead: finds shielded records and approves shielding. */
  designatedSafeguarding: boolean;
  totpEnabled: boolean;
  isDemo: boolean;
  /** Suspended or closed: cannot sign in. */
  disabled: boolean;
  /** Closed for good: never re-enabled. */
  closed: boolean;
  lastSignInAt: Date | null;
}

/** What sign-in needs beyond the public view of a user. */
export interface UserCredentials {
  passwordHash: string;
  totpSecretEncrypted: string | null;
  totpLastUsedStep: number | null;
  failedCodes: number;
  codesThrottledUntil: Date | null;
}

interface UserRow {
  id: string;
  area_code: string;
  area_name: string;
  organisation_id: string;
  organisation_name: string;
  organisation_sector: string;
  email: string;
  display_name: string;
  job_title: string;
  role: string;
  designated_safeguarding: boolean | undefined;
  totp_enabled_at: Date | null;
  is_demo: boolean;
  disabled_at: Date | null;
  closed_at: Date | null;
  last_sign_in_at: Date | null;
  password_hash: string;
  totp_secret_encrypted: string | null;
  totp_last_used_step: number | null;
  failed_codes: number;
  codes_throttled_until: Date | null;
}

const USER_COLUMNS = 'u.*, a.name AS area_name, o.name AS organisation_name, o.sector AS organisation_sector';
/** The columns toUser reads (PublicUserRow), named: a prepared statement's result must not change when a column is added. */
export const USER_PUBLIC_COLUMNS = `u.id, u.area_code, a.name AS area_name, u.organisation_id, o.name AS organisation_name, o.sector AS organisation_sector, u.email,
  u.display_name, u.job_title, u.role, u.designated_safeguarding, u.totp_enabled_at, u.is_demo, u.disabled_at, u.closed_at, u.last_sign_in_at`;
/** Where a user's columns come from, for queries that read a user with something else. */
export const USER_FROM = `app_user u
  JOIN area a ON a.code = u.area_code
  JOIN organisation o ON o.id = u.organisation_id`;
const USER_SELECT = `SELECT ${USER_COLUMNS} FROM ${USER_FROM}`;

/** A user's row without the sign-in secrets: all toUser reads. */
export type PublicUserRow = Omit<
  UserRow,
  'password_hash' | 'totp_secret_encrypted' | 'totp_last_used_step' | 'failed_codes' | 'codes_throttled_until'
>;

export function toUser(row: PublicUserRow): User {
  if (!isRole(row.role)) throw new Error(`Unknown role in database: ${row.role}`);
  return {
    id: row.id,
    areaCode: row.area_code,
    areaName: row.area_name,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    organisationSector: row.organisation_sector,
    email: row.email,
    displayName: row.display_name,
    jobTitle: row.job_title,
    role: row.role,
    designatedSafeguarding: row.designated_safeguarding === true,
    totpEnabled: row.totp_enabled_at !== null,
    isDemo: row.is_demo,
    disabled: row.disabled_at !== null,
    closed: row.closed_at !== null,
    lastSignInAt: row.last_sign_in_at,
  };
}

function toCredentials(row: UserRow): UserCredentials {
  return {
    passwordHash: row.password_hash,
    totpSecretEncrypted: row.totp_secret_encrypted,
    totpLastUsedStep: row.totp_last_used_step,
    failedCodes: row.failed_codes,
    codesThrottledUntil: row.codes_throttled_until,
  };
}

export async function findUserById(db: Queryable, id: string): Promise<User | undefined> {
  const [row] = await db.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [id]);
  return row && toUser(row);
}

export async function findUserWithCredentialsByEmail(
  db: Queryable,
  email: string,
): Promise<{ user: User; credentials: UserCredentials } | undefined> {
  const [row] = await db.query<UserRow>(`${USER_SELECT} WHERE u.email = $1`, [email.trim().toLowerCase()]);
  return row && { user: toUser(row), credentials: toCredentials(row) };
}

export async function findCredentials(db: Queryable, userId: string): Promise<UserCredentials | undefined> {
  const [row] = await db.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [userId]);
  return row && toCredentials(row);
}

export async function listUsersInArea(db: Queryable, areaCode: string): Promise<User[]> {
  const rows = await db.query<UserRow>(`${USER_SELECT} WHERE u.area_code = $1 ORDER BY u.display_name, u.email`, [areaCode]);
  return rows.map(toUser);
}

export interface NewUser {
  areaCode: string;
  organisationId: string;
  email: string;
  displayName: string;
  jobTitle: string;
  role: Role;
  passwordHash: string;
  totpSecretEncrypted?: string | null;
  totpEnabled?: boolean;
  isDemo?: boolean;
}

export async function insertUser(db: Queryable, u: NewUser): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO app_user (area_code, organisation_id, email, display_name, job_title, role, password_hash,
       totp_secret_encrypted, totp_enabled_at, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, CASE WHEN $9::boolean THEN now() END, $10)
     RETURNING id`,
    [
      u.areaCode,
      u.organisationId,
      u.email,
      u.displayName,
      u.jobTitle,
      u.role,
      u.passwordHash,
      u.totpSecretEncrypted ?? null,
      u.totpEnabled ?? false,
      u.isDemo ?? false,
    ],
  );
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function emailExists(db: Queryable, email: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM app_user WHERE email = $1', [email]);
  return rows.length > 0;
}

export async function organisationInArea(db: Queryable, organisationId: string, areaCode: string): Promise<boolean> {
  const rows = await db.query('SELECT 1 FROM organisation WHERE id = $1 AND area_code = $2', [organisationId, areaCode]);
  return rows.length > 0;
}

/**
 * Counts a wrong security code against the account, across sign-ins (a correct password does not
 * reset it): after `freeFailures`, each further one delays the next check, doubling from a minute.
 */
export async function recordFailedCode(
  db: Queryable,
  userId: string,
  freeFailures: number,
  maxDelayMinutes: number,
): Promise<{ failedCodes: number; throttledUntil: Date | null }> {
  const [row] = await db.query<{ failed_codes: number; codes_throttled_until: Date | null }>(
    `UPDATE app_user
       SET failed_codes = failed_codes + 1,
           codes_throttled_until = CASE WHEN failed_codes + 1 >= $2
             THEN now() + make_interval(mins => least($3, power(2, failed_codes + 1 - $2))::int)
             ELSE codes_throttled_until END
     WHERE id = $1
     RETURNING failed_codes, codes_throttled_until`,
    [userId, freeFailures, maxDelayMinutes],
  );
  return { failedCodes: row?.failed_codes ?? 0, throttledUntil: row?.codes_throttled_until ?? null };
}

/** Holds the user's row to the end of the transaction: second-factor checks of one account run one at a time. */
export async function lockForCodeCheck(tx: Tx, userId: string): Promise<void> {
  await tx.query('SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE', [userId]);
}

export async function recordSignInComplete(db: Queryable, userId: string, totpStep: number | null): Promise<void> {
  await db.query(
    `UPDATE app_user SET failed_codes = 0, codes_throttled_until = NULL, last_sign_in_at = now(),
       totp_last_used_step = COALESCE($2, totp_last_used_step)
     WHERE id = $1`,
    [userId, totpStep],
  );
}

export async function setPendingTotpSecret(db: Queryable, userId: string, encrypted: string): Promise<void> {
  await db.query('UPDATE app_user SET totp_secret_encrypted = $2 WHERE id = $1 AND totp_enabled_at IS NULL', [userId, encrypted]);
}

export async function enableTotp(db: Queryable, userId: string, step: number): Promise<void> {
  await db.query('UPDATE app_user SET totp_enabled_at = now(), totp_last_used_step = $2 WHERE id = $1', [userId, step]);
}

export async function updatePasswordHash(db: Queryable, userId: string, passwordHash: string): Promise<void> {
  await db.query('UPDATE app_user SET password_hash = $2 WHERE id = $1', [userId, passwordHash]);
}

/** Suspends an account; the caller ends its sessions in the same transaction. False when already suspended or unknown. */
export async function disableUser(db: Queryable, userId: string, at: Date): Promise<boolean> {
  const rows = await db.query('UPDATE app_user SET disabled_at = $2 WHERE id = $1 AND disabled_at IS NULL RETURNING id', [userId, at]);
  return rows.length > 0;
}

/** Lets a suspended account sign in again. False when it is not suspended, or is closed (a closed account stays closed). */
export async function enableUser(db: Queryable, userId: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE app_user SET disabled_at = NULL WHERE id = $1 AND disabled_at IS NOT NULL AND closed_at IS NULL RETURNING id',
    [userId],
  );
  return rows.length > 0;
}

/** Closes an account for good (suspending it too, if it was not). False when already closed. */
export async function closeUser(db: Queryable, userId: string, at: Date): Promise<boolean> {
  const rows = await db.query(
    'UPDATE app_user SET closed_at = $2, disabled_at = COALESCE(disabled_at, $2) WHERE id = $1 AND closed_at IS NULL RETURNING id',
    [userId, at],
  );
  return rows.length > 0;
}

export async function updateRoleAndOrganisation(db: Queryable, userId: string, role: Role, organisationId: string): Promise<void> {
  await db.query('UPDATE app_user SET role = $2, organisation_id = $3 WHERE id = $1', [userId, role, organisationId]);
}

export async function updateDesignatedSafeguarding(db: Queryable, userId: string, designated: boolean): Promise<void> {
  await db.query('UPDATE app_user SET designated_safeguarding = $2 WHERE id = $1', [userId, designated]);
}
