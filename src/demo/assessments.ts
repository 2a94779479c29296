import type { AssessmentContent } from '../assessment/index.js';
import type { Db } from '../platform/db.js';
import { DEMO_AREA } from './area.js';
import { addActions, completeOn, demoKit, memberOf, type DemoKit } from './assessment-kit.js';
import { loadDemoFamily } from './family.js';
import { loadWorkedCase } from './worked-case.js';

/**
 * Front-line work in the demo area (issue 4 item 8): the worked case of 002 §3.8 and an episode
 * at every other stage (a checklist that found no need, a draft, a plan with overdue actions, a
 * referral waiting past its deadline, one returned, one declined, one closed when the family
 * moved), all made through the real services by the demo practitioners on the timeline's clock,
 * so their audit trail, levels of need and involvements are what real use would leave, dated when
 * the story says.
 */

const TEACHER = 'teacher@kestrelshire.example';
const HEALTH_VISITOR = 'health.visitor@kestrelshire.example';
const YOT_OFFICER = 'yot.officer@kestrelshire.example';
const SOCIAL_WORKER = 'social.worker@kestrelshire.example';
const LA = 'Kestrelshire County Council';
const SOCIAL_CARE = 'Children’s social care';

interface DemoChild {
  id: string;
  givenName: string;
  carerName: string;
}

/**
 * A demo child for an episode: visible to everyone (not shielded, not merged), of the age asked
 * for when the area has one, in a stable order so a load makes the same choices every time.
 */
async function pickChild(kit: DemoKit, taken: string[], ages: [number, number]): Promise<DemoChild> {
  const [row] = await kit.db.query<{ id: string; given_name: string; carer_name: string | null }>(
    `SELECT c.id, c.given_name, (SELECT ca.name FROM carer ca WHERE ca.child_id = c.id ORDER BY ca.name LIMIT 1) AS carer_name
       FROM child c
      WHERE c.area_code = $1 AND c.merged_into_id IS NULL AND c.shielded_at IS NULL AND NOT (c.id = ANY($2::uuid[]))
      ORDER BY (c.date_of_birth > $3::date - make_interval(years => $5) AND c.date_of_birth <= $3::date - make_interval(years => $4)) DESC,
               c.family_name, c.given_name, c.date_of_birth, c.id
      LIMIT 1`,
    [DEMO_AREA.code, taken, kit.today, ages[0], ages[1] + 1],
  );
  if (!row) throw new Error('the demo area has too few children for its front-line episodes');
  taken.push(row.id);
  return { id: row.id, givenName: row.given_name, carerName: row.carer_name ?? `Parent of ${row.given_name}` };
}

/**
 * Loads the episodes once, over the year before `now`: does nothing when the demo area already has
 * a common assessment. The children are chosen first; then the episodes run side by side on one
 * timeline, so each step is taken, and audited, in the order of the days it happened on.
 */
export async function loadDemoAssessments(db: Db, now: Date): Promise<number> {
  const [existing] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM common_assessment WHERE area_code = $1', [
    DEMO_AREA.code,
  ]);
  if ((existing?.n ?? 0) > 0) return 0;
  const kit = await demoKit(db, now);
  const taken: string[] = [];
  const episodes: [(kit: DemoKit, child: DemoChild) => Promise<void>, DemoChild][] = [
    [checklistOnly, await pickChild(kit, taken, [1, 4])],
    [draftOnly, await pickChild(kit, taken, [0, 2])],
    [overduePlan, await pickChild(kit, taken, [12, 15])],
    [waitingReferral, await pickChild(kit, taken, [2, 4])],
    [returnedReferral, await pickChild(kit, taken, [8, 11])],
    [declined, await pickChild(kit, taken, [0, 3])],
    [movedAway, await pickChild(kit, taken, [5, 9])],
  ];
  await kit.timeline.run([
    () => loadWorkedCase(kit),
    () => loadDemoFamily(kit),
    ...episodes.map(
      ([episode, child]) =>
        () =>
          episode(kit, child),
    ),
  ]);
  const [made] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM common_assessment WHERE area_code = $1', [DEMO_AREA.code]);
  return made?.n ?? 0;
}

/** Starts an assessment on a past day with the carer's consent to record and share with these organisations. */
async function startWithConsent(
  kit: DemoKit,
  email: string,
  child: DemoChild,
  days: number,
  start: { service: string; onBehalfOf?: string },
  shareWith: string[],
): Promise<string> {
  const user = kit.user(email);
  await kit.on(days);
  const id = await kit.assessment.assessments.start(user, child.id, start, kit.ctx);
  await kit.on(days, 20);
  await kit.assessment.assessments.recordConsent(
    user,
    id,
    {
      kind: 'given',
      givenByName: child.carerName,
      givenByRelationship: 'parent or carer',
      toRecord: true,
      shareWith: shareWith.map((o) => kit.organisation(o)),
      givenOn: kit.daysAgo(days),
      method: days % 2 === 0 ? 'in writing' : 'verbally',
    },
    kit.ctx,
  );
  return id;
}

const content = (kit: DemoKit, child: DemoChild, parts: Partial<AssessmentContent>): AssessmentContent => ({
  reasonForAssessment: '',
  family: `${child.givenName} lives with ${child.carerName}.`,
  servicesInvolved: '',
  elements: {},
  childViews: `${child.givenName} was too young to give views; observed at home and in a setting.`,
  parentViews: `${child.carerName} agrees with the needs found and wants help.`,
  conclusions: '',
  agreedActions: [{ who: 'Assessor', what: 'Share the assessment with the services named in the consent', byWhen: kit.daysAgo(-7) }],
  levelOfNeed: 'additional',
  ...parts,
});

async function checklistOnly(kit: DemoKit, child: DemoChild): Promise<void> {
  await kit.on(60);
  await kit.assessment.assessments.recordChecklist(
    kit.user(HEALTH_VISITOR),
    child.id,
    {
      answers: { healthy: 'yes', safe: 'yes', learning: 'yes', contribution: 'yes', wellbeing: 'not sure', met: 'yes' },
      decision: 'progressing well',
      notes: 'Asked about at the 2-year review. Developing well; family linked to the children’s centre. No assessment needed.',
    },
    kit.ctx,
  );
}

/** A health visitor assessing for the family's GP (004 paras 191-192), part-written. */
async function draftOnly(kit: DemoKit, child: DemoChild): Promise<void> {
  const id = await startWithConsent(
    kit,
    HEALTH_VISITOR,
    child,
    9,
    { service: 'Health visiting', onBehalfOf: 'Dr Anil Shah, GP, Dunstow Road Surgery' },
    [LA, 'Kestrelshire Primary Care Trust', 'Dunstow Road Surgery'],
  );
  await kit.on(6);
  await kit.assessment.assessments.saveDraft(
    kit.user(HEALTH_VISITOR),
    id,
    content(kit, child, {
      reasonForAssessment: 'Slow weight gain and missed appointments; the GP asked for a common assessment.',
      elements: {
        'development.health': { strengths: 'Alert and responsive.', needs: 'Weight below the expected centile since 6 months.' },
      },
    }),
    'any',
    kit.ctx,
  );
}

/** A completed assessment with a team and a lead professional, some of whose actions are overdue (004 para 202). */
async function overduePlan(kit: DemoKit, child: DemoChild): Promise<void> {
  const teacher = kit.user(TEACHER);
  const id = await startWithConsent(kit, TEACHER, child, 120, { service: 'Special educational needs co-ordination' }, [
    LA,
    'Kestrelshire Youth Offending Team',
    'Eastmoor Family Support',
    'Kestrelshire Primary Care Trust',
  ]);
  await completeOn(
    kit,
    teacher,
    id,
    content(kit, child, {
      reasonForAssessment: 'Attendance has fallen to 71% this term; spending evenings with older young people; cautioned for shoplifting.',
      elements: {
        'development.participation': { strengths: 'Enjoys design and technology.', needs: 'Regular attendance at school.' },
        'development.relationships': { strengths: '', needs: 'Friendships with older young people involved in anti-social behaviour.' },
        'family-environment.housing': { strengths: '', needs: 'Overcrowded flat: no quiet space for homework.' },
      },
      childViews: `${child.givenName} says school is “pointless” but would like to be a mechanic.`,
      conclusions: 'Needs support with attendance, positive activities and the family’s housing.',
    }),
    105,
  );
  await kit.on(100);
  const join = (input: Parameters<typeof kit.assessment.team.addMember>[2]) =>
    kit.assessment.team.addMember(teacher, id, { joinedOn: kit.daysAgo(100), ...input }, kit.ctx);
  const yot = await join({ userId: kit.user(YOT_OFFICER).id, service: 'Youth Crime Prevention' });
  const family = await join({
    service: 'Family support',
    organisationId: kit.organisation('Eastmoor Family Support'),
    practitionerName: 'Rachel Nowak',
    role: 'Family support worker',
    phone: '01632 960 520',
  });
  const nurse = await join({
    service: 'School nursing',
    organisationId: kit.organisation('Kestrelshire Primary Care Trust'),
    practitionerName: 'Jo Lindqvist',
    role: 'School nurse',
  });
  await kit.on(98);
  await kit.assessment.team.appointLeadProfessional(teacher, id, { teamMemberId: yot, criteriaMet: kit.criteria }, kit.ctx);
  const teacherMember = await memberOf(kit, id, teacher.id);
  await addActions(
    kit,
    id,
    [
      [yot, 'Positive activities', 'Place at the Friday youth project', 75, 'done'],
      [teacherMember, 'Regular attendance', 'Attendance plan with weekly check-ins', 60, 'in progress'],
      [family, 'Overcrowded housing', 'Support the family’s housing application', 30, 'not started'],
      [nurse, 'Health', 'Health check at school', -14, 'not started'],
    ],
    98,
    40,
  );
}

/** Escalated to children's social care and not acknowledged by its deadline (004 para 202). */
async function waitingReferral(kit: DemoKit, child: DemoChild): Promise<void> {
  const hv = kit.user(HEALTH_VISITOR);
  const id = await startWithConsent(kit, HEALTH_VISITOR, child, 25, { service: 'Health visiting' }, [
    LA,
    'Kestrelshire Primary Care Trust',
  ]);
  await completeOn(
    kit,
    hv,
    id,
    content(kit, child, {
      reasonForAssessment: 'Home conditions have worsened; bruising seen on the child’s arm, explained as a fall.',
      elements: {
        'parents-carers.basic-care': { strengths: 'Attends clinic.', needs: 'Home conditions are unsafe for a toddler.' },
        'family-environment.family-history': { strengths: '', needs: 'Reports of arguments and police called to the home.' },
      },
      conclusions: 'Needs beyond what universal and targeted services can meet: refer to children’s social care.',
      levelOfNeed: 'complex',
    }),
    14,
  );
  // Sent ten days ago with the area's three working days to acknowledge: overdue now, whatever
  // weekends and bank holidays (Christmas, Easter) fall between.
  await kit.on(10);
  await kit.assessment.referrals.escalate(
    hv,
    id,
    {
      toOrganisationId: kit.organisation(LA),
      toService: SOCIAL_CARE,
      reason: 'Unexplained bruising and worsening home conditions since the assessment; police called to the home twice.',
      levelSought: 'acute/specialist',
    },
    kit.ctx,
  );
}

/** Escalated, then returned by children's social care with its reasons; the team carries on. */
async function returnedReferral(kit: DemoKit, child: DemoChild): Promise<void> {
  const teacher = kit.user(TEACHER);
  const id = await startWithConsent(kit, TEACHER, child, 80, { service: 'Special educational needs co-ordination' }, [
    LA,
    'Eastmoor Family Support',
  ]);
  await completeOn(
    kit,
    teacher,
    id,
    content(kit, child, {
      reasonForAssessment: 'Often hungry and tired at school; uniform not washed; mother recently bereaved.',
      elements: {
        'parents-carers.basic-care': { strengths: 'Mother is loving and asks for help.', needs: 'Help with meals and routines at home.' },
        'family-environment.housing': { strengths: '', needs: 'Debts since the bereavement.' },
      },
      childViews: `${child.givenName} says they miss their dad and worry about their mum.`,
      conclusions: 'Additional needs; escalation considered because of the length of the concerns.',
    }),
    70,
  );
  await kit.on(62);
  const referral = await kit.assessment.referrals.escalate(
    teacher,
    id,
    {
      toOrganisationId: kit.organisation(LA),
      toService: SOCIAL_CARE,
      reason: 'Concerns about neglect over two terms.',
      levelSought: 'complex',
    },
    kit.ctx,
  );
  const socialWorker = kit.user(SOCIAL_WORKER);
  await kit.on(60);
  await kit.assessment.referrals.acknowledge(socialWorker, referral, kit.ctx);
  await kit.assessment.referrals.decide(
    socialWorker,
    referral,
    {
      decision: 'returned',
      reason:
        'No child protection concerns: the needs can be met under the common assessment. Add family support for routines and debt advice; re-refer if there is no progress by the next review.',
    },
    kit.ctx,
  );
  await kit.on(55);
  const family = await kit.assessment.team.addMember(
    teacher,
    id,
    {
      service: 'Family support',
      organisationId: kit.organisation('Eastmoor Family Support'),
      practitionerName: 'Rachel Nowak',
      role: 'Family support worker',
      joinedOn: kit.daysAgo(55),
    },
    kit.ctx,
  );
  await addActions(
    kit,
    id,
    [[family, 'Help with meals and routines', 'Weekly home visits; referral to debt advice', -21, 'in progress']],
    55,
    30,
  );
}

/** The family declined the assessment (004 para 184): the offer is recorded and the episode closes. */
async function declined(kit: DemoKit, child: DemoChild): Promise<void> {
  const hv = kit.user(HEALTH_VISITOR);
  await kit.on(45);
  const id = await kit.assessment.assessments.start(hv, child.id, { service: 'Health visiting' }, kit.ctx);
  // Declining closes the episode as declined, in the same step.
  await kit.on(45, 30);
  await kit.assessment.assessments.recordConsent(
    hv,
    id,
    {
      kind: 'declined',
      givenByName: child.carerName,
      givenByRelationship: 'parent or carer',
      givenOn: kit.daysAgo(45),
      method: 'verbally',
    },
    kit.ctx,
  );
}

/** Closed when the family moved away, with a lead professional and a plan that had started. */
async function movedAway(kit: DemoKit, child: DemoChild): Promise<void> {
  const teacher = kit.user(TEACHER);
  const id = await startWithConsent(kit, TEACHER, child, 240, { service: 'Special educational needs co-ordination' }, [
    LA,
    'Kestrelshire Primary Care Trust',
  ]);
  await completeOn(
    kit,
    teacher,
    id,
    content(kit, child, {
      reasonForAssessment: 'Speech hard to understand; frustrated and withdrawn in class.',
      elements: { 'development.learning': { strengths: 'Good at number work.', needs: 'Speech and language assessment and support.' } },
      childViews: `${child.givenName} drew a picture of the class and said nobody understands what they say.`,
      conclusions: 'Additional needs: speech and language therapy and support in class.',
    }),
    228,
  );
  await kit.on(220);
  const therapist = await kit.assessment.team.addMember(
    teacher,
    id,
    {
      service: 'Speech and language therapy',
      organisationId: kit.organisation('Kestrelshire Primary Care Trust'),
      practitionerName: 'Priti Varma',
      role: 'Speech and language therapist',
      joinedOn: kit.daysAgo(220),
    },
    kit.ctx,
  );
  await kit.on(218);
  await kit.assessment.team.appointLeadProfessional(teacher, id, { teamMemberId: therapist, criteriaMet: kit.criteria }, kit.ctx);
  await addActions(
    kit,
    id,
    [[therapist, 'Speech and language', 'Assessment and a block of six therapy sessions', 160, 'in progress']],
    218,
    170,
  );
  await kit.on(150);
  await kit.assessment.team.close(
    teacher,
    id,
    {
      outcome: 'moved away',
      note: 'The family moved to Northmoor. With their consent the assessment was exported for the new school and the lead professional spoke to the SENCO there.',
    },
    kit.ctx,
  );
}
