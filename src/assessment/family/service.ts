import { householdUnderGrant, visibleHousehold, type HouseholdMember } from '../../children/index.js';
import { auditWithClock, type RequestContext } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Tx } from '../../platform/db.js';
import { readSetting } from '../../platform/settings.js';
import { todayOf } from '../../platform/clock.js';
import { frontLineForViewer } from '../front-line.js';
import { SIBLING_ASSESSMENT_MONTHS } from '../settings.js';
import * as teamRepo from '../team/repository.js';
import type { ChildAssessments } from '../types.js';

/**
 * The front line of a family (issue 14, families and siblings; 004 para 198: three common
 * assessments on one family). Built on the child index's household as the viewer may see it (ADR
 * 0015), and on the front line's own rule for each child (`front line of a child`, ADR 0012): a
 * sibling's assessment, lead professional and team are shown only to those who may see them for
 * that child; for any other visible sibling the page says only where to ask. Every read is audited
 * with the children it names.
 */

type Episode = ChildAssessments['assessments'][number];

/** A sibling's episode shown when a common assessment is started (open, or closed within the area's window). */
export interface SiblingEpisode {
  child: HouseholdMember;
  assessment: Pick<
    Episode,
    'id' | 'status' | 'startedAt' | 'closedAt' | 'assessorName' | 'assessorService' | 'leadProfessionalName' | 'leadProfessionalContact'
  >;
  mayOpen: boolean;
}

/** One practitioner of the team around the family, once however many of the children's teams they are on. */
export interface FamilyTeamMember {
  name: string;
  service: string;
  organisationName: string;
  contact: string;
  /** The children whose teams they are on, and those they lead. */
  children: string[];
  leads: string[];
}

export interface FamilyChild {
  child: HouseholdMember;
  /** Null when the front line of this child is withheld from the viewer (`withheld` says why). */
  openAssessment: {
    id: string;
    startedAt: Date;
    assessorName: string;
    leadProfessionalName: string | null;
    leadProfessionalContact: string;
    mayOpen: boolean;
  } | null;
  withheld: string | null;
}

const monthsBefore = (now: Date, months: number): Date => {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
};

/** Same person in several teams: their user when they have one, otherwise their name and organisation. */
const personKey = (m: { userId: string | null; practitionerName: string; organisationId: string }) =>
  m.userId ?? `${m.practitionerName.toLowerCase()}|${m.organisationId}`;

export function familyService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);

  async function familyOf(tx: Tx, user: User, members: readonly HouseholdMember[]) {
    const children: FamilyChild[] = [];
    const team = new Map<string, FamilyTeamMember>();
    for (const child of members) {
      const shown = await frontLineForViewer(tx, user, child.id);
      if (!shown.shown) {
        children.push({ child, openAssessment: null, withheld: shown.withheld });
        continue;
      }
      const open = shown.frontLine.assessments.find((a) => a.status === 'open');
      children.push({
        child,
        withheld: null,
        openAssessment: open
          ? {
              id: open.id,
              startedAt: open.startedAt,
              assessorName: open.assessorName,
              leadProfessionalName: open.leadProfessionalName,
              leadProfessionalContact: open.leadProfessionalContact,
              mayOpen: shown.openable.has(open.id),
            }
          : null,
      });
      if (!open) continue;
      const leadIds = new Set(
        (await teamRepo.listLeadProfessionals(tx, open.id)).filter((l) => l.endedAt === null).map((l) => l.teamMemberId),
      );
      for (const m of (await teamRepo.listTeam(tx, open.id)).filter((t) => t.leftOn === null)) {
        const key = personKey(m);
        const entry = team.get(key) ?? {
          name: m.practitionerName,
          service: m.service,
          organisationName: m.organisationName,
          contact: [m.phone, m.email].filter((v) => v).join(', '),
          children: [],
          leads: [],
        };
        entry.children.push(child.displayName);
        if (leadIds.has(m.id)) entry.leads.push(child.displayName);
        team.set(key, entry);
      }
    }
    return { children, team: [...team.values()].sort((a, b) => b.children.length - a.children.length || a.name.localeCompare(b.name)) };
  }

  return {
    /**
     * The team around the family, under the viewer's grant to the child's record (ADR 0013): each
     * child of the household the viewer may see, their open assessment and lead professional where
     * the front line of that child is shown to them, and the practitioners of those teams, each once.
     * Undefined without a grant (the page asks why). Audited as a read of every child shown.
     */
    async teamAroundTheFamily(user: User, childId: string, ctx: RequestContext) {
      return db.transaction(async (tx) => {
        const household = await householdUnderGrant(tx, user, childId, clock.now());
        if (!household) return undefined;
        const family = await familyOf(tx, user, household.members);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'assessment.family_team_viewed',
          subject: { type: 'child', id: household.childId },
          reason: household.reason,
          details: {
            childIds: household.members.map((m) => m.id),
            assessmentIds: family.children.flatMap((c) => (c.openAssessment ? [c.openAssessment.id] : [])),
            grantId: household.grantId,
          },
        });
        return { childId: household.childId, reason: household.reason, ...family };
      });
    },

    /**
     * What the start page shows of the child's brothers and sisters (004 para 198): each sibling's open
     * episode, or one closed within the area's window, where the front line of that sibling is shown
     * to the viewer; and the other visible siblings, whose records say whom to ask. Audited when it names any.
     */
    async siblingWork(user: User, childId: string, ctx: RequestContext) {
      return db.transaction(async (tx) => {
        const now = clock.now();
        const household = await visibleHousehold(tx, user, childId, now);
        const siblings = household.members.filter((m) => m.id !== household.childId);
        if (siblings.length === 0) return { episodes: [], askOthers: [], months: 0 };
        const months = await readSetting(tx, user.areaCode, SIBLING_ASSESSMENT_MONTHS, todayOf(clock));
        const since = monthsBefore(now, months);
        const episodes: SiblingEpisode[] = [];
        const askOthers: HouseholdMember[] = [];
        for (const child of siblings) {
          const shown = await frontLineForViewer(tx, user, child.id);
          const recent = shown.shown
            ? shown.frontLine.assessments.filter((a) => a.status === 'open' || (a.closedAt !== null && a.closedAt >= since))
            : [];
          if (!shown.shown || recent.length === 0) {
            if (!shown.shown) askOthers.push(child);
            continue;
          }
          for (const a of recent) episodes.push({ child, assessment: a, mayOpen: shown.openable.has(a.id) });
        }
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'assessment.sibling_work_viewed',
          subject: { type: 'child', id: household.childId },
          details: {
            childIds: siblings.map((s) => s.id),
            assessmentIds: episodes.map((e) => e.assessment.id),
            basis: 'household: siblings the user may see; assessments where the front line of the sibling is shown to them',
          },
        });
        return { episodes, askOthers, months };
      });
    },
  };
}

export type FamilyService = ReturnType<typeof familyService>;
