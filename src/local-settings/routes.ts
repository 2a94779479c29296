import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { NATIONAL_NEED_LEVELS, type NeedLevelSchemeService, type SchemeInput } from '../assessment/index.js';
import { childFormat, EXTENDED_SCOPES } from '../children/index.js';
import { actorOf } from '../platform/auth/service.js';
import type { User } from '../platform/auth/repository.js';
import type { RequestContext } from '../platform/audit.js';
import { apiRoutes } from '../platform/http/api-route.js';
import { checkedValues, formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { pageRoute } from '../platform/http/views.js';
import { paths } from '../platform/paths.js';
import { policy } from '../platform/policy.js';
import type { SettingsService } from '../platform/settings.js';
import { localSettingsService } from './service.js';

/** Local settings (issue 13 item 4): one section for the area's administrator, pages and API alike. */

const page = pageRenderer('local-settings/views', { fmt: childFormat });
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

const LevelSchema = Type.Object({
  name: Type.String(),
  description: Type.String(),
  nationalLevel: NATIONAL_NEED_LEVELS.schema({ description: 'The level of 004 Table 4.1 it counts as in reports across areas' }),
});
const SchemeSchema = Type.Object({
  version: Type.Integer({ description: '0 for the national levels, used until the area sets its own' }),
  effectiveFrom: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  levels: Type.Array(LevelSchema),
});
const SchemeBody = Type.Object({
  effectiveFrom: Type.String({ description: 'YYYY-MM-DD: today or later (an area’s first scheme may start earlier)' }),
  levels: Type.Array(
    Type.Object({ name: Type.Optional(Type.String()), description: Type.Optional(Type.String()), nationalLevel: Type.Optional(Type.String()) }),
    { maxItems: 10, description: 'Three to five levels, in order' },
  ),
});
const SettingsSchema = Type.Object({
  leadProfessionalCriteria: Type.Array(Type.String()),
  acknowledgeWithinDays: Type.Integer(),
  extendedScopesUsed: Type.Array(Type.String()),
});
const SettingsBody = Type.Object({
  leadProfessionalCriteria: Type.Optional(Type.Array(Type.String(), { maxItems: 50 })),
  acknowledgeWithinDays: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
  extendedScopesUsed: Type.Optional(Type.Array(Type.String(), { maxItems: 10 })),
});

const schemeOut = (s: { version: number; effectiveFrom: string | null; levels: { name: string; description: string; nationalLevel: string }[] }) => ({
  version: s.version,
  effectiveFrom: s.effectiveFrom,
  levels: s.levels.map((l) => ({ name: l.name, description: l.description, nationalLevel: NATIONAL_NEED_LEVELS.parse(l.nationalLevel) })),
});

export async function localSettingsRoutes(
  app: FastifyInstance,
  { settings, levels }: { settings: SettingsService; levels: NeedLevelSchemeService },
): Promise<void> {
  const local = localSettingsService({ settings, levels });
  const manage = pageRoute('settings.manage');

  app.get(paths.localSettings, manage, async (request, reply) => {
    const { user } = signedIn(request);
    return page(reply, 'index.njk', { pageTitle: 'Local settings', areaName: user.areaName, s: await local.overview(user.areaCode) });
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

  // ---- One value each: criteria, days, scopes ---------------------------------------------------
  const simplePage = async (reply: FastifyReply, user: User, view: string, title: string, values?: Form, errors?: FormErrors, status = 200) => {
    const s = await local.overview(user.areaCode);
    const chosen = values ? (values.extendedScopesUsed ?? '').split('\n') : s.extendedScopesUsed;
    return page(
      reply,
      view,
      {
        pageTitle: title,
        criteria: values?.criteria ?? s.criteria.join('\n'),
        acknowledgeWithinDays: values?.acknowledgeWithinDays ?? String(s.acknowledgeWithinDays),
        scopes: EXTENDED_SCOPES.values.map((v) => ({ value: v, text: v.charAt(0).toUpperCase() + v.slice(1), checked: chosen.includes(v) })),
        errors,
      },
      status,
    );
  };
  const simple = [
    { url: paths.localSettingsCriteria, view: 'criteria.njk', title: 'Lead professional criteria', field: 'criteria' },
    { url: paths.localSettingsAcknowledge, view: 'acknowledge.njk', title: 'Days to acknowledge a referral', field: 'acknowledgeWithinDays' },
    { url: paths.localSettingsScopes, view: 'scopes.njk', title: 'Extended scopes the area uses', field: 'extendedScopesUsed' },
  ] as const;
  for (const s of simple) {
    app.get(s.url, manage, async (request, reply) => simplePage(reply, signedIn(request).user, s.view, s.title));
    app.post(s.url, manage, async (request, reply) => {
      const { user } = signedIn(request);
      const form = formOf(request.body);
      const scopes = checkedValues(request.body, 'extendedScopesUsed');
      const change = by(user, request.context);
      const work = {
        criteria: () => local.setCriteria(change, user.areaCode, form.criteria),
        acknowledgeWithinDays: () => local.setAcknowledgeWithinDays(change, user.areaCode, form.acknowledgeWithinDays),
        extendedScopesUsed: () => local.setExtendedScopesUsed(change, user.areaCode, scopes),
      }[s.field];
      const result = await handleForm(work, (errors, status) =>
        simplePage(reply, user, s.view, s.title, { ...form, extendedScopesUsed: scopes.join('\n') }, errors, status),
      );
      return result.ok ? reply.redirect(`${paths.localSettings}?done=${s.field}`, 303) : reply;
    });
  }

  // ---- API --------------------------------------------------------------------------------------
  const api = apiRoutes(app, { tags: ['local settings'], policy: policy.allow('settings.manage') });

  api.get('/api/levels-of-need', {
    policy: policy.allow('area.view'),
    summary: 'The area’s levels of need in force today (004 paras 231-233), each with the national level it counts as',
    schema: { response: { 200: SchemeSchema } },
    work: async ({ user }) => schemeOut(await levels.inForce(user.areaCode)),
  });

  api.get('/api/settings/levels-of-need', {
    summary: 'Every version of the area’s levels of need, newest first',
    schema: { response: { 200: Type.Array(SchemeSchema) } },
    work: async ({ user }) => (await levels.history(user.areaCode)).map(schemeOut),
  });

  api.post('/api/settings/levels-of-need', {
    summary: 'A new version of the area’s levels of need, from a date',
    description:
      'Three to five levels, names unique, each mapped to a level of 004 Table 4.1. Leaving out a level that open episodes hold is refused (level_in_use) with their count.',
    schema: { body: SchemeBody, response: { 201: Type.Object({ version: Type.Integer() }) } },
    work: async ({ user, body, context }) => ({ version: await levels.change(by(user, context), user.areaCode, body) }),
  });

  api.get('/api/settings', {
    summary: 'The area’s local settings: lead professional criteria, days to acknowledge a referral, extended scopes used',
    schema: { response: { 200: SettingsSchema } },
    work: async ({ user }) => {
      const s = await local.overview(user.areaCode);
      return { leadProfessionalCriteria: s.criteria, acknowledgeWithinDays: s.acknowledgeWithinDays, extendedScopesUsed: s.extendedScopesUsed };
    },
  });

  api.put('/api/settings', {
    summary: 'Change any of the area’s local settings; each change is audited and takes effect at once',
    schema: { body: SettingsBody, response: { 204: Type.Null() } },
    work: async ({ user, body, context }) => {
      await local.setMany(by(user, context), user.areaCode, body);
    },
  });
}
