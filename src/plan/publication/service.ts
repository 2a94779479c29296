import { citeDecision, findBody, listCitableDecisions } from '../../governance/index.js';
import { auditWithClock } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { actorOf } from '../../platform/auth/service.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db, Queryable, Tx } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { planOfArea } from '../access.js';
import { findPlan, listPlans, planContent } from '../content.js';
import { planProblems } from '../errors.js';
import type { PlanContent, PlanSummary } from '../types.js';
import { textOf, type PublicationCaller } from './caller.js';
import { publishedPlanService } from './public.js';
import * as repo from './repository.js';
import { publishBlockers, type PublishBlocker } from '../readiness.js';
import { sectionChanges, sectionTexts, type SectionChange } from './sections.js';
import { translationsService } from './translations.js';

/**
 * Approval, versions and publication of the plan (issue 18 item 5; ADR 0036). The board approves the plan by a
 * decision taken through governance; publishing cites that decision and freezes the plan's content as the next
 * numbered version with its summary for children and young people, all in one transaction: a failure part way
 * leaves the version before in force. The plan's live tables stay the draft; its differences from the last
 * version, and each version's from the one before, are shown section by section.
 */

export const SUMMARY_MAX = 8000;

export interface PublicationState {
  plan: PlanSummary;
  blockers: PublishBlocker[];
  summaryDraft: string;
  latest: repo.VersionListed | null;
  versions: repo.VersionListed[];
  /** Sections whose words differ from the version last published (all of them before the first). */
  changedSinceLatest: number;
  /** The decisions the planner may cite, newest first (the board's, not yet used for a version). */
  decisions: { id: string; heldOn: string; bodyName: string; decision: string }[];
}

export function publicationService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);

  async function planFor(user: User, planId: string, q: Queryable = db): Promise<PlanSummary> {
    return planOfArea(user, await findPlan(q, user.areaCode, planId));
  }

  async function versionFor(user: User, planId: string, number: unknown): Promise<repo.VersionRow> {
    const plan = await planFor(user, planId);
    const n = Number(number);
    const found = Number.isInteger(n) && n >= 1 ? await repo.findVersion(db, plan.id, n) : undefined;
    if (!found) throw planProblems.notFound('No such version of this plan');
    return found;
  }

  async function contentFor(user: User, planId: string, q: Queryable = db): Promise<PlanContent> {
    const content = await planContent(q, user.areaCode, planId);
    if (!content) throw planProblems.notFound('No such plan in this area');
    return content;
  }

  /** The decision cited as approval, checked: the area's, the trust board's, and not already used for a version. */
  async function approvalOf(user: User, input: unknown, q: Queryable) {
    const decisionId = textOf(input);
    const errors = new FieldErrors();
    if (decisionId === '') errors.add('decisionId', 'required', 'Select the board’s decision approving the plan');
    errors.throwIfAny();
    const cited = await citeDecision(q, user, decisionId, { organisationIds: [], serviceIds: [] }, todayOf(clock));
    const body = cited ? await findBody(q, user.areaCode, cited.bodyId) : undefined;
    if (!cited || !body) errors.add('decisionId', 'known_decision', 'Select a decision of the area’s children’s trust board, taken at one of its meetings');
    else if (body.kind !== 'trust_board') errors.add('decisionId', 'board_decision', `That is a decision of ${body.name}: the plan is approved by the children’s trust board`);
    else {
      const used = await repo.versionApprovedBy(q, decisionId);
      if (used) errors.add('decisionId', 'already_used', `That decision approved version ${used.number} of a plan: a changed plan needs the board’s approval again`);
    }
    errors.throwIfAny();
    if (!cited || !body) throw new Error('unreachable: checked above');
    return { decisionId, words: cited.decision, decidedBy: body.name, approvedOn: cited.heldOn };
  }

  /** Translations of the version before carried to the new one where the text they translate is unchanged. */
  async function carryTranslations(tx: Tx, before: repo.VersionRow, after: { id: string; content: PlanContent; summary: string }, by: User) {
    const was = new Map(sectionTexts(before.content).map((s) => [s.id, s]));
    const now = new Map(sectionTexts(after.content).map((s) => [s.id, s]));
    let carried = 0;
    for (const t of await repo.listTranslations(tx, before.id)) {
      const same =
        t.sectionId === null
          ? before.childrenSummary === after.summary
          : was.get(t.sectionId)?.text === now.get(t.sectionId)?.text && was.get(t.sectionId)?.title === now.get(t.sectionId)?.title;
      if (!same) continue;
      await repo.saveTranslation(tx, { areaCode: by.areaCode, versionId: after.id, language: t.language, sectionId: t.sectionId, title: t.title, body: t.body, at: t.addedAt, by: null, byName: t.addedByName });
      carried += 1;
    }
    return carried;
  }

  return {
    translations: translationsService({ db, clock, versionFor }),
    /** What the public reads without signing in: only published versions. */
    published: publishedPlanService({ db }),

    /** The area's plans with their latest version, and the version the public reads, for the publication overview. */
    async overview(user: User) {
      const plans = await listPlans(db, user.areaCode);
      const latest = await Promise.all(plans.map(async (p) => ({ plan: p, latest: (await repo.listVersions(db, p.id))[0] ?? null })));
      const current = await repo.currentPublishedVersion(db, user.areaCode);
      return { plans: latest, current: current ? { planId: current.planId, number: current.number, title: current.content.plan.title } : null };
    },

    /** What the publication page shows: what blocks publishing, the summary's draft, the versions and the decisions to cite. */
    async state(user: User, planId: string): Promise<PublicationState> {
      const plan = await planFor(user, planId);
      const [content, versions, draft, latest, decisions] = await Promise.all([
        contentFor(user, plan.id),
        repo.listVersions(db, plan.id),
        repo.findSummaryDraft(db, plan.id),
        repo.latestVersion(db, plan.id),
        listCitableDecisions(db, user.areaCode),
      ]);
      const changes = sectionChanges(latest ? sectionTexts(latest.content) : [], sectionTexts(content));
      const used = new Set((await db.query<{ id: string }>('SELECT decision_id AS id FROM plan_version WHERE area_code = $1', [user.areaCode])).map((r) => r.id));
      return {
        plan,
        blockers: publishBlockers(content),
        summaryDraft: draft?.body ?? latest?.childrenSummary ?? '',
        latest: versions[0] ?? null,
        versions,
        changedSinceLatest: changes.filter((c) => c.change !== 'unchanged').length,
        decisions: decisions.filter((d) => !used.has(d.id)).map((d) => ({ id: d.id, heldOn: d.heldOn, bodyName: d.bodyName, decision: d.decision })),
      };
    },

    /** Saves the draft of the summary for children and young people (frozen into the next version published). */
    async saveSummary(by: PublicationCaller, planId: string, input: { body?: unknown }): Promise<void> {
      const plan = await planFor(by.user, planId);
      const body = textOf(input.body);
      const errors = new FieldErrors();
      if (body === '') errors.add('body', 'required', 'Enter the summary for children and young people');
      else if (body.length > SUMMARY_MAX) errors.add('body', 'max_length', `The summary must be ${SUMMARY_MAX.toLocaleString('en-GB')} characters or fewer: it has ${body.length.toLocaleString('en-GB')}`);
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.saveSummaryDraft(tx, plan.areaCode, plan.id, body, clock.now(), by.user.id);
        await audit(tx, actorOf(by.user), by.ctx, { action: 'plan.children_summary_saved', subject: { type: 'plan', id: plan.id }, details: { length: body.length } });
      });
    },

    /**
     * Publishes the plan as it stands, approved by the board's decision: all or nothing, in one transaction
     * holding the plan's row. Refused while a required section is incomplete (the blockers say which and why).
     */
    async publish(by: PublicationCaller, planId: string, input: { decisionId?: unknown }): Promise<{ number: number }> {
      return db.transaction(async (tx) => {
        const plan = await planFor(by.user, planId, tx);
        await repo.lockPlan(tx, plan.id);
        const content = await contentFor(by.user, plan.id, tx);
        const blockers = publishBlockers(content);
        if (blockers.length > 0)
          throw planProblems.notReady(`The plan cannot be published until every required section is complete: ${blockers.map((b) => b.reason).join('; ')}`, {
            details: { blockers: blockers.map((b) => ({ sectionKind: b.sectionKind, reason: b.reason })) },
          });
        const approval = await approvalOf(by.user, input.decisionId, tx);
        const before = await repo.latestVersion(tx, plan.id);
        const summary = (await repo.findSummaryDraft(tx, plan.id))?.body ?? before?.childrenSummary ?? '';
        const at = clock.now();
        const version = await repo.insertVersion(tx, {
          areaCode: plan.areaCode,
          planId: plan.id,
          content,
          childrenSummary: summary,
          decisionId: approval.decisionId,
          decisionWords: approval.words,
          decidedBy: approval.decidedBy,
          approvedOn: approval.approvedOn,
          at,
          by: by.user.id,
          byName: by.user.displayName,
        });
        const carried = before ? await carryTranslations(tx, before, { id: version.id, content, summary }, by.user) : 0;
        await repo.markPublished(tx, plan.areaCode, plan.id, at);
        await audit(tx, actorOf(by.user), by.ctx, {
          action: 'plan.published',
          subject: { type: 'plan', id: plan.id },
          details: { version: version.number, versionId: version.id, decisionId: approval.decisionId, approvedOn: approval.approvedOn, translationsCarried: carried },
        });
        return { number: version.number };
      });
    },

    versions: async (user: User, planId: string) => repo.listVersions(db, (await planFor(user, planId)).id),

    /** A version as frozen, with the languages it is translated into. */
    async version(user: User, planId: string, number: unknown) {
      const version = await versionFor(user, planId, number);
      return { version, sections: sectionTexts(version.content), languages: await repo.translatedLanguages(db, version.id) };
    },

    /** A version's differences from the one before it (version 1: everything added), section by section. */
    async changes(user: User, planId: string, number: unknown): Promise<{ version: repo.VersionRow; before: number | null; changes: SectionChange[] }> {
      const version = await versionFor(user, planId, number);
      const previous = version.number > 1 ? await repo.findVersion(db, version.planId, version.number - 1) : undefined;
      return { version, before: previous?.number ?? null, changes: sectionChanges(previous ? sectionTexts(previous.content) : [], sectionTexts(version.content)) };
    },

    /** The draft's differences from the version last published, section by section. */
    async draftChanges(user: User, planId: string): Promise<{ plan: PlanSummary; latest: number | null; changes: SectionChange[] }> {
      const plan = await planFor(user, planId);
      const [content, latest] = await Promise.all([contentFor(user, plan.id), repo.latestVersion(db, plan.id)]);
      return { plan, latest: latest?.number ?? null, changes: sectionChanges(latest ? sectionTexts(latest.content) : [], sectionTexts(content)) };
    },
  };
}


export type PublicationService = ReturnType<typeof publicationService>;
