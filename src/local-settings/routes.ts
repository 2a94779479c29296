import type { FastifyInstance, FastifyReply } from 'fastify';
import { NATIONAL_NEED_LEVELS, type NeedLevelSchemeService, type SchemeInput } from '../assessment/index.js';
import { childFormat, EXTENDED_SCOPES } from '../children/index.js';
import { actorOf } from '../platform/auth/service.js';
import type { User } from '../platform/auth/repository.js';
import type { RequestContext } from '../platform/audit.js';
import { checkedValues, formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import { can, type Action } from '../platform/policy.js';
import { formatDate } from '../platform/dates.js';
import type { SettingsService } from '../platform/settings.js';
import { localSettingsApiRoutes } from './api.js';
import { describeValue, localSettingsService, type LocalSettingName, type ScheduledChange } from './service.js';

/** Local settings (issue 13 item 4): one section for the area's administrator, pages and API alike. */

const page = pageRenderer('local-settings/views', { fmt: childFormat });

/** The pages of one value each: where, which view, the setting and who may change it. */
const SIMPLE = [
  { url: paths.localSettingsCriteria, view: 'criteria.njk', title: 'Lead professional criteria', field: 'criteria', policy: 'settings.manage' },
  {
    url: paths.localSettingsAcknowledge,
    view: 'acknowledge.njk',
    title: 'Working days to acknowledge a referral',
    field: 'acknowledgeWithinDays',
    policy: 'settings.manage',
  },
  { url: paths.localSettingsReviews, view: 'reviews.njk', title: 'Weeks between reviews', field: 'reviewEveryWeeks', policy: 'settings.manage' },
  {
    url: paths.localSettingsSiblings,
    view: 'siblings.njk',
    title: 'How long a sibling’s closed assessment is shown',
    field: 'siblingAssessmentMonths',
    policy: 'settings.manage',
  },
  {
    url: paths.localSettingsSection11Period,
    view: 'section11-period.njk',
    title: 'Months a section 11 audit round covers',
    field: 'section11PeriodMonths',
    policy: 'settings.manage',
  },
  {
    url: paths.localSettingsSection11Weeks,
    view: 'section11-weeks.njk',
    title: 'Weeks to complete a section 11 audit',
    field: 'section11WeeksToComplete',
    policy: 'settings.manage',
  },
  { url: paths.localSettingsScopes, view: 'scopes.njk', title: 'Extended scopes the area uses', field: 'extendedScopesUsed', policy: 'settings.manage' },
  {
    url: paths.localSettingsIndexTraining,
    view: 'index-training.njk',
    title: 'Child index: training and security checks',
    field: 'indexRequiresTraining',
    policy: 'settings.indexTraining',
  },
] as const satisfies readonly { url: string; view: string; title: string; field: LocalSettingName; policy: Action }[];
type SimplePage = (typeof SIMPLE)[number];

const LABELS: Record<LocalSettingName, string> = {
  criteria: 'Lead professional criteria',
  acknowledgeWithinDays: 'Working days to acknowledge a referral',
  reviewEveryWeeks: 'Weeks between reviews',
  siblingAssessmentMonths: 'Months a sibling’s closed assessment is shown',
  extendedScopesUsed: 'Extended scopes used',
  indexRequiresTraining: 'Child index training and checks',
  section11PeriodMonths: 'Months a section 11 audit round covers',
  section11WeeksToComplete: 'Weeks to complete a section 11 audit',
};

/** A change waiting for its day as the pages show it: "Changes to 5 days on 1 April 2027". */
const waitingOf = (c: ScheduledChange) => ({
  id: c.id,
  setting: LABELS[c.name],
  text: `Changes to ${describeValue(c.name, c.value)} on ${formatDate(c.effectiveFrom)}`,
  madeBy: c.changedByName,
  cancelHref: paths.localSettingsCancelChange(c.id),
});
const ROWS = 5;
const by = (user: User, ctx: RequestContext) => ({ actor: actorOf(user), ctx });

/** The rows of the levels form as sent (`levels[0].name` ...). */
function levelsFromForm(form: Form): SchemeInput {
  return {
    effectiveFrom: form.effectiveFrom,
    levels: Array.from({ length: ROWS }, (_, i) => ({
      name: form[`levels[${i}].name`],
      description: form[`levels[${i}].description`],
      nationalLevel: form[`levels[${i}].nationalLevel`],
    })),
  };
}

const levelHrefs = Object.fromEntries([
  ['levels', 'levels-0-name'],
  ...Array.from({ length: ROWS }, (_, i) => ['name', 'description', 'nationalLevel'].map((f) => [`levels[${i}].${f}`, `levels-${i}-${f}`])).flat(),
]) as Record<string, string>;

export async function localSettingsRoutes(
  app: FastifyInstance,
  { settings, levels }: { settings: SettingsService; levels: NeedLevelSchemeService },
): Promise<void> {
  const local = localSettingsService({ settings, levels });
  const manage = pageRoute('settings.manage');

  app.get(paths.localSettings, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const s = await local.overview(user.areaCode);
    return page(reply, 'index.njk', { pageTitle: 'Local settings', areaName: user.areaName, s, waiting: s.scheduled.map(waitingOf) });
  });

  // ---- Levels of need ---------------------------------------------------------------------------
  const levelsPage = async (reply: FastifyReply, user: User, values: Form | undefined, errors?: FormErrors, status = 200) => {
    const overview = await local.overview(user.areaCode);
    const filled: Form =
      values ??
      Object.fromEntries(
        overview.levels.levels.flatMap((l, i) => [
          [`levels[${i}].name`, l.name],
          [`levels[${i}].description`, l.description],
          [`levels[${i}].nationalLevel`, l.nationalLevel],
        ]),
      );
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      number: i + 1,
      index: i,
      name: filled[`levels[${i}].name`] ?? '',
      description: filled[`levels[${i}].description`] ?? '',
      nationalItems: [
        { value: '', text: 'Select a national level' },
        ...NATIONAL_NEED_LEVELS.values.map((n) => ({ value: n, text: n, selected: n === filled[`levels[${i}].nationalLevel`] })),
      ],
    }));
    return page(
      reply,
      'levels.njk',
      { pageTitle: 'Levels of need', rows, effectiveFrom: filled.effectiveFrom ?? '', versions: overview.levelVersions, errors },
      status,
    );
  };

  app.get(paths.localSettingsLevels, manage, async (request, reply) => levelsPage(reply, signedIn(request).user, undefined));

  app.post(paths.localSettingsLevels, manage, async (request, reply) => {
    const { user } = signedIn(request);
    const form = formOf(request.body);
    const result = await handleForm(
      () => levels.change(by(user, request.context), user.areaCode, levelsFromForm(form)),
      (errors, status) => levelsPage(reply, user, form, errors, status),
      { hrefs: levelHrefs },
    );
    return result.ok ? reply.redirect(`${paths.localSettings}?done=levels`, 303) : reply;
  });

  // ---- One value each: criteria, days, scopes, index training; each from a day (blank: today) -----
  const simplePage = async (reply: FastifyReply, user: User, s: SimplePage, values?: Form, errors?: FormErrors, status = 200) => {
    const o = await local.overview(user.areaCode);
    const chosen = values ? (values.extendedScopesUsed ?? '').split('\n') : o.extendedScopesUsed;
    const training = values ? values.indexRequiresTraining : o.indexRequiresTraining ? 'yes' : 'no';
    return page(
      reply,
      s.view,
      {
        pageTitle: s.title,
        criteria: values?.criteria ?? o.criteria.join('\n'),
        acknowledgeWithinDays: values?.acknowledgeWithinDays ?? String(o.acknowledgeWithinDays),
        reviewEveryWeeks: values?.reviewEveryWeeks ?? String(o.reviewEveryWeeks),
        siblingAssessmentMonths: values?.siblingAssessmentMonths ?? String(o.siblingAssessmentMonths),
        section11PeriodMonths: values?.section11PeriodMonths ?? String(o.section11PeriodMonths),
        section11WeeksToComplete: values?.section11WeeksToComplete ?? String(o.section11WeeksToComplete),
        scopes: EXTENDED_SCOPES.values.map((v) => ({ value: v, text: v.charAt(0).toUpperCase() + v.slice(1), checked: chosen.includes(v) })),
        trainingItems: [
          { value: 'yes', text: 'Yes: training and checks must be in date', checked: training === 'yes' },
          { value: 'no', text: 'No: anyone whose role allows it may use the child index', checked: training === 'no' },
        ],
        effectiveFrom: values?.effectiveFrom ?? '',
        waiting: o.scheduled.filter((c) => c.name === s.field).map(waitingOf),
        backHref: can(user, 'settings.manage', user.areaCode) ? paths.localSettings : paths.adminUsers,
        errors,
      },
      status,
    );
  };
  for (const s of SIMPLE) {
    const allow = pageRoute(s.policy);
    app.get(s.url, allow, async (request, reply) => simplePage(reply, signedIn(request).user, s));
    app.post(s.url, allow, async (request, reply) => {
      const { user } = signedIn(request);
      const form = formOf(request.body);
      const scopes = checkedValues(request.body, 'extendedScopesUsed');
      const change = by(user, request.context);
      const work = {
        criteria: () => local.setCriteria(change, user.areaCode, form.criteria, form.effectiveFrom),
        acknowledgeWithinDays: () => local.setAcknowledgeWithinDays(change, user.areaCode, form.acknowledgeWithinDays, form.effectiveFrom),
        reviewEveryWeeks: () => local.setReviewEveryWeeks(change, user.areaCode, form.reviewEveryWeeks, form.effectiveFrom),
        siblingAssessmentMonths: () =>
          local.setSiblingAssessmentMonths(change, user.areaCode, form.siblingAssessmentMonths, form.effectiveFrom),
        section11PeriodMonths: () => local.setSection11PeriodMonths(change, user.areaCode, form.section11PeriodMonths, form.effectiveFrom),
        section11WeeksToComplete: () =>
          local.setSection11WeeksToComplete(change, user.areaCode, form.section11WeeksToComplete, form.effectiveFrom),
        extendedScopesUsed: () => local.setExtendedScopesUsed(change, user.areaCode, scopes, form.effectiveFrom),
        indexRequiresTraining: () => local.setIndexRequiresTraining(change, user.areaCode, form.indexRequiresTraining, form.effectiveFrom),
      }[s.field];
      const result = await handleForm(
        work,
        (errors, status) => simplePage(reply, user, s, { ...form, extendedScopesUsed: scopes.join('\n') }, errors, status),
        { hrefs: { indexRequiresTraining: 'indexRequiresTraining', extendedScopesUsed: 'extendedScopesUsed' } },
      );
      const back = can(user, 'settings.manage', user.areaCode) ? paths.localSettings : s.url;
      return result.ok ? reply.redirect(`${back}?done=${s.field}`, 303) : reply;
    });
  }

  // ---- Cancelling a change before its day --------------------------------------------------------
  app.post<{ Params: { changeId: string } }>(
    paths.localSettingsCancelChange(':changeId'),
    pageRoute('settings.indexTraining'),
    async (request, reply) => {
      const { user } = signedIn(request);
      const manager = can(user, 'settings.manage', user.areaCode);
      const cancelled = await local.cancel(by(user, request.context), user.areaCode, request.params.changeId, manager);
      const back = manager ? paths.localSettings : paths.localSettingsIndexTraining;
      return reply.redirect(`${back}?done=cancelled&key=${encodeURIComponent(cancelled.key)}`, 303);
    },
  );

  await app.register(localSettingsApiRoutes, { local, levels });
}
