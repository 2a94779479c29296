import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError, platformProblems } from '../platform/errors.js';
import { apiRoutes } from '../platform/http/api-route.js';
import { dateParts, formOf, formErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { formatDate } from '../platform/dates.js';
import { paths } from '../platform/paths.js';
import { can, policy } from '../platform/policy.js';
import { partnershipProblems } from './errors.js';
import { callerOf, partnershipPageRoutes } from './routes-pages.js';
import { AreaCodeParams, AreaOverviewSchema, AsAtQuery, ClosePartnerBody, NewAreaBody, PartnerBody, PartnerParams } from './schemas.js';
import type { AreaOverview, PartnershipService } from './service.js';

/** The overview as the API gives it: each partner's status is the one its duty gave it on the day asked for. */
const overviewJson = (o: AreaOverview) => ({
  ...o,
  organisations: o.organisations.map((p) => ({ ...p, partnerStatus: p.statusOnDate })),
});

export async function partnershipRoutes(app: FastifyInstance, { partnership }: { partnership: PartnershipService }): Promise<void> {
  const areaPolicy = policy.allow('area.view', { areaParam: 'areaCode' });
  const manage = policy.allow('partners.manage', { areaParam: 'areaCode' });

  app.get<{ Params: { areaCode: string } }>(
    paths.areaPattern,
    { config: { policy: areaPolicy }, schema: { hide: true, params: AreaCodeParams } },
    async (request, reply) => {
      const { user } = signedIn(request);
      const { areaCode } = request.params;
      const form = formOf(request.query);
      const asAt = dateParts(form, 'asAt');
      const view = { canManage: can(user, 'partners.manage', areaCode), values: form, formatDate };
      try {
        const overview = await partnership.areaOverview(areaCode, asAt);
        return reply.render('partnership/views/area.njk', { pageTitle: overview.area.name, ...overview, ...view });
      } catch (error) {
        // A date that is not a real one: the page again for today, with the date box marked.
        if (!(error instanceof AppError) || error.fieldErrors.length === 0) throw error;
        const overview = await partnership.areaOverview(areaCode);
        const errors = formErrors(error.fieldErrors, { dates: ['asAt'] });
        return reply.code(400).render('partnership/views/area.njk', { pageTitle: overview.area.name, ...overview, ...view, errors });
      }
    },
  );

  await partnershipPageRoutes(app, { partnership });

  const api = apiRoutes(app, { tags: ['partnership'], policy: manage });
  const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });
  const Done = { 204: Type.Null() };

  api.get('/api/areas/:areaCode', {
    policy: areaPolicy,
    summary: 'A local area with its districts and partner organisations, as they stood on a day',
    description:
      'Each partner’s status comes from the dates of the duty that brings it in (Children Act 2004 s10(4) as enacted and as amended).',
    schema: { params: AreaCodeParams, querystring: AsAtQuery, response: { 200: AreaOverviewSchema } },
    problems: [platformProblems.notFound],
    work: async ({ params, query }) => overviewJson(await partnership.areaOverview(params.areaCode, query.asAt)),
  });

  api.post('/api/areas', {
    policy: policy.allow('areas.create'),
    summary: 'Create an area (system administrators)',
    description:
      'The ONS code must be on the list of English upper-tier authorities the service ships. The lead authority is registered with it.',
    schema: {
      body: NewAreaBody,
      response: { 201: Type.Object({ code: Type.String(), leadAuthorityId: Type.String({ format: 'uuid' }) }) },
    },
    problems: [partnershipProblems.areaExists],
    work: async ({ request, body }) => partnership.createArea(callerOf(request), body),
  });

  api.post('/api/areas/:areaCode/partners', {
    summary: 'Register a partner organisation',
    schema: { params: AreaCodeParams, body: PartnerBody, response: { 201: Created } },
    problems: [platformProblems.notFound, partnershipProblems.partnerNameTaken],
    work: async ({ request, params, body }) => ({ id: await partnership.registerPartner(callerOf(request), params.areaCode, body) }),
  });

  api.put('/api/areas/:areaCode/partners/:partnerId', {
    summary: 'Change a partner organisation',
    schema: { params: PartnerParams, body: PartnerBody, response: Done },
    problems: [platformProblems.notFound, partnershipProblems.partnerNameTaken],
    work: async ({ request, params, body }) => partnership.changePartner(callerOf(request), params.areaCode, params.partnerId, body),
  });

  api.post('/api/areas/:areaCode/partners/:partnerId/close', {
    summary: 'Close a partner organisation with the date it left',
    schema: { params: PartnerParams, body: ClosePartnerBody, response: Done },
    problems: [platformProblems.notFound, partnershipProblems.partnerClosed],
    work: async ({ request, params, body }) =>
      partnership.closePartner(callerOf(request), params.areaCode, params.partnerId, body.closedOn),
  });

  api.delete('/api/areas/:areaCode/partners/:partnerId', {
    summary: 'Delete a partner entered by mistake (one that holds no records)',
    schema: { params: PartnerParams, response: Done },
    problems: [platformProblems.notFound, partnershipProblems.partnerHoldsRecords],
    work: async ({ request, params }) => partnership.deletePartner(callerOf(request), params.areaCode, params.partnerId),
  });
}
