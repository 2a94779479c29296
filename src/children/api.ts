import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../platform/http/api-route.js';
import { platformProblems } from '../platform/errors.js';
import { policy } from '../platform/policy.js';
import type { ChildServices } from './index.js';
import { childProblems as problems } from './errors.js';
import * as s from './schemas.js';
import { basicDataOf, type ChildDetails, type ShownInvolvement } from './types.js';

/** The child index's JSON API. Same services as the pages; every read asks for a reason. */

export function toChildRecord(child: ChildDetails, involvements: ShownInvolvement[], involved: boolean) {
  return {
    id: child.id,
    ...basicDataOf(child),
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
  const { index, records, removals, shielding, duplicates, oversight } = children;
  const api = apiRoutes(app, { tags, policy: policy.allow('children.edit') });
  const shields = policy.allow('children.shielding');
  const reviewsDuplicates = policy.allow('children.duplicates');
  const reportsAccess = policy.allow('children.access_report');

  api.get('/api/children', {
    policy: policy.allow('children.search'),
    summary: 'Find children',
    description:
      'Any combination of family and given name (typo and nickname tolerant), exact date of birth or a range, postcode, NHS number or UPN. The terms, reason and results are audited.',
    schema: { querystring: s.SearchQuery, response: { 200: s.SearchResponse } },
    work: async ({ user, query: { reason, ...criteria }, context }) => index.search(user, criteria, reason, context),
  });

  api.get('/api/children/:childId', {
    policy: policy.allow('children.view'),
    summary: 'A child’s record',
    schema: { params: s.ChildIdParams, querystring: s.ReasonQuery, response: { 200: s.ChildRecordSchema } },
    problems: [notFound],
    work: async ({ user, params, query, context }) => {
      const view = await index.view(user, params.childId, query.reason, context);
      return toChildRecord(view.child, view.involvements, view.involved);
    },
  });

  api.post('/api/children', {
    summary: 'Add a child to the index',
    schema: { body: s.ChildBody, response: { 201: Type.Object({ id: Type.String(), possibleDuplicates: Type.Integer() }) } },
    problems: [conflict],
    work: async ({ user, body, context }) => records.create(user, body, context),
  });

  api.put('/api/children/:childId', {
    summary: 'Correct a child’s basic data (send the version you read)',
    schema: { params: s.ChildIdParams, body: s.ChildUpdateBody, response: { 204: Type.Null() } },
    problems: [notFound, problems.stale, conflict],
    work: async ({ user, params, body: { version, ...input }, context }) => records.update(user, params.childId, version, input, context),
  });

  api.post('/api/children/:childId/involvements', {
    summary: 'Record a service or practitioner involved with the child',
    schema: { params: s.ChildIdParams, body: s.InvolvementBody, response: { 201: Created } },
    problems: [notFound],
    work: async ({ user, params, body, context }) => ({ id: await records.addInvolvement(user, params.childId, body, context) }),
  });

  api.post('/api/children/:childId/involvements/:involvementId/end', {
    summary: 'End an involvement',
    schema: { params: s.InvolvementParams, body: s.EndInvolvementBody, response: { 204: Type.Null() } },
    problems: [notFound, problems.alreadyEnded],
    work: async ({ user, params, body, context }) =>
      records.endInvolvement(user, params.childId, params.involvementId, body.endedOn, context),
  });

  api.delete('/api/children/:childId/carers/:carerId', {
    summary: 'Remove a parent or carer (send the version you read)',
    schema: { params: s.CarerParams, querystring: s.VersionQuery, response: { 204: Type.Null() } },
    problems: [notFound, problems.stale],
    work: async ({ user, params, query, context }) => removals.removeCarer(user, params.childId, params.carerId, query.version, context),
  });

  api.delete('/api/children/:childId/names/:nameId', {
    summary: 'Remove a previous or alternative name (send the version you read)',
    description: 'The current name cannot be removed (409 current_name): correct it with PUT /api/children/{childId}.',
    schema: { params: s.NameParams, querystring: s.VersionQuery, response: { 204: Type.Null() } },
    problems: [notFound, problems.stale, problems.currentName],
    work: async ({ user, params, query, context }) => removals.removeName(user, params.childId, params.nameId, query.version, context),
  });

  api.post('/api/children/:childId/shielding-requests', {
    policy: shields,
    summary: 'Ask for a record to be shielded or unshielded (a second person approves)',
    schema: { params: s.ChildIdParams, body: s.ShieldingBody, response: { 201: Created } },
    problems: [notFound, problems.alreadyShielded, problems.notShielded, problems.shieldingRequestOpen],
    work: async ({ user, params, body, context }) => ({
      id: await shielding.request(user, params.childId, body.action, body.reason, context),
    }),
  });

  api.post('/api/shielding-requests/:id/decision', {
    policy: shields,
    summary: 'Approve or reject a shielding request (designated safeguarding lead, not the requester)',
    schema: { params: s.IdParams, body: s.DecisionBody, response: { 204: Type.Null() } },
    problems: [notFound, problems.decided],
    work: async ({ user, params, body, context }) => shielding.decide(user, params.id, body.approve, body.note ?? '', context),
  });

  api.get('/api/possible-duplicates', {
    policy: reviewsDuplicates,
    summary: 'Likely duplicates waiting for review, oldest first, a page at a time',
    description: 'Pairs whose records you may not see (shielded) are left out. A page beyond the last has no items.',
    schema: { querystring: s.PageQuery, response: { 200: s.PendingDuplicatesResponse } },
    // foundAt is a Date: the response schema's date-time format writes it as its ISO string.
    work: async ({ user, query, context }) => duplicates.listPending(user, query.page ?? 1, context),
  });

  api.post('/api/possible-duplicates/:id/merge', {
    policy: reviewsDuplicates,
    summary: 'Merge a likely duplicate into the record to keep',
    schema: { params: s.IdParams, body: s.MergeBody, response: { 201: Type.Object({ mergeId: Type.String() }) } },
    problems: [notFound, problems.decided, problems.bothOpenAssessments, validationFailed],
    work: async ({ user, params, body, context }) => ({ mergeId: await duplicates.merge(user, params.id, body.keep, context) }),
  });

  api.post('/api/possible-duplicates/:id/keep-apart', {
    policy: reviewsDuplicates,
    summary: 'Record that two records are different children',
    schema: { params: s.IdParams, response: { 204: Type.Null() } },
    problems: [notFound, problems.decided],
    work: async ({ user, params, context }) => duplicates.keepApart(user, params.id, context),
  });

  api.post('/api/child-merges/:id/undo', {
    policy: reviewsDuplicates,
    summary: 'Undo a merge',
    schema: { params: s.IdParams, response: { 204: Type.Null() } },
    problems: [notFound, problems.alreadyUndone, problems.mergedAgain],
    work: async ({ user, params, context }) => duplicates.undoMerge(user, params.id, context),
  });

  api.get('/api/children/:childId/access-report', {
    policy: reportsAccess,
    summary: 'Who has looked at this child (auditor)',
    schema: { params: s.ChildIdParams, querystring: s.ReasonQuery },
    problems: [notFound],
    work: async ({ user, params, query, context }) => oversight.accessReport(user, params.childId, query.reason, context),
  });

  api.get('/api/children/:childId/subject-access-export', {
    policy: reportsAccess,
    summary: 'Subject access request: what is held and who accessed it (auditor)',
    schema: { params: s.ChildIdParams, querystring: s.ReasonQuery },
    problems: [notFound],
    work: async ({ user, params: { childId }, query, context, reply }) => {
      const doc = await oversight.subjectAccessExport(user, childId, query.reason, context);
      return reply.header('content-disposition', `attachment; filename="subject-access-${childId}.json"`).send(doc);
    },
  });

  api.post('/api/access-reviews/:id', {
    policy: policy.allow('children.access_reviews'),
    summary: 'Record the outcome of reviewing a flagged view',
    schema: { params: s.IdParams, body: s.ReviewBody, response: { 204: Type.Null() } },
    problems: [notFound, problems.reviewed, problems.ownAccess],
    work: async ({ user, params, body, context }) => oversight.recordReview(user, params.id, body.outcome, context, body.comment),
  });
}
