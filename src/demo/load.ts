import { recordAudit, type RequestContext } from '../platform/audit.js';
import { hashPassword } from '../platform/auth/passwords.js';
import { decryptSecret, demoTotpSecret, encryptSecret, currentTotpCode } from '../platform/auth/totp.js';
import type { Config } from '../platform/config.js';
import type { Db } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import { DEMO_AREA, DEMO_DISTRICTS, DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_SHIELDED_CONTACT, DEMO_USERS } from './area.js';
import { loadDemoAssessments } from './assessments.js';
import { DEMO_CHILDREN, loadDemoChildren } from './children.js';
import { loadDemoOutcomes } from './outcomes.js';

const OPERATOR_CONTEXT: RequestContext = { ip: 'local', userAgent: 'ctp demo load', requestId: 'demo-load' };

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM area');
  return (row?.n ?? 0) === 0;
}

/**
 * Loads the demo area. Idempotent: rows are matched on their natural keys (area code, district
 * code, organisation name, email) and left alone when present, so a second run changes nothing.
 * `children` is false for no children, or how many to make (tests load a few hundred).
 */
export async function loadDemo(db: Db, config: Config, options: { children?: boolean | number } = {}): Promise<{ created: number }> {
  if (config.production) throw new AppError(400, 'demo_in_production', 'Refused', 'The demo area cannot be loaded in production');
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const base = await db.transaction(async (tx) => {
    let created = 0;
    const inserted = async (sql: string, params: unknown[]) => {
      created += (await tx.query(sql, params)).length;
    };
    await inserted(`INSERT INTO area (code, name, kind, region) VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING RETURNING code`, [
      DEMO_AREA.code,
      DEMO_AREA.name,
      DEMO_AREA.kind,
      DEMO_AREA.region,
    ]);
    for (const d of DEMO_DISTRICTS) {
      await inserted('INSERT INTO district (code, area_code, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING code', [
        d.code,
        DEMO_AREA.code,
        d.name,
      ]);
    }
    for (const o of DEMO_ORGANISATIONS) {
      await inserted(
        `INSERT INTO organisation (area_code, name, sector, partner_status, statutory_basis, coverage)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (area_code, name) DO NOTHING RETURNING id`,
        [DEMO_AREA.code, o.name, o.sector, o.partnerStatus, o.statutoryBasis, o.coverage],
      );
    }
    for (const u of DEMO_USERS) {
      const [org] = await tx.query<{ id: string }>('SELECT id FROM organisation WHERE area_code = $1 AND name = $2', [
        DEMO_AREA.code,
        u.organisation,
      ]);
      if (!org) throw new Error(`demo organisation missing: ${u.organisation}`);
      await inserted(
        `INSERT INTO app_user (area_code, organisation_id, email, display_name, job_title, role, password_hash,
           totp_secret_encrypted, totp_enabled_at, is_demo, designated_safeguarding)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), true, $9)
         ON CONFLICT (email) DO NOTHING RETURNING id`,
        [
          DEMO_AREA.code,
          org.id,
          u.email,
          u.displayName,
          u.jobTitle,
          u.role,
          passwordHash,
          encryptSecret(demoTotpSecret(u.email), config.totpEncryptionKey),
          u.designatedSafeguarding === true,
        ],
      );
    }
    await inserted(
      'INSERT INTO child_index_setting (area_code, shielded_contact) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING area_code',
      [DEMO_AREA.code, DEMO_SHIELDED_CONTACT],
    );
    return created;
  });
  // Outcome figures need only the area: published values, comparators, targets, needs (issue 5).
  const outcomeValues = await loadDemoOutcomes(db);
  const withChildren = options.children !== false;
  const children = withChildren ? await loadDemoChildren(db, typeof options.children === 'number' ? options.children : DEMO_CHILDREN) : 0;
  // Front-line episodes need the children; they are added once, even to an area loaded before they existed.
  const assessments = withChildren ? await loadDemoAssessments(db) : 0;
  const created = base + children + assessments + outcomeValues;
  if (created > 0) {
    await db.transaction((tx) =>
      recordAudit(tx, { userId: null, label: 'operator (command line)', role: null, areaCode: DEMO_AREA.code }, OPERATOR_CONTEXT, {
        action: 'demo.loaded',
        details: { rowsCreated: base, childrenCreated: children, assessmentsCreated: assessments, outcomeValuesCreated: outcomeValues },
      }),
    );
  }
  return { created };
}

/**
 * The current code of a demo user, computed from the published demo secret without opening the
 * database: `ctp demo totp` runs beside a serving process, and an embedded database must never
 * be opened by two processes at once.
 */
export function demoUserCode(email: string): string {
  const user = DEMO_USERS.find((u) => u.email === email.trim().toLowerCase());
  if (!user) throw new AppError(403, 'not_demo', 'Refused', `${email} is not a demo user: codes are shown only for demo users`);
  return currentTotpCode(demoTotpSecret(user.email));
}

/** The current two-factor code of a demo user, from the secret stored for them. */
export async function demoTotpCode(db: Db, config: Config, email: string): Promise<string> {
  const [row] = await db.query<{ totp_secret_encrypted: string | null; is_demo: boolean }>(
    'SELECT totp_secret_encrypted, is_demo FROM app_user WHERE email = $1',
    [email.trim().toLowerCase()],
  );
  if (!row) throw new AppError(404, 'not_found', 'Not found', `No user with email ${email}`);
  if (!row.is_demo || !row.totp_secret_encrypted) {
    throw new AppError(403, 'not_demo', 'Refused', `${email} is not a demo user: codes are shown only for demo users`);
  }
  return currentTotpCode(decryptSecret(row.totp_secret_encrypted, config.totpEncryptionKey));
}
