import { findIndicatorByCode } from '../outcomes/index.js';
import { findOrganisationIdByName } from '../partnership/index.js';
import type { PlanBy } from '../plan/index.js';
import type { DemoPlan } from './plan.js';

/**
 * Kestrelshire's plans as the planner drafts them (issue 18 item 8), through the drafting service: a three-year
 * plan for 2026 to 2029 owned by the board with every required section complete, five priorities across the
 * outcomes with indicators and a target for each year, eleven key actions with lead and contributing partners,
 * outline costs and the demo's funds, some progress noted; and a draft of the next plan (2029 to 2032) with
 * sections still to write. cypp-publish's loader, after this one, publishes the first.
 */

export const DEMO_PLAN_TITLE = 'Children and Young People’s Plan 2026 to 2029';
export const DEMO_NEXT_PLAN_TITLE = 'Children and Young People’s Plan 2029 to 2032 (draft)';

const LA = 'Kestrelshire County Council';
const PCT = 'Kestrelshire Primary Care Trust';
const POLICE = 'Kestrelshire Constabulary (Chief Constable)';
const YOT = 'Kestrelshire Youth Offending Team';
const CONNEXIONS = 'Connexions Kestrelshire';
const LSC = 'Learning and Skills Council, Kestrelshire';
const VOLUNTARY = 'Kestrelshire Council for Voluntary Youth Services';
const EASTMOOR = 'Eastmoor Family Support';
const COLLEGE = 'Barrowmere College';
const CAMHS_FUND = 'Child and adolescent mental health pooled fund';
const PARENTING_FUND = 'Parenting support (aligned budgets)';

const SECTIONS: Record<string, string> = {
  vision:
    'Every child and young person in Kestrelshire grows up safe, healthy and happy, does well at school and beyond, and has a say in the services that shape their lives.\n\nWe will get help to children and families early, before problems grow, and work as one partnership so no family has to tell its story twice.',
  needs_assessment:
    'Our needs assessment looks at each of the five outcomes against our statistical neighbours and England. Most children do well, but children in care, young people eligible for free school meals and disabled young people are still behind their peers.\n\nThe figures below are read live from the needs assessment: they change as new figures are published.',
  priorities:
    'Five priorities, chosen with children, young people, parents and our partners, each with key actions, a lead partner and targets for each year of the plan.',
  budgets:
    'Partners put money into a pooled fund for child and adolescent mental health and align their parenting support budgets. The plan’s key actions name the fund or budget that pays for them; the totals below are drawn live from commissioning.',
  performance_review:
    'The children’s trust board reviews progress every quarter against each priority’s indicators and targets. Each year we publish a review of every key action and what changed, beside the plan.',
  cooperation:
    'The partners co-operate under section 10 of the Children Act 2004 through the children’s trust board, its sub-groups and the Local Safeguarding Children Board. The partners and the bodies are listed below as the partner register and governance hold them.',
};

interface DemoAction {
  title: string;
  lead: string;
  partners: string[];
  startsOn: string;
  endsOn: string;
  cost: string;
  fund?: string;
  status: string;
  progress?: { onDay: string; note: string; status: string }[];
}
interface DemoPriority {
  title: string;
  description: string;
  outcomeCode: string;
  aimCodes: string[];
  indicators: { code: string; periods: [string, string][] }[];
  actions: DemoAction[];
}

const PRIORITIES: DemoPriority[] = [
  {
    title: 'Better emotional wellbeing and mental health',
    description: 'Young people told us waiting for help with their mental health is their biggest worry.',
    outcomeCode: 'be-healthy',
    aimCodes: ['be-healthy.2'],
    indicators: [
      {
        code: 'NI 50',
        periods: [
          ['2026-27', '62'],
          ['2027-28', '64'],
          ['2028-29', '66'],
        ],
      },
    ],
    actions: [
      {
        title: 'Open two drop-in emotional wellbeing clinics for 11 to 18 year olds',
        lead: PCT,
        partners: [LA, VOLUNTARY],
        startsOn: '2026-04-01',
        endsOn: '2027-03-31',
        cost: '180000',
        fund: CAMHS_FUND,
        status: 'on_track',
        progress: [{ onDay: '2026-09-30', note: 'Both sites agreed; the first clinic opened in September.', status: 'on_track' }],
      },
      {
        title: 'Train a mental health lead in every secondary school',
        lead: LA,
        partners: [PCT],
        startsOn: '2026-09-01',
        endsOn: '2028-07-31',
        cost: '45000',
        fund: CAMHS_FUND,
        status: 'not_started',
      },
    ],
  },
  {
    title: 'Stable homes for children in care',
    description: 'Too many children in care move placement three or more times in a year.',
    outcomeCode: 'stay-safe',
    aimCodes: ['stay-safe.5'],
    indicators: [
      {
        code: 'NI 62',
        periods: [
          ['2026-27', '10'],
          ['2027-28', '9'],
          ['2028-29', '8'],
        ],
      },
    ],
    actions: [
      {
        title: 'Recruit thirty more local foster carers',
        lead: LA,
        partners: [VOLUNTARY],
        startsOn: '2026-04-01',
        endsOn: '2028-03-31',
        cost: '320000',
        status: 'at_risk',
        progress: [
          {
            onDay: '2026-10-31',
            note: 'Eleven carers approved so far; recruitment is behind plan in the east of the county.',
            status: 'at_risk',
          },
        ],
      },
      {
        title: 'Support for carers when a placement is under strain',
        lead: LA,
        partners: [PCT, EASTMOOR],
        startsOn: '2026-06-01',
        endsOn: '2029-03-31',
        cost: '95000',
        fund: PARENTING_FUND,
        status: 'on_track',
      },
    ],
  },
  {
    title: 'Closing the gap at school',
    description: 'Pupils eligible for free school meals do less well at every key stage.',
    outcomeCode: 'enjoy-and-achieve',
    aimCodes: ['enjoy-and-achieve.3', 'enjoy-and-achieve.5'],
    indicators: [
      {
        code: 'NI 73',
        periods: [
          ['2026-27', '74'],
          ['2027-28', '76'],
          ['2028-29', '78'],
        ],
      },
      {
        code: 'NI 75',
        periods: [
          ['2026-27', '55'],
          ['2027-28', '57'],
          ['2028-29', '59'],
        ],
      },
    ],
    actions: [
      {
        title: 'Reading recovery for pupils eligible for free school meals',
        lead: LA,
        partners: [],
        startsOn: '2026-09-01',
        endsOn: '2029-03-31',
        cost: '210000',
        status: 'on_track',
      },
      {
        title: 'A virtual school head for children in care',
        lead: LA,
        partners: [COLLEGE],
        startsOn: '2026-04-01',
        endsOn: '2029-03-31',
        cost: '150000',
        status: 'done',
        progress: [{ onDay: '2026-07-15', note: 'Virtual school head appointed and in post.', status: 'done' }],
      },
    ],
  },
  {
    title: 'Fewer young people drawn into crime',
    description: 'First-time entrants to the youth justice system are above our neighbours’ rate.',
    outcomeCode: 'make-a-positive-contribution',
    aimCodes: ['make-a-positive-contribution.2'],
    indicators: [
      {
        code: 'NI 111',
        periods: [
          ['2026-27', '900'],
          ['2027-28', '850'],
          ['2028-29', '800'],
        ],
      },
    ],
    actions: [
      {
        title: 'Youth diversion scheme with the police',
        lead: YOT,
        partners: [POLICE],
        startsOn: '2026-04-01',
        endsOn: '2028-03-31',
        cost: '120000',
        status: 'on_track',
        progress: [{ onDay: '2026-11-15', note: 'Forty young people diverted in the first six months.', status: 'on_track' }],
      },
      {
        title: 'Positive activities in the evenings in Eastmoor and Dunstow',
        lead: VOLUNTARY,
        partners: [LA, POLICE],
        startsOn: '2026-05-01',
        endsOn: '2027-08-31',
        cost: '60000',
        status: 'off_track',
      },
    ],
  },
  {
    title: 'More young people in education, employment or training',
    description: 'Young people leaving care are three times as likely not to be in education, employment or training.',
    outcomeCode: 'achieve-economic-wellbeing',
    aimCodes: ['achieve-economic-wellbeing.1', 'achieve-economic-wellbeing.2'],
    indicators: [
      {
        code: 'NI 117',
        periods: [
          ['2026', '5.5'],
          ['2027', '5.2'],
          ['2028', '4.9'],
        ],
      },
    ],
    actions: [
      {
        title: 'A personal adviser for every care leaver to 21',
        lead: CONNEXIONS,
        partners: [LA],
        startsOn: '2026-04-01',
        endsOn: '2029-03-31',
        cost: '240000',
        status: 'on_track',
      },
      {
        title: 'Apprenticeships with the partners as employers',
        lead: LSC,
        partners: [LA, PCT, COLLEGE],
        startsOn: '2026-09-01',
        endsOn: '2028-08-31',
        cost: '75000',
        status: 'not_started',
      },
      {
        title: 'A jobs and training fair in each district every spring',
        lead: CONNEXIONS,
        partners: [COLLEGE],
        startsOn: '2027-03-01',
        endsOn: '2029-03-31',
        cost: '12500.50',
        status: 'not_started',
      },
    ],
  },
];

/** The plans, drafted through the drafting service as the planner; makes nothing twice. Returns the rows it made. */
export async function loadDemoPlanDrafts(demo: DemoPlan): Promise<number> {
  const { db, areaCode, plan } = demo;
  const existing = await plan.list(areaCode);
  if (existing.some((p) => p.title === DEMO_PLAN_TITLE)) return 0;
  const plannerId = await demo.userId('planner@kestrelshire.example');
  const by: PlanBy = { ...demo.by, userId: plannerId, name: 'Tom Achebe' };
  const org = async (name: string) => {
    const id = await findOrganisationIdByName(db, areaCode, name);
    if (!id) throw new Error(`demo plan: no partner ${name}`);
    return id;
  };
  const funds = await db.query<{ id: string; name: string }>('SELECT id, name FROM fund WHERE area_code = $1', [areaCode]);
  const fundId = (name: string | undefined) => (name === undefined ? '' : (funds.find((f) => f.name === name)?.id ?? ''));
  let created = 0;

  const planId = await plan.drafting.start(by, areaCode, {
    title: DEMO_PLAN_TITLE,
    periodStart: '2026-04-01',
    periodEnd: '2029-03-31',
    owner: 'board',
  });
  created += 7;
  for (const p of PRIORITIES) {
    const indicatorCodes: string[] = [];
    for (const i of p.indicators) if (await findIndicatorByCode(db, i.code, areaCode)) indicatorCodes.push(i.code);
    const priorityId = await plan.drafting.addPriority(by, areaCode, planId, {
      title: p.title,
      description: p.description,
      outcomeCode: p.outcomeCode,
      aimCodes: p.aimCodes,
      indicatorCodes,
    });
    created += 1;
    for (const i of p.indicators.filter((x) => indicatorCodes.includes(x.code)))
      for (const [period, value] of i.periods)
        await plan.drafting.setTarget(by, areaCode, planId, priorityId, { indicatorCode: i.code, period, value });
    for (const a of p.actions) {
      const actionId = await plan.drafting.addAction(by, areaCode, planId, priorityId, {
        title: a.title,
        leadOrganisationId: await org(a.lead),
        partnerIds: await Promise.all(a.partners.map(org)),
        startsOn: a.startsOn,
        endsOn: a.endsOn,
        outlineCost: a.cost,
        fundId: fundId(a.fund),
        status: a.status,
      });
      created += 1 + a.partners.length;
      for (const g of a.progress ?? []) created += (await plan.drafting.addProgress(by, areaCode, planId, actionId, g)) ? 1 : 0;
    }
  }
  const content = await plan.content(areaCode, planId);
  for (const s of content?.sections ?? [])
    await plan.drafting.editSection(by, areaCode, planId, s.id, { title: s.title, body: SECTIONS[s.kind] ?? '', complete: true });

  // The next plan, begun: the vision drafted, the needs assessment written, the rest still to do.
  const nextId = await plan.drafting.start(by, areaCode, {
    title: DEMO_NEXT_PLAN_TITLE,
    periodStart: '2029-04-01',
    periodEnd: '2032-03-31',
    owner: 'board',
  });
  created += 7;
  const next = await plan.content(areaCode, nextId);
  for (const s of next?.sections ?? []) {
    if (s.kind === 'vision')
      await plan.drafting.editSection(by, areaCode, nextId, s.id, {
        title: s.title,
        body: 'A first draft of the vision, to test with children and young people this spring.',
        complete: false,
      });
    if (s.kind === 'needs_assessment')
      await plan.drafting.editSection(by, areaCode, nextId, s.id, { title: s.title, body: SECTIONS.needs_assessment, complete: true });
  }
  await plan.drafting.addPriority(by, areaCode, nextId, {
    title: 'Better emotional wellbeing and mental health',
    description: 'Carried forward from the 2026 to 2029 plan.',
    outcomeCode: 'be-healthy',
    aimCodes: ['be-healthy.2'],
    indicatorCodes: ['NI 50'],
  });
  return created + 1;
}
