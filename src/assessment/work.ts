import type { User } from '../platform/auth/repository.js';
import { todayIso } from '../platform/dates.js';
import type { Db } from '../platform/db.js';
import * as lists from './lists.js';
import * as repo from './repository.js';
import type { ActionItem, AssessmentSummary, Referral } from './types.js';

/** Work views: a practitioner's children, a manager's caseload, the board's counts (004 Table 6.1). */

export interface Caseload {
  open: AssessmentSummary[];
  overdueActions: (ActionItem & { assessmentId: string; childName: string })[];
  overdueReferrals: Referral[];
}

export interface MonthCount {
  month: string;
  service: string;
  started: number;
  completed: number;
  closed: number;
}

export function workService({ db }: { db: Db }) {
  return {
    /** Open episodes where the user is the assessor or on the team, with overdue actions counted. */
    async myChildren(user: User): Promise<{ children: AssessmentSummary[]; incomingReferrals: Referral[] }> {
      const today = todayIso();
      return {
        children: await lists.listMyAssessments(db, user.id, today),
        incomingReferrals: await repo.listReferralsTo(db, user.organisationId, today),
      };
    },

    /** Every open episode in the area with overdue actions and unanswered referrals, for managers (004 para 202). */
    async caseload(user: User): Promise<Caseload> {
      const today = todayIso();
      return {
        open: await lists.listOpenAssessments(db, user.areaCode, today),
        overdueActions: await lists.listOverdueActions(db, user.areaCode, today),
        overdueReferrals: await repo.listOverdueReferrals(db, user.areaCode, today),
      };
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
