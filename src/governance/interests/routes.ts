import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DirectoryService } from '../../directory/index.js';
import type { PartnershipService } from '../../partnership/index.js';
import { apiRoutes } from '../../platform/http/api-route.js';
import { formOf, handleForm, pageRenderer, type Form, type FormErrors } from '../../platform/http/forms.js';
import { pageRoute } from '../../platform/http/views.js';
import { formatDate } from '../../platform/dates.js';
import { policy } from '../../platform/policy.js';
import { governanceProblems } from '../errors.js';
import { businessPaths } from '../meetings/paths.js';
import { callerOf, callerOfCall } from '../meetings/caller.js';
import type { InterestsService } from './service.js';

/**
 * Declarations of interest (issue 16 item 5): a person's own page, where they keep theirs up to date,
 * and the same as JSON; the secretariat records one for a seat whose holder has no sign-in (API).
 */

const page = pageRenderer('governance/interests/views', { businessPaths, formatDate });

const DeclarationSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  organisationId: Type.Union([Type.String(), Type.Null()]),
  serviceId: Type.Union([Type.String(), Type.Null()]),
  subject: Type.String(),
  nature: Type.String(),
  fromOn: Type.String({ format: 'date' }),
  toOn: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  current: Type.Boolean({ description: 'Stands today' }),
});
const DeclarationBody = Type.Object({
  organisationId: Type.Optional(Type.String({ description: 'A partner organisation of the area; or serviceId, not both' })),
  serviceId: Type.Optional(Type.String({ description: 'A service of the area’s list' })),
  nature: Type.String({ description: 'Like “Trustee”, “Employed by it”, “My partner is its manager”' }),
  fromOn: Type.String({ description: 'YYYY-MM-DD' }),
  toOn: Type.Optional(Type.String({ description: 'YYYY-MM-DD, when the interest ended' })),
});
const EndBody = Type.Object({ toOn: Type.String({ description: 'YYYY-MM-DD: the day the interest ended' }) });

export async function interestRoutes(
  app: FastifyInstance,
  { interests, partnership, directory }: { interests: InterestsService; partnership: PartnershipService; directory: DirectoryService },
): Promise<void> {
  const own = pageRoute('governance.interests');

  const interestsPage = async (reply: FastifyReply, request: FastifyRequest, values: Form, errors?: FormErrors, status = 200) => {
    const caller = callerOf(request);
    const declarations = await interests.mine(caller);
    const organisations = [{ value: '', text: 'None: the interest is in a service' }, ...(await partnership.listOrganisations(caller.user.areaCode)).map((o) => ({ value: o.id, text: o.name, selected: o.id === values.organisationId }))];
    const services = [{ value: '', text: 'None: the interest is in an organisation' }, ...(await directory.list(caller.user.areaCode)).map((s) => ({ value: s.id, text: s.name, selected: s.id === values.serviceId }))];
    const done = (request.query as { done?: string }).done;
    return page(
      reply,
      'interests.njk',
      {
        pageTitle: 'Your declarations of interest',
        current: declarations.filter((d) => d.current),
        past: declarations.filter((d) => !d.current),
        organisations,
        services,
        values,
        errors,
        banner: done === 'declared' ? 'Interest declared' : done === 'ended' ? 'Interest ended' : undefined,
      },
      status,
    );
  };
  app.get(businessPaths.interests, own, async (request, reply) => interestsPage(reply, request, {}));
  app.post(businessPaths.interests, own, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => interests.declare(callerOf(request), form),
      (errors, status) => interestsPage(reply, request, form, errors, status),
    );
    return result.ok ? reply.redirect(`${businessPaths.interests}?done=declared`, 303) : reply;
  });
  app.post<{ Params: { interestId: string } }>(businessPaths.interestEnd(':interestId'), own, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => interests.end(callerOf(request), request.params.interestId, form),
      (errors, status) => interestsPage(reply, request, {}, { summary: errors.summary, byField: {} }, status),
    );
    return result.ok ? reply.redirect(`${businessPaths.interests}?done=ended`, 303) : reply;
  });

  const api = apiRoutes(app, { tags: ['governance'], policy: policy.allow('governance.interests') });
  api.get('/api/governance/interests', {
    summary: 'Your own declarations of interest (000 §2.43), newest first',
    schema: { response: { 200: Type.Array(DeclarationSchema) } },
    work: async (call) => interests.mine(callerOfCall(call)),
  });
  api.post('/api/governance/interests', {
    summary: 'Declare an interest of your own in a partner organisation or a service of the area (audited)',
    schema: { body: DeclarationBody, response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    work: async (call) => ({ id: await interests.declare(callerOfCall(call), call.body) }),
  });
  api.post('/api/governance/interests/:interestId/end', {
    summary: 'End one of your declarations on a day; the secretariat ends one it recorded for a seat (audited)',
    schema: { params: Type.Object({ interestId: Type.String() }), body: EndBody, response: { 204: Type.Null() } },
    problems: [governanceProblems.notFound, governanceProblems.notInBody],
    work: async (call) => {
      await interests.end(callerOfCall(call), call.params.interestId, call.body);
    },
  });
  api.post('/api/governance/members/:memberId/interests', {
    summary: 'The secretariat records a declaration for a seat whose holder has no sign-in (audited)',
    policy: policy.allow('governance.business'),
    schema: { params: Type.Object({ memberId: Type.String() }), body: DeclarationBody, response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }) }) } },
    problems: [governanceProblems.notFound, governanceProblems.notInBody],
    work: async (call) => ({ id: await interests.declareForMember(callerOfCall(call), call.params.memberId, call.body) }),
  });
}
