import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkedValues, formOf, handleForm, type Form, type FormErrors } from '../../platform/http/forms.js';
import { pageRoute } from '../../platform/http/views.js';
import { termsInForce } from '../bodies/service.js';
import type { DecisionsService } from './decisions.js';
import { governanceProblems } from '../errors.js';
import { businessPaths } from './paths.js';
import { callerOf } from './caller.js';
import { meetingPage } from './routes.js';
import type { MeetingsService } from './service.js';
import { MEETING_ACTION_STATUS_LABELS, MEETING_ACTION_STATUSES } from './types.js';

/**
 * Decisions and actions as pages (issue 16 item 4): a decision on an item under a power of the terms in
 * force (who took part, who withdrew, the interests shown beside them), actions with owners and due
 * dates, and an action's progress. The services hold every rule; a refusal shows the form again.
 */

type ItemParams = { Params: { meetingId: string; itemId: string } };
type MeetingParams = { Params: { meetingId: string } };
type ActionParams = { Params: { actionId: string } };

export async function decisionPageRoutes(
  app: FastifyInstance,
  { meetings, decisions, db }: { meetings: MeetingsService; decisions: DecisionsService; db: Parameters<typeof termsInForce>[0] },
): Promise<void> {
  const business = pageRoute('governance.business');

  const decisionPage = async (
    reply: FastifyReply,
    request: FastifyRequest,
    p: ItemParams['Params'],
    values: Form,
    chosen: { tookPart: string[]; withdrew: string[] },
    errors?: FormErrors,
    status = 200,
  ) => {
    const caller = callerOf(request);
    await meetings.meetingFor(caller, p.meetingId, 'manage');
    const meeting = await meetings.view(caller, p.meetingId);
    const item = meeting.items.find((i) => i.id === p.itemId);
    if (!item) throw governanceProblems.notFound('The agenda item you asked for is not on this meeting’s agenda');
    const terms = await termsInForce(db, meeting.bodyId, meeting.heldOn);
    const there = meeting.attendance.filter((a) => a.attendance === 'present' || (a.attendance === 'apologies' && a.deputyName !== ''));
    const interestOf = (memberId: string) => item.interests.filter((i) => i.memberId === memberId).map((i) => `${i.subject}: ${i.nature}`).join('; ');
    const people = (chosenIds: string[]) =>
      there.map((a) => ({
        value: a.memberId,
        text: `${a.personName}${a.attendance === 'apologies' ? ` (represented by ${a.deputyName})` : ''}`,
        hint: interestOf(a.memberId) ? { text: `Declared interest: ${interestOf(a.memberId)}` } : undefined,
        checked: chosenIds.includes(a.memberId),
      }));
    return meetingPage(
      reply,
      'decision-new.njk',
      {
        pageTitle: `Record a decision on ${item.title}`,
        meeting,
        item,
        terms,
        powers: [
          { value: '', text: 'Select the power' },
          ...(terms?.powers ?? []).map((pw) => ({ value: pw.id, text: `${pw.description} (${pw.authority}, ${pw.level}${pw.referBack ? ', referred back' : ''})`, selected: pw.id === values.powerId })),
        ],
        tookPart: people(chosen.tookPart),
        withdrew: people(chosen.withdrew),
        values,
        errors,
      },
      status,
    );
  };
  app.get<ItemParams>(businessPaths.meetingItemDecisionNew(':meetingId', ':itemId'), business, async (request, reply) =>
    decisionPage(reply, request, request.params, {}, { tookPart: [], withdrew: [] }),
  );
  app.post<ItemParams>(businessPaths.meetingItemDecisionNew(':meetingId', ':itemId'), business, async (request, reply) => {
    const form = formOf(request.body);
    const chosen = { tookPart: checkedValues(request.body, 'tookPart'), withdrew: checkedValues(request.body, 'withdrew') };
    const result = await handleForm(
      () => decisions.record(callerOf(request), request.params.meetingId, request.params.itemId, { ...form, ...chosen }),
      (errors, status) => decisionPage(reply, request, request.params, form, chosen, errors, status),
      { hrefs: { tookPart: 'tookPart', withdrew: 'withdrew', quorum: '' } },
    );
    return result.ok ? reply.redirect(`${businessPaths.meetingItem(request.params.meetingId, request.params.itemId)}?done=decision`, 303) : reply;
  });

  const actionPage = async (reply: FastifyReply, request: FastifyRequest, meetingId: string, values: Form, errors?: FormErrors, status = 200) => {
    const caller = callerOf(request);
    await meetings.meetingFor(caller, meetingId, 'manage');
    const meeting = await meetings.view(caller, meetingId);
    return meetingPage(
      reply,
      'action-new.njk',
      {
        pageTitle: 'Set an action',
        meeting,
        items: [{ value: '', text: 'None: the meeting as a whole' }, ...meeting.items.map((i) => ({ value: i.id, text: `${i.position}. ${i.title}`, selected: i.id === values.itemId }))],
        owners: [
          { value: '', text: 'Select the owner' },
          ...meeting.attendance.map((a) => ({ value: `member:${a.memberId}`, text: `${a.personName} (${a.represents})`, selected: `member:${a.memberId}` === values.owner })),
        ],
        values,
        errors,
      },
      status,
    );
  };
  app.get<MeetingParams>(businessPaths.meetingActionNew(':meetingId'), business, async (request, reply) => actionPage(reply, request, request.params.meetingId, {}));
  app.post<MeetingParams>(businessPaths.meetingActionNew(':meetingId'), business, async (request, reply) => {
    const form = formOf(request.body);
    const result = await handleForm(
      () => decisions.addAction(callerOf(request), request.params.meetingId, form),
      (errors, status) => actionPage(reply, request, request.params.meetingId, form, errors, status),
    );
    return result.ok ? reply.redirect(`${businessPaths.meeting(request.params.meetingId)}?done=action#actions`, 303) : reply;
  });

  app.post<ActionParams>(businessPaths.actionStatus(':actionId'), business, async (request, reply) => {
    const form = formOf(request.body);
    // The form is a row of the meeting page; a refusal (no status chosen) is shown on the meeting page's banner-less form again.
    const meetingId = await decisions.setActionStatus(callerOf(request), request.params.actionId, form);
    return reply.redirect(`${businessPaths.meeting(meetingId)}?done=status#actions`, 303);
  });
}

export const actionStatusItems = (current: string) =>
  MEETING_ACTION_STATUSES.values.map((v) => ({ value: v, text: MEETING_ACTION_STATUS_LABELS[v], selected: v === current }));
