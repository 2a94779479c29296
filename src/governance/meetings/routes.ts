import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendUploadedFile } from '../../platform/http/download.js';
import { callerOf } from './caller.js';
import { checkedValues, fileOf, formOf, handleForm, pageRenderer, uploadedFileName, type Form, type FormErrors } from '../../platform/http/forms.js';
import { pageRoute } from '../../platform/http/views.js';
import { formatDate } from '../../platform/dates.js';
import { ALLOWED_TYPES_TEXT, megabytes, UPLOAD_TYPE_NAMES, UPLOAD_TYPES } from '../../platform/uploaded-files.js';
import type { FastifyRequest } from 'fastify';
import type { DirectoryService } from '../../directory/index.js';
import type { PartnershipService } from '../../partnership/index.js';
import { governanceProblems } from '../errors.js';
import { businessPaths } from './paths.js';
import { MAX_PAPER_BYTES, type MeetingsService } from './service.js';
import { ATTENDANCE, ATTENDANCE_LABELS, MEETING_ACTION_STATUS_LABELS, type Meeting } from './types.js';

/**
 * A body's meetings as pages (issue 16 item 4): the list, scheduling, the meeting with its agenda,
 * interests beside each item, papers, attendance and quorum; each item's minutes and papers. The services
 * apply the body's rule (governance/access.ts); these pages only read forms and render.
 */

export const meetingPage = pageRenderer('governance/meetings/views', {
  businessPaths,
  formatDate,
  attendanceLabels: ATTENDANCE_LABELS,
  actionStatusLabels: MEETING_ACTION_STATUS_LABELS,
});

type BodyParams = { Params: { bodyId: string } };
type MeetingParams = { Params: { meetingId: string } };
type ItemParams = { Params: { meetingId: string; itemId: string } };
type PaperParams = { Params: { meetingId: string; paperId: string } };
type Done = { Querystring: { done?: string } };

const BANNERS: Record<string, string> = {
  scheduled: 'Meeting scheduled',
  item: 'Item added to the agenda',
  moved: 'Agenda reordered',
  removed: 'Item removed from the agenda',
  minutes: 'Minutes saved',
  paper: 'Paper added',
  attendance: 'Attendance recorded',
  decision: 'Decision recorded',
  action: 'Action set',
  status: 'Action updated',
};


export async function meetingPageRoutes(
  app: FastifyInstance,
  { meetings, partnership, directory }: { meetings: MeetingsService; partnership: PartnershipService; directory: DirectoryService },
): Promise<void> {
  const business = pageRoute('governance.business');

  app.get<BodyParams & Done>(businessPaths.bodyMeetings(':bodyId'), business, async (request, reply) => {
    const found = await meetings.listOfBody(callerOf(request), request.params.bodyId);
    return meetingPage(reply, 'meetings.njk', { pageTitle: `Meetings of ${found.body.name}`, ...found, banner: BANNERS[request.query.done ?? ''] });
  });

  app.get<BodyParams>(businessPaths.bodyActions(':bodyId'), business, async (request, reply) => {
    const found = await meetings.actionsOfBody(callerOf(request), request.params.bodyId);
    return meetingPage(reply, 'actions.njk', { pageTitle: `Actions of ${found.body.name}`, ...found, overdue: found.actions.filter((a) => a.overdue).length });
  });

  const schedulePage = async (reply: FastifyReply, request: FastifyRequest, bodyId: string, values: Form, errors?: FormErrors, status = 200) => {
    const found = await meetings.listOfBody(callerOf(request), bodyId);
    return meetingPage(reply, 'meeting-new.njk', { pageTitle: `Schedule a meeting of ${found.body.name}`, body: found.body, values, errors }, status);
  };
  app.get<BodyParams>(businessPaths.bodyMeetingNew(':bodyId'), business, async (request, reply) => schedulePage(reply, request, request.params.bodyId, {}));
  app.post<BodyParams>(businessPaths.bodyMeetingNew(':bodyId'), business, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => meetings.schedule(callerOf(request), request.params.bodyId, form),
      (errors, status) => schedulePage(reply, request, request.params.bodyId, form, errors, status),
    );
    return result.ok ? reply.redirect(`${businessPaths.meeting(result.value)}?done=scheduled`, 303) : reply;
  });

  app.get<MeetingParams & Done>(businessPaths.meeting(':meetingId'), business, async (request, reply) => {
    const meeting = await meetings.view(callerOf(request), request.params.meetingId);
    return meetingPage(reply, 'meeting.njk', {
      pageTitle: `${meeting.bodyName}: meeting on ${formatDate(meeting.heldOn)}`,
      meeting,
      banner: BANNERS[request.query.done ?? ''],
    });
  });

  const itemNewPage = async (reply: FastifyReply, request: FastifyRequest, meetingId: string, values: Form, chosen: { organisationIds: string[]; serviceIds: string[] }, errors?: FormErrors, status = 200) => {
    const caller = callerOf(request);
    const { meeting } = await meetings.meetingFor(caller, meetingId, 'manage');
    const organisations = (await partnership.listOrganisations(caller.user.areaCode)).map((o) => ({ value: o.id, text: o.name, checked: chosen.organisationIds.includes(o.id) }));
    const services = (await directory.offered(caller.user.areaCode)).map((s) => ({ value: s.id, text: s.name, checked: chosen.serviceIds.includes(s.id) }));
    return meetingPage(reply, 'item-new.njk', { pageTitle: 'Add an item to the agenda', meeting, organisations, services, values, errors }, status);
  };
  app.get<MeetingParams>(businessPaths.meetingItemNew(':meetingId'), business, async (request, reply) =>
    itemNewPage(reply, request, request.params.meetingId, {}, { organisationIds: [], serviceIds: [] }),
  );
  app.post<MeetingParams>(businessPaths.meetingItemNew(':meetingId'), business, async (request, reply) => {
    const form = formOf(request.body);
    const chosen = { organisationIds: checkedValues(request.body, 'organisationIds'), serviceIds: checkedValues(request.body, 'serviceIds') };
    const result = await handleForm(
      () => meetings.addItem(callerOf(request), request.params.meetingId, { ...form, ...chosen }),
      (errors, status) => itemNewPage(reply, request, request.params.meetingId, form, chosen, errors, status),
    );
    return result.ok ? reply.redirect(`${businessPaths.meeting(request.params.meetingId)}?done=item`, 303) : reply;
  });

  // Reordering and removing items: a button beside each item moves it; removing asks first, and an item that
  // holds minutes, papers or decisions is refused (the service says which).
  app.post<ItemParams>(businessPaths.meetingItemMove(':meetingId', ':itemId'), business, async (request, reply) => {
    const { meetingId, itemId } = request.params;
    const result = await handleForm(
      () => meetings.moveItem(callerOf(request), meetingId, itemId, formOf(request.body)),
      async (errors, status) => {
        const meeting = await meetings.view(callerOf(request), meetingId);
        return meetingPage(reply, 'meeting.njk', { pageTitle: `${meeting.bodyName}: meeting on ${formatDate(meeting.heldOn)}`, meeting, errors }, status);
      },
      { hrefs: { direction: 'agenda-items' } },
    );
    return result.ok ? reply.redirect(`${businessPaths.meeting(meetingId)}?done=moved#agenda`, 303) : reply;
  });
  const removePage = async (reply: FastifyReply, request: FastifyRequest, p: ItemParams['Params'], errors?: FormErrors, status = 200) => {
    await meetings.meetingFor(callerOf(request), p.meetingId, 'manage');
    const meeting = await meetings.view(callerOf(request), p.meetingId);
    const item = meeting.items.find((i) => i.id === p.itemId);
    if (!item) throw governanceProblems.notFound('The agenda item you asked for is not on this meeting’s agenda');
    return meetingPage(reply, 'item-remove.njk', { pageTitle: `Remove “${item.title}” from the agenda`, meeting, item, errors }, status);
  };
  app.get<ItemParams>(businessPaths.meetingItemRemove(':meetingId', ':itemId'), business, async (request, reply) => removePage(reply, request, request.params));
  app.post<ItemParams>(businessPaths.meetingItemRemove(':meetingId', ':itemId'), business, async (request, reply) => {
    const result = await handleForm(
      () => meetings.removeItem(callerOf(request), request.params.meetingId, request.params.itemId),
      (errors, status) => removePage(reply, request, request.params, errors, status),
      { hrefs: { itemId: 'remove' } },
    );
    return result.ok ? reply.redirect(`${businessPaths.meeting(request.params.meetingId)}?done=removed#agenda`, 303) : reply;
  });

  /** An item: its interests, papers (and the upload form), minutes and decisions. */
  const itemPage = async (reply: FastifyReply, request: FastifyRequest, p: ItemParams['Params'], data: { values: Form; errors?: FormErrors; banner?: string }, status = 200) => {
    const meeting: Meeting = await meetings.view(callerOf(request), p.meetingId);
    const item = meeting.items.find((i) => i.id === p.itemId);
    if (!item) throw governanceProblems.notFound('The agenda item you asked for is not on this meeting’s agenda');
    return meetingPage(
      reply,
      'item.njk',
      {
        pageTitle: `${item.position}. ${item.title}`,
        meeting,
        item,
        allowedText: ALLOWED_TYPES_TEXT,
        maxText: megabytes(MAX_PAPER_BYTES),
        accept: [...UPLOAD_TYPES.values, ...Object.values(UPLOAD_TYPE_NAMES).flatMap((t) => t.extensions.map((e) => `.${e}`))].join(','),
        ...data,
      },
      status,
    );
  };
  app.get<ItemParams & Done>(businessPaths.meetingItem(':meetingId', ':itemId'), business, async (request, reply) =>
    itemPage(reply, request, request.params, { values: {}, banner: BANNERS[request.query.done ?? ''] }),
  );
  app.post<ItemParams>(businessPaths.meetingItemMinutes(':meetingId', ':itemId'), business, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => meetings.setMinutes(callerOf(request), request.params.meetingId, request.params.itemId, form),
      (errors, status) => itemPage(reply, request, request.params, { values: form, errors }, status),
    );
    return result.ok ? reply.redirect(`${businessPaths.meetingItem(request.params.meetingId, request.params.itemId)}?done=minutes`, 303) : reply;
  });
  app.post<ItemParams>(businessPaths.meetingItemPapers(':meetingId', ':itemId'), business, async (request, reply) => {
    const form = formOf(request.body);
    const input = { title: form.title, fileName: uploadedFileName(request, 'file'), content: fileOf(request.body, 'file') };
    const result = await handleForm(
      () => meetings.addPaper(callerOf(request), request.params.meetingId, request.params.itemId, input),
      // What was typed stays; the papers already there are untouched by a refusal.
      (errors, status) => itemPage(reply, request, request.params, { values: form, errors }, status),
    );
    return result.ok ? reply.redirect(`${businessPaths.meetingItem(request.params.meetingId, request.params.itemId)}?done=paper`, 303) : reply;
  });

  app.get<PaperParams>(businessPaths.meetingPaper(':meetingId', ':paperId'), business, async (request, reply) => {
    const file = await meetings.paper(callerOf(request), request.params.meetingId, request.params.paperId);
    return sendUploadedFile(reply, file);
  });

  const attendancePage = async (reply: FastifyReply, request: FastifyRequest, meetingId: string, values: Form, errors?: FormErrors, status = 200, banner?: string) => {
    await meetings.meetingFor(callerOf(request), meetingId, 'manage');
    const meeting = await meetings.view(callerOf(request), meetingId);
    const members = [
      { value: '', text: 'Select a member' },
      ...meeting.attendance.filter((a) => a.attendance === null).map((a) => ({ value: a.memberId, text: `${a.personName} (${a.represents})`, selected: a.memberId === values.memberId })),
    ];
    const choices = ATTENDANCE.values.map((v) => ({ value: v, text: ATTENDANCE_LABELS[v], checked: v === values.attendance }));
    return meetingPage(reply, 'attendance.njk', { pageTitle: 'Record attendance', meeting, members, choices, values, errors, banner }, status);
  };
  app.get<MeetingParams & Done>(businessPaths.meetingAttendance(':meetingId'), business, async (request, reply) =>
    attendancePage(reply, request, request.params.meetingId, {}, undefined, 200, BANNERS[request.query.done ?? '']),
  );
  app.post<MeetingParams>(businessPaths.meetingAttendance(':meetingId'), business, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => meetings.recordAttendance(callerOf(request), request.params.meetingId, form),
      (errors, status) => attendancePage(reply, request, request.params.meetingId, form, errors, status),
      { hrefs: { attendance: 'attendance' } },
    );
    return result.ok ? reply.redirect(`${businessPaths.meetingAttendance(request.params.meetingId)}?done=attendance`, 303) : reply;
  });
}
