import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChildServices } from '../children/index.js';
import type { PartnershipService } from '../partnership/index.js';
import { formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { formatMonth } from '../platform/dates.js';
import { paths } from '../platform/paths.js';
import { elementKey, type AssessmentForm } from './form.js';
import type { AssessmentServices } from './index.js';
import { allow, show } from './routes-forms.js';
import type { AssessmentVersion, Referral } from './types.js';

/**
 * Work views (004 Table 6.1): a practitioner's children and the referrals waiting for their
 * service, a manager's caseload with what is overdue (004 para 202), the board's counts, and the
 * receiving service's page for a referral: acknowledge it, then accept or return it.
 */

type ReferralParams = { Params: { id: string } };

/** Where a referral has got to, as a tag. */
function referralStatus(r: Referral): { text: string; classes: string } {
  if (r.decision === 'accepted') return { text: 'Accepted', classes: 'govuk-tag--green' };
  if (r.decision === 'returned') return { text: 'Returned', classes: 'govuk-tag--orange' };
  if (r.acknowledgedAt) return { text: 'Acknowledged', classes: 'govuk-tag--blue' };
  if (r.overdue) return { text: 'Overdue', classes: 'govuk-tag--red' };
  return { text: 'Waiting', classes: 'govuk-tag--grey' };
}

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
    acknowledged: 'Referral acknowledged',
    accepted: 'Referral accepted',
    returned: 'Referral returned to the team around the child',
  };

  /** The referral page; each showing is audited as a view of the attached assessment. */
  async function referralPage(
    request: FastifyRequest<ReferralParams>,
    reply: FastifyReply,
    data: { values: Form; errors?: FormErrors; banner?: string },
    status = 200,
  ) {
    const { user } = signedIn(request);
    const { referral, attached, form } = await assessment.referrals.viewReceived(user, request.params.id, request.context);
    return show(
      reply,
      'work/referral.njk',
      {
        pageTitle: `Referral for ${referral.childName}`,
        referral,
        status: referralStatus(referral),
        attached: attachedContent(attached, form),
        decisions: [
          { value: 'accepted', text: 'Accept the referral', hint: { text: 'The child’s level of need becomes ' + referral.levelSought } },
          { value: 'returned', text: 'Return it to the team around the child', hint: { text: 'Say why, and what would help instead' } },
        ].map((d) => ({ ...d, checked: d.value === data.values.decision })),
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
      () => assessment.referrals.decide(user, id, { decision: form.decision, reason: form.reason }, request.context),
      (errors, status) => referralPage(request, reply, { values: form, errors }, status),
    );
    return result.ok ? reply.redirect(`${paths.referral(id)}?done=${form.decision === 'accepted' ? 'accepted' : 'returned'}`, 303) : reply;
  });
}
