import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import { checkedValues, formOf, handleForm, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { paths } from '../platform/paths.js';
import { can } from '../platform/policy.js';
import type { OutcomeServices } from './index.js';
import { allow, show } from './routes-helpers.js';

/**
 * The topic mapping page (issue 15 item 1): which aims each publisher's topic evidences, so the
 * indicators a data dictionary brings sit under the right outcomes. Anyone who reads the outcome
 * pages sees it; those who import the catalogue (planners, area administrators) change it.
 */
export async function outcomeTopicPageRoutes(app: FastifyInstance, { outcomes }: { outcomes: OutcomeServices }): Promise<void> {
  const topicsPage = async (
    reply: FastifyReply,
    user: User,
    chosen: string,
    picked: string[] | null,
    errors?: FormErrors,
    status = 200,
  ) => {
    const [topics, framework] = await Promise.all([outcomes.topics.topics(), outcomes.catalogue.framework('')]);
    const aimText = new Map(framework.flatMap((o) => o.aims.map((a) => [a.code, `${o.everydayName}: ${a.text}`] as const)));
    const current = topics.find((t) => t.topic.toLowerCase() === chosen.toLowerCase());
    const ticked = new Set(picked ?? current?.aimCodes ?? []);
    return show(
      reply,
      'topics.njk',
      {
        pageTitle: 'Topics and the aims they evidence',
        canChange: can(user, 'outcomes.import'),
        rows: topics.map((t) => [
          { text: t.topic },
          { text: t.aimCodes.map((a) => aimText.get(a) ?? a).join('; ') || 'None: its indicators keep the aims they have' },
          { text: String(t.indicators), format: 'numeric' },
          {
            html: `<a class="govuk-link" href="${paths.outcomesTopic(t.topic)}">Change<span class="govuk-visually-hidden"> the aims of ${escapeHtml(t.topic)}</span></a>`,
          },
        ]),
        topic: current?.topic ?? chosen,
        outcomes: framework.map((o) => ({
          name: o.everydayName,
          items: o.aims.map((a) => ({ value: a.code, text: a.text, checked: ticked.has(a.code) })),
        })),
        errors,
      },
      status,
    );
  };

  app.get(paths.outcomesTopics, allow('outcomes.view'), async (request, reply) => {
    const topic = typeof (request.query as { topic?: unknown }).topic === 'string' ? (request.query as { topic: string }).topic : '';
    return topicsPage(reply, signedIn(request).user, topic.slice(0, 200), null);
  });

  app.post(paths.outcomesTopics, allow('outcomes.import'), async (request, reply) => {
    const { user } = signedIn(request);
    const topic = (formOf(request.body).topic ?? '').slice(0, 200);
    const aimCodes = checkedValues(request.body, 'aimCodes');
    const result = await handleForm(
      () => outcomes.topics.setTopicAims(user, topic, aimCodes, request.context),
      (errors, status) => topicsPage(reply, user, topic, aimCodes, errors, status),
    );
    return result.ok ? reply.redirect(`${paths.outcomesTopics}?done=saved`, 303) : reply;
  });
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
