import type { SourcedCommitment } from '../governance/index.js';
import type { Queryable } from '../platform/db.js';
import { planPaths } from './paths.js';
import { ACTION_STATUS_LABELS, ACTION_STATUSES } from './types.js';

/**
 * Each partner's commitments in the plan (issue 18 item 2; 001 §3.4: "the Board should hold its individual
 * members to account for delivering their agreed part of a shared plan"): the key actions it leads or contributes
 * to, in plans not superseded. Governance's accountability view shows them through this source, passed in where
 * the services are wired (src/services.ts); governance never imports the plan.
 */
export function planCommitmentSource(db: Queryable) {
  return async (areaCode: string, organisationId: string): Promise<SourcedCommitment[]> => {
    const rows = await db.query<{
      planId: string;
      planTitle: string;
      actionId: string;
      title: string;
      lead: boolean;
      startsOn: string;
      endsOn: string;
      status: string;
    }>(
      `SELECT p.id AS "planId", p.title AS "planTitle", a.id AS "actionId", a.title, a.lead_organisation_id = $2 AS lead,
              a.starts_on::text AS "startsOn", a.ends_on::text AS "endsOn", a.status
         FROM plan_action a JOIN plan_priority pp ON pp.id = a.priority_id JOIN plan p ON p.id = pp.plan_id
        WHERE a.area_code = $1 AND p.status <> 'superseded'
          AND (a.lead_organisation_id = $2 OR EXISTS (SELECT 1 FROM plan_action_partner ap WHERE ap.action_id = a.id AND ap.organisation_id = $2))
        ORDER BY p.period_start, a.ends_on, a.title`,
      [areaCode, organisationId],
    );
    return rows.map((r) => ({
      source: r.planTitle,
      description: r.title,
      role: r.lead ? 'Lead' : 'Contributing',
      href: planPaths.planAction(r.planId, r.actionId),
      startsOn: r.startsOn,
      dueOn: r.endsOn,
      status: ACTION_STATUS_LABELS[ACTION_STATUSES.parse(r.status)],
    }));
  };
}
