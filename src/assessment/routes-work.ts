import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChildServices } from '../children/index.js';
import type { PartnershipService } from '../partnership/index.js';
import { formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { formatMonth } from '../platform/dates.js';
import { paths } from '../platform/paths.js';
import { elementKey, REFERRAL_DECISIONS, REFERRAL_SIGNPOSTS, type AssessmentForm } from './form.js';
import type { User } from '../platform/auth/repository.js';
import type { AssessmentServices } from './index.js';
import { allow, show } from './routes-forms.js';
import { DECISION_WORDS, referralStatus } from './referrals/status.js';
import type { AssessmentVersion, Referral, ReferralDecision } from './types.js';

/**
 * Work views (004 Table 6.1): a practitioner's children and the referrals waiting for their
 * service, a manager's caseload with what is overdue (004 para 202), the board's counts, and the
 * page of a referral: the receiving service acknowledges it, then decides; the team that sent it
 * reads the reply there.
 */

type ReferralParams = { Params: { id: string } };

/** The assessment a referral carries, by domain, in the form's order; only elements with something written. */
function attachedContent(version: AssessmentVersion | undefined, form: AssessmentForm) {
  if (!version) return undefined;
  const { content } = version;
  const domains = form.domains
    .map((d) => ({
      title: d.title,
      elements: d.elements.flatMap((e) => {
        const entry = content.elements[elementKey(d, e)];
        return entry ? [{ title: e.title, ...entry }] : [];
      }),
    }))
    .filter((d) => d.elements.length > 0);
  return { ...version, domains };
}

export async function workPageRoutes(
  app: FastifyInstance,
  { assessment }: { assessment: AssessmentServices; children: ChildServices; partnership: PartnershipService },
): Promise<void> {
  // ---- Lists --------------------------------------------------------------------------------------

  app.get(paths.myChildren, allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { children, incomingReferrals } = await assessment.work.myChildren(user, request.context);
    return show(reply, 'work/my-children.njk', {
      pageTitle: 'My children',
      children,
      incomingReferrals: incomingReferrals.map((r) => ({ ...r, status: referralStatus(r) })),
    });
  });

  app.get(paths.caseload, allow('assessments.caseload'), async (request, reply) => {
    const { user } = signedIn(request);
    const caseload = await assessment.work.caseload(user, request.context);
    return show(reply, 'work/caseload.njk', { pageTitle: 'Caseload', ...caseload });
  });

  app.get(paths.assessmentReport, allow('assessments.report'), async (request, reply) => {
    const { user } = signedIn(request);
    const { rows, totals } = await assessment.work.report(user);
    return show(reply, 'work/report.njk', {
      pageTitle: 'Common assessments by month and service',
      rows: rows.map((r) => ({ ...r, monthName: formatMonth(r.month) })),
      totals,
    });
  });

  // ---- A referral received ------------------------------------------------------------------------

  const banners: Record<string, string> = {
    acknowledged: 'Referral acknowledged: the team around the child has been told',
    decided: 'Decision sent: the team around the child has been told',
  };

  /** The decisions a receiving service may make, with the people its fields choose from. */
  const decisionChoices = async (user: User, referral: Referral, values: Form) => {
    const practitioners = await assessment.directory.practitioners(user.areaCode);
    const options = (chosen: string | undefined, people: typeof practitioners, prompt: string) => [
      { value: '', text: prompt, selected: false },
      ...people.map((p) => ({
        value: p.id,
        text: [p.displayName, p.jobTitle, p.organisationName].filter(Boolean).join(', '),
        selected: p.id === chosen,
      })),
    ];
    const hints: Record<ReferralDecision, string> = {
      accepted: `Your service takes the referral; the child’s level of need becomes ${referral.levelSought}`,
      allocated: 'Your service takes the referral and allocates a named worker, chosen below',
      strategy_discussion: 'A strategy discussion will be held: give its date below',
      stepped_down: 'Early help leads, with a named practitioner of the area chosen below',
      signposted: 'The family is signposted to universal services or early help, chosen below',
      no_further_action: 'Neither your service nor early help needs to act: give your reasons',
      returned: 'The team around the child carries on: say why, and what would help instead',
    };
    return {
      decisions: REFERRAL_DECISIONS.values.map((value) => ({
        value,
        text: DECISION_WORDS[value],
        hint: { text: hints[value] },
        checked: value === values.decision,
      })),
      workerItems: options(
        values.allocatedTo,
        practitioners.filter((p) => p.organisationId === user.organisationId),
        'Select a worker',
      ),
      leadItems: options(values.namedLead, practitioners, 'Select a practitioner'),
      signposts: REFERRAL_SIGNPOSTS.values.map((v) => ({
        value: v,
        text: v.charAt(0).toUpperCase() + v.slice(1),
        checked: v === values.signpostedTo,
      })),
    };
  };

  /** The referral page: the receiving service's controls, or the sender's read-only view; each showing audited. */
  async function referralPage(
    request: FastifyRequest<ReferralParams>,
    reply: FastifyReply,
    data: { values: Form; errors?: FormErrors; banner?: string },
    status = 200,
  ) {
    const { user } = signedIn(request);
    const view = await assessment.referrals.view(user, request.params.id, request.context);
    const { referral } = view;
    const responds = view.basis.kind === 'receiving service';
    return show(
      reply,
      'work/referral.njk',
      {
        pageTitle: `Referral for ${view.child.name}`,
        ...view,
        responds,
        status: referralStatus(referral),
        decisionWords: DECISION_WORDS,
        attached: attachedContent(view.attached, view.form),
        ...(responds && !referral.decision ? await decisionChoices(user, referral, data.values) : {}),
        ...data,
      },
      status,
    );
  }

  app.get<ReferralParams & { Querystring: Form }>(paths.referral(':id'), allow('referrals.respond'), async (request, reply) =>
    referralPage(request, reply, { values: {}, banner: banners[request.query.done ?? ''] }),
  );

  app.post<ReferralParams>(paths.referralAcknowledge(':id'), allow('referrals.respond'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const result = await handleForm(
      () => assessment.referrals.acknowledge(user, id, request.context),
      (errors, status) => referralPage(request, reply, { values: {}, errors }, status),
    );
    return result.ok ? reply.redirect(`${paths.referral(id)}?done=acknowledged`, 303) : reply;
  });

  app.post<ReferralParams>(paths.referralDecision(':id'), allow('referrals.respond'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () =>
        assessment.referrals.decide(
          user,
          id,
          {
            decision: form.decision,
            reason: form.reason,
            allocatedTo: form.allocatedTo,
            namedLead: form.namedLead,
            signpostedTo: form.signpostedTo,
            strategyDiscussionOn: form.strategyDiscussionOn,
          },
          request.context,
        ),
      (errors, status) => referralPage(request, reply, { values: form, errors }, status),
    );
    return result.ok ? reply.redirect(`${paths.referral(id)}?done=decided`, 303) : reply;
  });
}
