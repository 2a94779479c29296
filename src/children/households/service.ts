import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Queryable, Tx } from '../../platform/db.js';
import { FieldErrors, notFound, validationFailed } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { findLiveGrant } from '../grants/repository.js';
import { checkReason, viewerOf } from '../search/service.js';
import { childAgeRules, childRules } from '../subject-rules.js';
import { HOUSEHOLD_RELATIONSHIPS, type HouseholdRelationship } from '../types.js';
import { ageOn } from '../validation.js';
import * as repo from './repository.js';

/**
 * Households (issue 14, families and siblings; 004 para 198: three common assessments on one
 * family). Children are linked two at a time; a household is the children joined by links in force.
 *
 * The one visibility rule decides what names a child here too (ADR 0017): a household is walked
 * only through children the viewer may see (the child index's 'view' rule: shielding; the sector's
 * age limit; merged records left out), so a child hidden from the viewer is never named, counted
 * or hinted at, and nor is a child the viewer could reach only through a hidden one. Links are
 * made and ended only between two children the viewer may see; every change and every read is audited.
 */

/** A child of the household as this viewer may see them. */
export interface HouseholdMember {
  id: string;
  givenName: string;
  familyName: string;
  displayName: string;
  dateOfBirth: string;
}

export interface HouseholdLink {
  id: string;
  childId: string;
  otherChildId: string;
  relationship: HouseholdRelationship;
  linkedAt: Date;
}

/** The household of one child as this viewer may see it: the child first, then the others by age. */
export interface VisibleHousehold {
  childId: string;
  members: HouseholdMember[];
  links: HouseholdLink[];
}

/** A household larger than this is not walked further (a guard, far above any family). */
const MAX_MEMBERS = 30;

export const RELATIONSHIP_LABELS: Record<HouseholdRelationship, string> = {
  sibling: 'Sibling',
  'half-sibling': 'Half-sibling',
  'step-sibling': 'Step-sibling',
  'other household member': 'Other household member',
};

function visibleTo(user: User, now: Date) {
  const viewer = viewerOf(user);
  return (c: repo.HouseholdChildRow): boolean =>
    c.mergedIntoId === null &&
    childRules.permits(viewer, 'view', c) &&
    childAgeRules.permits(viewer, 'view', { age: ageOn(c.dateOfBirth, now) });
}

const memberOf = (c: repo.HouseholdChildRow): HouseholdMember => ({
  id: c.id,
  givenName: c.givenName,
  familyName: c.familyName,
  displayName: `${c.givenName} ${c.familyName}`,
  dateOfBirth: c.dateOfBirth,
});

/**
 * The household of `childId` as `user` may see it, walked through visible children only. Not found
 * when the child itself does not exist or is hidden from the user. Reads only: the caller audits.
 */
export async function visibleHousehold(db: Queryable, user: User, childId: string, now: Date): Promise<VisibleHousehold> {
  const sees = visibleTo(user, now);
  const [anchor] = isUuid(childId) ? await repo.listHouseholdChildren(db, user.areaCode, [childId]) : [];
  if (!anchor || !sees(anchor)) throw notFound('record');
  const members = new Map<string, repo.HouseholdChildRow>([[anchor.id, anchor]]);
  const links = new Map<string, repo.HouseholdLinkRow>();
  let frontier = [anchor.id];
  while (frontier.length > 0 && members.size < MAX_MEMBERS) {
    const found = await repo.listLinksInForceOf(db, user.areaCode, frontier);
    const reached = [...new Set(found.flatMap((l) => [l.childId, l.otherChildId]))].filter((id) => !members.has(id));
    const seen = (await repo.listHouseholdChildren(db, user.areaCode, reached)).filter(sees);
    for (const c of seen) members.set(c.id, c);
    // Only links whose both ends the viewer may see: a link to a hidden child is as hidden as the child.
    for (const l of found) if (members.has(l.childId) && members.has(l.otherChildId)) links.set(l.id, l);
    frontier = seen.map((c) => c.id);
  }
  const others = [...members.values()].filter((c) => c.id !== anchor.id).sort((a, b) => a.dateOfBirth.localeCompare(b.dateOfBirth));
  return {
    childId: anchor.id,
    members: [anchor, ...others].map(memberOf),
    links: [...links.values()].map(({ id, childId: a, otherChildId, relationship, linkedAt }) => ({
      id,
      childId: a,
      otherChildId,
      relationship,
      linkedAt,
    })),
  };
}

/** The household under the user's grant to the anchor child (a reason given on its record), or undefined without one. */
export async function householdUnderGrant(
  db: Queryable,
  user: User,
  childId: string,
  now: Date,
): Promise<(VisibleHousehold & { reason: string; grantId: string }) | undefined> {
  if (!isUuid(childId)) throw notFound('record');
  const grant = await findLiveGrant(db, { areaCode: user.areaCode, childId, userId: user.id, now });
  if (!grant) return undefined;
  return { ...(await visibleHousehold(db, user, childId, now)), reason: grant.reason, grantId: grant.id };
}

export interface LinkInput {
  otherChildId?: string;
  relationship?: string;
}

const NOT_SHOWN = 'Choose a child whose record you can open: no such child is shown to you';

export function householdService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);

  /** One audited read naming every child shown (details.childIds answers "who has looked at this child"). */
  const auditRead = (tx: Tx, user: User, ctx: RequestContext, h: VisibleHousehold, reason: string, grantId?: string) =>
    recordAudit(tx, actorOf(user), ctx, {
      action: 'household.viewed',
      subject: { type: 'child', id: h.childId },
      reason,
      details: { childIds: h.members.map((m) => m.id), linkIds: h.links.map((l) => l.id), ...(grantId ? { grantId } : {}) },
    });

  return {
    /** The household for the API: a reason with every read, as the record's API asks. */
    async view(user: User, childId: string, reasonInput: string | undefined, ctx: RequestContext): Promise<VisibleHousehold> {
      const errors = new FieldErrors();
      const reason = checkReason(errors, reasonInput);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const household = await visibleHousehold(tx, user, childId, clock.now());
        await auditRead(tx, user, ctx, household, reason);
        return household;
      });
    },

    /**
     * The household page: shown under the user's grant to the child's record (ADR 0013), each view
     * audited with the grant's reason; undefined without a grant (the page asks for a reason). Also
     * the children the user could link: records they have open now, visible, not yet in the household.
     */
    async viewUnderGrant(user: User, childId: string, ctx: RequestContext) {
      return db.transaction(async (tx) => {
        const now = clock.now();
        const household = await householdUnderGrant(tx, user, childId, now);
        if (!household) return undefined;
        await auditRead(tx, user, ctx, household, household.reason, household.grantId);
        const open = await repo.listChildrenWithLiveGrant(tx, { areaCode: user.areaCode, userId: user.id, now });
        const inHousehold = new Set(household.members.map((m) => m.id));
        const candidates = (
          await repo.listHouseholdChildren(
            tx,
            user.areaCode,
            open.filter((id) => !inHousehold.has(id)),
          )
        )
          .filter(visibleTo(user, now))
          .map(memberOf);
        return { ...household, linkable: candidates };
      });
    },

    /** Links two children the user may both see, with how they are related; audited. */
    async link(user: User, childId: string, input: LinkInput, ctx: RequestContext): Promise<string> {
      const errors = new FieldErrors();
      const otherChildId = (input.otherChildId ?? '').trim();
      const relationship = (input.relationship ?? '').trim();
      if (otherChildId === '') errors.add('otherChildId', 'required', 'Select the child to link');
      else if (otherChildId === childId)
        errors.add('otherChildId', 'not_self', 'A child cannot be linked to themselves: choose another child');
      else if (!isUuid(otherChildId)) errors.add('otherChildId', 'not_found', NOT_SHOWN);
      if (!HOUSEHOLD_RELATIONSHIPS.is(relationship))
        errors.add('relationship', 'one_of', `Select how the children are related: ${HOUSEHOLD_RELATIONSHIPS.values.join(', ')}`);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const now = clock.now();
        const sees = visibleTo(user, now);
        const [child] = isUuid(childId) ? await repo.listHouseholdChildren(tx, user.areaCode, [childId]) : [];
        if (!child || !sees(child)) throw notFound('record');
        // A hidden child answers as one that does not exist: the refusal tells nothing a search would not.
        const [other] = await repo.listHouseholdChildren(tx, user.areaCode, [otherChildId]);
        if (!other || !sees(other)) throw validationFailed([{ field: 'otherChildId', rule: 'not_found', message: NOT_SHOWN }]);
        if (await repo.findLinkInForceBetween(tx, user.areaCode, child.id, other.id))
          throw validationFailed([
            {
              field: 'otherChildId',
              rule: 'already_linked',
              message: `${other.givenName} ${other.familyName} is already linked to this child`,
            },
          ]);
        const rel = HOUSEHOLD_RELATIONSHIPS.parse(relationship);
        const linkId = await repo.insertLink(tx, {
          areaCode: user.areaCode,
          a: child.id,
          b: other.id,
          relationship: rel,
          linkedBy: user.id,
          linkedAt: now,
        });
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'household.linked',
          subject: { type: 'child', id: child.id },
          details: { childIds: [child.id, other.id], linkId, relationship: rel },
        });
        return linkId;
      });
    },

    /** Ends a link between two children the user may both see; audited. Not found otherwise. */
    async unlink(user: User, childId: string, linkId: string, ctx: RequestContext): Promise<void> {
      if (!isUuid(childId) || !isUuid(linkId)) throw notFound('link');
      await db.transaction(async (tx) => {
        const now = clock.now();
        const link = await repo.findLinkInForce(tx, user.areaCode, linkId);
        if (!link || (link.childId !== childId && link.otherChildId !== childId)) throw notFound('link');
        const ends = await repo.listHouseholdChildren(tx, user.areaCode, [link.childId, link.otherChildId]);
        const sees = visibleTo(user, now);
        if (ends.length !== 2 || !ends.every(sees)) throw notFound('link');
        if (!(await repo.endLink(tx, { areaCode: user.areaCode, linkId, unlinkedBy: user.id, unlinkedAt: now }))) throw notFound('link');
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'household.unlinked',
          subject: { type: 'child', id: childId },
          details: { childIds: [link.childId, link.otherChildId], linkId, relationship: link.relationship },
        });
      });
    },
  };
}

export type HouseholdService = ReturnType<typeof householdService>;
