import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { COMMISSION_LEVELS, COMMISSION_STAGES, type CommissionLevel, type CommissionStage } from '../types.js';
import { EVIDENCE_KINDS, type Commission, type CommissionDecisionLink, type CommissionProvider, type Evidence, type StageMove } from './types.js';

/** The commissioning cycle's SQL (migrations 0050 and 0052): commissions, providers, stage moves, evidence, decisions. Takes db or tx first. */

type CommissionRow = Omit<Commission, 'level' | 'stage'> & { level: string; stage: string };

const COMMISSION = `SELECT c.id, c.area_code AS "areaCode", c.level, c.title, c.purpose, c.stage,
       c.service_id AS "serviceId", s.name AS "serviceName", c.fund_id AS "fundId", f.name AS "fundName",
       c.team_plan_assessment_id AS "teamPlanAssessmentId", c.created_at AS "createdAt", u.display_name AS "createdByName", c.changed_at AS "changedAt"
  FROM commission c
  LEFT JOIN area_service s ON s.id = c.service_id
  LEFT JOIN fund f ON f.id = c.fund_id
  LEFT JOIN app_user u ON u.id = c.created_by`;

const toCommission = (r: CommissionRow): Commission => ({ ...r, level: COMMISSION_LEVELS.parse(r.level), stage: COMMISSION_STAGES.parse(r.stage) });

export async function findCommission(db: Queryable, areaCode: string, id: string, forUpdate = false): Promise<Commission | undefined> {
  const [row] = await db.query<CommissionRow>(`${COMMISSION} WHERE c.area_code = $1 AND c.id = $2${forUpdate ? ' FOR UPDATE OF c' : ''}`, [areaCode, id]);
  return row && toCommission(row);
}

/** The area's commissions at a level and stage (either may be absent), newest change first, a page at a time. */
export async function listCommissions(
  db: Queryable,
  areaCode: string,
  filter: { level?: CommissionLevel; stage?: CommissionStage },
  page: { offset: number; limit: number },
): Promise<{ total: number; commissions: Commission[] }> {
  const where = `WHERE c.area_code = $1 AND ($2::text IS NULL OR c.level = $2) AND ($3::text IS NULL OR c.stage = $3)`;
  const params = [areaCode, filter.level ?? null, filter.stage ?? null];
  const [count] = await db.query<{ total: number }>(`SELECT count(*)::int AS total FROM commission c ${where}`, params);
  const rows = await db.query<CommissionRow>(`${COMMISSION} ${where} ORDER BY c.changed_at DESC, c.id LIMIT $4 OFFSET $5`, [...params, page.limit, page.offset]);
  return { total: count?.total ?? 0, commissions: rows.map(toCommission) };
}

export async function insertCommission(
  tx: Tx,
  c: { areaCode: string; level: CommissionLevel; title: string; purpose: string; serviceId: string | null; fundId: string | null; teamPlanAssessmentId: string | null; by: string | null; at: Date },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO commission (area_code, level, title, purpose, stage, service_id, fund_id, team_plan_assessment_id, created_by, created_at, changed_at)
     VALUES ($1, $2, $3, $4, 'needs_analysis', $5, $6, $7, $8, $9, $9) RETURNING id`,
    [c.areaCode, c.level, c.title, c.purpose, c.serviceId, c.fundId, c.teamPlanAssessmentId, c.by, c.at],
  );
  await insertStageMove(tx, { areaCode: c.areaCode, commissionId: row.id, from: null, to: 'needs_analysis', reason: '', by: c.by, at: c.at });
  return row.id;
}

export async function insertProviders(tx: Tx, areaCode: string, commissionId: string, organisationIds: readonly string[], serviceIds: readonly string[]): Promise<void> {
  if (organisationIds.length > 0)
    await tx.query('INSERT INTO commission_provider (area_code, commission_id, organisation_id) SELECT $1, $2, unnest($3::uuid[])', [areaCode, commissionId, organisationIds]);
  if (serviceIds.length > 0)
    await tx.query('INSERT INTO commission_provider (area_code, commission_id, service_id) SELECT $1, $2, unnest($3::uuid[])', [areaCode, commissionId, serviceIds]);
}

export async function listProviders(db: Queryable, commissionId: string): Promise<CommissionProvider[]> {
  return db.query<CommissionProvider>(
    `SELECT p.id, p.organisation_id AS "organisationId", p.service_id AS "serviceId", COALESCE(o.name, s.name) AS name
       FROM commission_provider p LEFT JOIN organisation o ON o.id = p.organisation_id LEFT JOIN area_service s ON s.id = p.service_id
      WHERE p.commission_id = $1 ORDER BY name, p.id`,
    [commissionId],
  );
}

export async function insertStageMove(
  tx: Tx,
  m: { areaCode: string; commissionId: string; from: CommissionStage | null; to: CommissionStage; reason: string; by: string | null; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO commission_stage_move (area_code, commission_id, from_stage, to_stage, reason, moved_at, moved_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [m.areaCode, m.commissionId, m.from, m.to, m.reason, m.at, m.by],
  );
}

export async function setStage(tx: Tx, commissionId: string, stage: CommissionStage, at: Date): Promise<void> {
  await tx.query('UPDATE commission SET stage = $2, changed_at = $3 WHERE id = $1', [commissionId, stage, at]);
}

export async function touchCommission(tx: Tx, commissionId: string, at: Date): Promise<void> {
  await tx.query('UPDATE commission SET changed_at = $2 WHERE id = $1', [commissionId, at]);
}

export async function listStageMoves(db: Queryable, commissionId: string): Promise<StageMove[]> {
  const rows = await db.query<Omit<StageMove, 'fromStage' | 'toStage'> & { fromStage: string | null; toStage: string }>(
    `SELECT m.from_stage AS "fromStage", m.to_stage AS "toStage", m.reason, m.moved_at AS "movedAt", COALESCE(u.display_name, 'The system') AS "movedByName"
       FROM commission_stage_move m LEFT JOIN app_user u ON u.id = m.moved_by
      WHERE m.commission_id = $1 ORDER BY m.moved_at, m.id`,
    [commissionId],
  );
  return rows.map((r) => ({ ...r, fromStage: COMMISSION_STAGES.parseNullable(r.fromStage), toStage: COMMISSION_STAGES.parse(r.toStage) }));
}

export async function insertEvidence(
  tx: Tx,
  e: { areaCode: string; commissionId: string; stage: CommissionStage; kind: Evidence['kind']; note: string; indicatorCode: string | null; outcomeCode: string | null; by: string | null; at: Date },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO commission_evidence (area_code, commission_id, stage, kind, note, indicator_code, outcome_code, added_at, added_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [e.areaCode, e.commissionId, e.stage, e.kind, e.note, e.indicatorCode, e.outcomeCode, e.at, e.by],
  );
  return row.id;
}

export async function listEvidence(db: Queryable, commissionId: string): Promise<Evidence[]> {
  const rows = await db.query<Omit<Evidence, 'stage' | 'kind'> & { stage: string; kind: string }>(
    `SELECT e.id, e.stage, e.kind, e.note, e.indicator_code AS "indicatorCode", e.outcome_code AS "outcomeCode", e.added_at AS "addedAt",
            COALESCE(u.display_name, 'The system') AS "addedByName"
       FROM commission_evidence e LEFT JOIN app_user u ON u.id = e.added_by
      WHERE e.commission_id = $1 ORDER BY e.added_at, e.id`,
    [commissionId],
  );
  return rows.map((r) => ({ ...r, stage: COMMISSION_STAGES.parse(r.stage), kind: EVIDENCE_KINDS.parse(r.kind) }));
}

/** Whether the commission's needs analysis cites the needs assessment or an indicator. */
export async function needsCited(db: Queryable, commissionId: string): Promise<boolean> {
  const rows = await db.query(
    `SELECT 1 FROM commission_evidence WHERE commission_id = $1 AND stage = 'needs_analysis' AND kind IN ('indicator', 'needs_assessment') LIMIT 1`,
    [commissionId],
  );
  return rows.length > 0;
}

export async function decisionLinked(db: Queryable, commissionId: string, decisionId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM commission_decision WHERE commission_id = $1 AND decision_id = $2', [commissionId, decisionId])).length > 0;
}

export async function insertDecisionLink(
  tx: Tx,
  d: { areaCode: string; commissionId: string; decisionId: string; stage: CommissionStage; note: string; by: string | null; at: Date },
): Promise<void> {
  await tx.query(
    `INSERT INTO commission_decision (area_code, commission_id, decision_id, stage, note, linked_at, linked_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [d.areaCode, d.commissionId, d.decisionId, d.stage, d.note, d.at, d.by],
  );
}

export async function listDecisionLinks(db: Queryable, commissionId: string): Promise<CommissionDecisionLink[]> {
  const rows = await db.query<Omit<CommissionDecisionLink, 'stage'> & { stage: string }>(
    `SELECT d.decision_id AS "decisionId", d.stage, d.note, d.linked_at AS "linkedAt", COALESCE(u.display_name, 'The system') AS "linkedByName"
       FROM commission_decision d LEFT JOIN app_user u ON u.id = d.linked_by
      WHERE d.commission_id = $1 ORDER BY d.linked_at, d.decision_id`,
    [commissionId],
  );
  return rows.map((r) => ({ ...r, stage: COMMISSION_STAGES.parse(r.stage) }));
}
