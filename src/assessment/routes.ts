import type { FastifyInstance } from 'fastify';
import type { ChildServices } from '../children/index.js';
import { serviceItems, type DirectoryService } from '../directory/index.js';
import type { PartnershipService } from '../partnership/index.js';
import type { RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { notFound } from '../platform/errors.js';
import { formOf, checkedValues, dateParts, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { consentToRecord, latestConsent } from './access.js';
import { needsOf } from './content.js';
import { assessmentProblems } from './errors.js';
import { SHARING_LEGAL_BASES } from './consent-policy.js';
import {
  CHECKLIST_ANSWERS,
  CHECKLIST_DECISIONS,
  CHECKLIST_QUESTIONS,
  CONSENT_KINDS,
  CONSENT_METHODS,
  CONSENT_RELATIONSHIPS,
  NATIONAL_CAF,
} from './form.js';
import type { AssessmentServices } from './index.js';
import { allow, choiceItems, isUuid, show } from './routes-forms.js';
import { contentFromForm, contentHrefs, editPage, formOfAssessment, formValuesOf } from './routes-content.js';
import { CompletionRefused, StaleDraftError, type CurrentDraft } from './drafts.js';
import { portablePageRoutes } from './routes-portable.js';
import { bannerFor, EDIT_BANNERS, OVERVIEW_BANNERS, withDone, type Banner } from './banners.js';
import { sharingPageRoutes } from './routes-sharing.js';
import type { AssessmentDetails } from './types.js';
import { referralStatus } from './referrals/status.js';

/**
 * Pages for the common assessment: the pre-assessment checklist, starting one, consent, the
 * assessment form with its drafts and locked versions, and the portable export and import.
 * Every rule lives in the services; these pages read forms, call them and show the answer.
 */

type ChildParams = { Params: { childId: string } };
type IdParams = { Params: { id: string } };
type Query = { Querystring: Form };

const CHECKLIST_BANNERS: Record<string, Banner> = {
  'progressing well': { heading: 'Checklist recorded', text: 'The child is progressing well: no common assessment is needed now.' },
  'needs met by a service': { heading: 'Checklist recorded', text: 'The child’s needs are being met by a service.' },
  'refer to social care': {
    heading: 'Checklist recorded',
    text: 'Follow your local safeguarding procedures to refer the child to children’s social care now.',
  },
};


export async function assessmentPageRoutes(
  app: FastifyInstance,
  { assessment, partnership, directory }: { assessment: AssessmentServices; children: ChildServices; partnership: PartnershipService; directory: DirectoryService },
): Promise<void> {
  const { assessments, sharing } = assessment;

  // ---- The pre-assessment checklist (002 para 121) ------------------------------------------------

  const checklistPage = async (
    user: User,
    childId: string,
    ctx: RequestContext,
    data: { values: Form; errors?: FormErrors; banner?: unknown },
  ) => ({
    pageTitle: 'Pre-assessment checklist',
    childId,
    questions: CHECKLIST_QUESTIONS.map((q) => ({
      name: `answers.${q.code}`,
      text: q.text,
      items: choiceItems(CHECKLIST_ANSWERS.values, data.values[`answers.${q.code}`]),
    })),
    decisions: choiceItems(CHECKLIST_DECISIONS.values, data.values.decision),
    checks: await assessments.listChecks(user, childId, ctx),
    ...data,
  });

  app.get<ChildParams & Query>(paths.childChecklist(':childId'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const data = { values: {}, banner: bannerFor(CHECKLIST_BANNERS, request.query.done) };
    return show(reply, 'checklist.njk', await checklistPage(user, request.params.childId, request.context, data));
  });

  app.post<ChildParams>(paths.childChecklist(':childId'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { childId } = request.params;
    const form = formOf(request.body);
    const answers = Object.fromEntries(CHECKLIST_QUESTIONS.map((q) => [q.code, form[`answers.${q.code}`]]));
    const result = await handleForm(
      () => assessments.recordChecklist(user, childId, { answers, decision: form.decision, notes: form.notes }, request.context),
      async (errors, status) =>
        show(reply, 'checklist.njk', await checklistPage(user, childId, request.context, { values: form, errors }), status),
    );
    if (!result.ok) return reply;
    if (form.decision === 'common assessment needed') return reply.redirect(paths.childAssessmentNew(childId), 303);
    return reply.redirect(`${paths.childChecklist(childId)}?done=${encodeURIComponent(form.decision ?? '')}`, 303);
  });

  // ---- Starting a common assessment ---------------------------------------------------------------

  const startPage = async (
    user: User,
    childId: string,
    ctx: RequestContext,
    data: { values: Form; errors?: FormErrors; openAssessmentId?: string },
  ) => ({
    pageTitle: 'Start a common assessment',
    childId,
    existing: await assessments.listForChild(user, childId, ctx),
    // 004 para 198: a brother's or sister's open or recent assessment, so the family gets one team rather than three.
    family: await assessment.family.siblingWork(user, childId, ctx),
    // 004 para 186: the national form, and any local form the area has published.
    formItems: (await assessment.forms.choices(user)).map((f) => ({
      value: f.code,
      text: f.title,
      hint: { text: f.national ? `The national form, version ${f.version}` : `This area’s form, version ${f.version}` },
      checked: f.code === (data.values.form || NATIONAL_CAF.code),
    })),
    services: serviceItems(await directory.offered(user.areaCode), data.values.service),
    ...data,
  });

  app.get<ChildParams>(paths.childAssessmentNew(':childId'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    return show(reply, 'start.njk', await startPage(user, request.params.childId, request.context, { values: { service: user.jobTitle } }));
  });

  app.post<ChildParams>(paths.childAssessmentNew(':childId'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { childId } = request.params;
    const form = formOf(request.body);
    let openAssessmentId: string | undefined;
    const result = await handleForm(
      async () => {
        try {
          return await assessments.start(
            user,
            childId,
            { service: form.service, onBehalfOf: form.onBehalfOf, form: form.form },
            request.context,
          );
        } catch (error) {
          // 004 para 194: one assessment per child; point to the open one instead of a second.
          if (!assessmentProblems.assessmentOpen.is(error)) throw error;
          openAssessmentId = error.details?.openAssessmentId;
          throw error.withFieldErrors([{ field: 'openAssessment', rule: 'one_open', message: error.message }]);
        }
      },
      async (errors, status) =>
        show(reply, 'start.njk', await startPage(user, childId, request.context, { values: form, errors, openAssessmentId }), status),
    );
    return result.ok ? reply.redirect(`${paths.assessment(result.value)}?done=started`, 303) : reply;
  });

  // ---- The episode ------------------------------------------------------------------------------

  const overviewPage = (details: AssessmentDetails, query: Form) => {
    const consent = latestConsent(details.consents);
    const latest = details.versions.find((v) => v.version === details.latestVersion);
    return {
      pageTitle: `Common assessment: ${details.child.displayName}`,
      details,
      form: formOfAssessment(details),
      isOpen: details.status === 'open',
      consent,
      // The service refuses a withdrawal on a closed episode, so none is offered there.
      canWithdraw: details.status === 'open' && consent !== undefined && consent.kind === 'given' && consent.withdrawnAt === null,
      mayRecord: consentToRecord(details.consents) !== undefined,
      waitingProposal: details.sharingProposals.find((p) => p.decision === null),
      latest,
      needs: latest ? needsOf(latest.content, formOfAssessment(details)) : [],
      currentTeam: details.team.filter((m) => m.leftOn === null),
      formerTeam: details.team.filter((m) => m.leftOn !== null),
      lead: details.leadProfessionals.find((l) => l.endedAt === null),
      formerLeads: details.leadProfessionals.filter((l) => l.endedAt !== null),
      referralStatuses: Object.fromEntries(details.referrals.map((r) => [r.id, referralStatus(r)])),
      banner: bannerFor(OVERVIEW_BANNERS, query.done),
    };
  };

  app.get<IdParams & Query>(paths.assessment(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { details } = await assessments.view(user, request.params.id, request.context);
    return show(reply, 'overview.njk', overviewPage(details, request.query));
  });

  // ---- Consent (002 para 113) -------------------------------------------------------------------

  const consentPage = async (user: User, id: string, data: { values: Form; errors?: FormErrors; shareWith?: string[] }) => {
    const chosen = new Set(data.shareWith ?? []);
    const v = data.values;
    return {
      pageTitle: 'Record the family’s consent',
      id,
      kinds: choiceItems(CONSENT_KINDS.values, v.kind),
      relationships: choiceItems(CONSENT_RELATIONSHIPS.values.filter(Boolean), v.givenByRelationship),
      methods: choiceItems(CONSENT_METHODS.values.filter(Boolean), v.method),
      legalBases: SHARING_LEGAL_BASES.map((b) => ({ value: b.code, text: b.text, checked: b.code === v.legalBasis })),
      organisations: (await partnership.listOrganisations(user.areaCode)).map((o) => ({
        value: o.id,
        text: o.name,
        checked: chosen.has(o.id),
      })),
      ...data,
    };
  };

  app.get<IdParams>(paths.assessmentConsent(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    if (!isUuid(request.params.id)) throw notFound('assessment');
    await assessments.checkMayRecordConsent(user, request.params.id);
    return show(reply, 'consent.njk', await consentPage(user, request.params.id, { values: {} }));
  });

  app.post<IdParams>(paths.assessmentConsent(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const shareWith = checkedValues(request.body, 'shareWith');
    const date = dateParts(form, 'givenOn');
    const blankDate = [date.day, date.month, date.year].every((p) => p.trim() === '');
    const input = {
      kind: form.kind,
      givenByName: form.givenByName,
      givenByRelationship: form.givenByRelationship,
      toRecord: form.toRecord === 'yes',
      shareWith,
      givenOn: blankDate ? undefined : `${date.year.trim()}-${date.month.trim()}-${date.day.trim()}`,
      method: form.method,
    };
    // ADR 0006: sharing without consent is proposed here, and approved by a second person.
    const without = form.kind === 'without consent';
    const result = await handleForm(
      () =>
        without
          ? sharing.propose(user, id, { legalBasis: form.legalBasis, detail: form.detail }, request.context)
          : assessments.recordConsent(user, id, input, request.context),
      async (errors, status) => show(reply, 'consent.njk', await consentPage(user, id, { values: form, errors, shareWith }), status),
      { hrefs: { recordedBy: 'kind' }, dates: ['givenOn'] },
    );
    if (result.ok && without) return reply.redirect(`${paths.assessment(id)}?done=proposed`, 303);
    return result.ok ? reply.redirect(`${paths.assessment(id)}?done=consent`, 303) : reply;
  });

  app.post<{ Params: { id: string; consentId: string } }>(
    paths.assessmentConsentWithdraw(':id', ':consentId'),
    allow('assessments.work'),
    async (request, reply) => {
      const { user } = signedIn(request);
      const { id, consentId } = request.params;
      const form = formOf(request.body);
      const result = await handleForm(
        () => assessments.withdrawConsent(user, id, consentId, form.withdrawalNote, request.context),
        (errors, status) => show(reply, 'withdraw.njk', { pageTitle: 'Withdraw consent', id, consentId, values: form, errors }, status),
      );
      return result.ok ? reply.redirect(`${paths.assessment(id)}?done=withdrawn`, 303) : reply;
    },
  );

  // ---- The assessment form: drafts and completing -------------------------------------------------

  app.get<IdParams & Query>(paths.assessmentEdit(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { details } = await assessments.view(user, request.params.id, request.context);
    if (details.status !== 'open') return reply.redirect(paths.assessment(details.id), 303);
    const latest = details.versions.find((v) => v.version === details.latestVersion);
    const content = details.draft ?? latest?.content;
    return show(
      reply,
      'edit.njk',
      editPage(details.id, formOfAssessment(details), {
        values: content ? formValuesOf(content) : {},
        hasVersion: details.latestVersion > 0,
        noConsent: consentToRecord(details.consents) === undefined,
        schemeLevels: (await assessment.levels.inForce(user.areaCode)).levels,
        draftSavedAt: details.draftSavedAt,
        draftVersion: details.draftVersion,
        banner: bannerFor(EDIT_BANNERS, request.query.done),
      }),
    );
  });

  app.post<IdParams>(paths.assessmentEdit(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const assessmentForm = (await assessment.forms.find(user, form.formCode ?? '', form.formVersion ?? '')) ?? NATIONAL_CAF;
    const content = contentFromForm(form, assessmentForm);
    const completing = form.intent === 'complete';
    // The draft version the form was opened on: a save on an older one is refused, not overwritten (ADR 0006).
    const draftVersion = /^\d{1,9}$/.test(form.draftVersion ?? '') ? Number(form.draftVersion) : -1;
    let noConsent = false;
    let stale: CurrentDraft | undefined;
    let savedVersion: number | undefined; // a refused completion still saved the draft
    const result = await handleForm(
      async () => {
        try {
          if (completing) return await assessments.complete(user, id, content, form.changeNote, draftVersion, request.context);
          return await assessments.saveDraft(user, id, content, draftVersion, request.context);
        } catch (error) {
          if (assessmentProblems.noConsent.is(error)) noConsent = true;
          if (error instanceof StaleDraftError) stale = error.current;
          if (error instanceof CompletionRefused) savedVersion = error.draftVersion;
          throw error;
        }
      },
      async (errors, status) =>
        show(
          reply,
          'edit.njk',
          editPage(id, assessmentForm, {
            values: { ...formValuesOf(content), changeNote: form.changeNote },
            errors,
            hasVersion: form.hasVersion === 'yes',
            noConsent,
            schemeLevels: (await assessment.levels.inForce(user.areaCode)).levels,
            // After a stale save, saving again knowingly replaces what the other person saved.
            draftVersion: stale?.draftVersion ?? savedVersion ?? draftVersion,
            stale,
          }),
          status,
        ),
      { hrefs: contentHrefs(assessmentForm) },
    );
    if (!result.ok) return reply;
    // Saving a draft keeps the practitioner on the form; completing goes on to the agreed actions, if any.
    if (!completing) return reply.redirect(withDone(paths.assessmentEdit(id), 'draft'), 303);
    // Agreed actions are offered to the action plan at once (confirmed there), so nothing is typed twice.
    const next = content.agreedActions.length > 0 ? paths.assessmentAgreedActions(id) : paths.assessment(id);
    return reply.redirect(withDone(next, 'completed'), 303);
  });

  app.post<IdParams>(paths.assessmentDraftDiscard(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    await assessments.discardDraft(user, request.params.id, request.context);
    return reply.redirect(`${paths.assessment(request.params.id)}?done=discarded`, 303);
  });

  // ---- Locked versions ----------------------------------------------------------------------------

  app.get<{ Params: { id: string; version: string } }>(
    paths.assessmentVersion(':id', ':version'),
    allow('assessments.work'),
    async (request, reply) => {
      const { user } = signedIn(request);
      const { details } = await assessments.view(user, request.params.id, request.context);
      const version = details.versions.find((v) => String(v.version) === request.params.version);
      if (!version) throw notFound('version');
      return show(reply, 'version.njk', {
        pageTitle: `Common assessment version ${version.version}`,
        details,
        form: formOfAssessment(details),
        version,
      });
    },
  );

  await portablePageRoutes(app, { assessment });
  await sharingPageRoutes(app, { assessment });
}
