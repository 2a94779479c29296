import { childVisibleSql } from '../children/index.js';
import type { User } from '../platform/auth/repository.js';
import { todayOf, type Clock } from '../platform/clock.js';
import { addDays } from '../platform/dates.js';
import type { Db } from '../platform/db.js';
import { paths } from '../platform/paths.js';
import { countRow, type WaitingKind, waitingWork } from '../platform/waiting.js';
import { readSetting } from '../platform/settings.js';
import { mayApproveSharing } from './consent-policy.js';
import { REVIEW_EVERY_WEEKS } from './settings.js';

/**
 * Front-line work waiting for someone (issue 14: the home page says what needs doing): referrals to
 * their service, their overdue actions, the reviews they lead, proposals to share without consent,
 * and for a practice manager what is overdue across the area (004 para 202). Counts only, each by
 * one query, of children the person may see: the child index's 'view' rule in SQL (`childVisibleSql`,
 * $2 the organisation, $3 designated safeguarding), so a shielded child is never counted for someone
 * it is hidden from. The pages linked name the children and audit that read.
 */


const GROUP = 'Referrals and front-line work';
const visible = childVisibleSql('c');
/** The parameters `childVisibleSql` expects in second and third place, after the clock's today. */
const seenBy = (user: User, today: string) => [today, user.organisationId, user.designatedSafeguarding];

function kinds(db: Db): WaitingKind<User>[] {
  return [
    {
      // The receiving service acknowledges, accepts or returns (referrals.respond); deadlines by ACKNOWLEDGE_WITHIN_DAYS.
      action: 'referrals.respond',
      count: async (user, today) => {
        const r = await countRow<{ overdue: number; unacknowledged: number; undecided: number }>(
          db,
          `SELECT count(*) FILTER (WHERE rf.acknowledged_at IS NULL AND rf.acknowledge_by < $1::date)::int AS overdue,
                  count(*) FILTER (WHERE rf.acknowledged_at IS NULL AND rf.acknowledge_by >= $1::date)::int AS unacknowledged,
                  count(*) FILTER (WHERE rf.acknowledged_at IS NOT NULL)::int AS undecided
             FROM referral rf
             JOIN common_assessment ca ON ca.id = rf.assessment_id
             JOIN child c ON c.id = ca.child_id
            WHERE rf.to_organisation_id = $2 AND rf.decision IS NULL AND ${visible}`,
          seenBy(user, today),
        );
        const link = { group: GROUP, href: paths.myChildren, linkText: 'See referrals to your service' };
        return [
          { ...link, count: r.overdue, text: 'Referrals to your organisation not acknowledged in time', flag: 'Overdue' },
          { ...link, count: r.unacknowledged, text: 'Referrals to your organisation to acknowledge' },
          { ...link, count: r.undecided, text: 'Referrals to your organisation acknowledged, waiting for a decision' },
        ];
      },
    },
    {
      action: 'assessments.work',
      count: async (user, today) => {
        const r = await countRow<{ overdue: number; due_today: number }>(
          db,
          `SELECT count(*) FILTER (WHERE a.due_on < $1::date)::int AS overdue, count(*) FILTER (WHERE a.due_on = $1::date)::int AS due_today
             FROM action_item a
             JOIN team_member tm ON tm.id = a.owner_team_member_id
             JOIN common_assessment ca ON ca.id = a.assessment_id AND ca.status = 'open'
             JOIN child c ON c.id = ca.child_id
            WHERE tm.user_id = $4 AND a.status IN ('not started', 'in progress') AND a.due_on <= $1::date AND ${visible}`,
          [...seenBy(user, today), user.id],
        );
        const link = { group: GROUP, href: paths.myChildren, linkText: 'See your children' };
        return [
          { ...link, count: r.overdue, text: 'Your actions overdue', flag: 'Overdue' },
          { ...link, count: r.due_today, text: 'Your actions due today' },
        ];
      },
    },
    {
      // The lead professional arranges reviews; an episode without one is its assessor's. A review is
      // due the area's interval (a local setting, 12 weeks unless changed) after the last one, or after the start.
      action: 'assessments.work',
      count: async (user, today) => {
        const weeks = await readSetting(db, user.areaCode, REVIEW_EVERY_WEEKS, today);
        const r = await countRow<{ due: number }>(
          db,
          `SELECT count(*)::int AS due
             FROM common_assessment ca
             JOIN child c ON c.id = ca.child_id
             LEFT JOIN lead_professional lp ON lp.assessment_id = ca.id AND lp.ended_at IS NULL
             LEFT JOIN team_member lead ON lead.id = lp.team_member_id
            WHERE ca.status = 'open' AND ${visible}
              AND (lead.user_id = $4 OR (lp.id IS NULL AND ca.assessor_user_id = $4))
              AND COALESCE((SELECT max(r.held_on) FROM team_review r WHERE r.assessment_id = ca.id),
                           (ca.started_at AT TIME ZONE 'Europe/London')::date) < $1::date`,
          [addDays(today, -7 * weeks), user.organisationId, user.designatedSafeguarding, user.id],
        );
        return [
          {
            group: GROUP,
            count: r.due,
            text: `Reviews due on episodes you lead (none in ${weeks === 1 ? 'a week' : `${weeks} weeks`})`,
            href: paths.myChildren,
            linkText: 'See your children',
          },
        ];
      },
    },
    {
      // ADR 0006: a second person decides; never one's own proposal.
      action: 'assessments.work',
      applies: mayApproveSharing,
      count: async (user) => {
        const r = await countRow<{ waiting: number }>(
          db,
          `SELECT count(*)::int AS waiting
             FROM sharing_without_consent_proposal p
             JOIN common_assessment ca ON ca.id = p.assessment_id
             JOIN child c ON c.id = ca.child_id
            WHERE p.area_code = $1 AND p.decision IS NULL AND p.proposed_by <> $4 AND ${visible}`,
          [user.areaCode, user.organisationId, user.designatedSafeguarding, user.id],
        );
        return [
          {
            group: GROUP,
            count: r.waiting,
            text: 'Proposals to share without consent, to decide',
            href: paths.sharingProposals,
            linkText: 'Decide on sharing without consent',
          },
        ];
      },
    },
    {
      // A manager's view of the area (004 para 202): what the caseload page lists as overdue.
      action: 'assessments.caseload',
      count: async (user, today) => {
        const r = await countRow<{ actions: number; referrals: number }>(
          db,
          `SELECT (SELECT count(*) FROM action_item a
                     JOIN common_assessment ca ON ca.id = a.assessment_id AND ca.status = 'open'
                     JOIN child c ON c.id = ca.child_id
                    WHERE a.area_code = $4 AND a.status IN ('not started', 'in progress') AND a.due_on < $1::date AND ${visible})::int AS actions,
                  (SELECT count(*) FROM referral rf
                     JOIN common_assessment ca ON ca.id = rf.assessment_id
                     JOIN child c ON c.id = ca.child_id
                    WHERE rf.area_code = $4 AND rf.acknowledged_at IS NULL AND rf.decision IS NULL AND rf.acknowledge_by < $1::date
                      AND ${visible})::int AS referrals`,
          [...seenBy(user, today), user.areaCode],
        );
        const link = { group: 'Across the area', href: paths.caseload, linkText: 'See the caseload', flag: 'Overdue' };
        return [
          { ...link, count: r.referrals, text: 'Referrals in the area not acknowledged in time' },
          { ...link, count: r.actions, text: 'Actions overdue in the area' },
        ];
      },
    },
  ];
}

/** `waitingFor(user)`: the front-line work waiting for this user, counted. */
export function assessmentWaiting({ db, clock }: { db: Db; clock: Clock }) {
  return waitingWork(kinds(db), () => todayOf(clock));
}
