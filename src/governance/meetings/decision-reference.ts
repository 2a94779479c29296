import type { Queryable } from '../../platform/db.js';
import { accessToBody, type BusinessViewer } from '../access.js';
import { findBody } from '../bodies/repository.js';
import { interestsTouching, type Touches } from '../interests/repository.js';
import { governancePaths } from '../paths.js';
import { DECISION_PARTS, type DecisionPart } from './types.js';

/**
 * A decision of a body as another feature cites it (issue 17 item 3: a commissioning decision that needs
 * the board is taken as the board's decision here, and the commission keeps its id). The decision's words,
 * its meeting and power are the trust's record, shown to anyone who may cite it; who declared an interest in
 * what the citing feature touches (the one rule, `interestsTouching`, on the meeting's day) and whether each
 * withdrew are the body's business (ADR 0022): named to those who see it, counted for everyone else. The
 * LSCB's decisions are its own business and are never cited (000 §2.7-2.10).
 */

export interface DecisionInterest {
  personName: string;
  subject: string;
  nature: string;
  /** What the decision records of the member: withdrew, took part, or neither (not there, or not recorded). */
  part: DecisionPart | 'not_recorded';
}

export interface DecisionCited {
  id: string;
  bodyId: string;
  bodyName: string;
  meetingId: string;
  meetingHref: string;
  heldOn: string;
  itemTitle: string;
  powerDescription: string;
  decision: string;
  /** Members with a declared interest in what the citing feature touches: null when the viewer does not see the body's business. */
  interests: DecisionInterest[] | null;
  interestedCount: number;
  withdrewCount: number;
  interestedWhoTookPart: number;
}

interface DecisionRow {
  id: string;
  bodyId: string;
  meetingId: string;
  heldOn: string;
  itemTitle: string;
  powerDescription: string;
  decision: string;
}

const DECISION = `SELECT d.id, m.body_id AS "bodyId", d.meeting_id AS "meetingId", to_char(m.held_on, 'YYYY-MM-DD') AS "heldOn",
       i.title AS "itemTitle", p.description AS "powerDescription", d.decision
  FROM governance_decision d
  JOIN governance_meeting m ON m.id = d.meeting_id
  JOIN governance_agenda_item i ON i.id = d.agenda_item_id
  JOIN governance_power p ON p.id = d.power_id
  JOIN governance_body b ON b.id = m.body_id
 WHERE d.area_code = $1 AND b.kind <> 'lscb'`;

/** The decisions another feature may cite: the area's bodies but the LSCB, newest first (a select's choices). */
export async function listCitableDecisions(db: Queryable, areaCode: string): Promise<(DecisionRow & { bodyName: string })[]> {
  return db.query<DecisionRow & { bodyName: string }>(
    `SELECT x.*, b.name AS "bodyName" FROM (${DECISION}) x JOIN governance_body b ON b.id = x."bodyId" ORDER BY x."heldOn" DESC, x.id LIMIT 200`,
    [areaCode],
  );
}

/** Whether the area has a decision that may be cited with this id (not the LSCB's). */
export async function citableDecisionExists(db: Queryable, areaCode: string, decisionId: string): Promise<boolean> {
  const rows = await db.query(`${DECISION} AND d.id = $2`, [areaCode, decisionId]);
  return rows.length > 0;
}

/** A cited decision with the declared interests touching `touches` and each interested member's part, masked by the body rule. */
export async function citeDecision(
  db: Queryable,
  viewer: BusinessViewer,
  decisionId: string,
  touches: Touches,
  today: string,
): Promise<DecisionCited | undefined> {
  const [row] = await db.query<DecisionRow>(`${DECISION} AND d.id = $2`, [viewer.areaCode, decisionId]);
  if (!row) return undefined;
  const body = await findBody(db, viewer.areaCode, row.bodyId);
  if (!body) return undefined;
  const declared = await interestsTouching(db, row.bodyId, row.heldOn, touches);
  const parts = await db.query<{ memberId: string; part: string }>(
    'SELECT member_id AS "memberId", part FROM governance_decision_member WHERE decision_id = $1',
    [row.id],
  );
  const partOf = (memberId: string): DecisionInterest['part'] => {
    const found = parts.find((p) => p.memberId === memberId);
    return found ? DECISION_PARTS.parse(found.part) : 'not_recorded';
  };
  const interests = declared.map((i) => ({ memberId: i.memberId, personName: i.personName, subject: i.subject, nature: i.nature, part: partOf(i.memberId) }));
  const members = new Map(interests.map((i) => [i.memberId, i.part]));
  const sees = (await accessToBody(db, viewer, body, today)) !== 'none';
  return {
    ...row,
    bodyName: body.name,
    meetingHref: governancePaths.meeting(row.meetingId),
    interests: sees ? interests.map(({ memberId: _, ...rest }) => rest) : null,
    interestedCount: members.size,
    withdrewCount: [...members.values()].filter((p) => p === 'withdrew').length,
    interestedWhoTookPart: [...members.values()].filter((p) => p === 'took_part').length,
  };
}
