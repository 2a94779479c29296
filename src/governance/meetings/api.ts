import fs from 'node:fs';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { apiRoutes } from '../../platform/http/api-route.js';
import { formOf } from '../../platform/http/forms.js';
import { claimSpooledUpload } from '../../platform/http/spool.js';
import { ALLOWED_TYPES_TEXT, megabytes } from '../../platform/uploaded-files.js';
import { policy } from '../../platform/policy.js';
import { governanceProblems } from '../errors.js';
import type { DecisionsService } from './decisions.js';
import { meetingProblems } from './errors.js';
import { callerOfCall } from './caller.js';
import { MAX_PAPER_BYTES, type MeetingsService } from './service.js';
import { ATTENDANCE, MEETING_ACTION_STATUSES, MeetingSchema, MeetingSummarySchema } from './types.js';

/**
 * A body's meetings as JSON (issue 16 item 4): the same services as the pages, so the same rules and
 * refusals (the body's visibility rule, quorum, powers held, attendance once a member).
 */

const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Day = (description: string) => Type.String({ description: `YYYY-MM-DD (or D/M/YYYY): ${description}` });
const Ids = (description: string) => Type.Optional(Type.Array(Type.String(), { description }));
const BodyParams = Type.Object({ bodyId: Type.String() });
const MeetingParams = Type.Object({ meetingId: Type.String() });
const ItemParams = Type.Object({ meetingId: Type.String(), itemId: Type.String() });
const refused = [governanceProblems.notFound, governanceProblems.notInBody];
/** What the API takes of a paper before the service checks it: above the paper limit, so a paper too big is refused by field and rule. */
const PAPER_UPLOAD_LIMIT = 2 * MAX_PAPER_BYTES;

const caller = callerOfCall;

export async function meetingApiRoutes(app: FastifyInstance, { meetings, decisions }: { meetings: MeetingsService; decisions: DecisionsService }): Promise<void> {
  const api = apiRoutes(app, { tags: ['governance'], policy: policy.allow('governance.business') });

  api.get('/api/governance/bodies/:bodyId/meetings', {
    summary: 'A body’s meetings, latest first: for its members and secretariat (the LSCB’s for its own alone)',
    schema: { params: BodyParams, response: { 200: Type.Array(MeetingSummarySchema) } },
    problems: refused,
    work: async (call) => (await meetings.listOfBody(caller(call), call.params.bodyId)).meetings,
  });

  api.post('/api/governance/bodies/:bodyId/meetings', {
    summary: 'Schedule a meeting of the body (its chair or secretariat; audited)',
    schema: {
      params: BodyParams,
      body: Type.Object({ heldOn: Day('the day of the meeting'), startsAt: Type.Optional(Type.String({ description: 'HH:MM' })), place: Type.String() }),
      response: { 201: Created },
    },
    problems: refused,
    work: async (call) => ({ id: await meetings.schedule(caller(call), call.params.bodyId, call.body) }),
  });

  api.get('/api/governance/meetings/:meetingId', {
    summary: 'A meeting: agenda (with declared interests beside each item, papers, decisions), attendance, quorum from the terms in force, actions',
    schema: { params: MeetingParams, response: { 200: MeetingSchema } },
    problems: refused,
    work: async (call) => meetings.view(caller(call), call.params.meetingId),
  });

  api.post('/api/governance/meetings/:meetingId/items', {
    summary: 'Add an item at the end of the agenda, naming the partner organisations and services it touches (audited)',
    schema: {
      params: MeetingParams,
      body: Type.Object({
        title: Type.String(),
        description: Type.Optional(Type.String()),
        organisationIds: Ids('Partner organisations of the area the item touches'),
        serviceIds: Ids('Services of the area’s list the item touches'),
      }),
      response: { 201: Created },
    },
    problems: refused,
    work: async (call) => ({ id: await meetings.addItem(caller(call), call.params.meetingId, call.body) }),
  });

  api.post('/api/governance/meetings/:meetingId/items/:itemId/papers', {
    summary: 'Add a paper to an item: a multipart/form-data body with the fields title and file (audited)',
    description: `The file's type is told by its bytes (${ALLOWED_TYPES_TEXT}), at most ${megabytes(MAX_PAPER_BYTES)}; refused naming the field and rule: file required, empty, too_big, type_not_allowed or type_mismatch; title required.`,
    // No body schema: the multipart form's fields are read as a page reads them, the service checks each.
    schema: { params: ItemParams, response: { 201: Created } },
    // Written to disk as it arrives; the service, not the spool, refuses a paper over its size, naming the field.
    upload: { limit: PAPER_UPLOAD_LIMIT },
    problems: refused,
    work: async (call) => {
      const form = formOf(call.request.body);
      const spooled = claimSpooledUpload(call.request, 'file');
      try {
        const content = spooled ? await fs.promises.readFile(spooled.path) : undefined;
        const input = { title: form.title, fileName: spooled?.fileName ?? '', content };
        return { id: await meetings.addPaper(caller(call), call.params.meetingId, call.params.itemId, input) };
      } finally {
        if (spooled) await fs.promises.rm(spooled.path, { force: true });
      }
    },
  });

  api.put('/api/governance/meetings/:meetingId/items/:itemId/minutes', {
    summary: 'Record an item’s minutes: the discussion, kept with or without quorum (audited)',
    schema: { params: ItemParams, body: Type.Object({ minutes: Type.String() }), response: { 204: Type.Null() } },
    problems: refused,
    work: async (call) => {
      await meetings.setMinutes(caller(call), call.params.meetingId, call.params.itemId, call.body);
    },
  });

  api.post('/api/governance/meetings/:meetingId/items/:itemId/move', {
    summary: 'Move an item one place up or down the agenda (audited); the first cannot go up nor the last down (direction: at_end)',
    schema: { params: ItemParams, body: Type.Object({ direction: Type.String({ description: 'up or down' }) }), response: { 204: Type.Null() } },
    problems: refused,
    work: async (call) => {
      await meetings.moveItem(caller(call), call.params.meetingId, call.params.itemId, call.body);
    },
  });

  api.delete('/api/governance/meetings/:meetingId/items/:itemId', {
    summary: 'Take an item off the agenda (audited); the items after it move up. Refused (409 agenda_item_holds_record) when it holds minutes, papers or decisions',
    schema: { params: ItemParams, response: { 204: Type.Null() } },
    problems: [...refused, meetingProblems.itemHoldsRecord],
    work: async (call) => {
      await meetings.removeItem(caller(call), call.params.meetingId, call.params.itemId);
    },
  });

  api.post('/api/governance/meetings/:meetingId/attendance', {
    summary: 'Record one member’s attendance, once a meeting; a deputy only for a member who sent apologies (audited)',
    schema: {
      params: MeetingParams,
      body: Type.Object({ memberId: Type.String(), attendance: ATTENDANCE.schema(), deputyName: Type.Optional(Type.String()) }),
      response: { 204: Type.Null() },
    },
    problems: [...refused, meetingProblems.attendanceRecorded],
    work: async (call) => {
      await meetings.recordAttendance(caller(call), call.params.meetingId, call.body);
    },
  });

  api.post('/api/governance/meetings/:meetingId/items/:itemId/decisions', {
    summary: 'Record a decision under a power of the terms in force on the day, at a quorate meeting: who took part, who withdrew, interests declared (audited)',
    description:
      'Refused naming the field and rule: powerId required or power_held (the body does not hold the power); tookPart present; withdrew not_both; votesFor required, at_most_taking_part or carried where the terms decide by vote; quorum quorate (409 meeting_not_quorate).',
    schema: {
      params: ItemParams,
      body: Type.Object({
        decision: Type.String(),
        powerId: Type.String(),
        tookPart: Type.Array(Type.String(), { description: 'Members present (or represented by a deputy) who took part' }),
        withdrew: Ids('Members who withdrew, for a declared interest'),
        votesFor: Type.Optional(Type.Integer({ minimum: 0 })),
        votesAgainst: Type.Optional(Type.Integer({ minimum: 0 })),
        abstentions: Type.Optional(Type.Integer({ minimum: 0 })),
      }),
      response: { 201: Created },
    },
    problems: [...refused, meetingProblems.notQuorate],
    work: async (call) => ({ id: await decisions.record(caller(call), call.params.meetingId, call.params.itemId, call.body) }),
  });

  api.post('/api/governance/meetings/:meetingId/actions', {
    summary: 'Set an action with its owner (a member of the body or a user of the area) and due date (audited)',
    schema: {
      params: MeetingParams,
      body: Type.Object({
        description: Type.String(),
        itemId: Type.Optional(Type.String()),
        ownerMemberId: Type.Optional(Type.String()),
        ownerUserId: Type.Optional(Type.String()),
        dueOn: Day('when it is due'),
      }),
      response: { 201: Created },
    },
    problems: refused,
    work: async (call) => ({ id: await decisions.addAction(caller(call), call.params.meetingId, call.body) }),
  });

  api.put('/api/governance/actions/:actionId/status', {
    summary: 'Change an action’s status: its owner, or the body’s chair or secretariat (audited)',
    schema: {
      params: Type.Object({ actionId: Type.String() }),
      body: Type.Object({ status: MEETING_ACTION_STATUSES.schema(), note: Type.Optional(Type.String()) }),
      response: { 204: Type.Null() },
    },
    problems: refused,
    work: async (call) => {
      await decisions.setActionStatus(caller(call), call.params.actionId, call.body);
    },
  });
}
