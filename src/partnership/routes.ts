import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError, platformProblems } from '../platform/errors.js';
import { apiRoute } from '../platform/http/api-route.js';
import { dateParts, formOf, formErrors } from '../platform/http/forms.js';
import { signedIn } from '../platform/http/plugin.js';
import { formatDate } from '../platform/dates.js';
import { paths } from '../platform/paths.js';
import { can, policy } from '../platform/policy.js';
import { partnershipProblems } from './errors.js';
import { callerOf, partnershipPageRoutes } from './routes-pages.js';
import { AreaCodeParams, AreaOverviewSchema, AsAtQuery, ClosePartnerBody, NewAreaBody, PartnerBody, PartnerParams } from './schemas.js';
import type { AreaOverview, PartnershipService } from './service.js';

/** The overview as the API gives it: each partner's status is its status on the day asked for. */
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

  apiRoute(app, {
    method: 'GET',
    url: '/api/areas/:areaCode',
    policy: areaPolicy,
    summary: 'A local area with its districts and partner organisations, as they stood on a day',
    description:
      'Each partner’s status comes from the dates of the duty that brings it in (Children Act 2004 s10(4) as enacted and as amended).',
    tags: ['partnership'],
    schema: { params: AreaCodeParams, querystring: AsAtQuery, response: { 200: AreaOverviewSchema } },
    problems: [platformProblems.notFound],
    handler: async (request) => overviewJson(await partnership.areaOverview(request.params.areaCode, request.query.asAt)),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/areas',
    policy: policy.allow('areas.create'),
    summary: 'Create an area (system administrators)',
    description:
      'The ONS code must be on the list of English upper-tier authorities the service ships. The lead authority is registered with it.',
    tags: ['partnership'],
    schema: {
      body: NewAreaBody,
      response: { 201: Type.Object({ code: Type.String(), leadAuthorityId: Type.String({ format: 'uuid' }) }) },
    },
    problems: [partnershipProblems.areaExists],
    handler: async (request, reply) => reply.code(201).send(await partnership.createArea(callerOf(request), request.body)),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/areas/:areaCode/partners',
    policy: manage,
    summary: 'Register a partner organisation',
    tags: ['partnership'],
    schema: { params: AreaCodeParams, body: PartnerBody },
    problems: [platformProblems.notFound, partnershipProblems.partnerNameTaken],
    handler: async (request, reply) => {
      const id = await partnership.registerPartner(callerOf(request), request.params.areaCode, request.body);
      return reply.code(201).send({ id });
    },
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/areas/:areaCode/partners/:partnerId',
    policy: manage,
    summary: 'Change a partner organisation',
    tags: ['partnership'],
    schema: { params: PartnerParams, body: PartnerBody },
    problems: [platformProblems.notFound, partnershipProblems.partnerNameTaken],
    handler: async (request, reply) => {
      await partnership.changePartner(callerOf(request), request.params.areaCode, request.params.partnerId, request.body);
      return reply.code(204).send();
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/areas/:areaCode/partners/:partnerId/close',
    policy: manage,
    summary: 'Close a partner organisation with the date it left',
    tags: ['partnership'],
    schema: { params: PartnerParams, body: ClosePartnerBody },
    problems: [platformProblems.notFound, partnershipProblems.partnerClosed],
    handler: async (request, reply) => {
      await partnership.closePartner(callerOf(request), request.params.areaCode, request.params.partnerId, request.body.closedOn);
      return reply.code(204).send();
    },
  });

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/areas/:areaCode/partners/:partnerId',
    policy: manage,
    summary: 'Delete a partner entered by mistake (one that holds no records)',
    tags: ['partnership'],
    schema: { params: PartnerParams },
    problems: [platformProblems.notFound, partnershipProblems.partnerHoldsRecords],
    handler: async (request, reply) => {
      await partnership.deletePartner(callerOf(request), request.params.areaCode, request.params.partnerId);
      return reply.code(204).send();
    },
  });
}
