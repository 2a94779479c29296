import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { signedIn } from '../platform/http/plugin.js';
import { policy } from '../platform/policy.js';
import type { ChildServices } from './index.js';
import * as s from './schemas.js';
import type { ChildDetails, ShownInvolvement } from './types.js';

/** The child index's JSON API. Same services as the pages; every read asks for a reason. */

export function toChildRecord(child: ChildDetails, involvements: ShownInvolvement[], involved: boolean) {
  return {
    id: child.id,
    nhsNumber: child.nhsNumber,
    upn: child.upn,
    givenName: child.givenName,
    familyName: child.familyName,
    dateOfBirth: child.dateOfBirth,
    gender: child.gender,
    addressLine1: child.addressLine1,
    addressLine2: child.addressLine2,
    town: child.town,
    postcode: child.postcode,
    school: child.school,
    gpPractice: child.gpPractice,
    extendedScope: child.extendedScope,
    shielded: child.shielded !== null,
    version: child.version,
    names: child.names.map(({ id, kind, givenName, familyName }) => ({ id, kind, givenName, familyName })),
    carers: child.carers.map(({ id, name, relationship, phone, email }) => ({ id, name, relationship, phone, email })),
    involvements,
    involved,
  };
}

const tags = ['child index'];
const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });

export async function childApiRoutes(app: FastifyInstance, { children }: { children: ChildServices }): Promise<void> {
  app.get<{ Querystring: s.SearchQuery }>(
    '/api/children',
    {
      config: { policy: policy.allow('children.search') },
      schema: {
        summary: 'Find children',
        description:
          'Any combination of family and given name (typo and nickname tolerant), exact date of birth or a range, postcode, NHS number or UPN. The terms, reason and results are audited.',
        tags,
        querystring: s.SearchQuery,
        response: { 200: s.SearchResponse },
      },
    },
    async (request) => {
      const { reason, ...criteria } = request.query;
      return children.index.search(signedIn(request).user, criteria, reason, request.context);
    },
  );

  app.get<{ Params: Static<typeof s.ChildIdParams>; Querystring: Static<typeof s.ReasonQuery> }>(
    '/api/children/:childId',
    {
      config: { policy: policy.allow('children.view') },
      schema: {
        summary: 'A child’s record',
        tags,
        params: s.ChildIdParams,
        querystring: s.ReasonQuery,
        response: { 200: s.ChildRecordSchema },
      },
    },
    async (request) => {
      const view = await children.index.view(signedIn(request).user, request.params.childId, request.query.reason, request.context);
      return toChildRecord(view.child, view.involvements, view.involved);
    },
  );

  app.post<{ Body: s.ChildBody }>(
    '/api/children',
    {
      config: { policy: policy.allow('children.edit') },
      schema: {
        summary: 'Add a child to the index',
        tags,
        body: s.ChildBody,
        response: { 201: Type.Object({ id: Type.String(), possibleDuplicates: Type.Integer() }) },
      },
    },
    async (request, reply) => reply.code(201).send(await children.records.create(signedIn(request).user, request.body, request.context)),
  );

  app.put<{ Params: Static<typeof s.ChildIdParams>; Body: Static<typeof s.ChildUpdateBody> }>(
    '/api/children/:childId',
    {
      config: { policy: policy.allow('children.edit') },
      schema: {
        summary: 'Correct a child’s basic data (send the version you read)',
        tags,
        params: s.ChildIdParams,
        body: s.ChildUpdateBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { version, ...input } = request.body;
      await children.records.update(signedIn(request).user, request.params.childId, version, input, request.context);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Static<typeof s.ChildIdParams>; Body: Static<typeof s.InvolvementBody> }>(
    '/api/children/:childId/involvements',
    {
      config: { policy: policy.allow('children.edit') },
      schema: {
        summary: 'Record a service or practitioner involved with the child',
        tags,
        params: s.ChildIdParams,
        body: s.InvolvementBody,
        response: { 201: Created },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ id: await children.records.addInvolvement(signedIn(request).user, request.params.childId, request.body, request.context) }),
  );

  app.post<{ Params: Static<typeof s.InvolvementParams>; Body: Static<typeof s.EndInvolvementBody> }>(
    '/api/children/:childId/involvements/:involvementId/end',
    {
      config: { policy: policy.allow('children.edit') },
      schema: {
        summary: 'End an involvement',
        tags,
        params: s.InvolvementParams,
        body: s.EndInvolvementBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await children.records.endInvolvement(
        signedIn(request).user,
        request.params.childId,
        request.params.involvementId,
        request.body.endedOn,
        request.context,
      );
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Static<typeof s.CarerParams>; Querystring: Static<typeof s.VersionQuery> }>(
    '/api/children/:childId/carers/:carerId',
    {
      config: { policy: policy.allow('children.edit') },
      schema: {
        summary: 'Remove a parent or carer (send the version you read)',
        tags,
        params: s.CarerParams,
        querystring: s.VersionQuery,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { childId, carerId } = request.params;
      await children.removals.removeCarer(signedIn(request).user, childId, carerId, request.query.version, request.context);
      return reply.code(204).send();
    },
  );

  app.delete<{ Params: Static<typeof s.NameParams>; Querystring: Static<typeof s.VersionQuery> }>(
    '/api/children/:childId/names/:nameId',
    {
      config: { policy: policy.allow('children.edit') },
      schema: {
        summary: 'Remove a previous or alternative name (send the version you read)',
        description: 'The current name cannot be removed (409 current_name): correct it with PUT /api/children/{childId}.',
        tags,
        params: s.NameParams,
        querystring: s.VersionQuery,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const { childId, nameId } = request.params;
      await children.removals.removeName(signedIn(request).user, childId, nameId, request.query.version, request.context);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Static<typeof s.ChildIdParams>; Body: Static<typeof s.ShieldingBody> }>(
    '/api/children/:childId/shielding-requests',
    {
      config: { policy: policy.allow('children.shielding') },
      schema: {
        summary: 'Ask for a record to be shielded or unshielded (a second person approves)',
        tags,
        params: s.ChildIdParams,
        body: s.ShieldingBody,
        response: { 201: Created },
      },
    },
    async (request, reply) =>
      reply.code(201).send({
        id: await children.shielding.request(
          signedIn(request).user,
          request.params.childId,
          request.body.action,
          request.body.reason,
          request.context,
        ),
      }),
  );

  app.post<{ Params: Static<typeof s.IdParams>; Body: Static<typeof s.DecisionBody> }>(
    '/api/shielding-requests/:id/decision',
    {
      config: { policy: policy.allow('children.shielding') },
      schema: {
        summary: 'Approve or reject a shielding request (designated safeguarding lead, not the requester)',
        tags,
        params: s.IdParams,
        body: s.DecisionBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await children.shielding.decide(
        signedIn(request).user,
        request.params.id,
        request.body.approve,
        request.body.note ?? '',
        request.context,
      );
      return reply.code(204).send();
    },
  );

  app.get<{ Querystring: Static<typeof s.PageQuery> }>(
    '/api/possible-duplicates',
    {
      config: { policy: policy.allow('children.duplicates') },
      schema: {
        summary: 'Likely duplicates waiting for review, oldest first, a page at a time',
        description: 'Pairs whose records you may not see (shielded) are left out. A page beyond the last has no items.',
        tags,
        querystring: s.PageQuery,
        response: { 200: s.PendingDuplicatesResponse },
      },
    },
    async (request) => {
      const queue = await children.duplicates.listPending(signedIn(request).user, request.query.page ?? 1, request.context);
      return { ...queue, items: queue.items.map((p) => ({ ...p, foundAt: p.foundAt.toISOString() })) };
    },
  );

  app.post<{ Params: Static<typeof s.IdParams>; Body: Static<typeof s.MergeBody> }>(
    '/api/possible-duplicates/:id/merge',
    {
      config: { policy: policy.allow('children.duplicates') },
      schema: {
        summary: 'Merge a likely duplicate into the record to keep',
        tags,
        params: s.IdParams,
        body: s.MergeBody,
        response: { 201: Type.Object({ mergeId: Type.String() }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send({ mergeId: await children.duplicates.merge(signedIn(request).user, request.params.id, request.body.keep, request.context) }),
  );

  app.post<{ Params: Static<typeof s.IdParams> }>(
    '/api/possible-duplicates/:id/keep-apart',
    {
      config: { policy: policy.allow('children.duplicates') },
      schema: { summary: 'Record that two records are different children', tags, params: s.IdParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await children.duplicates.keepApart(signedIn(request).user, request.params.id, request.context);
      return reply.code(204).send();
    },
  );

  app.post<{ Params: Static<typeof s.IdParams> }>(
    '/api/child-merges/:id/undo',
    {
      config: { policy: policy.allow('children.duplicates') },
      schema: { summary: 'Undo a merge', tags, params: s.IdParams, response: { 204: Type.Null() } },
    },
    async (request, reply) => {
      await children.duplicates.undoMerge(signedIn(request).user, request.params.id, request.context);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: Static<typeof s.ChildIdParams>; Querystring: Static<typeof s.ReasonQuery> }>(
    '/api/children/:childId/access-report',
    {
      config: { policy: policy.allow('children.access_report') },
      schema: { summary: 'Who has looked at this child (auditor)', tags, params: s.ChildIdParams, querystring: s.ReasonQuery },
    },
    async (request) =>
      children.oversight.accessReport(signedIn(request).user, request.params.childId, request.query.reason, request.context),
  );

  app.get<{ Params: Static<typeof s.ChildIdParams>; Querystring: Static<typeof s.ReasonQuery> }>(
    '/api/children/:childId/subject-access-export',
    {
      config: { policy: policy.allow('children.access_report') },
      schema: {
        summary: 'Subject access request: what is held and who accessed it (auditor)',
        tags,
        params: s.ChildIdParams,
        querystring: s.ReasonQuery,
      },
    },
    async (request, reply) => {
      const doc = await children.oversight.subjectAccessExport(
        signedIn(request).user,
        request.params.childId,
        request.query.reason,
        request.context,
      );
      return reply.header('content-disposition', `attachment; filename="subject-access-${request.params.childId}.json"`).send(doc);
    },
  );

  app.post<{ Params: Static<typeof s.IdParams>; Body: Static<typeof s.ReviewBody> }>(
    '/api/access-reviews/:id',
    {
      config: { policy: policy.allow('children.access_reviews') },
      schema: {
        summary: 'Record the outcome of reviewing a flagged view',
        tags,
        params: s.IdParams,
        body: s.ReviewBody,
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await children.oversight.recordReview(signedIn(request).user, request.params.id, request.body.outcome, request.context);
      return reply.code(204).send();
    },
  );
}
