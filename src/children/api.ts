import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../platform/http/api-route.js';
import { signedIn } from '../platform/http/plugin.js';
import { platformProblems } from '../platform/errors.js';
import { policy } from '../platform/policy.js';
import type { ChildServices } from './index.js';
import { childProblems as problems } from './errors.js';
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

const { notFound, conflict, validationFailed } = platformProblems;

export async function childApiRoutes(app: FastifyInstance, { children }: { children: ChildServices }): Promise<void> {
  apiRoute(app, {
    method: 'GET',
    url: '/api/children',
    policy: policy.allow('children.search'),
    summary: 'Find children',
    description:
      'Any combination of family and given name (typo and nickname tolerant), exact date of birth or a range, postcode, NHS number or UPN. The terms, reason and results are audited.',
    tags,
    schema: { querystring: s.SearchQuery, response: { 200: s.SearchResponse } },
    handler: async (request) => {
      const { reason, ...criteria } = request.query;
      return children.index.search(signedIn(request).user, criteria, reason, request.context);
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/children/:childId',
    policy: policy.allow('children.view'),
    summary: 'A child’s record',
    tags,
    schema: { params: s.ChildIdParams, querystring: s.ReasonQuery, response: { 200: s.ChildRecordSchema } },
    problems: [notFound],
    handler: async (request) => {
      const view = await children.index.view(signedIn(request).user, request.params.childId, request.query.reason, request.context);
      return toChildRecord(view.child, view.involvements, view.involved);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/children',
    policy: policy.allow('children.edit'),
    summary: 'Add a child to the index',
    tags,
    schema: { body: s.ChildBody, response: { 201: Type.Object({ id: Type.String(), possibleDuplicates: Type.Integer() }) } },
    problems: [conflict],
    handler: async (request, reply) =>
      reply.code(201).send(await children.records.create(signedIn(request).user, request.body, request.context)),
  });

  apiRoute(app, {
    method: 'PUT',
    url: '/api/children/:childId',
    policy: policy.allow('children.edit'),
    summary: 'Correct a child’s basic data (send the version you read)',
    tags,
    schema: { params: s.ChildIdParams, body: s.ChildUpdateBody, response: { 204: Type.Null() } },
    problems: [notFound, problems.stale, conflict],
    handler: async (request, reply) => {
      const { version, ...input } = request.body;
      await children.records.update(signedIn(request).user, request.params.childId, version, input, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/children/:childId/involvements',
    policy: policy.allow('children.edit'),
    summary: 'Record a service or practitioner involved with the child',
    tags,
    schema: { params: s.ChildIdParams, body: s.InvolvementBody, response: { 201: Created } },
    problems: [notFound],
    handler: async (request, reply) =>
      reply
        .code(201)
        .send({ id: await children.records.addInvolvement(signedIn(request).user, request.params.childId, request.body, request.context) }),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/children/:childId/involvements/:involvementId/end',
    policy: policy.allow('children.edit'),
    summary: 'End an involvement',
    tags,
    schema: { params: s.InvolvementParams, body: s.EndInvolvementBody, response: { 204: Type.Null() } },
    problems: [notFound, problems.alreadyEnded],
    handler: async (request, reply) => {
      const { childId, involvementId } = request.params;
      await children.records.endInvolvement(signedIn(request).user, childId, involvementId, request.body.endedOn, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/children/:childId/carers/:carerId',
    policy: policy.allow('children.edit'),
    summary: 'Remove a parent or carer (send the version you read)',
    tags,
    schema: { params: s.CarerParams, querystring: s.VersionQuery, response: { 204: Type.Null() } },
    problems: [notFound, problems.stale],
    handler: async (request, reply) => {
      const { childId, carerId } = request.params;
      await children.removals.removeCarer(signedIn(request).user, childId, carerId, request.query.version, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'DELETE',
    url: '/api/children/:childId/names/:nameId',
    policy: policy.allow('children.edit'),
    summary: 'Remove a previous or alternative name (send the version you read)',
    description: 'The current name cannot be removed (409 current_name): correct it with PUT /api/children/{childId}.',
    tags,
    schema: { params: s.NameParams, querystring: s.VersionQuery, response: { 204: Type.Null() } },
    problems: [notFound, problems.stale, problems.currentName],
    handler: async (request, reply) => {
      const { childId, nameId } = request.params;
      await children.removals.removeName(signedIn(request).user, childId, nameId, request.query.version, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/children/:childId/shielding-requests',
    policy: policy.allow('children.shielding'),
    summary: 'Ask for a record to be shielded or unshielded (a second person approves)',
    tags,
    schema: { params: s.ChildIdParams, body: s.ShieldingBody, response: { 201: Created } },
    problems: [notFound, problems.alreadyShielded, problems.notShielded, problems.shieldingRequestOpen],
    handler: async (request, reply) => {
      const { action, reason } = request.body;
      const id = await children.shielding.request(signedIn(request).user, request.params.childId, action, reason, request.context);
      return reply.code(201).send({ id });
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/shielding-requests/:id/decision',
    policy: policy.allow('children.shielding'),
    summary: 'Approve or reject a shielding request (designated safeguarding lead, not the requester)',
    tags,
    schema: { params: s.IdParams, body: s.DecisionBody, response: { 204: Type.Null() } },
    problems: [notFound, problems.decided],
    handler: async (request, reply) => {
      const { approve, note } = request.body;
      await children.shielding.decide(signedIn(request).user, request.params.id, approve, note ?? '', request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/possible-duplicates',
    policy: policy.allow('children.duplicates'),
    summary: 'Likely duplicates waiting for review, oldest first, a page at a time',
    description: 'Pairs whose records you may not see (shielded) are left out. A page beyond the last has no items.',
    tags,
    schema: { querystring: s.PageQuery, response: { 200: s.PendingDuplicatesResponse } },
    handler: async (request) => {
      // foundAt is a Date: the response schema's date-time format writes it as its ISO string.
      return children.duplicates.listPending(signedIn(request).user, request.query.page ?? 1, request.context);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/possible-duplicates/:id/merge',
    policy: policy.allow('children.duplicates'),
    summary: 'Merge a likely duplicate into the record to keep',
    tags,
    schema: { params: s.IdParams, body: s.MergeBody, response: { 201: Type.Object({ mergeId: Type.String() }) } },
    problems: [notFound, problems.decided, problems.bothOpenAssessments, validationFailed],
    handler: async (request, reply) => {
      const mergeId = await children.duplicates.merge(signedIn(request).user, request.params.id, request.body.keep, request.context);
      return reply.code(201).send({ mergeId });
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/possible-duplicates/:id/keep-apart',
    policy: policy.allow('children.duplicates'),
    summary: 'Record that two records are different children',
    tags,
    schema: { params: s.IdParams, response: { 204: Type.Null() } },
    problems: [notFound, problems.decided],
    handler: async (request, reply) => {
      await children.duplicates.keepApart(signedIn(request).user, request.params.id, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/child-merges/:id/undo',
    policy: policy.allow('children.duplicates'),
    summary: 'Undo a merge',
    tags,
    schema: { params: s.IdParams, response: { 204: Type.Null() } },
    problems: [notFound, problems.alreadyUndone, problems.mergedAgain],
    handler: async (request, reply) => {
      await children.duplicates.undoMerge(signedIn(request).user, request.params.id, request.context);
      return reply.code(204).send(null);
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/children/:childId/access-report',
    policy: policy.allow('children.access_report'),
    summary: 'Who has looked at this child (auditor)',
    tags,
    schema: { params: s.ChildIdParams, querystring: s.ReasonQuery },
    problems: [notFound],
    handler: async (request) =>
      children.oversight.accessReport(signedIn(request).user, request.params.childId, request.query.reason, request.context),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/children/:childId/subject-access-export',
    policy: policy.allow('children.access_report'),
    summary: 'Subject access request: what is held and who accessed it (auditor)',
    tags,
    schema: { params: s.ChildIdParams, querystring: s.ReasonQuery },
    problems: [notFound],
    handler: async (request, reply) => {
      const { childId } = request.params;
      const doc = await children.oversight.subjectAccessExport(signedIn(request).user, childId, request.query.reason, request.context);
      return reply.header('content-disposition', `attachment; filename="subject-access-${childId}.json"`).send(doc);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/access-reviews/:id',
    policy: policy.allow('children.access_reviews'),
    summary: 'Record the outcome of reviewing a flagged view',
    tags,
    schema: { params: s.IdParams, body: s.ReviewBody, response: { 204: Type.Null() } },
    problems: [notFound, problems.reviewed, problems.ownAccess],
    handler: async (request, reply) => {
      await children.oversight.recordReview(signedIn(request).user, request.params.id, request.body.outcome, request.context);
      return reply.code(204).send(null);
    },
  });
}
