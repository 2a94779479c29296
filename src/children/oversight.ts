import { recordAudit, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db } from '../platform/db.js';
import { FieldErrors, notFound } from '../platform/errors.js';
import { childProblems } from './errors.js';
import * as repo from './repository.js';
import { checkReason, viewerOf } from './service.js';

/**
 * Oversight of the index: managers review views by people with no involvement; auditors see who
 * has looked at a child and answer subject access requests (what is held, and who accessed it).
 */

export interface AccessEntry {
  occurredAt: Date;
  who: string;
  role: string | null;
  action: string;
  reason: string | null;
  ip: string;
}

export interface AccessReview {
  id: string;
  childId: string;
  childName: string;
  viewerName: string;
  viewerOrganisation: string;
  reason: string;
  viewedAt: Date;
}

const REVIEW_OUTCOMES = ['appropriate', 'referred for investigation'] as const;

export function oversightService({ db }: { db: Db }) {
  /** Every audit entry that touched the child: searches that returned it, views, changes. */
  async function accessLog(areaCode: string, childId: string): Promise<AccessEntry[]> {
    return db.query<AccessEntry>(
      `SELECT occurred_at AS "occurredAt", actor_label AS who, actor_role AS role, action, reason, ip
         FROM audit_event
        WHERE chain = $1 AND (details -> 'childIds') @> to_jsonb(ARRAY[$2::text])
        ORDER BY seq DESC`,
      [areaCode, childId],
    );
  }

  /** The child and every access to it, for an auditor who has said why they need it. */
  async function childWithAccessLog(user: User, childId: string, reasonInput: string | undefined) {
    const errors = new FieldErrors();
    const reason = checkReason(errors, reasonInput);
    errors.throwIfAny();
    const child = await childFor(user, childId);
    return { reason, child, entries: await accessLog(user.areaCode, child.id) };
  }

  async function childFor(user: User, childId: string) {
    const child = /^[0-9a-f-]{36}$/i.test(childId) ? await repo.findChild(db, user.areaCode, childId) : undefined;
    if (!child) throw notFound('record');
    return child;
  }

  return {
    /**
     * Views waiting for a manager's review. A child whose record is shielded from the manager is
     * named "A shielded record" (ADR 0005); the read is audited with the children it names.
     */
    async pendingReviews(user: User, ctx: RequestContext): Promise<AccessReview[]> {
      const viewer = viewerOf(user);
      return db.transaction(async (tx) => {
        const rows = await tx.query<AccessReview & { shieldedBy: string | null; shielded: boolean }>(
          `SELECT r.id, r.child_id AS "childId", c.given_name || ' ' || c.family_name AS "childName", u.display_name AS "viewerName",
                  o.name AS "viewerOrganisation", r.reason, r.viewed_at AS "viewedAt",
                  c.shielded_at IS NOT NULL AS shielded, c.shielded_by_organisation_id AS "shieldedBy"
             FROM access_review r
             JOIN child c ON c.id = r.child_id
             JOIN app_user u ON u.id = r.user_id
             JOIN organisation o ON o.id = u.organisation_id
            WHERE r.area_code = $1 AND r.reviewed_at IS NULL AND r.user_id <> $2
            ORDER BY r.viewed_at
            LIMIT 200`,
          [user.areaCode, user.id],
        );
        const reviews = rows.map(({ shielded, shieldedBy, ...review }) =>
          repo.canSee({ shielded: shielded ? { organisationId: shieldedBy ?? '' } : null }, viewer)
            ? review
            : { ...review, childName: 'A shielded record' },
        );
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.access_reviews_listed',
          details: { childIds: [...new Set(reviews.map((r) => r.childId))], basis: 'practice manager: access reviews' },
        });
        return reviews;
      });
    },

    async recordReview(user: User, reviewId: string, outcome: string, ctx: RequestContext): Promise<void> {
      const errors = new FieldErrors();
      if (!(REVIEW_OUTCOMES as readonly string[]).includes(outcome))
        errors.add('outcome', 'one_of', 'Choose whether the access was appropriate or needs investigating');
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        const [row] = /^[0-9a-f-]{36}$/i.test(reviewId)
          ? await tx.query<{ user_id: string; child_id: string; reviewed_at: Date | null }>(
              'SELECT user_id, child_id, reviewed_at FROM access_review WHERE id = $1 AND area_code = $2 FOR UPDATE',
              [reviewId, user.areaCode],
            )
          : [];
        if (!row) throw notFound('review');
        if (row.reviewed_at) throw childProblems.reviewed('Someone has already reviewed this access');
        if (row.user_id === user.id) throw childProblems.ownAccess('You cannot review your own access');
        await tx.query('UPDATE access_review SET reviewed_by = $2, reviewed_at = now(), outcome = $3 WHERE id = $1', [
          reviewId,
          user.id,
          outcome,
        ]);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.access_reviewed',
          subject: { type: 'access_review', id: reviewId },
          details: { outcome, viewerId: row.user_id },
        });
      });
    },

    /** Who has looked at this child (the auditor's report). Reading it is itself audited. */
    async accessReport(user: User, childId: string, reasonInput: string | undefined, ctx: RequestContext) {
      const { reason, child, entries } = await childWithAccessLog(user, childId, reasonInput);
      await db.transaction((tx) =>
        recordAudit(tx, actorOf(user), ctx, {
          action: 'child.access_report',
          subject: { type: 'child', id: child.id },
          reason,
          details: { childIds: [child.id], entries: entries.length, basis: 'auditor of the area' },
        }),
      );
      return { child: { id: child.id, givenName: child.givenName, familyName: child.familyName, dateOfBirth: child.dateOfBirth }, entries };
    },

    /** A subject access request: everything the index holds about the child, and who accessed it. */
    async subjectAccessExport(user: User, childId: string, reasonInput: string | undefined, ctx: RequestContext) {
      const { reason, child, entries } = await childWithAccessLog(user, childId, reasonInput);
      await db.transaction((tx) =>
        recordAudit(tx, actorOf(user), ctx, {
          action: 'child.subject_access_export',
          subject: { type: 'child', id: child.id },
          reason,
          details: { childIds: [child.id] },
        }),
      );
      return {
        format: 'ctp-subject-access/1',
        producedAt: new Date().toISOString(),
        producedBy: user.email,
        held: child,
        accessedBy: entries.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
      };
    },
  };
}

export type OversightService = ReturnType<typeof oversightService>;
