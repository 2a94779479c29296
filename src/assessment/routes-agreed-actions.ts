import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import { formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { requireOpen } from './access.js';
import { bannerFor, OVERVIEW_BANNERS, withDone } from './banners.js';
import type { AssessmentServices } from './index.js';
import { typedDate } from './routes-content.js';
import { allow, show } from './routes-forms.js';
import { currentTeam, latestVersion, needsOfLatest } from './routes-team-views.js';
import type { AgreedActionInput } from './team/agreed-actions.js';
import type { AssessmentDetails } from './types.js';

/**
 * The actions agreed in the latest completed version, offered as action-plan items (issue 14:
 * nothing typed twice). Each is prefilled from the assessment (its owner guessed from "who" among
 * the team, its date from "by when"), and nothing is added until the practitioner confirms.
 */

type Params = { Params: { id: string } };
type Query = { Querystring: Form };

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The team member an agreed action's "who" names: the one whose name, role or service it names most
 * fully ("School and Behaviour Support Team" is the behaviour support teacher, not the school's
 * SENCO); none when two fit equally.
 */
function ownerNamed(details: AssessmentDetails, who: string): string {
  const words = who.trim().toLowerCase();
  if (words === '') return '';
  const scored = currentTeam(details).map((m) => ({
    id: m.id,
    score: Math.max(
      0,
      ...[m.practitionerName, m.role, m.service]
        .map((t) => t.trim().toLowerCase())
        .filter((t) => t !== '' && (words.includes(t) || t.includes(words)))
        .map((t) => t.length),
    ),
  }));
  const best = Math.max(0, ...scored.map((m) => m.score));
  const fits = scored.filter((m) => m.score === best && best > 0);
  return fits.length === 1 ? (fits[0]?.id ?? '') : '';
}

/** The page's rows: as first offered (from the assessment), or as sent back with errors. */
function rowsOf(details: AssessmentDetails, sent: Form | undefined) {
  const agreed = latestVersion(details)?.content.agreedActions ?? [];
  return agreed.map((a, i) => {
    const name = (field: string) => `actions[${i}].${field}`;
    const inPlan = details.actions.some((x) => same(x.action, a.what));
    const value = (field: string, first: string) => (sent ? (sent[name(field)] ?? '') : first);
    const owner = value('ownerTeamMemberId', ownerNamed(details, a.who));
    return {
      index: i,
      number: i + 1,
      agreed: a,
      inPlan,
      include: sent ? sent[name('include')] === 'yes' : !inPlan,
      action: value('action', a.what),
      need: value('need', ''),
      dueOn: value('dueOn', typedDate(a.byWhen)),
      owners: [
        { value: '', text: 'Select who will do it', selected: owner === '' },
        ...currentTeam(details).map((m) => ({
          value: m.id,
          text: [m.practitionerName, m.role || m.service].filter(Boolean).join(', '),
          selected: m.id === owner,
        })),
      ],
    };
  });
}

export async function agreedActionPageRoutes(app: FastifyInstance, { assessment }: { assessment: AssessmentServices }): Promise<void> {
  async function episode(request: FastifyRequest<Params>): Promise<{ user: User; details: AssessmentDetails }> {
    const { user } = signedIn(request);
    const { details } = await assessment.assessments.view(user, request.params.id, request.context);
    requireOpen(details);
    return { user, details };
  }

  const page = (reply: FastifyReply, details: AssessmentDetails, data: { sent?: Form; errors?: FormErrors; query?: Form }, status = 200) =>
    show(
      reply,
      'team/agreed-actions.njk',
      {
        pageTitle: 'Add the agreed actions to the plan',
        assessmentId: details.id,
        childName: details.child.displayName,
        backHref: paths.assessment(details.id),
        version: latestVersion(details)?.version,
        rows: rowsOf(details, data.sent),
        hasTeam: currentTeam(details).length > 0,
        needs: needsOfLatest(details),
        banner: bannerFor(OVERVIEW_BANNERS, data.query?.done),
        errors: data.errors,
      },
      status,
    );

  app.get<Params & Query>(paths.assessmentAgreedActions(':id'), allow('assessments.work'), async (request, reply) =>
    page(reply, (await episode(request)).details, { query: request.query }),
  );

  app.post<Params>(paths.assessmentAgreedActions(':id'), allow('assessments.work'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const chosen: AgreedActionInput[] = [];
    for (let i = 0; i < 100 && form[`actions[${i}].action`] !== undefined; i += 1) {
      if (form[`actions[${i}].include`] !== 'yes') continue;
      chosen.push({
        row: i,
        need: form[`actions[${i}].need`],
        action: form[`actions[${i}].action`],
        ownerTeamMemberId: form[`actions[${i}].ownerTeamMemberId`],
        dueOn: form[`actions[${i}].dueOn`],
      });
    }
    const version = Number(form.version ?? '0') || 0;
    const result = await handleForm(
      () => assessment.agreedActions.addToPlan(user, id, version, chosen, request.context),
      async (errors, status) => page(reply, (await episode(request)).details, { sent: form, errors }, status),
      { hrefs: { actions: 'actions[0].include' } },
    );
    return result.ok ? reply.redirect(`${withDone(paths.assessment(id), 'actions-added')}#actions`, 303) : reply;
  });
}
