import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DirectoryService } from '../directory/index.js';
import type { PartnershipService } from '../partnership/index.js';
import type { User } from '../platform/auth/repository.js';
import { notFound } from '../platform/errors.js';
import { formOf, dateParts, dateValues, handleForm, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { formatDate } from '../platform/dates.js';
import { isUuid } from '../platform/ids.js';
import { paths } from '../platform/paths.js';
import { can } from '../platform/policy.js';
import type { ChildRecordPanel, ChildServices, LoadedChildRecordPanel } from './index.js';
import type { ChildInput } from './input.js';
import { childHouseholdRoutes } from './routes-households.js';
import { childInvolvementRoutes } from './routes-involvements.js';
import { childAccessFinderRoutes } from './routes-access.js';
import { childOversightRoutes } from './routes-oversight.js';
import { childRemovalRoutes } from './routes-removals.js';
import { fmt, FRONT_LINE_REASONS, matchTag, pageAsked, paginationOf, readReason, reasonItems, show, showReasonPage, versionOf, withReason } from './routes-forms.js';
import { SEARCH_MINUTES } from './search/saved.js';
import type { ChildIndexService } from './search/service.js';
import { basicDataOf, type ChildDetails } from './types.js';

/**
 * The child index's pages for the front line: find a child, open a record (always saying why),
 * add and correct a child, record who is involved, ask for shielding. Names never go in a URL:
 * searches are POSTs that render their answer directly. A record has an address: the reason given
 * grants a short-lived access to it (grants/service.ts), then the record is a plain GET.
 */

const allow = pageRoute;

type ChildParams = { Params: { childId: string } };
type View = Pick<Awaited<ReturnType<ChildIndexService['view']>>, 'child' | 'involvements' | 'involved' | 'mergedInto'>;

const childPath = ':childId';

const GENDERS = [
  { value: 'female', text: 'Female' },
  { value: 'male', text: 'Male' },
  { value: 'other', text: 'Other' },
  { value: 'unknown', text: 'Not known' },
];
const SCOPES = [
  { value: '', text: 'None' },
  { value: 'young adult', text: 'Young adult' },
  { value: 'care leaver', text: 'Care leaver' },
  { value: 'learning difficulty or disability', text: 'Learning difficulty or disability' },
];
/** GOV.UK pagination through a kept search's results, named for screen readers. */
const pagesOf = (page: number, lastPage: number, here: string) => {
  const pages = paginationOf(page, lastPage, (n) => `${here}?page=${n}`);
  return pages && { ...pages, landmarkLabel: 'Pages of results' };
};

/** The search's fields, kept with a saved search to show the form again. */
const SEARCH_FIELDS = [
  'familyName',
  'givenName',
  'dateOfBirth-day',
  'dateOfBirth-month',
  'dateOfBirth-year',
  'postcode',
  'ageFrom',
  'ageTo',
  'nhsNumber',
  'upn',
];

/** Why a result matched, as a sentence's start: "Previous name, sounds like". */
const matchWords = (reasons: readonly string[]): string => {
  const text = reasons.join(', ');
  return text === '' ? '' : text.charAt(0).toUpperCase() + text.slice(1);
};
const NARROWING: Record<string, string> = { dateOfBirth: 'a date of birth', postcode: 'a postcode', givenName: 'a given name' };
/** "a date of birth or a postcode": what to add to narrow a search with too many matches. */
const narrowWords = (fields: readonly string[]): string | undefined => {
  const words = fields.map((f) => NARROWING[f] ?? f);
  return words.length === 0 ? undefined : words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} or ${words.at(-1) ?? ''}`;
};

const PREVIOUS_NAME_FIELDS = { 'otherNames.0.givenName': 'previousGivenName', 'otherNames.0.familyName': 'previousFamilyName' };

/** Banners on the record's "why" page after a change (the change itself was a POST, then a redirect). */
function doneBanner(query: Form): { heading: string; text?: string } | undefined {
  const duplicates = Number(query.duplicates ?? 0);
  const banners: Record<string, { heading: string; text?: string }> = {
    created: {
      heading: 'Child added to the index',
      text:
        duplicates > 0 ? `${duplicates} possible ${duplicates === 1 ? 'duplicate was' : 'duplicates were'} queued for review` : undefined,
    },
    updated: { heading: 'Basic details saved' },
    involvement: { heading: 'Involvement recorded' },
    ended: { heading: 'Involvement ended' },
    'carer-removed': { heading: 'Parent or carer removed' },
    'name-removed': { heading: 'Name removed', text: 'Searches for that name will no longer find this child.' },
    shielding: { heading: 'Request sent', text: 'A designated safeguarding lead must approve it before it takes effect.' },
  };
  return Object.hasOwn(banners, query.done ?? '') ? banners[query.done ?? ''] : undefined;
}

function childInputFrom(form: Form, { withCarer = true } = {}): ChildInput {
  const previous = { givenName: form.previousGivenName ?? '', familyName: form.previousFamilyName ?? '' };
  return {
    givenName: form.givenName,
    familyName: form.familyName,
    dateOfBirth: dateParts(form, 'dateOfBirth'),
    gender: form.gender,
    nhsNumber: form.nhsNumber,
    upn: form.upn,
    addressLine1: form.addressLine1,
    addressLine2: form.addressLine2,
    town: form.town,
    postcode: form.postcode,
    school: form.school,
    gpPractice: form.gpPractice,
    extendedScope: form.extendedScope,
    ...(withCarer
      ? {
          otherNames: previous.givenName.trim() !== '' || previous.familyName.trim() !== '' ? [previous] : [],
          carer: { name: form.carerName, relationship: form.carerRelationship, phone: form.carerPhone, email: form.carerEmail },
        }
      : {}),
  };
}

function childValues(child: ChildDetails): Record<string, string> {
  const data = basicDataOf(child);
  return {
    ...data,
    ...dateValues('dateOfBirth', data.dateOfBirth),
    nhsNumber: fmt.nhs(data.nhsNumber),
    upn: data.upn ?? '',
    extendedScope: data.extendedScope ?? '',
  };
}

const choiceItems = (choices: { value: string; text: string }[], selected: string | undefined, key: 'checked' | 'selected') =>
  choices.map((c) => ({ ...c, [key]: c.value === (selected ?? '') }));

export async function childPageRoutes(
  app: FastifyInstance,
  {
    children,
    partnership,
    directory,
    panels = [],
  }: {
    children: ChildServices;
    partnership: PartnershipService;
    directory: DirectoryService;
    /** What other features show on the record, in order (the front line's level of need and assessments, domain brief §4). */
    panels?: readonly ChildRecordPanel[];
  },
): Promise<void> {
  const reasonPage = (
    reply: FastifyReply,
    action: string,
    heading: string,
    data: { values?: Form; errors?: FormErrors; banner?: unknown; button?: string } = {},
    status = 200,
  ) => showReasonPage(reply, { action, heading, ...data }, status);

  // ---- Finding a child ---------------------------------------------------------------------------

  const searchPage = (user: User, data: Record<string, unknown> & { values: Form }) => ({
    pageTitle: 'Find a child',
    reasons: reasonItems(FRONT_LINE_REASONS, data.values.reason ?? ''),
    canAdd: can(user, 'children.edit'),
    canReviewDuplicates: can(user, 'children.duplicates'),
    canReviewAccess: can(user, 'children.access_reviews'),
    ...data,
  });

  app.get(paths.children, allow('children.search'), async (request, reply) =>
    show(reply, 'index.njk', searchPage(signedIn(request).user, { values: {} })),
  );

  /** The search's criteria from its form fields (as posted, or as kept with a saved search). */
  const criteriaOf = (form: Form) => ({
    familyName: form.familyName,
    givenName: form.givenName,
    dateOfBirth: dateParts(form, 'dateOfBirth'),
    postcode: form.postcode,
    ageFrom: form.ageFrom,
    ageTo: form.ageTo,
    nhsNumber: form.nhsNumber,
    upn: form.upn,
  });

  /** A search is checked and kept, then its results are a GET page: Back and reload work, no name goes in a URL. */
  app.post(paths.childrenSearch, allow('children.search'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const answer = readReason(form);
    const terms = Object.fromEntries([...SEARCH_FIELDS, 'reason', 'reasonDetail'].map((name) => [name, form[name] ?? '']));
    const result = await handleForm(
      () => withReason(answer, (reason) => children.searches.save(user, terms, criteriaOf(form), reason)),
      (errors, status) => show(reply, 'index.njk', searchPage(user, { values: form, errors }), status),
      { dates: ['dateOfBirth'] },
    );
    if (!result.ok) return reply;
    return reply.redirect(paths.childrenSearchResults(result.value), 303);
  });

  /** The results of the user's own kept search; each showing is a search, audited with its reason. */
  app.get<{ Params: { searchId: string }; Querystring: Form }>(
    paths.childrenSearchResults(':searchId'),
    allow('children.search'),
    async (request, reply) => {
      const { user } = signedIn(request);
      const saved = await children.searches.find(user, request.params.searchId);
      // Someone else's search, an ended one or an unknown id: not found, with the form to search again.
      if (!saved) return show(reply, 'index.njk', searchPage(user, { values: {}, expired: SEARCH_MINUTES }), 404);
      const form = saved.terms;
      const found = await children.index.search(user, { ...criteriaOf(form), page: pageAsked(request.query.page) }, saved.reason, request.context);
      const results = found.results.map((r) => ({
        ...r,
        name: `${r.givenName} ${r.familyName}`,
        born: formatDate(r.dateOfBirth),
        tag: matchTag(r.matchQuality),
        why: matchWords(r.matchedOn),
      }));
      const lastPage = Math.max(1, Math.ceil(found.total / found.pageSize));
      const from = (found.page - 1) * found.pageSize + 1;
      const here = paths.childrenSearchResults(request.params.searchId);
      return show(
        reply,
        'index.njk',
        searchPage(user, {
          values: form,
          searched: true,
          reason: saved.reason,
          results,
          total: found.total,
          totalIsAtLeast: found.totalIsAtLeast,
          shown: found.total > found.pageSize && results.length > 0 ? { from, to: from + results.length - 1 } : undefined,
          pagination: results.length > 0 ? pagesOf(found.page, lastPage, here) : undefined,
          pageNumber: found.page,
          lastPage,
          narrowBy: narrowWords(found.narrowBy),
          // More equally good matches than a page: only a date of birth or a postcode can tell them apart (issue 19 item 4).
          equallyGood: found.equallyGood > found.pageSize ? found.equallyGood : undefined,
          shieldedContact: found.shieldedContact,
        }),
      );
    },
  );

  // ---- Opening a record --------------------------------------------------------------------------

  const recordPage = (user: User, view: View, reason: string, loaded: LoadedChildRecordPanel[]) => {
    const { child } = view;
    // A sensitive service shows only whom to contact: never the service or the organisation.
    const involvements = view.involvements.map((i) => ({
      ...i,
      contact: [i.practitionerName, i.phone, i.email].filter(Boolean).join(', '),
    }));
    return {
      pageTitle: `${child.givenName} ${child.familyName}`,
      child,
      reason,
      involved: view.involved,
      mergedInto: view.mergedInto,
      previousNames: child.names.filter((n) => n.kind === 'previous'),
      alternativeNames: child.names.filter((n) => n.kind === 'alternative'),
      current: involvements.filter((i) => !i.endedOn),
      previous: involvements.filter((i) => i.endedOn),
      canEdit: can(user, 'children.edit'),
      canShield: can(user, 'children.shielding'),
      panels: loaded,
    };
  };

  /**
   * The record's address (issue 14, bug 3): shown while the user holds an access grant to it (each
   * view audited under the grant); without one, the reason page, which grants one and comes back here.
   */
  app.get<ChildParams & { Querystring: Form }>(paths.child(childPath), allow('children.view'), async (request, reply) => {
    const { childId } = request.params;
    if (!isUuid(childId)) throw notFound('record');
    const { user } = signedIn(request);
    const banner = doneBanner(request.query);
    const view = await children.grants.viewUnderGrant(user, childId, request.context);
    if (!view)
      return reasonPage(reply, paths.childOpen(childId), 'Why are you viewing this record?', { banner, button: 'Open record' });
    const loaded = await Promise.all(
      panels.map(async (p) => ({ template: p.template, data: view.mergedInto ? undefined : await p.load(view.child.id, user) })),
    );
    return show(reply, 'record.njk', { ...recordPage(user, view, view.reason, loaded), banner, expiresAt: view.expiresAt });
  });

  /**
   * Opens a record with the reason given on a reason page (the view is audited); on a missing
   * reason, shows that page again with the error. Undefined when the page was shown again.
   */
  async function openWithReason(
    request: FastifyRequest<ChildParams>,
    reply: FastifyReply,
    reasonAction: string,
    question: string,
  ): Promise<{ user: User; view: View; reason: string } | undefined> {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const answer = readReason(form);
    const result = await handleForm(
      () => withReason(answer, (reason) => children.index.view(user, request.params.childId, reason, request.context)),
      (errors, status) => reasonPage(reply, reasonAction, question, { values: form, errors }, status),
    );
    return result.ok ? { user, view: result.value, reason: answer.reason } : undefined;
  }

  // The reason given: a grant to the record, then its address (POST-redirect-GET, so Back and reload do not post again).
  app.post<ChildParams>(paths.childOpen(childPath), allow('children.view'), async (request, reply) => {
    const { user } = signedIn(request);
    const { childId } = request.params;
    const form = formOf(request.body);
    const answer = readReason(form);
    const result = await handleForm(
      () => withReason(answer, (reason) => children.grants.grant(user, childId, reason, request.context)),
      (errors, status) =>
        reasonPage(reply, paths.childOpen(childId), 'Why are you viewing this record?', { values: form, errors, button: 'Open record' }, status),
    );
    return result.ok ? reply.redirect(paths.child(childId), 303) : reply;
  });

  // ---- Adding and correcting a child ----------------------------------------------------------------

  // The extended scopes the area uses (its local settings), and any a record already holds.
  const childForm = async (areaCode: string, data: { values: Form; errors?: FormErrors } & Record<string, unknown>) => {
    const used = await children.records.extendedScopesUsed(areaCode);
    const offered = SCOPES.filter((s) => s.value === '' || s.value === data.values.extendedScope || used.some((u) => u === s.value));
    return { genders: choiceItems(GENDERS, data.values.gender, 'checked'), scopes: choiceItems(offered, data.values.extendedScope, 'selected'), ...data };
  };

  app.get(paths.childrenNew, allow('children.edit'), async (request, reply) =>
    show(reply, 'new.njk', await childForm(signedIn(request).user.areaCode, { pageTitle: 'Add a child to the index', values: {} })),
  );

  app.post(paths.childrenNew, allow('children.edit'), async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => children.records.create(user, childInputFrom(form), request.context),
      async (errors, status) =>
        show(reply, 'new.njk', await childForm(user.areaCode, { pageTitle: 'Add a child to the index', values: form, errors }), status),
      { hrefs: PREVIOUS_NAME_FIELDS, dates: ['dateOfBirth'] },
    );
    if (!result.ok) return reply;
    return reply.redirect(`${paths.child(result.value.id)}?done=created&duplicates=${result.value.possibleDuplicates}`, 303);
  });

  app.get<ChildParams>(paths.childEdit(childPath), allow('children.edit'), async (request, reply) => {
    const { childId } = request.params;
    if (!isUuid(childId)) throw notFound('record');
    return reasonPage(reply, paths.childEditOpen(childId), 'Why are you changing this record?');
  });

  const editPage = (areaCode: string, childId: string, data: { values: Form; errors?: FormErrors; stale?: boolean }) =>
    childForm(areaCode, { pageTitle: 'Edit basic details', childId, ...data });

  app.post<ChildParams>(paths.childEditOpen(childPath), allow('children.edit'), async (request, reply) => {
    const { childId } = request.params;
    const opened = await openWithReason(request, reply, paths.childEditOpen(childId), 'Why are you changing this record?');
    if (!opened) return reply;
    const { child } = opened.view;
    if (child.mergedIntoId) throw notFound('record');
    return show(
      reply,
      'edit.njk',
      await editPage(child.areaCode, childId, { values: { ...childValues(child), version: String(child.version), reason: opened.reason } }),
    );
  });

  app.post<ChildParams>(paths.childEdit(childPath), allow('children.edit'), async (request, reply) => {
    const { user } = signedIn(request);
    const { childId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => children.records.update(user, childId, versionOf(form), childInputFrom(form, { withCarer: false }), request.context),
      async (errors, status) =>
        show(reply, 'edit.njk', await editPage(user.areaCode, childId, { values: form, errors, stale: '' in errors.byField }), status),
      { dates: ['dateOfBirth'] },
    );
    return result.ok ? reply.redirect(`${paths.child(childId)}?done=updated`, 303) : reply;
  });

  // ---- Shielding -----------------------------------------------------------------------------------

  const shieldingPage = (childId: string, data: { values: Form; errors?: FormErrors }) => ({
    pageTitle: 'Ask for this record to be shielded or unshielded',
    childId,
    actions: [
      {
        value: 'shield',
        text: 'Shield the record',
        hint: { text: 'Only your organisation and designated safeguarding staff will find it' },
      },
      { value: 'unshield', text: 'Unshield the record', hint: { text: 'Everyone who can use the index will find it again' } },
    ].map((a) => ({ ...a, checked: a.value === data.values.action })),
    ...data,
  });

  app.get<ChildParams & { Querystring: Form }>(paths.childShielding(childPath), allow('children.shielding'), async (request, reply) => {
    const { childId } = request.params;
    if (!isUuid(childId)) throw notFound('record');
    return show(reply, 'shielding.njk', shieldingPage(childId, { values: { action: request.query.action } }));
  });

  app.post<ChildParams>(paths.childShielding(childPath), allow('children.shielding'), async (request, reply) => {
    const { user } = signedIn(request);
    const { childId } = request.params;
    const form = formOf(request.body);
    const result = await handleForm(
      () => children.shielding.request(user, childId, form.action ?? '', form.reason, request.context),
      (errors, status) => show(reply, 'shielding.njk', shieldingPage(childId, { values: form, errors }), status),
    );
    return result.ok ? reply.redirect(`${paths.child(childId)}?done=shielding`, 303) : reply;
  });

  await childInvolvementRoutes(app, { children, partnership, directory });
  await childHouseholdRoutes(app, { children });
  await childRemovalRoutes(app, { children });
  await childOversightRoutes(app, { children });
  await childAccessFinderRoutes(app, { children });
}
