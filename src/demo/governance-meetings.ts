import { governanceServices, listBodies, membersOn, termsInForce, votes, type Member } from '../governance/index.js';
import type { RequestContext } from '../platform/audit.js';
import { findUserById, type User } from '../platform/auth/repository.js';
import { todayOf, type Clock } from '../platform/clock.js';
import { addDays } from '../platform/dates.js';
import type { Db } from '../platform/db.js';
import { DEMO_AREA } from './area.js';

/**
 * A year of the demo board's meetings (issue 16 item 11), through the real services after the bodies are
 * set up: four quarterly meetings with agendas, attendance (apologies with a deputy, an absence), minutes,
 * decisions under the powers of the terms in force, actions (one overdue), partners' commitments, and one
 * decision on an item touching a partner in which a member declared an interest, the member withdrawing.
 * The business is done as the board's chair or secretariat with a sign-in would do it; a board without
 * one, or one that already has meetings, is left alone (so a second load changes nothing).
 */

const CONTEXT: RequestContext = { ip: 'local', userAgent: 'ctp demo load', requestId: 'demo-load' };

const AGENDA = [
  { title: 'Minutes of the last meeting and matters arising', minutes: 'The minutes were agreed as a true record. Matters arising are covered under the items below.' },
  { title: 'Children and Young People’s Plan: progress report', minutes: 'The board reviewed progress against the plan’s priorities; two are behind and owners will report next time.' },
  { title: 'Performance: the outcomes dashboard', minutes: 'Attainment at key stage 2 has improved; the number of young people not in education, employment or training remains above the comparator average.' },
];

/** Loads the meetings when the area's board has a chair or secretariat who signs in and no meetings yet; gives back how many it added. */
export async function loadDemoMeetings(db: Db, clock: Clock, areaCode: string = DEMO_AREA.code): Promise<number> {
  const business = governanceServices({ db, clock }).business;
  const board = (await listBodies(db, areaCode)).find((b) => b.kind === 'trust_board');
  if (!board) return 0;
  const today = todayOf(clock);
  const seated = await membersOn(db, board.id, today);
  const managerSeat = seated.find((m) => m.userId !== null && (m.memberRole === 'secretariat' || m.memberRole === 'chair'));
  const manager = managerSeat?.userId ? await findUserById(db, managerSeat.userId) : undefined;
  if (!manager) return 0;
  const by = { user: manager, ctx: CONTEXT };
  if ((await business.meetings.listOfBody(by, board.id)).meetings.length > 0) return 0;

  // The member who declares an interest (000 §2.43): a voting member for a partner that provides a service of
  // the area's list (a provider sitting where services are commissioned), else any voting member for a partner.
  const providers = new Set(
    (await db.query<{ organisationId: string }>('SELECT DISTINCT organisation_id AS "organisationId" FROM area_service WHERE area_code = $1 AND organisation_id IS NOT NULL', [areaCode])).map(
      (r) => r.organisationId,
    ),
  );
  const candidates = seated.filter((m) => votes(m) && m.memberRole === 'member' && m.organisationId !== null && m.id !== managerSeat?.id);
  const interested = candidates.find((m) => m.organisationId !== null && providers.has(m.organisationId)) ?? candidates[0];
  let added = 0;
  if (interested?.organisationId) {
    const declaredFrom = addDays(today, -500);
    const declaration = { organisationId: interested.organisationId, nature: 'Trustee of the organisation', fromOn: declaredFrom };
    const own: User | undefined = interested.userId ? await findUserById(db, interested.userId) : undefined;
    if (own) await business.interests.declare({ user: own, ctx: CONTEXT }, declaration);
    else await business.interests.declareForMember(by, interested.id, declaration);
    added += 1;
  }

  const days = [-330, -240, -150, -60].map((d) => addDays(today, d));
  for (const [n, heldOn] of days.entries()) {
    const meeting = await business.meetings.schedule(by, board.id, { heldOn, startsAt: '14:00', place: 'County Hall, Committee Room 2' });
    const onDay = await membersOn(db, board.id, heldOn);
    const items: string[] = [];
    for (const a of AGENDA) items.push(await business.meetings.addItem(by, meeting, { title: a.title }));
    // The third meeting takes the family support contract, touching the interested member's organisation.
    const contract =
      n === 2 && interested?.organisationId
        ? await business.meetings.addItem(by, meeting, {
            title: 'Re-commissioning family support',
            description: 'Whether to extend the current family support contract for a further year.',
            organisationIds: [interested.organisationId],
          })
        : undefined;
    await recordAttendance(business, by, meeting, onDay, n, interested?.id);
    for (const [i, itemId] of items.entries()) await business.meetings.setMinutes(by, meeting, itemId, { minutes: AGENDA[i]?.minutes ?? '' });
    added += 1 + items.length;
    const view = await business.meetings.view(by, meeting);
    const terms = await termsInForce(db, board.id, heldOn);
    const power = terms?.powers[0];
    if (!view.quorum.quorate || !terms || !power) continue;
    const there = view.attendance.filter((a) => a.voting && (a.attendance === 'present' || (a.attendance === 'apologies' && a.deputyName !== ''))).map((a) => a.memberId);
    const decide = async (itemId: string, decision: string, withdrew: string[]) => {
      const tookPart = there.filter((id) => !withdrew.includes(id));
      const counted = terms.decisionMethod === 'consensus' ? {} : { votesFor: tookPart.length, votesAgainst: 0, abstentions: 0 };
      await business.decisions.record(by, meeting, itemId, { decision, powerId: power.id, tookPart, withdrew, ...counted });
      added += 1;
    };
    const [, plan] = items;
    if (plan) await decide(plan, `Agreed the plan’s revised priorities for quarter ${n + 1}`, []);
    if (contract && interested) {
      await business.meetings.setMinutes(by, meeting, contract, {
        minutes: `${interested.personName} declared an interest as a trustee of the provider and left the room for this item.`,
      });
      await decide(contract, 'Extended the family support contract for twelve months, with a review at six months', [interested.id]);
    }
    // Actions: the earlier ones done; the last meeting's first action overdue, its second not yet due.
    const owner = onDay.find((m) => votes(m)) ?? onDay[0];
    if (owner) {
      const dueOn = n === 3 ? addDays(heldOn, 30) : addDays(heldOn, 45);
      const first = await business.decisions.addAction(by, meeting, { description: `Report on the plan’s two priorities behind schedule (quarter ${n + 1})`, ownerMemberId: owner.id, dueOn, itemId: plan });
      if (n < 3) await business.decisions.setActionStatus(by, first, { status: 'done', note: 'Reported at the next meeting' });
      if (n === 3) await business.decisions.addAction(by, meeting, { description: 'Circulate the draft annual review to partners', ownerMemberId: owner.id, dueOn: addDays(today, 30) });
      added += n === 3 ? 2 : 1;
    }
  }
  added += await loadCommitments(business, by, board.id, seated, today);
  return added;
}

type Business = ReturnType<typeof governanceServices>['business'];
type Caller = { user: User; ctx: RequestContext };

/** Everyone present (the interested member always), but for one who sent apologies (with a deputy when the seat names one) and, at alternate meetings, one absent. */
async function recordAttendance(business: Business, by: Caller, meeting: string, onDay: readonly Member[], n: number, present?: string): Promise<void> {
  // The member whose interest is declared is there, so that the record shows them withdrawing.
  const voting = onDay.filter((m) => votes(m) && m.id !== present);
  const apologising = voting[(n + 2) % Math.max(1, voting.length)];
  const absent = n % 2 === 1 ? voting[(n + 3) % Math.max(1, voting.length)] : undefined;
  for (const seat of onDay) {
    const attendance = seat === apologising && voting.length > 4 ? 'apologies' : seat === absent && voting.length > 5 ? 'absent' : 'present';
    await business.meetings.recordAttendance(by, meeting, { memberId: seat.id, attendance, deputyName: attendance === 'apologies' ? seat.deputyName : '' });
  }
}

/** Each partner represented on the board has agreed a part of the plan (001 §3.4); progress noted on some. */
async function loadCommitments(business: Business, by: Caller, bodyId: string, seated: readonly Member[], today: string): Promise<number> {
  const partners = [...new Set(seated.map((m) => m.organisationId).filter((o): o is string => o !== null))].slice(0, 4);
  const words = ['Open two more children’s centres in the east of the county', 'Cut the time from referral to first contact to ten working days', 'Train every designated safeguarding lead in the common assessment', 'Share monthly figures on young people not in education, employment or training'];
  let added = 0;
  for (const [i, organisationId] of partners.entries()) {
    const id = await business.accountability.addCommitment(by, {
      bodyId,
      organisationId,
      description: words[i] ?? 'Deliver its agreed part of the plan',
      agreedOn: addDays(today, -300),
      dueOn: addDays(today, i === 1 ? -20 : 120),
    });
    if (i < 2) await business.accountability.addNote(by, id, { note: i === 0 ? 'One centre open; the second opens in spring' : 'Now twelve working days on average', status: i === 0 ? 'on_track' : 'at_risk' });
    added += 1;
  }
  return added;
}
