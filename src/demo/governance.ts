import { governanceServices, type GovernanceChangeBy } from '../governance/index.js';
import { findOrganisationIdByName } from '../partnership/index.js';
import { todayOf, type Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { DEMO_AREA } from './area.js';

/**
 * Kestrelshire's governance (issue 16 item 11, bodies): the children's trust board with the membership
 * shape of a pathfinder of 004 Table 2.5 (the Lead Member in the chair, the Director of Children's
 * Services, the voluntary sector, police, schools, social care, the PCT, Connexions, the LSC, YOT,
 * probation, young people, parents and carers, a district council, the LSCB), two sub-groups, the LSCB
 * with its own independent chair and some members shared with the board, the DCS and Lead Member, and
 * links to the local strategic partnership and the crime and disorder reduction partnership. Set up
 * through the governance service as the area administrator would; loaded once (the board's presence says so).
 */

const LA = 'Kestrelshire County Council';
const PCT = 'Kestrelshire Primary Care Trust';
const POLICE = 'Kestrelshire Constabulary (Chief Constable)';

interface DemoSeat {
  name?: string;
  email?: string;
  title: string;
  organisation?: string;
  constituency?: string;
  role?: 'chair' | 'vice_chair' | 'member' | 'adviser' | 'secretariat';
  commits?: boolean;
  deputy?: string;
  reportsBack?: string;
  from?: string;
  to?: string;
}

const BOARD_SEATS: DemoSeat[] = [
  { name: 'Cllr Janet Ormsby', title: 'Lead Member for children’s services', organisation: LA, role: 'chair', commits: true, reportsBack: 'To the council’s cabinet after each meeting' },
  { name: 'Robert Kane', title: 'Director of Children’s Services', organisation: LA, role: 'vice_chair', commits: true, to: '2008-08-31' },
  { email: 'board.member@kestrelshire.example', title: 'Director of Children’s Services', organisation: LA, role: 'vice_chair', commits: true, deputy: 'Keith Marlow', from: '2008-09-01' },
  { name: 'Keith Marlow', title: 'Assistant Director, Children’s Social Care', organisation: LA, commits: true },
  { name: 'Dr Fiona Hale', title: 'Chief Executive', organisation: PCT, commits: true, deputy: 'Tom Achebe', reportsBack: 'To the PCT board each quarter' },
  { email: 'planner@kestrelshire.example', title: 'Head of joint commissioning', organisation: PCT, role: 'adviser' },
  { name: 'Ch Supt Mark Denton', title: 'Divisional commander', organisation: POLICE, commits: true },
  { name: 'Mrs Linda Shaw', title: 'Headteacher, for the county’s secondary schools', organisation: 'Ashcombe Community College', reportsBack: 'Through the secondary heads’ forum' },
  { name: 'Ray Osei', title: 'Area manager', organisation: 'Connexions Kestrelshire', commits: true },
  { name: 'Judith Kerr', title: 'Area director', organisation: 'Learning and Skills Council, Kestrelshire', commits: true },
  { name: 'Nadia Rahman', title: 'Chief officer', organisation: 'Kestrelshire Council for Voluntary Youth Services', reportsBack: 'To the voluntary sector forum after each meeting' },
  { name: 'Pat Holloway', title: 'Voluntary sector representative', constituency: 'All small voluntary and community groups', reportsBack: 'A written summary to the small groups’ network' },
  { name: 'Gary Fenwick', title: 'Head of service', organisation: 'Kestrelshire Youth Offending Team', commits: true },
  { name: 'Sue Pryor', title: 'Assistant chief officer', organisation: 'Kestrelshire and Northmoor Probation Board', to: '2010-03-31' },
  { name: 'Cllr Brian Addo', title: 'Portfolio holder for communities', organisation: 'Ashcombe District Council' },
  { name: 'Ellie Marsh', title: 'Youth council member', constituency: 'Young people (Kestrelshire Youth Council)', from: '2008-09-01', reportsBack: 'To the youth council each month, with a facilitator' },
  { name: 'Jordan Pike', title: 'Youth council member', constituency: 'Young people (Kestrelshire Youth Council)', from: '2008-09-01', reportsBack: 'To the youth council each month, with a facilitator' },
  { name: 'Carol Dunn', title: 'Chair of the parents’ forum', constituency: 'Parents and carers (Kestrelshire Parents’ Forum)', from: '2008-09-01' },
  { email: 'lscb.chair@kestrelshire.example', title: 'Independent chair of the LSCB', constituency: 'The Local Safeguarding Children Board', role: 'adviser', reportsBack: 'To the LSCB; the board hears the LSCB’s annual report' },
  { email: 'area.admin@kestrelshire.example', title: 'Board secretariat', organisation: LA, role: 'secretariat' },
];

const LSCB_SEATS: DemoSeat[] = [
  { email: 'lscb.chair@kestrelshire.example', title: 'Independent chair', constituency: 'Independent chair', role: 'chair', reportsBack: 'The LSCB’s annual report, published' },
  { name: 'Robert Kane', title: 'Director of Children’s Services', organisation: LA, commits: true, to: '2008-08-31' },
  { email: 'board.member@kestrelshire.example', title: 'Director of Children’s Services', organisation: LA, commits: true, from: '2008-09-01' },
  { name: 'Ch Supt Mark Denton', title: 'Divisional commander', organisation: POLICE, commits: true },
  { name: 'Dr Ravi Menon', title: 'Designated doctor for safeguarding', organisation: PCT },
  { name: 'Angela Birch', title: 'Designated nurse for safeguarding', organisation: PCT },
  { name: 'Dr Owen Lacey', title: 'Named doctor', organisation: 'Kestrelshire Hospitals NHS Trust' },
  { name: 'Gary Fenwick', title: 'Head of service', organisation: 'Kestrelshire Youth Offending Team' },
  { name: 'Sue Pryor', title: 'Assistant chief officer', organisation: 'Kestrelshire and Northmoor Probation Board' },
  { email: 'practice.manager@kestrelshire.example', title: 'Locality team manager', organisation: LA },
  { name: 'Nadia Rahman', title: 'Chief officer', organisation: 'Kestrelshire Council for Voluntary Youth Services' },
  { name: 'Joanne Tate', title: 'LSCB business manager', organisation: LA, role: 'secretariat' },
];

const SUB_GROUPS: { name: string; focus: 'thematic' | 'locality'; remit: string; seats: DemoSeat[] }[] = [
  {
    name: 'Early years and childcare group',
    focus: 'thematic',
    remit: 'Children under five: children’s centres, childcare sufficiency and the early years outcomes of the plan',
    seats: [
      { name: 'Keith Marlow', title: 'Assistant Director, Children’s Social Care', organisation: LA, role: 'chair', commits: true },
      { email: 'health.visitor@kestrelshire.example', title: 'Health visitor', organisation: PCT },
      { name: 'Rebecca Lowe', title: 'Owner', organisation: 'Brightstart Nurseries Ltd' },
      { name: 'Pat Holloway', title: 'Voluntary sector representative', constituency: 'All small voluntary and community groups' },
    ],
  },
  {
    name: 'Eastmoor locality group',
    focus: 'locality',
    remit: 'Services for children and families in Eastmoor district, and the locality’s part in the plan',
    seats: [
      { email: 'practice.manager@kestrelshire.example', title: 'Locality team manager', organisation: LA, role: 'chair' },
      { name: 'Cllr Dawn Price', title: 'District councillor', organisation: 'Eastmoor District Council' },
      { name: 'Sgt Alan Reid', title: 'Neighbourhood policing', organisation: POLICE },
      { name: 'Maria Lopes', title: 'Manager', organisation: 'Eastmoor Family Support', role: 'secretariat' },
    ],
  },
];

/** Sets up Kestrelshire's bodies when it has no board yet; gives back how many changes it made. */
export async function loadDemoGovernance(db: Db, clock: Clock, by: GovernanceChangeBy): Promise<number> {
  const { bodies } = governanceServices({ db, clock });
  const area = DEMO_AREA.code;
  if ((await bodies.list(area)).some((b) => b.kind === 'trust_board')) return 0;
  const year = Number(todayOf(clock).slice(0, 4));
  const users = new Map((await bodies.users(area)).map((u) => [u.email, u]));
  let made = 0;

  const seatAll = async (bodyId: string, seats: DemoSeat[], from: string) => {
    for (const s of seats) {
      const user = s.email ? users.get(s.email) : undefined;
      const organisationId = s.organisation ? await findOrganisationIdByName(db, area, s.organisation) : undefined;
      await bodies.addMember(by, area, bodyId, {
        userId: user?.id,
        personName: s.name ?? user?.displayName,
        positionTitle: s.title,
        email: user?.email,
        organisationId,
        constituency: s.constituency,
        memberRole: s.role ?? 'member',
        canCommitResources: s.commits ?? false,
        deputyName: s.deputy,
        reportsBack: s.reportsBack,
        fromDate: s.from ?? from,
        toDate: s.to,
      });
      made += 1;
    }
  };

  const boardId = await bodies.addBody(by, area, { kind: 'trust_board', name: 'Kestrelshire Children’s Trust Board', establishedOn: '2005-04-01', remit: 'Leads the children’s trust arrangements of the county (Children Act 2004 s10)' });
  // The first terms, a strategic partnership advising its partners; superseded by delegated powers once a
  // section 31 agreement pooled budgets (004 Tables 2.2-2.3).
  await bodies.addTerms(by, area, boardId, {
    effectiveFrom: '2006-04-01',
    reviewOn: '2007-04-01',
    purpose: 'To agree the Children and Young People’s Plan and to advise the partners on improving the five outcomes',
    membership: 'The Lead Member (chair), the Director of Children’s Services, a chief officer of each relevant partner, the voluntary sector',
    quorumKind: 'count',
    quorumCount: 6,
    decisionMethod: 'consensus',
    powers: [
      { description: 'Recommend the Children and Young People’s Plan to the partners', authority: 'advisory', level: 'strategic', referBack: true },
      { description: 'Advise on joint commissioning priorities', authority: 'advisory', level: 'strategic', referBack: true },
    ],
  });
  await bodies.addTerms(by, area, boardId, {
    effectiveFrom: `${year - 1}-04-01`,
    reviewOn: `${year + 1}-03-31`,
    purpose: 'To lead the children’s trust: agree and monitor the Children and Young People’s Plan and commission jointly',
    membership: 'As before, with two young people of the youth council and the chair of the parents’ forum',
    quorumKind: 'fraction',
    quorumNumerator: 1,
    quorumDenominator: 2,
    decisionMethod: 'majority_vote',
    powers: [
      { description: 'Agree the Children and Young People’s Plan', authority: 'delegated', level: 'strategic', referBack: false },
      { description: 'Commit the pooled budget for children’s services within the section 31 agreement', authority: 'delegated', level: 'operational', referBack: false },
      { description: 'Change a partner’s own services or budget', authority: 'advisory', level: 'strategic', referBack: true },
    ],
  });
  made += 3;
  await seatAll(boardId, BOARD_SEATS, '2006-04-01');

  for (const g of SUB_GROUPS) {
    const id = await bodies.addBody(by, area, { kind: 'sub_group', name: g.name, parentBodyId: boardId, focus: g.focus, remit: g.remit, establishedOn: '2007-04-01' });
    await bodies.addTerms(by, area, id, {
      effectiveFrom: '2007-04-01',
      reviewOn: `${year + 1}-03-31`,
      purpose: g.remit,
      quorumKind: 'count',
      quorumCount: 3,
      decisionMethod: 'consensus',
      powers: [{ description: 'Recommend to the board', authority: 'advisory', level: 'operational', referBack: false }],
    });
    made += 2;
    await seatAll(id, g.seats, '2007-04-01');
  }

  // 000 §2.7-2.10: the LSCB stands apart, with its own chair and terms; members shared with the board keep it in touch.
  const lscbId = await bodies.addBody(by, area, { kind: 'lscb', name: 'Kestrelshire Safeguarding Children Board', establishedOn: '2006-04-01', remit: 'Co-ordinates and checks the effectiveness of what each partner does to safeguard children (Children Act 2004 s14)' });
  await bodies.addTerms(by, area, lscbId, {
    effectiveFrom: '2006-04-01',
    reviewOn: `${year + 1}-03-31`,
    purpose: 'To co-ordinate what each body in the area does to safeguard and promote the welfare of children, and to ensure its effectiveness',
    membership: 'An independent chair and a senior officer of each statutory partner, with the voluntary sector',
    quorumKind: 'fraction',
    quorumNumerator: 1,
    quorumDenominator: 2,
    decisionMethod: 'consensus',
    powers: [
      { description: 'Agree the LSCB’s policies and procedures for safeguarding', authority: 'delegated', level: 'strategic', referBack: false },
      { description: 'Commission serious case reviews', authority: 'delegated', level: 'operational', referBack: false },
      { description: 'Challenge a partner on its section 11 arrangements', authority: 'advisory', level: 'strategic', referBack: true },
    ],
  });
  made += 2;
  await seatAll(lscbId, LSCB_SEATS, '2006-04-01');

  await bodies.addNamedRole(by, area, { role: 'director_childrens_services', personName: 'Robert Kane', fromDate: '2005-04-01' });
  await bodies.addNamedRole(by, area, { role: 'director_childrens_services', userId: users.get('board.member@kestrelshire.example')?.id, fromDate: '2008-09-01' });
  await bodies.addNamedRole(by, area, { role: 'lead_member', personName: 'Cllr Janet Ormsby', fromDate: '2005-05-05' });
  await bodies.addLink(by, area, {
    bodyId: boardId,
    partnershipKind: 'local_strategic_partnership',
    partnershipName: 'Kestrelshire Partnership',
    sends: 'The plan’s priorities and targets for the children and young people block of the local area agreement',
    receives: 'The sustainable community strategy and the local area agreement’s targets',
    fromDate: '2006-04-01',
  });
  await bodies.addLink(by, area, {
    bodyId: boardId,
    partnershipKind: 'crime_disorder_reduction_partnership',
    partnershipName: 'Safer Kestrelshire Partnership',
    sends: 'Youth crime prevention priorities and the YOT’s plan',
    receives: 'Figures on first-time entrants and anti-social behaviour by young people',
    fromDate: '2006-04-01',
  });
  return made + 5;
}
