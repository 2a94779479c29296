import type { FundBy } from '../commissioning/index.js';
import { directoryService } from '../directory/index.js';
import { findOrganisationIdByName } from '../partnership/index.js';
import { todayOf } from '../platform/clock.js';
import { financialYearOf } from '../platform/money.js';
import type { Caller } from '../platform/subject-policy.js';
import { demoBoardDecision } from './board-decision.js';
import type { DemoCommissioning } from './commissioning.js';

/**
 * Kestrelshire's pooled fund for child and adolescent mental health (issue 17 item 11; 004 Table 4.4: CAMHS is the
 * service most often pooled): hosted by the county council, with money from the council and the PCT and a
 * voluntary partner's worker and rooms in kind; agreed last April for three years, varied this year to take in the
 * youth offending team's supervision with its head of service's approval (000 §2.51); spending and a commitment on
 * the agreed services, booked by the planner and by the fund's budget holder. Each version cites the trust board's
 * decision (ADR 0033), and one duplicated booking is reversed with its reason. Loaded once (the fund's name says so).
 */

const FUND = 'Child and adolescent mental health pooled fund';
const LA = 'Kestrelshire County Council';
const PCT = 'Kestrelshire Primary Care Trust';
const VOLUNTARY = 'Kestrelshire Council for Voluntary Youth Services';
const YOT = 'Kestrelshire Youth Offending Team';
const CAMHS = 'Child and adolescent mental health service';

async function callerOf(demo: DemoCommissioning, email: string): Promise<FundBy> {
  const id = await demo.userId(email);
  const [u] = await demo.db.query<{ role: Caller['role']; organisationId: string; organisationName: string; sector: string; dsl: boolean }>(
    `SELECT u.role, u.organisation_id AS "organisationId", o.name AS "organisationName", o.sector, u.designated_safeguarding AS dsl
       FROM app_user u JOIN organisation o ON o.id = u.organisation_id WHERE u.id = $1`,
    [id],
  );
  if (!u) throw new Error(`demo commissioning: no user ${email}`);
  return {
    ...demo.by,
    actor: { userId: id, label: email, role: u.role, areaCode: demo.areaCode },
    caller: { userId: id, role: u.role, areaCode: demo.areaCode, organisationId: u.organisationId, organisationName: u.organisationName, organisationSector: u.sector, designatedSafeguarding: u.dsl },
  };
}

export async function loadDemoPooledFund(demo: DemoCommissioning): Promise<number> {
  const { db, clock, areaCode } = demo;
  const funds = demo.commissioning.funds;
  if ((await funds.list(areaCode)).some((f) => f.name === FUND)) return 0;
  const org = async (name: string) => {
    const id = await findOrganisationIdByName(db, areaCode, name);
    if (!id) throw new Error(`demo commissioning: no partner ${name}`);
    return id;
  };
  // The CAMHS service itself, in the directory, when the directory's demo has not listed it.
  const directory = directoryService({ db, clock });
  const listed = await directory.list(areaCode);
  const serviceId = async (name: string) => listed.find((s) => s.name === name)?.id ?? (await directory.add(demo.by, areaCode, { name, organisationId: await org(PCT), providerKind: 'statutory', serviceType: 'health' }));
  const [camhs, schoolNursing, family, yot] = [await serviceId(CAMHS), await serviceId('School nursing'), await serviceId('Family support'), await serviceId('Youth offending team supervision')];

  const today = todayOf(clock);
  const last = financialYearOf(today) - 1;
  const upToToday = (day: string) => (day < today ? day : today);
  const planner = await callerOf(demo, 'planner@kestrelshire.example');
  const manager = await callerOf(demo, 'practice.manager@kestrelshire.example');

  // The board agreed the pool (ADR 0033): a decision on an item naming the services in scope, members with an
  // interest in their providers withdrawing. Its earliest quorate meeting in the demo ratified the first version.
  const first = await demoBoardDecision(
    demo,
    {
      title: 'Child and adolescent mental health pooled fund: the agreement',
      description: 'The partners’ agreement to pool money for CAMHS, school nursing and family support: purpose, scope, term, exit terms and governance.',
      decision: 'Agreed the pooled fund’s agreement (version 1): the council hosts it; it pays only for the services in its scope',
      serviceIds: [camhs, schoolNursing, family],
    },
    'earliest',
  );
  if (!first) return 0;
  const id = await funds.setUp(planner, { kind: 'pooled', name: FUND, hostOrganisationId: await org(LA), startsOn: `${last}-04-01`, endsOn: `${last + 3}-03-31` });
  await funds.proposeAgreement(planner, id, {
    purpose: 'Early help for children’s emotional health and well-being: CAMHS in schools and families, before problems become acute',
    serviceIds: [camhs, schoolNursing, family],
    startsOn: `${last}-04-01`,
    endsOn: `${last + 3}-03-31`,
    exitTerms: 'A partner may leave on twelve months’ notice at the end of a financial year; money left is returned in proportion to the money each put in',
    governance: 'The emotional health sub-group manages the fund and reports spending against the agreed services to the children’s trust board each quarter',
  });
  await funds.agree(planner, id, 1, { agreedOn: `${last}-03-20`, decisionId: first.decisionId });
  await funds.setBudgetHolders(planner, id, { userIds: [manager.caller.userId] });
  const [la, pct, vol] = [await org(LA), await org(PCT), await org(VOLUNTARY)];
  for (const year of [last, last + 1]) {
    await funds.addContribution(planner, id, { organisationId: la, financialYear: year, kind: 'money', amount: '240000.00' });
    await funds.addContribution(planner, id, { organisationId: pct, financialYear: year, kind: 'money', amount: '185500.50' });
    await funds.addContribution(planner, id, { organisationId: vol, financialYear: year, kind: 'staff', amount: '31250.00', description: 'A youth counsellor, three days a week' });
  }
  await funds.addContribution(planner, id, { organisationId: vol, financialYear: last, kind: 'accommodation', description: 'Counselling rooms at the Eastmoor youth centre, not valued' });

  const commitment = await funds.book(planner, id, { kind: 'commitment', serviceId: camhs, amount: '150000.00', onDay: `${last}-05-01`, description: 'Primary mental health workers in schools, the year’s contract' });
  await funds.book(planner, id, { kind: 'spend', serviceId: camhs, amount: '75000.00', onDay: `${last}-10-01`, settlesEntryId: commitment, description: 'First half-year' });
  await funds.book(planner, id, { kind: 'spend', serviceId: camhs, amount: '75000.00', onDay: `${last + 1}-03-31`, settlesEntryId: commitment, description: 'Second half-year' });
  await funds.book(manager, id, { kind: 'spend', serviceId: family, amount: '42318.27', onDay: `${last}-11-15`, description: 'Parenting and family therapy sessions' });
  await funds.book(planner, id, { kind: 'spend', serviceId: schoolNursing, amount: '18640.00', onDay: `${last + 1}-02-10`, description: 'School nurses’ emotional health drop-ins' });
  await funds.book(manager, id, { kind: 'spend', serviceId: camhs, amount: '61200.00', onDay: upToToday(`${last + 1}-06-30`), description: 'Primary mental health workers in schools, first quarter' });
  await funds.book(planner, id, { kind: 'commitment', serviceId: family, amount: '48000.00', onDay: upToToday(`${last + 1}-04-15`), description: 'Family therapy, the year ahead' });

  // This year's variation: the youth offending team's supervision joins the scope, which its head of service approves.
  const approvedOn = upToToday(`${last + 1}-05-01`);
  await funds.proposeAgreement(planner, id, {
    purpose: 'Early help for children’s emotional health and well-being, including young people supervised by the youth offending team',
    serviceIds: [camhs, schoolNursing, family, yot],
    startsOn: `${last}-04-01`,
    endsOn: `${last + 3}-03-31`,
    exitTerms: 'A partner may leave on twelve months’ notice at the end of a financial year; money left is returned in proportion to the money each put in',
    governance: 'The emotional health sub-group manages the fund and reports spending against the agreed services to the children’s trust board each quarter',
    variationReason: 'Young people under youth offending supervision wait too long for CAMHS: the youth offending team’s supervision joins the scope',
  });
  await funds.recordYotApproval(planner, id, 2, { approverName: 'Marcus Bell', approverTitle: 'Head of Youth Offending Service', organisationId: await org(YOT), approvedOn });
  const variation = await demoBoardDecision(
    demo,
    {
      title: 'Child and adolescent mental health pooled fund: variation for the youth offending team',
      description: 'Whether the youth offending team’s supervision joins the pool’s scope, with the approval of its head of service (000 §2.51).',
      decision: 'Agreed the variation (version 2): youth offending supervision joins the scope, approved by the head of the youth offending service',
      serviceIds: [camhs, schoolNursing, family, yot],
    },
    'latest',
  );
  if (variation) await funds.agree(planner, id, 2, { agreedOn: approvedOn < variation.heldOn ? variation.heldOn : approvedOn, decisionId: variation.decisionId });

  // A correction (ADR 0033): the school nurses' drop-ins were booked to the pool twice; the duplicate is reversed.
  const duplicate = await funds.book(planner, id, { kind: 'spend', serviceId: schoolNursing, amount: '18640.00', onDay: `${last + 1}-02-10`, description: 'School nurses’ emotional health drop-ins (the invoice entered again)' });
  await funds.reverseEntry(planner, id, duplicate, { reason: 'The same invoice was booked twice: this reverses the second booking' });
  return 1;
}
