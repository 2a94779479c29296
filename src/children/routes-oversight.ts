import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { notFound, validationFailed } from '../platform/errors.js';
import { formOf, handleForm, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import { streamPdf } from '../platform/pdf.js';
import type { ChildServices } from './index.js';
import { isUuid } from '../platform/ids.js';
import { AUDIT_REASONS, fmt, pageAsked, paginationOf, readReason, show, showReasonPage, withReason } from './routes-forms.js';
import type { ChildDetails, ShownChild } from './types.js';
import { ACTION_LABELS } from './oversight/labels.js';

/**
 * Oversight pages: shielding decisions (designated safeguarding leads), the duplicates queue and
 * access reviews (practice managers), and who has looked at a child (auditors).
 */

const allow = pageRoute;
type IdParams = { Params: { id: string } };
type ChildParams = { Params: { childId: string } };

const BANNERS: Record<string, string> = {
  approved: 'Request approved',
  rejected: 'Request rejected',
  'kept-apart': 'Recorded as two different children',
  undone: 'Merge undone: both records are back as they were, and the pair is back in the queue',
  saved: 'Review saved',
};

const nameOf = (c: Pick<ChildDetails, 'givenName' | 'familyName'>): string => `${c.givenName} ${c.familyName}`;

/** The rows of the side-by-side comparison; the service has already masked sensitive services. */
function comparisonRows(a: ShownChild, b: ShownChild): ({ text: string; classes?: string } | { html: string })[][] {
  const fields: [string, (c: ShownChild) => string][] = [
    ['Name', nameOf],
    [
      'Other names',
      (c) =>
        c.names
          .filter((n) => n.kind !== 'current')
          .map((n) => `${n.givenName} ${n.familyName} (${n.kind})`)
          .join(', '),
    ],
    ['Date of birth', (c) => fmt.date(c.dateOfBirth)],
    ['Gender', (c) => fmt.gender(c.gender)],
    ['NHS number', (c) => fmt.nhs(c.nhsNumber)],
    ['Unique pupil number', (c) => c.upn ?? ''],
    ['Address', (c) => [c.addressLine1, c.addressLine2, c.town, c.postcode].filter(Boolean).join(', ')],
    ['School or setting', (c) => c.school],
    ['GP practice', (c) => c.gpPractice],
    ['Parents and carers', (c) => c.carers.map((p) => (p.relationship ? `${p.name} (${p.relationship})` : p.name)).join(', ')],
    [
      'Services involved',
      (c) =>
        c.involvements
          .map((i) => (i.masked ? `A sensitive service (contact ${i.practitionerName})` : `${i.service}, ${i.organisationName}`))
          .join('; '),
    ],
    ['Shielded', (c) => (c.shielded ? 'Yes' : 'No')],
  ];
  // Differences highlighted (issue 14): a row whose two values differ says so in words and is marked, so a manager sees at once what tells the records apart.
  return fields.map(([label, value]) => {
    const [first, second] = [value(a) || 'Not recorded', value(b) || 'Not recorded'];
    const differs = first.trim().toLowerCase() !== second.trim().toLowerCase();
    const cell = (text: string) => (differs ? { text, classes: 'app-differs' } : { text });
    return [
      { text: label },
      cell(first),
      cell(second),
      {
        html: differs
          ? '<strong class="govuk-tag govuk-tag--yellow">Different</strong>'
          : '<strong class="govuk-tag govuk-tag--grey">Same</strong>',
      },
    ];
  });
}

export async function childOversightRoutes(app: FastifyInstance, { children }: { children: ChildServices }): Promise<void> {
  // ---- Shielding decisions ------------------------------------------------------------------------

  const requestsPage = async (user: User, ctx: RequestContext, data: { errors?: FormErrors; errorFor?: string; banner?: string }) => ({
    pageTitle: 'Shielding requests',
    designated: user.designatedSafeguarding,
    requests: (await children.shielding.listOpen(user, ctx)).map((r) => ({ ...r, ownRequest: r.requestedBy === user.id })),
    ...data,
  });

  app.get(paths.shieldingRequests, allow('children.shielding'), async (request, reply) => {
    const query = formOf(request.query);
    return show(
      reply,
      'shielding-requests.njk',
      await requestsPage(signedIn(request).user, request.context, { banner: BANNERS[query.done ?? ''] }),
    );
  });

  app.post<IdParams>(paths.shieldingDecision(':id'), allow('children.shielding'), async (request, reply) => {
    const { user } = signedIn(request);
    const { id } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      async () => {
        if (form.decision !== 'approve' && form.decision !== 'reject')
          throw validationFailed([{ field: 'decision', rule: 'one_of', message: 'Choose to approve or reject the request' }]);
        await children.shielding.decide(user, id, form.decision === 'approve', form.note ?? '', request.context);
        return form.decision === 'approve' ? 'approved' : 'rejected';
      },
      async (errors, status) =>
        show(reply, 'shielding-requests.njk', await requestsPage(user, request.context, { errors, errorFor: id }), status),
      { hrefs: { decision: `note-${id}` }, refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${paths.shieldingRequests}?done=${result.value}`, 303) : reply;
  });

  // ---- Likely duplicates --------------------------------------------------------------------------

  // A page beyond the last is not found, as on GOV.UK; a page number that is not one is the first page.
  app.get(paths.possibleDuplicates, allow('children.duplicates'), async (request, reply) => {
    const { user } = signedIn(request);
    const query = formOf(request.query);
    const queue = await children.duplicates.listPending(user, pageAsked(query.page), request.context);
    const lastPage = Math.max(1, Math.ceil(queue.total / queue.pageSize));
    if (queue.page > lastPage) throw notFound('page');
    const firstShown = (queue.page - 1) * queue.pageSize + 1;
    return show(reply, 'possible-duplicates/index.njk', {
      pageTitle: lastPage > 1 ? `Possible duplicate records (page ${queue.page} of ${lastPage})` : 'Possible duplicate records',
      pending: queue.items.map((p) => ({
        id: p.id,
        first: `${nameOf(p.child)}, born ${fmt.date(p.child.dateOfBirth)}`,
        second: `${nameOf(p.other)}, born ${fmt.date(p.other.dateOfBirth)}`,
        score: `${Math.round(p.score * 100)}%`,
        reasons: p.reasons,
        foundAt: p.foundAt,
      })),
      total: queue.total,
      shown: lastPage > 1 ? { from: firstShown, to: firstShown + queue.items.length - 1 } : undefined,
      pagination: paginationOf(queue.page, lastPage, (n) => `${paths.possibleDuplicates}?page=${n}`),
      // After a merge (issue 14, bug 6): undo is offered only while the merge can still be undone
      // (Back to this address after an undo shows that it was undone, not a button that answers 409).
      merge: await mergeBanner(user, query.merged),
      banner: BANNERS[query.done ?? ''],
    });
  });

  const mergeBanner = async (user: User, mergeId: string | undefined) => {
    const merge = mergeId && isUuid(mergeId) ? await children.duplicates.mergeState(user, mergeId) : undefined;
    return merge ? { id: merge.id, undoable: merge.undoable, undone: merge.undoneAt !== null } : undefined;
  };

  app.get(paths.childMerges, allow('children.duplicates'), async (request, reply) => {
    const { user } = signedIn(request);
    const query = formOf(request.query);
    const history = await children.duplicates.listMerges(user, pageAsked(query.page), request.context);
    const lastPage = Math.max(1, Math.ceil(history.total / history.pageSize));
    if (history.page > lastPage) throw notFound('page');
    const named = (c: { name: string | null; dateOfBirth: string | null }) =>
      c.name === null ? 'A shielded record' : `${c.name}, born ${fmt.date(c.dateOfBirth ?? '')}`;
    return show(reply, 'possible-duplicates/merges.njk', {
      pageTitle: lastPage > 1 ? `Merge history (page ${history.page} of ${lastPage})` : 'Merge history',
      merges: history.items.map((m) => ({ ...m, keptText: named(m.kept), mergedText: named(m.merged) })),
      total: history.total,
      pagination: paginationOf(history.page, lastPage, (n) => `${paths.childMerges}?page=${n}`),
      banner: BANNERS[query.done ?? ''],
    });
  });

  const comparePage = async (reply: FastifyReply, user: User, id: string, data: { errors?: FormErrors } = {}, status = 200) => {
    const pair = await children.duplicates.compare(user, id, reply.request.context);
    const rows = comparisonRows(pair.child, pair.other);
    return show(
      reply,
      'possible-duplicates/compare.njk',
      {
        pageTitle: 'Compare two records',
        pair,
        rows,
        differences: rows.filter((r) => 'classes' in (r[1] ?? {})).length,
        keep: [pair.child, pair.other].map((c, i) => ({
          value: c.id,
          text: `Keep the record of ${nameOf(c)} (record ${i + 1})`,
        })),
        ...data,
      },
      status,
    );
  };

  app.get<IdParams>(paths.possibleDuplicate(':id'), allow('children.duplicates'), async (req, reply) =>
    comparePage(reply, signedIn(req).user, req.params.id),
  );

  app.post<IdParams>(paths.possibleDuplicateMerge(':id'), allow('children.duplicates'), async (req, reply) => {
    const { user } = signedIn(req);
    const { id } = req.params;
    const form = formOf(req.body);
    const result = await handleForm(
      () => children.duplicates.merge(user, id, form.keep ?? '', req.context),
      (errors, status) => comparePage(reply, user, id, { errors }, status),
    );
    return result.ok ? reply.redirect(`${paths.possibleDuplicates}?merged=${result.value}`, 303) : reply;
  });

  app.post<IdParams>(paths.possibleDuplicateKeepApart(':id'), allow('children.duplicates'), async (req, reply) => {
    const { user } = signedIn(req);
    const { id } = req.params;
    const result = await handleForm(
      () => children.duplicates.keepApart(user, id, req.context),
      (errors, status) => comparePage(reply, user, id, { errors }, status),
    );
    return result.ok ? reply.redirect(`${paths.possibleDuplicates}?done=kept-apart`, 303) : reply;
  });

  app.post<IdParams>(paths.childMergeUndo(':id'), allow('children.duplicates'), async (req, reply) => {
    const { user } = signedIn(req);
    const result = await handleForm(
      () => children.duplicates.undoMerge(user, req.params.id, req.context),
      (errors, status) =>
        show(
          reply,
          'possible-duplicates/index.njk',
          { pageTitle: 'Possible duplicate records', pending: [], errors, undoFailed: true },
          status,
        ),
    );
    const back = formOf(req.body).from === 'history' ? paths.childMerges : paths.possibleDuplicates;
    return result.ok ? reply.redirect(`${back}?done=undone`, 303) : reply;
  });

  // ---- Access reviews ----------------------------------------------------------------------------

  const reviewsPage = async (
    user: User,
    ctx: RequestContext,
    data: { errors?: FormErrors; errorFor?: string; banner?: string; values?: Record<string, string | undefined> },
  ) => {
    const { pending, decided } = await children.oversight.accessReviews(user, ctx);
    return { pageTitle: 'Access reviews', reviews: pending, decided, ...data };
  };

  app.get(paths.accessReviews, allow('children.access_reviews'), async (req, reply) => {
    const query = formOf(req.query);
    return show(reply, 'access-reviews.njk', await reviewsPage(signedIn(req).user, req.context, { banner: BANNERS[query.done ?? ''] }));
  });

  app.post<IdParams>(paths.accessReview(':id'), allow('children.access_reviews'), async (req, reply) => {
    const { user } = signedIn(req);
    const { id } = req.params;
    const form = formOf(req.body);
    const result = await handleForm(
      () => children.oversight.recordReview(user, id, form.outcome ?? '', req.context, form.comment ?? ''),
      async (errors, status) =>
        show(reply, 'access-reviews.njk', await reviewsPage(user, req.context, { errors, errorFor: id, values: form }), status),
      { hrefs: { outcome: `outcome-${id}`, comment: `comment-${id}` }, refusals: [403, 409] },
    );
    return result.ok ? reply.redirect(`${paths.accessReviews}?done=saved`, 303) : reply;
  });

  // ---- Who has looked at a child (auditors) ------------------------------------------------------------

  const accessHeading = 'Why do you need to see who has looked at this record?';

  app.get<ChildParams>(paths.childAccess(':childId'), allow('children.access_report'), async (req, reply) => {
    if (!isUuid(req.params.childId)) throw notFound('record');
    return showReasonPage(reply, { action: paths.childAccess(req.params.childId), heading: accessHeading, choices: AUDIT_REASONS });
  });

  app.post<ChildParams>(paths.childAccess(':childId'), allow('children.access_report'), async (req, reply) => {
    const { user } = signedIn(req);
    const { childId } = req.params;
    const form = formOf(req.body);
    const answer = readReason(form);
    const result = await handleForm(
      () => withReason(answer, (reason) => children.oversight.accessReport(user, childId, reason, req.context)),
      (errors, status) =>
        showReasonPage(
          reply,
          { action: paths.childAccess(childId), heading: accessHeading, choices: AUDIT_REASONS, values: form, errors },
          status,
        ),
    );
    if (!result.ok) return reply;
    const { child, entries } = result.value;
    return show(reply, 'access/report.njk', {
      pageTitle: `Who has looked at ${nameOf(child)}’s record`,
      child,
      entries: entries.map((e) => ({ ...e, actionLabel: ACTION_LABELS[e.action] ?? e.action })),
      reasons: AUDIT_REASONS.map((c) => ({ value: c, text: c })),
    });
  });

  /** The auditor's subject access export, as JSON or as a readable PDF; each asks for a reason first and is audited. */
  const subjectAccessRoute = (format: 'json' | 'pdf') => async (req: FastifyRequest<ChildParams>, reply: FastifyReply) => {
    const { user } = signedIn(req);
    const { childId } = req.params;
    const form = formOf(req.body);
    const answer = readReason(form);
    const action = format === 'pdf' ? paths.childSubjectAccessPdf(childId) : paths.childSubjectAccess(childId);
    const areaName = req.brand?.name ?? 'Children’s Trust';
    const result = await handleForm(
      () =>
        withReason(answer, async (reason) =>
          format === 'pdf'
            ? { pdf: await children.oversight.subjectAccessDocument(user, childId, reason, areaName, req.context) }
            : { json: await children.oversight.subjectAccessExport(user, childId, reason, req.context) },
        ),
      (errors, status) =>
        showReasonPage(
          reply,
          {
            action,
            heading: 'Why are you exporting this child’s information?',
            choices: AUDIT_REASONS,
            values: form,
            errors,
            button: format === 'pdf' ? 'Download as PDF' : 'Download subject access export',
          },
          status,
        ),
    );
    if (!result.ok) return reply;
    const { pdf, json } = result.value;
    if (pdf) {
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="subject-access-${childId}.pdf"`)
        .send(streamPdf(pdf).stream);
    }
    return reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="subject-access-${childId}.json"`)
      .send(JSON.stringify(json, null, 2));
  };
  app.post<ChildParams>(paths.childSubjectAccess(':childId'), allow('children.access_report'), subjectAccessRoute('json'));
  app.post<ChildParams>(paths.childSubjectAccessPdf(':childId'), allow('children.access_report'), subjectAccessRoute('pdf'));
}
