import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChildServices } from '../children/index.js';
import { serviceItems, type DirectoryService } from '../directory/index.js';
import type { PartnershipService } from '../partnership/index.js';
import type { User } from '../platform/auth/repository.js';
import { notFound } from '../platform/errors.js';
import { formOf, checkedValues, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { requireOpen } from './access.js';
import { withDone, type OverviewDone } from './banners.js';
import type { AssessmentServices } from './index.js';
import { actionStatusItems, allow, closureOutcomeItems, needLevelItems, show } from './routes-forms.js';
import {
  CLOSURE_HINTS,
  currentLead,
  currentTeam,
  dateText,
  latestVersion,
  memberItems,
  needsOfLatest,
  readProgress,
  remapProgressErrors,
  TEAM_DATES,
} from './routes-team-views.js';
import type { AssessmentDetails } from './types.js';

/**
 * Pages for the team around the child (002 §3.7): who is on the team, the lead professional,
 * the action plan, reviews, escalation and closure. Each change is a POST that redirects to the
 * assessment's overview; a refused change shows the same form again with an error summary.
 */

type Params = { Params: { id: string } };
type Data = Record<string, unknown> & { values: Form; errors?: FormErrors };

const ID = ':id';
export async function teamPageRoutes(
  app: FastifyInstance,
  { assessment, partnership, directory }: { assessment: AssessmentServices; children: ChildServices; partnership: PartnershipService; directory: DirectoryService },
): Promise<void> {
  /** The open episode a form works on, as its team sees it (refused to anyone else; the opening is audited). */
  async function episode(request: FastifyRequest<Params>): Promise<{ user: User; details: AssessmentDetails }> {
    const { user } = signedIn(request);
    const { details } = await assessment.assessments.view(user, request.params.id, request.context);
    requireOpen(details);
    return { user, details };
  }

  /** Renders a page about one episode: the child's name as caption, a back link to the overview. */
  const page = (reply: FastifyReply, template: string, details: AssessmentDetails, data: Data, status = 200) =>
    show(
      reply,
      template,
      {
        assessmentId: details.id,
        childName: details.child.displayName,
        backHref: paths.assessment(details.id),
        ...data,
      },
      status,
    );

  const done = (reply: FastifyReply, id: string, what: OverviewDone) => reply.redirect(withDone(paths.assessment(id), what), 303);

  const organisationItems = async (user: User, chosen: string | undefined, prompt: string) => [
    { value: '', text: prompt, selected: false },
    ...(await partnership.listOrganisations(user.areaCode)).map((o) => ({ value: o.id, text: o.name, selected: o.id === chosen })),
  ];

  // ---- Team members ------------------------------------------------------------------------------

  const memberPage = async (reply: FastifyReply, user: User, details: AssessmentDetails, data: Data, status = 200) => {
    const onTeam = new Set(currentTeam(details).map((m) => m.userId));
    const practitioners = (await assessment.directory.practitioners(user.areaCode)).filter((p) => !onTeam.has(p.id));
    return page(
      reply,
      'team/new.njk',
      details,
      {
        pageTitle: 'Add someone to the team around the child',
        practitioners: [
          { value: '', text: 'Not listed: enter their details below', selected: false },
          ...practitioners.map((p) => ({
            value: p.id,
            text: [p.displayName, p.jobTitle, p.organisationName].filter(Boolean).join(', '),
            selected: p.id === data.values.userId,
          })),
        ],
        organisations: await organisationItems(user, data.values.organisationId, 'Select an organisation'),
        services: serviceItems(await directory.offered(user.areaCode), data.values.service),
        ...data,
      },
      status,
    );
  };

  app.get<Params>(paths.assessmentTeamNew(ID), allow('assessments.work'), async (request, reply) => {
    const { user, details } = await episode(request);
    return memberPage(reply, user, details, { values: {} });
  });

  app.post<Params>(paths.assessmentTeamNew(ID), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () =>
        assessment.team.addMember(
          user,
          id,
          {
            userId: form.userId,
            service: form.service,
            organisationId: form.organisationId,
            practitionerName: form.practitionerName,
            role: form.role,
            phone: form.phone,
            email: form.email,
            joinedOn: dateText(form, 'joinedOn'),
          },
          request.context,
        ),
      async (errors, status) => memberPage(reply, user, (await episode(request)).details, { values: form, errors }, status),
      { dates: TEAM_DATES },
    );
    return result.ok ? done(reply, id, 'member-added') : reply;
  });

  type MemberParams = { Params: { id: string; memberId: string } };

  const leavePage = (reply: FastifyReply, details: AssessmentDetails, memberId: string, data: Data, status = 200) => {
    const member = currentTeam(details).find((m) => m.id === memberId);
    if (!member) throw notFound('team member');
    return page(
      reply,
      'team/leave.njk',
      details,
      { pageTitle: `Remove ${member.practitionerName} from the team`, member, ...data },
      status,
    );
  };

  app.get<MemberParams>(paths.assessmentTeamLeave(ID, ':memberId'), allow('assessments.work'), async (request, reply) =>
    leavePage(reply, (await episode(request)).details, request.params.memberId, { values: {} }),
  );

  app.post<MemberParams>(paths.assessmentTeamLeave(ID, ':memberId'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id, memberId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => assessment.team.removeMember(user, id, memberId, dateText(form, 'leftOn'), request.context),
      async (errors, status) => leavePage(reply, (await episode(request)).details, memberId, { values: form, errors }, status),
      { dates: TEAM_DATES },
    );
    return result.ok ? done(reply, id, 'member-left') : reply;
  });

  // ---- The lead professional ----------------------------------------------------------------------

  const leadPage = async (
    reply: FastifyReply,
    user: User,
    details: AssessmentDetails,
    data: Data & { criteriaMet?: string[] },
    status = 200,
  ) => {
    const criteria = await assessment.directory.leadProfessionalCriteria(user.areaCode);
    const ticked = new Set(data.criteriaMet ?? []);
    return page(
      reply,
      'team/lead.njk',
      details,
      {
        pageTitle: currentLead(details) ? 'Change the lead professional' : 'Appoint a lead professional',
        current: currentLead(details),
        members: memberItems(details, data.values.teamMemberId),
        criteria: criteria.map((c) => ({ value: c, text: c, checked: ticked.has(c) })),
        ...data,
      },
      status,
    );
  };

  app.get<Params>(paths.assessmentLead(ID), allow('assessments.work'), async (request, reply) => {
    const { user, details } = await episode(request);
    return leadPage(reply, user, details, { values: {} });
  });

  app.post<Params>(paths.assessmentLead(ID), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const criteriaMet = checkedValues(request.body, 'criteriaMet');
    const result = await handleForm(
      () =>
        assessment.team.appointLeadProfessional(
          user,
          id,
          { teamMemberId: form.teamMemberId, criteriaMet, handoverNote: form.handoverNote },
          request.context,
        ),
      async (errors, status) => leadPage(reply, user, (await episode(request)).details, { values: form, criteriaMet, errors }, status),
    );
    return result.ok ? done(reply, id, 'lead-appointed') : reply;
  });

  // ---- The action plan ---------------------------------------------------------------------------

  const actionPage = (reply: FastifyReply, details: AssessmentDetails, data: Data, status = 200) =>
    page(
      reply,
      'team/action-new.njk',
      details,
      {
        pageTitle: 'Add an action to the plan',
        needs: needsOfLatest(details),
        owners: memberItems(details, data.values.ownerTeamMemberId),
        actions: details.actions,
        actionStatuses: actionStatusItems(),
        ...data,
      },
      status,
    );

  app.get<Params>(paths.assessmentActionNew(ID), allow('assessments.work'), async (request, reply) =>
    actionPage(reply, (await episode(request)).details, { values: {} }),
  );

  app.post<Params>(paths.assessmentActionNew(ID), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () =>
        assessment.team.addAction(
          user,
          id,
          { need: form.need, action: form.action, ownerTeamMemberId: form.ownerTeamMemberId, dueOn: dateText(form, 'dueOn') },
          request.context,
        ),
      async (errors, status) => actionPage(reply, (await episode(request)).details, { values: form, errors }, status),
      { dates: TEAM_DATES },
    );
    return result.ok ? done(reply, id, 'action-added') : reply;
  });

  type ActionParams = { Params: { id: string; actionId: string } };

  app.post<ActionParams>(paths.assessmentActionStatus(ID, ':actionId'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id, actionId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => assessment.team.setActionStatus(user, id, actionId, form.status, request.context),
      async (errors, status) => {
        const { details } = await episode(request);
        const action = details.actions.find((a) => a.id === actionId);
        if (!action) throw notFound('action');
        return page(
          reply,
          'team/action-status-page.njk',
          details,
          { pageTitle: 'Update an action', action, actionStatuses: actionStatusItems(), values: form, errors },
          status,
        );
      },
      { hrefs: { status: `status-${actionId}` } },
    );
    return result.ok ? done(reply, id, 'action-updated') : reply;
  });

  // ---- Reviews -----------------------------------------------------------------------------------

  const reviewPage = async (reply: FastifyReply, details: AssessmentDetails, data: Data, status = 200) => {
    const version = latestVersion(details);
    const { levels } = await assessment.levels.inForce(details.areaCode);
    return page(
      reply,
      'team/review-new.njk',
      details,
      {
        pageTitle: 'Record a review of the plan',
        needs: needsOfLatest(details).map((n, i) => ({ ...n, index: i })),
        assessedLevel: version?.content.levelOfNeed ?? '',
        levels: [
          { value: '', text: 'No change', checked: (data.values.levelOfNeed ?? '') === '' },
          ...needLevelItems(levels, data.values.levelOfNeed),
        ],
        ...data,
      },
      status,
    );
  };

  app.get<Params>(paths.assessmentReviewNew(ID), allow('assessments.work'), async (request, reply) =>
    reviewPage(reply, (await episode(request)).details, { values: {} }),
  );

  app.post<Params>(paths.assessmentReviewNew(ID), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const { progress, sent, hrefs } = readProgress(form);
    const result = await handleForm(
      () =>
        assessment.team.recordReview(
          user,
          id,
          {
            heldOn: dateText(form, 'heldOn'),
            attendees: form.attendees,
            progress,
            decisions: form.decisions,
            levelOfNeed: form.levelOfNeed,
          },
          request.context,
        ),
      async (errors, status) =>
        reviewPage(reply, (await episode(request)).details, { values: form, errors: remapProgressErrors(errors, sent) }, status),
      { hrefs, dates: TEAM_DATES },
    );
    return result.ok ? done(reply, id, 'review-recorded') : reply;
  });

  // ---- Closing -----------------------------------------------------------------------------------

  const closePage = (reply: FastifyReply, details: AssessmentDetails, data: Data, status = 200) =>
    page(
      reply,
      'team/close.njk',
      details,
      {
        pageTitle: 'Close the assessment',
        outcomes: closureOutcomeItems(data.values.outcome).map((o) => ({ ...o, hint: { text: CLOSURE_HINTS[o.value] ?? '' } })),
        ...data,
      },
      status,
    );

  app.get<Params>(paths.assessmentClose(ID), allow('assessments.work'), async (request, reply) =>
    closePage(reply, (await episode(request)).details, { values: {} }),
  );

  app.post<Params>(paths.assessmentClose(ID), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => assessment.team.close(user, id, { outcome: form.outcome, note: form.note }, request.context),
      async (errors, status) => closePage(reply, (await episode(request)).details, { values: form, errors }, status),
    );
    return result.ok ? done(reply, id, 'closed') : reply;
  });

  // ---- Escalation --------------------------------------------------------------------------------

  const referralPage = async (reply: FastifyReply, user: User, details: AssessmentDetails, data: Data, status = 200) =>
    page(
      reply,
      'team/referral-new.njk',
      details,
      {
        pageTitle: 'Refer to a specialist service',
        organisations: await organisationItems(user, data.values.toOrganisationId, 'Select an organisation'),
        levels: needLevelItems((await assessment.levels.inForce(user.areaCode)).levels, data.values.levelSought),
        services: serviceItems(await directory.offered(user.areaCode), data.values.toService),
        version: details.latestVersion,
        ...data,
      },
      status,
    );

  app.get<Params>(paths.assessmentReferralNew(ID), allow('assessments.work'), async (request, reply) => {
    const { user, details } = await episode(request);
    return referralPage(reply, user, details, { values: { toService: 'Children’s social care' } });
  });

  app.post<Params>(paths.assessmentReferralNew(ID), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () =>
        assessment.referrals.escalate(
          user,
          id,
          { toOrganisationId: form.toOrganisationId, toService: form.toService, reason: form.reason, levelSought: form.levelSought },
          request.context,
        ),
      async (errors, status) => referralPage(reply, user, (await episode(request)).details, { values: form, errors }, status),
    );
    return result.ok ? done(reply, id, 'referral-sent') : reply;
  });
}
