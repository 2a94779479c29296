import type { Queryable } from '../../platform/db.js';
import type { ChronologyEvent } from './types.js';

/**
 * The episode's chronology read from front-line work's own tables (not the audit trail, which is for
 * auditors): one query per source, each giving the events that source records. The service merges
 * and sorts them. Takes db or tx first.
 */

const name = (alias: string) => `coalesce(${alias}.display_name, 'Not recorded')`;

/** Started, the latest draft saved, closed: the assessment's own row. */
export async function assessmentEvents(db: Queryable, assessmentId: string): Promise<ChronologyEvent[]> {
  const rows = await db.query<{
    started_at: Date;
    assessor_name: string;
    assessor_service: string;
    imported_from_area: string | null;
    draft_saved_at: Date | null;
    draft_by: string;
    closed_at: Date | null;
    closed_by: string;
    closure_outcome: string | null;
    closure_note: string;
  }>(
    `SELECT ca.started_at, ca.assessor_name, ca.assessor_service, ca.imported_from_area, ca.draft_saved_at, ${name('d')} AS draft_by,
            ca.closed_at, ${name('c')} AS closed_by, ca.closure_outcome, ca.closure_note
       FROM common_assessment ca
       LEFT JOIN app_user d ON d.id = ca.draft_saved_by
       LEFT JOIN app_user c ON c.id = ca.closed_by
      WHERE ca.id = $1`,
    [assessmentId],
  );
  const events: ChronologyEvent[] = [];
  for (const r of rows) {
    const imported = r.imported_from_area ? ` (imported from ${r.imported_from_area})` : '';
    events.push({
      at: r.started_at,
      kind: 'assessment',
      what: `Assessment started${imported}`,
      by: r.assessor_name,
      detail: r.assessor_service,
    });
    if (r.draft_saved_at)
      events.push({ at: r.draft_saved_at, kind: 'assessment', what: 'Draft saved (the latest save)', by: r.draft_by, detail: '' });
    if (r.closed_at)
      events.push({
        at: r.closed_at,
        kind: 'closure',
        what: `Closed: ${r.closure_outcome ?? ''}`,
        by: r.closed_by,
        detail: r.closure_note,
      });
  }
  return events;
}

/** Each completed (locked) version. */
export async function versionEvents(db: Queryable, assessmentId: string): Promise<ChronologyEvent[]> {
  const rows = await db.query<{ version: number; completed_at: Date; completed_by_name: string; change_note: string }>(
    'SELECT version, completed_at, completed_by_name, change_note FROM common_assessment_version WHERE assessment_id = $1',
    [assessmentId],
  );
  return rows.map((r) => ({
    at: r.completed_at,
    kind: 'assessment',
    what: `Assessment completed: version ${r.version}`,
    by: r.completed_by_name,
    detail: r.change_note,
  }));
}

/** Consent recorded (given, declined, shared without consent) and withdrawn. */
export async function consentEvents(db: Queryable, assessmentId: string): Promise<(ChronologyEvent & { givenByName: string })[]> {
  const rows = await db.query<{
    kind: string;
    given_by_name: string;
    legal_basis: string;
    recorded_at: Date;
    recorded_by: string;
    withdrawn_at: Date | null;
    withdrawn_by: string;
    withdrawal_note: string;
  }>(
    `SELECT c.kind, c.given_by_name, c.legal_basis, c.recorded_at, ${name('r')} AS recorded_by,
            c.withdrawn_at, ${name('w')} AS withdrawn_by, c.withdrawal_note
       FROM consent c JOIN app_user r ON r.id = c.recorded_by LEFT JOIN app_user w ON w.id = c.withdrawn_by
      WHERE c.assessment_id = $1`,
    [assessmentId],
  );
  return rows.flatMap((r) => {
    const what =
      r.kind === 'without consent' ? 'Sharing without consent decided' : r.kind === 'declined' ? 'Consent declined' : 'Consent recorded';
    const recorded = {
      at: r.recorded_at,
      kind: 'consent' as const,
      what,
      by: r.recorded_by,
      detail: r.kind === 'without consent' ? r.legal_basis : '',
      givenByName: r.given_by_name,
    };
    if (!r.withdrawn_at) return [recorded];
    return [
      recorded,
      {
        at: r.withdrawn_at,
        kind: 'consent' as const,
        what: 'Consent withdrawn',
        by: r.withdrawn_by,
        detail: r.withdrawal_note,
        givenByName: '',
      },
    ];
  });
}

/** Members joining (when and by whom they were added: migration 0034) and leaving. */
export async function teamEvents(db: Queryable, assessmentId: string): Promise<ChronologyEvent[]> {
  const rows = await db.query<{
    practitioner_name: string;
    service: string;
    organisation_name: string;
    created_at: Date;
    added_by: string;
    left_on: string | null;
    left_recorded_at: Date | null;
    left_by: string | null;
  }>(
    `SELECT i.practitioner_name, coalesce(s.name, i.service) AS service, o.name AS organisation_name, tm.added_at AS created_at, ${name('a')} AS added_by,
            tm.left_on::text AS left_on, tm.left_recorded_at, l.display_name AS left_by
       FROM team_member tm JOIN involvement i ON i.id = tm.involvement_id JOIN organisation o ON o.id = i.organisation_id
       LEFT JOIN area_service s ON s.id = i.service_id
       LEFT JOIN app_user a ON a.id = tm.added_by LEFT JOIN app_user l ON l.id = tm.left_recorded_by
      WHERE tm.assessment_id = $1`,
    [assessmentId],
  );
  return rows.flatMap((r) => {
    const who = `${r.practitioner_name} (${[r.service, r.organisation_name].filter(Boolean).join(', ')})`;
    const joined: ChronologyEvent = { at: r.created_at, kind: 'team', what: `${who} joined the team`, by: r.added_by, detail: '' };
    if (r.left_on === null) return [joined];
    // Leavings recorded before migration 0030 kept only their day: placed at its start, by an unknown hand.
    const at = r.left_recorded_at ?? new Date(`${r.left_on}T00:00:00Z`);
    return [
      joined,
      { at, kind: 'team' as const, what: `${who} left the team`, by: r.left_by ?? 'Not recorded', detail: `Left on ${r.left_on}` },
    ];
  });
}

/** Lead professionals appointed, and each change with its handover note. */
export async function leadEvents(db: Queryable, assessmentId: string): Promise<ChronologyEvent[]> {
  const rows = await db.query<{
    practitioner_name: string;
    previous: string | null;
    appointed_at: Date;
    appointed_by: string;
    handover_note: string;
  }>(
    `SELECT i.practitioner_name, lag(i.practitioner_name) OVER (ORDER BY lp.appointed_at) AS previous, lp.appointed_at,
            ${name('u')} AS appointed_by, lp.handover_note
       FROM lead_professional lp JOIN team_member tm ON tm.id = lp.team_member_id JOIN involvement i ON i.id = tm.involvement_id
       JOIN app_user u ON u.id = lp.appointed_by
      WHERE lp.assessment_id = $1`,
    [assessmentId],
  );
  return rows.map((r) => ({
    at: r.appointed_at,
    kind: 'lead professional',
    what:
      r.previous === null
        ? `${r.practitioner_name} appointed lead professional`
        : `Lead professional changed from ${r.previous} to ${r.practitioner_name}`,
    by: r.appointed_by,
    detail: r.handover_note === '' ? '' : `Handover note: ${r.handover_note}`,
  }));
}

/** Actions added, and their latest change of status (the table keeps the latest only). */
export async function actionEvents(db: Queryable, assessmentId: string): Promise<ChronologyEvent[]> {
  const rows = await db.query<{
    action: string;
    status: string;
    created_at: Date;
    created_by: string;
    updated_at: Date;
    updated_by: string;
  }>(
    `SELECT a.action, a.status, a.created_at, ${name('c')} AS created_by, a.updated_at, ${name('u')} AS updated_by
       FROM action_item a JOIN app_user c ON c.id = a.created_by LEFT JOIN app_user u ON u.id = a.updated_by
      WHERE a.assessment_id = $1`,
    [assessmentId],
  );
  return rows.flatMap((r) => {
    const added: ChronologyEvent = { at: r.created_at, kind: 'action', what: 'Action added', by: r.created_by, detail: r.action };
    if (r.updated_at.getTime() === r.created_at.getTime()) return [added];
    const what = r.status === 'done' ? 'Action completed' : `Action updated: ${r.status}`;
    return [added, { at: r.updated_at, kind: 'action' as const, what, by: r.updated_by, detail: r.action }];
  });
}

/** Reviews of the plan, at the time they were recorded. */
export async function reviewEvents(db: Queryable, assessmentId: string): Promise<ChronologyEvent[]> {
  const rows = await db.query<{ held_on: string; recorded_at: Date; recorded_by: string; decisions: string }>(
    `SELECT r.held_on::text AS held_on, r.recorded_at, ${name('u')} AS recorded_by, r.decisions
       FROM team_review r JOIN app_user u ON u.id = r.recorded_by WHERE r.assessment_id = $1`,
    [assessmentId],
  );
  return rows.map((r) => ({
    at: r.recorded_at,
    kind: 'review',
    what: `Review recorded (held on ${r.held_on})`,
    by: r.recorded_by,
    detail: r.decisions,
  }));
}

/** Referrals sent, acknowledged and answered. */
export async function referralEvents(db: Queryable, assessmentId: string): Promise<ChronologyEvent[]> {
  const rows = await db.query<{
    to_name: string;
    to_service: string;
    sent_at: Date;
    sent_by: string;
    acknowledged_at: Date | null;
    acknowledged_by: string;
    decision: string | null;
    decision_reason: string;
    decided_at: Date | null;
    decided_by: string;
  }>(
    `SELECT o.name AS to_name, rf.to_service, rf.sent_at, ${name('s')} AS sent_by, rf.acknowledged_at, ${name('a')} AS acknowledged_by,
            rf.decision, rf.decision_reason, rf.decided_at, ${name('d')} AS decided_by
       FROM referral rf JOIN organisation o ON o.id = rf.to_organisation_id JOIN app_user s ON s.id = rf.sent_by
       LEFT JOIN app_user a ON a.id = rf.acknowledged_by LEFT JOIN app_user d ON d.id = rf.decided_by
      WHERE rf.assessment_id = $1`,
    [assessmentId],
  );
  return rows.flatMap((r) => {
    const to = `${r.to_service}, ${r.to_name}`;
    const events: ChronologyEvent[] = [{ at: r.sent_at, kind: 'referral', what: `Referral sent to ${to}`, by: r.sent_by, detail: '' }];
    if (r.acknowledged_at)
      events.push({ at: r.acknowledged_at, kind: 'referral', what: `Referral acknowledged by ${to}`, by: r.acknowledged_by, detail: '' });
    if (r.decided_at)
      events.push({
        at: r.decided_at,
        kind: 'referral',
        what: `Referral answered: ${r.decision ?? ''}`,
        by: r.decided_by,
        detail: r.decision_reason,
      });
    return events;
  });
}

/** Files attached, and removed (removal is soft, so both stay in the chronology). */
export async function attachmentEvents(db: Queryable, assessmentId: string): Promise<ChronologyEvent[]> {
  const rows = await db.query<{
    file_name: string;
    description: string;
    added_at: Date;
    added_by_name: string;
    removed_at: Date | null;
    removed_by_name: string | null;
    removal_reason: string;
  }>(
    `SELECT file_name, description, added_at, added_by_name, removed_at, removed_by_name, removal_reason
       FROM assessment_attachment WHERE assessment_id = $1`,
    [assessmentId],
  );
  return rows.flatMap((r) => {
    const added: ChronologyEvent = {
      at: r.added_at,
      kind: 'attachment',
      what: `File attached: ${r.file_name}`,
      by: r.added_by_name,
      detail: r.description,
    };
    if (!r.removed_at) return [added];
    return [
      added,
      {
        at: r.removed_at,
        kind: 'attachment' as const,
        what: `File removed: ${r.file_name}`,
        by: r.removed_by_name ?? '',
        detail: r.removal_reason,
      },
    ];
  });
}
