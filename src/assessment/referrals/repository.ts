import type { Viewer } from '../../children/index.js';
import { isUuid } from '../../platform/ids.js';
import { insertReturning, type Queryable, type Tx } from '../../platform/db.js';
import { REFERRAL_DECISIONS, REFERRAL_SIGNPOSTS, type NeedLevel, type ReferralDecision, type ReferralSignpost } from '../form.js';
import type { Referral } from '../types.js';
import { SHIELD_COLUMNS, SHIELDED_NAME, seesChild, type ShieldColumns } from '../visibility.js';

/** Referrals' SQL: escalations to other services, their acknowledgement and decision. Takes db or tx first. */

const REFERRAL_SELECT = `
  SELECT rf.id, rf.assessment_id, rf.assessment_version, ca.child_id, c.given_name || ' ' || c.family_name AS child_name, ${SHIELD_COLUMNS},
         rf.to_organisation_id, o.name AS to_organisation_name, svc.name AS to_service, rf.to_service_id, rf.reason, rf.level_sought,
         rf.sent_by, s.display_name AS sent_by_name, s.organisation_id AS sent_by_organisation_id, so.name AS sent_by_organisation_name,
         s.job_title AS sent_by_job_title, s.email AS sent_by_email,
         -- A telephone number is held only on the sender's involvement with the child, when they joined its team.
         COALESCE((SELECT i.phone FROM team_member tm JOIN involvement i ON i.id = tm.involvement_id
                    WHERE tm.assessment_id = rf.assessment_id AND tm.user_id = rf.sent_by AND i.phone <> ''
                    ORDER BY tm.joined_on DESC LIMIT 1), '') AS sent_by_phone,
         rf.sent_at, rf.acknowledge_by,
         rf.acknowledged_at, a.display_name AS acknowledged_by_name, rf.decision, rf.decision_reason, rf.decided_at,
         d.display_name AS decided_by_name, rf.allocated_to, w.display_name AS allocated_to_name, rf.named_lead_id,
         nl.display_name AS named_lead_name, rf.signposted_to, rf.strategy_discussion_on::text AS strategy_discussion_on
    FROM referral rf
    JOIN common_assessment ca ON ca.id = rf.assessment_id
    JOIN child c ON c.id = ca.child_id
    JOIN organisation o ON o.id = rf.to_organisation_id
    JOIN app_user s ON s.id = rf.sent_by
    JOIN organisation so ON so.id = s.organisation_id
    LEFT JOIN app_user a ON a.id = rf.acknowledged_by
    LEFT JOIN app_user d ON d.id = rf.decided_by
    LEFT JOIN app_user w ON w.id = rf.allocated_to
    LEFT JOIN app_user nl ON nl.id = rf.named_lead_id
    JOIN area_service svc ON svc.id = rf.to_service_id`;

interface ReferralRow extends ShieldColumns {
  id: string;
  assessment_id: string;
  assessment_version: number;
  child_id: string;
  child_name: string;
  to_organisation_id: string;
  to_organisation_name: string;
  to_service: string;
  to_service_id: string;
  reason: string;
  level_sought: string;
  sent_by: string;
  sent_by_name: string;
  sent_by_organisation_id: string;
  sent_by_organisation_name: string;
  sent_by_job_title: string;
  sent_by_email: string;
  sent_by_phone: string;
  sent_at: Date;
  acknowledge_by: string;
  acknowledged_at: Date | null;
  acknowledged_by_name: string | null;
  decision: string | null;
  decision_reason: string;
  decided_at: Date | null;
  decided_by_name: string | null;
  allocated_to: string | null;
  allocated_to_name: string | null;
  named_lead_id: string | null;
  named_lead_name: string | null;
  signposted_to: string | null;
  strategy_discussion_on: string | null;
}

const toReferral =
  (today: string, viewer: Viewer) =>
  (r: ReferralRow): Referral => ({
    id: r.id,
    assessmentId: r.assessment_id,
    assessmentVersion: r.assessment_version,
    childId: r.child_id,
    childName: seesChild(r, viewer) ? r.child_name : SHIELDED_NAME,
    toOrganisationId: r.to_organisation_id,
    toOrganisationName: r.to_organisation_name,
    toService: r.to_service,
    toServiceId: r.to_service_id,
    reason: r.reason,
    levelSought: r.level_sought,
    sentById: r.sent_by,
    sentByName: r.sent_by_name,
    sentByOrganisationId: r.sent_by_organisation_id,
    sentByOrganisationName: r.sent_by_organisation_name,
    sentByJobTitle: r.sent_by_job_title,
    sentByEmail: r.sent_by_email,
    sentByPhone: r.sent_by_phone,
    sentAt: r.sent_at,
    acknowledgeBy: r.acknowledge_by,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedByName: r.acknowledged_by_name,
    decision: REFERRAL_DECISIONS.parseNullable(r.decision),
    decisionReason: r.decision_reason,
    decidedAt: r.decided_at,
    decidedByName: r.decided_by_name,
    allocatedTo: r.allocated_to === null ? null : { id: r.allocated_to, name: r.allocated_to_name ?? '' },
    namedLead: r.named_lead_id === null ? null : { id: r.named_lead_id, name: r.named_lead_name ?? '' },
    signpostedTo: REFERRAL_SIGNPOSTS.parseNullable(r.signposted_to),
    strategyDiscussionOn: r.strategy_discussion_on,
    overdue: r.acknowledged_at === null && r.acknowledge_by < today,
  });

export async function listReferralsOfAssessment(db: Queryable, assessmentId: string, viewer: Viewer, today: string): Promise<Referral[]> {
  const rows = await db.query<ReferralRow>(`${REFERRAL_SELECT} WHERE rf.assessment_id = $1 ORDER BY rf.sent_at`, [assessmentId]);
  return rows.map(toReferral(today, viewer));
}

export async function findReferral(
  db: Queryable,
  areaCode: string,
  id: string,
  viewer: Viewer,
  today: string,
): Promise<Referral | undefined> {
  if (!isUuid(id)) return undefined;
  const rows = await db.query<ReferralRow>(`${REFERRAL_SELECT} WHERE rf.id = $1 AND rf.area_code = $2`, [id, areaCode]);
  return rows.map(toReferral(today, viewer))[0];
}

/** Referrals to an organisation still waiting for a decision, oldest first. */
export async function listReferralsTo(db: Queryable, organisationId: string, viewer: Viewer, today: string): Promise<Referral[]> {
  const rows = await db.query<ReferralRow>(
    `${REFERRAL_SELECT} WHERE rf.to_organisation_id = $1 AND rf.decision IS NULL ORDER BY rf.sent_at`,
    [organisationId],
  );
  return rows.map(toReferral(today, viewer));
}

/** Referrals in the area past their acknowledgement date: they surface to managers (004 para 202). */
export async function listOverdueReferrals(db: Queryable, areaCode: string, viewer: Viewer, today: string): Promise<Referral[]> {
  const rows = await db.query<ReferralRow>(
    `${REFERRAL_SELECT} WHERE rf.area_code = $1 AND rf.acknowledged_at IS NULL AND rf.acknowledge_by < $2 ORDER BY rf.acknowledge_by`,
    [areaCode, today],
  );
  return rows.map(toReferral(today, viewer));
}

export async function insertReferral(
  tx: Tx,
  r: {
    areaCode: string;
    assessmentId: string;
    assessmentVersion: number;
    toOrganisationId: string;
    toService: { id: string; name: string };
    reason: string;
    levelSought: NeedLevel;
    sentBy: string;
    acknowledgeBy: string;
    sentAt: Date;
  },
): Promise<string> {
  const row = await insertReturning<{ id: string }>(
    tx,
    `INSERT INTO referral (area_code, assessment_id, assessment_version, to_organisation_id, to_service, reason, level_sought, sent_by,
                           acknowledge_by, sent_at, to_service_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      r.areaCode,
      r.assessmentId,
      r.assessmentVersion,
      r.toOrganisationId,
      r.toService.name,
      r.reason,
      r.levelSought,
      r.sentBy,
      r.acknowledgeBy,
      r.sentAt,
      r.toService.id,
    ],
  );
  return row.id;
}

export async function acknowledgeReferral(tx: Tx, referralId: string, userId: string, acknowledgedAt: Date): Promise<void> {
  await tx.query('UPDATE referral SET acknowledged_at = $3, acknowledged_by = $2 WHERE id = $1 AND acknowledged_at IS NULL', [
    referralId,
    userId,
    acknowledgedAt,
  ]);
}

/** What a decision records beyond the decision itself: each outcome's own facts (0024's CHECKs hold them to it). */
export interface DecisionRecord {
  decision: ReferralDecision;
  reason: string;
  allocatedTo: string | null;
  namedLeadId: string | null;
  signpostedTo: ReferralSignpost | null;
  strategyDiscussionOn: string | null;
}

export async function decideReferral(tx: Tx, referralId: string, d: DecisionRecord, userId: string, decidedAt: Date): Promise<void> {
  await tx.query(
    `UPDATE referral SET decision = $2, decision_reason = $3, decided_at = $5, decided_by = $4,
            acknowledged_at = COALESCE(acknowledged_at, $5), acknowledged_by = COALESCE(acknowledged_by, $4),
            allocated_to = $6, named_lead_id = $7, signposted_to = $8, strategy_discussion_on = $9
      WHERE id = $1`,
    [referralId, d.decision, d.reason, userId, decidedAt, d.allocatedTo, d.namedLeadId, d.signpostedTo, d.strategyDiscussionOn],
  );
}
