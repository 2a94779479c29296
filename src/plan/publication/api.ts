import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../platform/http/api-route.js';
import { policy } from '../../platform/policy.js';
import { Nullable, Timestamp, Uuid } from '../../platform/schema.js';
import { planProblems } from '../errors.js';
import type { PlanRouteOptions } from '../routes.js';
import { PLAN_LANGUAGES } from './languages.js';
import { publicationPaths as up } from './paths.js';

/** Approval, versions and publication as JSON (ADR 0036): read with plan.view, changed by the planner (plan.manage). */

const PlanParams = Type.Object({ planId: Type.String() });
const VersionParams = Type.Object({ planId: Type.String(), version: Type.String() });

export const VersionListedSchema = Type.Object({
  id: Uuid,
  planId: Uuid,
  number: Type.Integer({ minimum: 1 }),
  decisionId: Uuid,
  decisionWords: Type.String({ description: 'The approving decision’s words as recorded at publication' }),
  decidedBy: Type.String({ description: 'The body whose decision approved it (the children’s trust board)' }),
  approvedOn: Type.String({ format: 'date' }),
  publishedAt: Timestamp,
  publishedByName: Type.String(),
});
const VersionSchema = Type.Intersect([
  VersionListedSchema,
  Type.Object({
    childrenSummary: Type.String({ description: 'The summary for children and young people published with this version' }),
    content: Type.Unknown({ description: 'The plan’s content as frozen at publication (PlanContent: plan, sections, priorities with aims, indicators, targets and key actions)' }),
  }),
]);
const DiffPartSchema = Type.Object({ kind: Type.Union([Type.Literal('same'), Type.Literal('added'), Type.Literal('removed')]), text: Type.String() });
const SectionChangeSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  titleBefore: Nullable(Type.String()),
  change: Type.Union([Type.Literal('unchanged'), Type.Literal('changed'), Type.Literal('added'), Type.Literal('removed')]),
  parts: Type.Array(DiffPartSchema, { description: 'The section’s words in reading order, each run kept, added or removed (words within a changed line)' }),
});

export async function publicationApiRoutes(app: FastifyInstance, { plan }: PlanRouteOptions): Promise<void> {
  const { publication } = plan;
  const api = apiRoutes(app, { tags: ['plan'], policy: policy.allow('plan.manage') });
  const read = policy.allow('plan.view');

  api.get(up.apiVersions(':planId'), {
    policy: read,
    summary: 'A plan’s published versions, newest first (without their content)',
    schema: { params: PlanParams, response: { 200: Type.Array(VersionListedSchema) } },
    problems: [planProblems.notFound],
    work: async ({ user, params }) => publication.versions(user, params.planId),
  });

  api.post(up.apiVersions(':planId'), {
    summary: 'Publish the plan as it stands as its next version, approved by the board’s decision (all or nothing; audited)',
    description:
      'Refused with plan_not_ready (409) while a required section is incomplete, naming each and why; the decision must be one of the children’s trust board’s, not already used for a version (decisionId: required, known_decision, board_decision, already_used).',
    schema: { params: PlanParams, body: Type.Object({ decisionId: Type.String() }), response: { 201: Type.Object({ number: Type.Integer() }) } },
    problems: [planProblems.notFound, planProblems.notReady],
    work: async ({ user, params, body, context }) => publication.publish({ user, ctx: context }, params.planId, body),
  });

  api.get(up.apiVersion(':planId', ':version'), {
    policy: read,
    summary: 'A published version as frozen, with its summary for children and young people',
    schema: { params: VersionParams, response: { 200: VersionSchema } },
    problems: [planProblems.notFound],
    work: async ({ user, params }) => (await publication.version(user, params.planId, params.version)).version,
  });

  api.get(up.apiVersionChanges(':planId', ':version'), {
    policy: read,
    summary: 'What a version changed from the one before, section by section (version 1: every section added)',
    schema: { params: VersionParams, response: { 200: Type.Object({ number: Type.Integer(), before: Nullable(Type.Integer()), changes: Type.Array(SectionChangeSchema) }) } },
    problems: [planProblems.notFound],
    work: async ({ user, params }) => {
      const found = await publication.changes(user, params.planId, params.version);
      return { number: found.version.number, before: found.before, changes: found.changes };
    },
  });

  api.get(up.apiDraftChanges(':planId'), {
    policy: read,
    summary: 'What the draft changes from the version last published, section by section',
    schema: { params: PlanParams, response: { 200: Type.Object({ latest: Nullable(Type.Integer()), changes: Type.Array(SectionChangeSchema) }) } },
    problems: [planProblems.notFound],
    work: async ({ user, params }) => {
      const found = await publication.draftChanges(user, params.planId);
      return { latest: found.latest, changes: found.changes };
    },
  });

  api.put(up.apiChildrenSummary(':planId'), {
    summary: 'Save the summary for children and young people, published with the next version (audited)',
    schema: { params: PlanParams, body: Type.Object({ body: Type.String() }), response: { 204: Type.Null() } },
    problems: [planProblems.notFound],
    work: async ({ user, params, body, context }) => {
      await publication.saveSummary({ user, ctx: context }, params.planId, body);
    },
  });

  api.put(up.apiTranslations(':planId', ':version', ':language'), {
    summary: 'Add or replace translations of a published version’s sections and summary into one language, all or none (audited)',
    description: `language: one of ${PLAN_LANGUAGES.values.join(', ')}. A section the version does not have is refused naming sections[i].sectionId (known_section).`,
    schema: {
      params: Type.Object({ planId: Type.String(), version: Type.String(), language: Type.String() }),
      body: Type.Object({
        summary: Type.Optional(
          Type.Object(
            { title: Type.Optional(Type.String()), body: Type.String() },
            { description: 'The summary for children and young people; its title is the plan’s title in the language' },
          ),
        ),
        sections: Type.Optional(Type.Array(Type.Object({ sectionId: Type.String(), title: Type.Optional(Type.String()), body: Type.String() }))),
      }),
      response: { 200: Type.Object({ language: Type.String(), saved: Type.Integer() }) },
    },
    problems: [planProblems.notFound],
    work: async ({ user, params, body, context }) => publication.translations.saveMany({ user, ctx: context }, params.planId, params.version, params.language, body),
  });
}
