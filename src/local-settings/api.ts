import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { NATIONAL_NEED_LEVELS, type NeedLevelSchemeService } from '../assessment/index.js';
import { actorOf } from '../platform/auth/service.js';
import { platformProblems } from '../platform/errors.js';
import { apiRoutes } from '../platform/http/api-route.js';
import { policy } from '../platform/policy.js';
import type { LocalSettingsService } from './service.js';

/** Local settings' JSON API (issue 13 item 4): the same services as the pages. */

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
const ScheduledSchema = Type.Object({
  id: Type.String({ format: 'uuid', description: 'What DELETE /api/settings/changes/{changeId} takes to cancel it' }),
  setting: Type.String({ description: 'The name of the setting, as PUT /api/settings takes it' }),
  value: Type.Unknown(),
  effectiveFrom: Type.String({ format: 'date' }),
  changedBy: Type.Union([Type.String(), Type.Null()]),
});
const SettingsSchema = Type.Object({
  asAt: Type.String({ format: 'date', description: 'The day the values are in force on' }),
  leadProfessionalCriteria: Type.Array(Type.String()),
  acknowledgeWithinDays: Type.Integer(),
  reviewEveryWeeks: Type.Integer({ description: 'Weeks after the last review (or the start) at which a team around the child is due to review again' }),
  siblingAssessmentMonths: Type.Integer({ description: 'Months after closing that a sibling’s assessment is still shown when one is started' }),
  extendedScopesUsed: Type.Array(Type.String()),
  indexRequiresTraining: Type.Boolean(),
  section11PeriodMonths: Type.Integer({ description: 'Months a section 11 audit round covers when the LSCB gives no end to its period' }),
  section11WeeksToComplete: Type.Integer({ description: 'Weeks agencies have to complete a section 11 audit when the LSCB gives no due date' }),
  scheduled: Type.Array(ScheduledSchema, { description: 'Changes made and waiting for their day, soonest first' }),
});
const SettingsQuery = Type.Object({
  asAt: Type.Optional(Type.String({ format: 'date', description: 'YYYY-MM-DD: the values in force on that day; today when absent' })),
});
const SettingsBody = Type.Object({
  leadProfessionalCriteria: Type.Optional(Type.Array(Type.String(), { maxItems: 50 })),
  acknowledgeWithinDays: Type.Optional(Type.Union([Type.Integer(), Type.String()])),
  reviewEveryWeeks: Type.Optional(Type.Union([Type.Integer(), Type.String()], { description: '1 to 52' })),
  siblingAssessmentMonths: Type.Optional(Type.Union([Type.Integer(), Type.String()], { description: '1 to 60' })),
  extendedScopesUsed: Type.Optional(Type.Array(Type.String(), { maxItems: 10 })),
  indexRequiresTraining: Type.Optional(Type.Boolean()),
  section11PeriodMonths: Type.Optional(Type.Union([Type.Integer(), Type.String()], { description: '1 to 36' })),
  section11WeeksToComplete: Type.Optional(Type.Union([Type.Integer(), Type.String()], { description: '1 to 52' })),
  effectiveFrom: Type.Optional(Type.String({ description: 'YYYY-MM-DD: the day every value given takes effect, today or later; today when absent' })),
});
const ChangeParams = Type.Object({ changeId: Type.String() });

const schemeOut = (s: { version: number; effectiveFrom: string | null; levels: { name: string; description: string; nationalLevel: string }[] }) => ({
  version: s.version,
  effectiveFrom: s.effectiveFrom,
  levels: s.levels.map((l) => ({ name: l.name, description: l.description, nationalLevel: NATIONAL_NEED_LEVELS.parse(l.nationalLevel) })),
});

export async function localSettingsApiRoutes(
  app: FastifyInstance,
  { local, levels }: { local: LocalSettingsService; levels: NeedLevelSchemeService },
): Promise<void> {
  const api = apiRoutes(app, { tags: ['local settings'], policy: policy.allow('settings.manage') });
  const by = (user: Parameters<typeof actorOf>[0], ctx: Parameters<LocalSettingsService['setMany']>[0]['ctx']) => ({ actor: actorOf(user), ctx });

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
    summary: 'The area’s local settings in force on a day (today unless asAt says), and the changes waiting for their day',
    schema: { querystring: SettingsQuery, response: { 200: SettingsSchema } },
    work: async ({ user, query }) => {
      const s = await local.overview(user.areaCode, query.asAt);
      return {
        asAt: s.asAt,
        leadProfessionalCriteria: s.criteria,
        acknowledgeWithinDays: s.acknowledgeWithinDays,
        reviewEveryWeeks: s.reviewEveryWeeks,
        siblingAssessmentMonths: s.siblingAssessmentMonths,
        extendedScopesUsed: s.extendedScopesUsed,
        indexRequiresTraining: s.indexRequiresTraining,
        section11PeriodMonths: s.section11PeriodMonths,
        section11WeeksToComplete: s.section11WeeksToComplete,
        scheduled: s.scheduled.map((c) => ({ id: c.id, setting: c.name, value: c.value, effectiveFrom: c.effectiveFrom, changedBy: c.changedByName })),
      };
    },
  });

  api.put('/api/settings', {
    summary: 'Change any of the area’s local settings, from today or a later day; all saved or none, each change audited',
    description:
      'Every value is checked first; then all are saved in one transaction. A day already past is refused (effectiveFrom: date_in_past); a second change of a setting on a day that already has one waiting is refused (effectiveFrom: already_scheduled).',
    schema: { body: SettingsBody, response: { 204: Type.Null() } },
    work: async ({ user, body, context }) => {
      await local.setMany(by(user, context), user.areaCode, body);
    },
  });

  api.delete('/api/settings/changes/:changeId', {
    summary: 'Cancel a change of a local setting before it takes effect (audited)',
    schema: { params: ChangeParams, response: { 204: Type.Null() } },
    problems: [platformProblems.notFound, platformProblems.settingChangeNotPending],
    work: async ({ user, params, context }) => {
      await local.cancel(by(user, context), user.areaCode, params.changeId, true);
    },
  });
}
