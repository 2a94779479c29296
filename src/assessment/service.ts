import { auditWithClock, type RequestContext } from '../platform/audit.js';
import { notify } from '../notifications/index.js';
import { paths } from '../platform/paths.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import { todayOf, type Clock } from '../platform/clock.js';
import type { Db, Tx } from '../platform/db.js';
import { AppError, FieldErrors, notFound, validationFailed } from '../platform/errors.js';
import { viewerOf } from '../children/index.js';
import { chooseServiceInto } from '../directory/index.js';
import { assessmentOpenFor, assessmentProblems, noConsentToRecord } from './errors.js';
import { consentToRecord, loadForConsentDecision, openForUser, requireOpen, type SharingBasis } from './access.js';
import { checkComplete, readContent, unknownContentFields } from './content.js';
import { CompletionRefused, staleDraft, type DraftVersion } from './drafts.js';
import { checkConsentRecorder, readConsent, type ConsentInput } from './consent-policy.js';
import { CHECKLIST_ANSWERS, CHECKLIST_DECISIONS, CHECKLIST_QUESTIONS, NATIONAL_CAF } from './form.js';
import * as formRepo from './forms/repository.js';
import * as lists from './work/repository.js';
import * as repo from './repository.js';
import type { AssessmentDetails, AssessmentSummary, PreAssessmentCheck } from './types.js';
import { visibleChild } from '../children/index.js';
import { frontLineForViewer } from './front-line.js';
import { basisForAudit, loadDetails } from './details.js';
import * as writes from './writes.js';
import { levelNamed, schemeInForce } from './levels/service.js';
import * as teamRepo from './team/repository.js';

/** The common assessment: the checklist, starting one, consent, drafts, completing and versions. */

export interface StartInput {
  service?: string;
  onBehalfOf?: string;
  /** The code of the form to write on: the national form (the default) or one the area published (004 para 186). */
  form?: string;
}

export interface ChecklistInput {
  answers?: Record<string, string | undefined>;
  decision?: string;
  notes?: string;
}

const NOTE_MAX = 2000;

/**
 * Locks the saved draft as the next version, once it meets the completion rules, and records the
 * level of need it shows, all at the clock's time.
 */
async function lockDraft(
  tx: Tx,
  clock: Clock,
  user: User,
  assessmentId: string,
  changeNote: string | undefined,
  ctx: RequestContext,
): Promise<number> {
  const { assessment } = await openForUser(tx, user, assessmentId, true);
  const form = await formRepo.formOfAssessment(tx, assessment);
  // A level the area's scheme no longer has reads as none, which completion refuses by name.
  const scheme = await schemeInForce(tx, user.areaCode, todayOf(clock));
  const { content } = readContent(assessment.draft, form, scheme);
  const level = levelNamed(scheme, content.levelOfNeed);
  const errors = new FieldErrors();
  checkComplete(content, form, errors);
  const note = (changeNote ?? '').trim();
  if (assessment.latestVersion > 0 && note === '') errors.add('changeNote', 'required', 'Say what changed since the last version');
  if (note.length > NOTE_MAX) errors.add('changeNote', 'max_length', `What changed must be ${NOTE_MAX} characters or less`);
  errors.throwIfAny();
  const version = assessment.latestVersion + 1;
  const completedAt = clock.now();
  await writes.insertVersion(tx, {
    areaCode: user.areaCode,
    assessmentId: assessment.id,
    version,
    content,
    changeNote: note,
    completedBy: user.id,
    completedByName: user.displayName,
    completedAt,
  });
  if (level) {
    await writes.recordNeedLevel(tx, {
      areaCode: user.areaCode,
      childId: assessment.childId,
      level,
      source: `common assessment version ${version}`,
      assessmentId: assessment.id,
      changedBy: user.id,
      changedAt: completedAt,
    });
  }
  await auditWithClock(clock)(tx, actorOf(user), ctx, {
    action: 'assessment.completed',
    subject: { type: 'common_assessment', id: assessment.id },
    details: { childIds: [assessment.childId], version },
  });
  return version;
}

export function assessmentService({ db, clock }: { db: Db; clock: Clock }) {
  const recordAudit = auditWithClock(clock);
  const audit = (
    tx: Tx,
    user: User,
    ctx: RequestContext,
    action: string,
    assessmentId: string,
    childId: string,
    details: Record<string, unknown> = {},
  ) =>
    recordAudit(tx, actorOf(user), ctx, {
      action,
      subject: { type: 'common_assessment', id: assessmentId },
      details: { childIds: [childId], ...details },
    });

  return {
    /** The pre-assessment checklist (002 para 121), with the decision recorded. */
    async recordChecklist(user: User, childId: string, input: ChecklistInput, ctx: RequestContext): Promise<string> {
      const errors = new FieldErrors();
      const answers: Record<string, string> = {};
      for (const q of CHECKLIST_QUESTIONS) {
        const a = (input.answers?.[q.code] ?? '').trim();
        if (!CHECKLIST_ANSWERS.is(a)) errors.add(`answers.${q.code}`, 'one_of', `Answer: ${q.text}`);
        else answers[q.code] = a;
      }
      const decision = (input.decision ?? '').trim();
      if (!CHECKLIST_DECISIONS.is(decision)) errors.add('decision', 'one_of', 'Select your decision');
      const notes = (input.notes ?? '').trim();
      if (notes.length > NOTE_MAX) errors.add('notes', 'max_length', `Notes must be ${NOTE_MAX} characters or less`);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const child = await visibleChild(tx, user, childId, clock.now());
        const id = await writes.insertCheck(tx, {
          areaCode: user.areaCode,
          childId: child.id,
          answers,
          decision: CHECKLIST_DECISIONS.parse(decision),
          notes,
          checkedBy: user.id,
          checkedAt: clock.now(),
        });
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'assessment.checklist_recorded',
          subject: { type: 'child', id: child.id },
          details: { childIds: [child.id], checkId: id, decision },
        });
        return id;
      });
    },

    /** The child's checklists, for those who can see the child; audited as a view of the child. */
    async listChecks(user: User, childId: string, ctx: RequestContext): Promise<PreAssessmentCheck[]> {
      return db.transaction(async (tx) => {
        const child = await visibleChild(tx, user, childId, clock.now());
        const checks = await repo.listChecks(tx, child.id);
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'assessment.checklists_viewed',
          subject: { type: 'child', id: child.id },
          details: { childIds: [child.id], checkIds: checks.map((c) => c.id), basis: 'child index: the child is visible to the user' },
        });
        return checks;
      });
    },

    /**
     * Starts a common assessment. One open assessment per child (004 para 198): if there is one,
     * the practitioner is sent to it to add what they know instead of starting again (004 para 194).
     * The assessor joins the team around the child; they do not become lead professional (004 paras 219-220).
     */
    async start(user: User, childId: string, input: StartInput, ctx: RequestContext): Promise<string> {
      const errors = new FieldErrors();
      // Chosen from the area's list (issue 14, bug 7); left out, the service the assessor's job title names.
      const service = await chooseServiceInto(errors, db, user.areaCode, (input.service ?? '').trim() || user.jobTitle, todayOf(clock));
      const onBehalfOf = (input.onBehalfOf ?? '').trim();
      if (onBehalfOf.length > 200) errors.add('onBehalfOf', 'max_length', 'On behalf of must be 200 characters or less');
      const formCode = (input.form ?? '').trim() || NATIONAL_CAF.code;
      const form = await formRepo.latestPublishedForm(db, user.areaCode, formCode);
      if (!form) errors.add('form', 'one_of', 'Choose the national form or one of the forms this area has published');
      errors.throwIfAny();
      if (!service) throw notFound('service');
      const chosen = { id: service.id, name: service.name };
      return db.transaction(async (tx) => {
        const child = await visibleChild(tx, user, childId, clock.now());
        const open = await repo.findOpenAssessmentForChild(tx, child.id);
        if (open) {
          throw assessmentOpenFor(`${child.givenName} ${child.familyName}`, open);
        }
        const id = await writes.insertAssessment(tx, {
          areaCode: user.areaCode,
          childId: child.id,
          formCode: form?.code ?? NATIONAL_CAF.code,
          formVersion: form?.version ?? NATIONAL_CAF.version,
          assessorUserId: user.id,
          assessorName: user.displayName,
          assessorOrganisationId: user.organisationId,
          assessorOrganisationName: user.organisationName,
          assessorService: chosen.name,
          assessorServiceId: chosen.id,
          onBehalfOf,
          startedAt: clock.now(),
        });
        await teamRepo.joinTeamAsSelf(tx, user, { childId: child.id, assessmentId: id, service: chosen, at: clock.now() });
        await audit(tx, user, ctx, 'assessment.started', id, child.id, {
          service: chosen.name,
          serviceId: chosen.id,
          onBehalfOf,
          form: form?.code,
          formVersion: form?.version,
        });
        return id;
      });
    },

    /** The whole episode for its team; every opening is audited with the basis it was shared on. */
    async view(user: User, assessmentId: string, ctx: RequestContext): Promise<{ details: AssessmentDetails; basis: SharingBasis }> {
      return db.transaction(async (tx) => {
        const loaded = await loadDetails(tx, user, assessmentId, todayOf(clock));
        await audit(tx, user, ctx, 'assessment.viewed', loaded.details.id, loaded.details.childId, basisForAudit(loaded.basis));
        return loaded;
      });
    },

    /** What the consent form checks before it is shown: the assessment exists and this person may record a decision on it. */
    async checkMayRecordConsent(user: User, assessmentId: string): Promise<void> {
      await loadForConsentDecision(db, user, assessmentId);
    },

    /**
     * Consent given (to record; to share with named organisations) or declined, recorded by the
     * assessor or the lead professional, who obtained it (consent-policy.ts, ADR 0006).
     */
    async recordConsent(user: User, assessmentId: string, input: ConsentInput, ctx: RequestContext): Promise<string> {
      const organisations = new Set(await repo.listOrganisationIdsOfArea(db, user.areaCode));
      const consent = readConsent(input, organisations, todayOf(clock));
      return db.transaction(async (tx) => {
        const { assessment, consents } = await loadForConsentDecision(tx, user, assessmentId, true);
        requireOpen(assessment);
        checkConsentRecorder(user, assessment, await teamRepo.listLeadProfessionals(tx, assessment.id), consents, consent.shareWith);
        const id = await writes.insertConsent(tx, {
          ...consent,
          areaCode: user.areaCode,
          assessmentId: assessment.id,
          recordedBy: user.id,
          recordedAt: clock.now(),
        });
        await audit(tx, user, ctx, 'assessment.consent_recorded', assessment.id, assessment.childId, {
          consentId: id,
          kind: consent.kind,
          shareWith: consent.shareWith,
        });
        // 004 para 184: the assessment is voluntary; a declined offer closes the episode as declined.
        if (consent.kind === 'declined') {
          await writes.closeAssessment(tx, assessment.id, 'declined', 'The family declined the common assessment', user.id, clock.now());
          await audit(tx, user, ctx, 'assessment.closed', assessment.id, assessment.childId, { outcome: 'declined' });
        }
        return id;
      });
    },

    /** Withdrawal stops sharing at once: from the next request, only the assessor's organisation can open it. */
    async withdrawConsent(
      user: User,
      assessmentId: string,
      consentId: string,
      note: string | undefined,
      ctx: RequestContext,
    ): Promise<void> {
      const withdrawalNote = (note ?? '').trim();
      if (withdrawalNote.length > NOTE_MAX) {
        throw validationFailed([{ field: 'withdrawalNote', rule: 'max_length', message: `Note must be ${NOTE_MAX} characters or less` }]);
      }
      await db.transaction(async (tx) => {
        const { assessment, consents } = await openForUser(tx, user, assessmentId, true);
        const consent = consents.find((c) => c.id === consentId);
        if (!consent) throw notFound('consent');
        // A closed episode is finished work: its consent decisions are kept as they stood when it closed.
        if (assessment.status !== 'open')
          throw assessmentProblems.closed('This assessment has been closed: consent to share it can no longer be withdrawn here.');
        if (consent.withdrawnAt || consent.kind !== 'given')
          throw assessmentProblems.consentNotInForce('Only consent that was given, and not already withdrawn, can be withdrawn.');
        await writes.withdrawConsent(tx, consent.id, user.id, withdrawalNote, clock.now());
        await notify(tx, {
          teamOfAssessment: assessment.id,
          exceptUserId: user.id,
          event: 'consent.withdrawn',
          link: paths.assessment(assessment.id),
          at: clock.now(),
        });
        await audit(tx, user, ctx, 'assessment.consent_withdrawn', assessment.id, assessment.childId, { consentId });
      });
    },

    /**
     * Saves the draft (autosave: every submit saves first, so a failed completion loses nothing).
     * Needs consent to record. The caller sends the draft version it read: a save based on an older
     * one is refused with what the other person saved (ADR 0006), and a field the form does not have
     * is refused by name. Returns the draft's new version.
     */
    async saveDraft(user: User, assessmentId: string, input: unknown, draftVersion: DraftVersion, ctx: RequestContext): Promise<number> {
      if (draftVersion !== 'any' && (!Number.isInteger(draftVersion) || draftVersion < 0))
        throw validationFailed([
          { field: 'draftVersion', rule: 'required', message: 'Send the draft version you read (0 when there was no draft)' },
        ]);
      return db.transaction(async (tx) => {
        const { assessment, consents } = await openForUser(tx, user, assessmentId, true);
        requireOpen(assessment);
        if (!consentToRecord(consents)) {
          throw noConsentToRecord();
        }
        const form = await formRepo.formOfAssessment(tx, assessment);
        const unknown = unknownContentFields(input, form);
        if (unknown.length > 0)
          throw validationFailed(
            unknown.map((field) => ({ field, rule: 'unknown_field', message: `${field} is not a field of this form` })),
          );
        if (draftVersion !== 'any' && draftVersion !== assessment.draftVersion) throw staleDraft(assessment);
        const { content, errors } = readContent(input, form, await schemeInForce(tx, user.areaCode, todayOf(clock)));
        errors.throwIfAny();
        const saved = await writes.saveDraft(tx, assessment.id, content, user.id, clock.now());
        await audit(tx, user, ctx, 'assessment.draft_saved', assessment.id, assessment.childId, { draftVersion: saved });
        return saved;
      });
    },

    /** Saves, then completes: the content is locked as the next version and the child's level of need is recorded. */
    async complete(
      user: User,
      assessmentId: string,
      input: unknown,
      changeNote: string | undefined,
      draftVersion: DraftVersion,
      ctx: RequestContext,
    ): Promise<number> {
      const saved = await this.saveDraft(user, assessmentId, input, draftVersion, ctx);
      try {
        return await db.transaction((tx) => lockDraft(tx, clock, user, assessmentId, changeNote, ctx));
      } catch (error) {
        throw error instanceof AppError ? new CompletionRefused(error, saved) : error;
      }
    },

    /** Discards the working draft (a completed version is untouched). */
    async discardDraft(user: User, assessmentId: string, ctx: RequestContext): Promise<void> {
      await db.transaction(async (tx) => {
        const { assessment } = await openForUser(tx, user, assessmentId, true);
        await writes.discardDraft(tx, assessment.id);
        await audit(tx, user, ctx, 'assessment.draft_discarded', assessment.id, assessment.childId);
      });
    },

    /** The child's assessments (summaries only), shown on the child's record to those who can see the child. */
    async listForChild(user: User, childId: string, ctx: RequestContext): Promise<(AssessmentSummary & { mayOpen: boolean })[]> {
      return db.transaction(async (tx) => {
        const child = await visibleChild(tx, user, childId, clock.now());
        // 003 §2.39, 004 Box 6.1: a child's assessments reach the team around the child and those the
        // family's consent covers; to anyone else the list is empty (front-line.ts).
        const shown = await frontLineForViewer(tx, user, child.id);
        const found = shown.shown ? await lists.listAssessmentsOfChild(tx, child.id, viewerOf(user), todayOf(clock)) : [];
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'assessment.list_viewed',
          subject: { type: 'child', id: child.id },
          details: { childIds: [child.id], assessmentIds: found.map((a) => a.id), basis: shown.shown ? shown.basis : 'withheld' },
        });
        // A closed episode's team has left: pages link only those the viewer may open.
        return found.map((a) => ({ ...a, mayOpen: shown.shown && shown.openable.has(a.id) }));
      });
    },
  };
}

export type AssessmentService = ReturnType<typeof assessmentService>;
