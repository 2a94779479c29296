import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Db } from '../../platform/db.js';
import { isUuid } from '../../platform/ids.js';
import { FieldErrors, notFound } from '../../platform/errors.js';
import * as repo from '../records/repository.js';
import { childRules } from '../subject-rules.js';
import { checkReason, viewerOf } from '../search/service.js';
import * as oversight from './repository.js';
import type { AccessReview, DecidedAccessReview } from './repository.js';
import { childProblems } from '../errors.js';
import type { ChildSubjectAccessSource, SubjectAccessSection } from '../hooks.js';
import { subjectAccessDocument, subjectAccessJson, type SubjectAccessHeld } from './subject-access.js';

/**
 * Oversight of the index: managers review views by people with no involvement; auditors see who
 * has looked at a child and answer subject access requests (what is held, and who accessed it).
 */

export type { AccessEntry, AccessReview, DecidedAccessReview } from './repository.js';

const REVIEW_OUTCOMES = ['appropriate', 'referred for investigation'] as const;
export const COMMENT_MAX = 1000;

export function oversightService({
  db,
  clock,
  subjectAccess = [],
}: {
  db: Db;
  clock: Clock;
  subjectAccess?: readonly ChildSubjectAccessSource[];
}) {
  const recordAudit = auditWithClock(clock);

  /** Everything held about the child, read in the one transaction that records the auditor's export. */
  async function gatherHeld(
    user: User,
    childId: string,
    reasonInput: string | undefined,
    ctx: RequestContext,
    format: 'json' | 'pdf',
  ): Promise<SubjectAccessHeld> {
    const { reason, child, entries } = await childWithAccessLog(user, childId, reasonInput);
    return db.transaction(async (tx) => {
      const sections: SubjectAccessSection[] = [];
      for (const source of subjectAccess) sections.push(...(await source.held(tx, child, todayOf(clock), viewerOf(user))));
      await recordAudit(tx, actorOf(user), ctx, {
        action: 'child.subject_access_export',
        subject: { type: 'child', id: child.id },
        reason,
        details: { childIds: [child.id], format, records: Object.fromEntries(sections.map((s) => [s.key, s.records.length])) },
      });
      return { child, sections, entries, producedAt: clock.now(), producedBy: { name: user.displayName, email: user.email } };
    });
  }
  /** The child and every access to it, for an auditor who has said why they need it. */
  async function childWithAccessLog(user: User, childId: string, reasonInput: string | undefined) {
    const errors = new FieldErrors();
    const reason = checkReason(errors, reasonInput);
    errors.throwIfAny();
    const child = await childFor(user, childId);
    return { reason, child, entries: await oversight.listAccessToChild(db, user.areaCode, child.id) };
  }

  async function childFor(user: User, childId: string) {
    const child = isUuid(childId) ? await repo.findChild(db, user.areaCode, childId) : undefined;
    if (!child) throw notFound('record');
    return child;
  }

  return {
    /**
     * The access reviews page: views waiting for a manager's review, and the area's latest decided
     * reviews (newest first) with their outcome and comment. A child whose record is shielded from the
     * manager is named "A shielded record" (ADR 0005); the read is one audit entry naming the children.
     */
    async accessReviews(user: User, ctx: RequestContext): Promise<{ pending: AccessReview[]; decided: DecidedAccessReview[] }> {
      const viewer = viewerOf(user);
      const masked = <R extends { childName: string }>({
        shielded,
        shieldedBy,
        ...review
      }: R & { shielded: boolean; shieldedBy: string | null }) =>
        childRules.permits(viewer, 'view', { shielded: shielded ? { organisationId: shieldedBy ?? '' } : null })
          ? review
          : { ...review, childName: 'A shielded record' };
      return db.transaction(async (tx) => {
        const pending = (await oversight.listPendingReviews(tx, user.areaCode, user.id)).map(masked);
        const decided = (await oversight.listRecentReviews(tx, user.areaCode)).map(masked);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.access_reviews_listed',
          details: {
            childIds: [...new Set([...pending, ...decided].map((r) => r.childId))],
            basis: 'practice manager: access reviews',
          },
        });
        return { pending: pending as AccessReview[], decided: decided as DecidedAccessReview[] };
      });
    },

    /** Records the outcome of a review, with the manager's comment (may be empty): stored, shown with the review, and audited. */
    async recordReview(user: User, reviewId: string, outcome: string, ctx: RequestContext, commentInput = ''): Promise<void> {
      const errors = new FieldErrors();
      if (!(REVIEW_OUTCOMES as readonly string[]).includes(outcome))
        errors.add('outcome', 'one_of', 'Choose whether the access was appropriate or needs investigating');
      const comment = commentInput.replace(/\s+/g, ' ').trim();
      if (comment.length > COMMENT_MAX) errors.add('comment', 'max_length', `Comment must be ${COMMENT_MAX} characters or less`);
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        const row = isUuid(reviewId) ? await oversight.lockReview(tx, user.areaCode, reviewId) : undefined;
        if (!row) throw notFound('review');
        if (row.reviewedAt) throw childProblems.reviewed('Someone has already reviewed this access');
        if (row.userId === user.id) throw childProblems.ownAccess('You cannot review your own access');
        await oversight.recordReviewOutcome(tx, reviewId, user.id, outcome, comment, clock.now());
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'child.access_reviewed',
          subject: { type: 'access_review', id: reviewId },
          details: { outcome, comment, viewerId: row.userId, childIds: [row.childId] },
        });
      });
    },

    /** Who has looked at this child (the auditor's report). Reading it is itself audited. */
    async accessReport(user: User, childId: string, reasonInput: string | undefined, ctx: RequestContext) {
      const { reason, child, entries } = await childWithAccessLog(user, childId, reasonInput);
      // The finder and the trail name only children the auditor may see (ADR 0005): neither does the report.
      if (!childRules.permits(viewerOf(user), 'view', child)) throw notFound('record');
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

    /**
     * A subject access request: everything held about the child (the index's record and what other
     * features hold, through their sources), and who accessed it, as JSON (docs/subject-access-export.md).
     */
    async subjectAccessExport(user: User, childId: string, reasonInput: string | undefined, ctx: RequestContext) {
      return subjectAccessJson(await gatherHeld(user, childId, reasonInput, ctx, 'json'));
    },

    /** The same export as a readable document (a PDF), audited the same way. */
    async subjectAccessDocument(user: User, childId: string, reasonInput: string | undefined, areaName: string, ctx: RequestContext) {
      return subjectAccessDocument(await gatherHeld(user, childId, reasonInput, ctx, 'pdf'), areaName);
    },
  };
}

export type OversightService = ReturnType<typeof oversightService>;
