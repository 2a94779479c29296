import { governanceServices, listBodies, membersOn, termsInForce } from '../governance/index.js';
import { findUserById } from '../platform/auth/repository.js';
import { todayOf } from '../platform/clock.js';
import type { DemoCommissioning } from './commissioning.js';

/**
 * A decision of Kestrelshire's trust board for commissioning's demo, taken as its secretariat or chair takes one
 * through governance's services: an item naming what it touches on a quorate meeting of the board (the earliest
 * or the latest), members with a declared interest in it withdrawing, the rest taking part. Undefined when the
 * demo has no board or no quorate meeting. (The commissions' demo, commissioning-cycle.ts, has its own older
 * copy of these steps for its tender decision; it can call this.)
 */
export async function demoBoardDecision(
  demo: DemoCommissioning,
  item: { title: string; description: string; decision: string; organisationIds?: string[]; serviceIds?: string[] },
  which: 'earliest' | 'latest',
): Promise<{ decisionId: string; heldOn: string } | undefined> {
  const { db, clock, areaCode } = demo;
  const business = governanceServices({ db, clock }).business;
  const board = (await listBodies(db, areaCode)).find((b) => b.kind === 'trust_board');
  if (!board) return undefined;
  const seated = await membersOn(db, board.id, todayOf(clock));
  const managerSeat = seated.find((m) => m.userId !== null && (m.memberRole === 'secretariat' || m.memberRole === 'chair'));
  const manager = managerSeat?.userId ? await findUserById(db, managerSeat.userId) : undefined;
  if (!manager) return undefined;
  const by = { user: manager, ctx: demo.by.ctx };
  const { meetings } = await business.meetings.listOfBody(by, board.id);
  const ordered = [...meetings].sort((a, b) => (which === 'earliest' ? a.heldOn.localeCompare(b.heldOn) : b.heldOn.localeCompare(a.heldOn)));
  for (const meeting of ordered) {
    if (!(await business.meetings.view(by, meeting.id)).quorum.quorate) continue;
    const itemId = await business.meetings.addItem(by, meeting.id, {
      title: item.title,
      description: item.description,
      organisationIds: item.organisationIds ?? [],
      serviceIds: item.serviceIds ?? [],
    });
    const after = await business.meetings.view(by, meeting.id);
    const interested = new Set((after.items.find((i) => i.id === itemId)?.interests ?? []).map((i) => i.memberId));
    const there = after.attendance.filter((a) => a.voting && (a.attendance === 'present' || (a.attendance === 'apologies' && a.deputyName !== ''))).map((a) => a.memberId);
    const withdrew = there.filter((m) => interested.has(m));
    const tookPart = there.filter((m) => !interested.has(m));
    const terms = await termsInForce(db, board.id, meeting.heldOn);
    const power = terms?.powers[0];
    if (!terms || !power || tookPart.length === 0) continue;
    const counted = terms.decisionMethod === 'consensus' ? {} : { votesFor: tookPart.length, votesAgainst: 0, abstentions: 0 };
    const decisionId = await business.decisions.record(by, meeting.id, itemId, { decision: item.decision, powerId: power.id, tookPart, withdrew, ...counted });
    return { decisionId, heldOn: meeting.heldOn };
  }
  return undefined;
}
