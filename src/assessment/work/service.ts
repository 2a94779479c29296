import { viewerOf } from '../../children/index.js';
import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Db } from '../../platform/db.js';
import * as lists from './repository.js';
import type { ActionItem, AssessmentSummary, Referral } from '../types.js';
import * as referralRepo from '../referrals/repository.js';

/** Work views: a practitioner's children, a manager's caseload, the board's counts (004 Table 6.1). */

export interface Caseload {
  open: AssessmentSummary[];
  /** The open episodes counted by the assessor's service (one row per service of the area's list). */
  openByService: { service: string; open: number }[];
  overdueActions: (ActionItem & { assessmentId: string; childId: string; childName: string })[];
  overdueReferrals: Referral[];
}

export interface MonthCount {
  month: string;
  service: string;
  started: number;
  completed: number;
  closed: number;
}

/** The children a list names, once each: what its audit entry records (domain brief §3: every view is audited). */
const childIdsOf = (...named: { childId: string }[][]): string[] => [...new Set(named.flat().map((n) => n.childId))];

export function workService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  return {
    /** Open episodes where the user is the assessor or on the team, with overdue actions counted; audited. */
    async myChildren(user: User, ctx: RequestContext): Promise<{ children: AssessmentSummary[]; incomingReferrals: Referral[] }> {
      const today = todayOf(clock);
      const viewer = viewerOf(user);
      return db.transaction(async (tx) => {
        const children = await lists.listMyAssessments(tx, viewer, today);
        const incomingReferrals = await referralRepo.listReferralsTo(tx, user.organisationId, viewer, today);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'work.my_children_viewed',
          details: { childIds: childIdsOf(children, incomingReferrals), basis: 'team around the child; referrals to own organisation' },
        });
        return { children, incomingReferrals };
      });
    },

    /** Every open episode in the area with overdue actions and unanswered referrals, for managers (004 para 202); audited. */
    async caseload(user: User, ctx: RequestContext): Promise<Caseload> {
      const today = todayOf(clock);
      const viewer = viewerOf(user);
      return db.transaction(async (tx) => {
        const caseload = {
          open: await lists.listOpenAssessments(tx, user.areaCode, viewer, today),
          openByService: await lists.countOpenAssessmentsByService(tx, user.areaCode),
          overdueActions: await lists.listOverdueActions(tx, user.areaCode, viewer, today),
          overdueReferrals: await referralRepo.listOverdueReferrals(tx, user.areaCode, viewer, today),
        };
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'work.caseload_viewed',
          details: {
            childIds: childIdsOf(caseload.open, caseload.overdueActions, caseload.overdueReferrals),
            basis: 'practice manager of the area',
          },
        });
        return caseload;
      });
    },

    /** Assessments started, completed and closed by month and service, with totals. No child is named. */
    async report(user: User): Promise<{ rows: MonthCount[]; totals: { started: number; completed: number; closed: number } }> {
      const rows = await lists.countAssessmentsByMonth(db, user.areaCode);
      const totals = rows.reduce(
        (t, r) => ({ started: t.started + r.started, completed: t.completed + r.completed, closed: t.closed + r.closed }),
        {
          started: 0,
          completed: 0,
          closed: 0,
        },
      );
      return { rows, totals };
    },
  };
}

export type WorkService = ReturnType<typeof workService>;
