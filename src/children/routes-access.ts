import type { FastifyInstance, FastifyReply } from 'fastify';
import type { User } from '../platform/auth/repository.js';
import { formatDate } from '../platform/dates.js';
import { dateParts, formOf, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import type { ChildServices } from './index.js';
import { AUDIT_REASONS, readReason, reasonItems, show, withReason } from './routes-forms.js';

/**
 * "Who has looked at this child" without pasting ids (issue 14, auditor): the auditor finds the child
 * by name, date of birth or NHS number through the child index's own search, so the search is
 * audited as any other (with the auditor's reason and the ids it returned) and finds only what the
 * view rule lets the auditor see (a shielded record stays hidden). Names never go in a URL: the
 * search is a POST that renders its answer, and each result opens the report with the reason given.
 */

/** What the search's audit entry says the auditor searched on. */
export const AUDITOR_SEARCH_BASIS = 'auditor: finding a child for the access report or the audit trail';

const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function findPage(reply: FastifyReply, data: { values: Form; errors?: FormErrors; [key: string]: unknown }, status = 200) {
  return show(
    reply,
    'access/find.njk',
    { pageTitle: 'Who has looked at a child’s record', reasons: reasonItems(AUDIT_REASONS, data.values.reason ?? ''), ...data },
    status,
  );
}

export async function childAccessFinderRoutes(app: FastifyInstance, { children }: { children: ChildServices }): Promise<void> {
  app.get(paths.childrenAccess, pageRoute('children.access_report'), async (_request, reply) => findPage(reply, { values: {} }));

  app.post(paths.childrenAccess, pageRoute('children.access_report'), async (request, reply) => {
    const user: User = signedIn(request).user;
    const form = formOf(request.body);
    const answer = readReason(form);
    const criteria = {
      familyName: form.familyName,
      givenName: form.givenName,
      dateOfBirth: dateParts(form, 'dateOfBirth'),
      nhsNumber: form.nhsNumber,
    };
    const result = await handleForm(
      () => withReason(answer, (reason) => children.index.search(user, criteria, reason, request.context, { basis: AUDITOR_SEARCH_BASIS })),
      (errors, status) => findPage(reply, { values: form, errors }, status),
      { dates: ['dateOfBirth'] },
    );
    if (!result.ok) return reply;
    const found = result.value;
    return findPage(reply, {
      values: form,
      searched: true,
      reason: answer.reason,
      total: found.total,
      totalIsAtLeast: found.totalIsAtLeast,
      more: found.total > found.results.length,
      results: found.results.map((r) => ({
        id: r.id,
        name: `${r.givenName} ${r.familyName}`,
        born: formatDate(r.dateOfBirth),
        town: r.town,
        why: sentence(r.matchedOn.join(', ')),
        trailHref: `${paths.audit}?child=${r.id}`,
      })),
    });
  });
}
