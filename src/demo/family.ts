import type { AssessmentContent } from '../assessment/index.js';
import { completeOn, memberOf, type DemoKit } from './assessment-kit.js';

/**
 * A family in the demo area (issue 14, families and siblings; 004 para 198: three common assessments
 * on one family): the Brennans, three children of one household. The school adds Mia and Leo, the
 * health visitor Ava; each links the children they work with, through the household service as a
 * practitioner would. Mia (the school) and Ava (health visiting) each have an open assessment, with
 * the health visitor on both teams; Leo has none, so starting one for him shows his sisters' work
 * and its lead professionals, and the team around the family lists the health visitor once.
 */

const TEACHER = 'teacher@kestrelshire.example';
const HEALTH_VISITOR = 'health.visitor@kestrelshire.example';
const SCHOOL = 'Ashcombe Community College';
const HEALTH = 'Kestrelshire Primary Care Trust';

export const DEMO_FAMILY = { familyName: 'Brennan', children: ['Mia', 'Leo', 'Ava'], carer: 'Kerry Brennan' } as const;

const ADDRESS = { addressLine1: '7 Heron Close', town: 'Ashcombe', postcode: 'KE2 6PL', gpPractice: 'The Combe Surgery' };

const content = (kit: DemoKit, givenName: string, parts: Partial<AssessmentContent>): AssessmentContent => ({
  reasonForAssessment: '',
  family: `${givenName} lives with ${DEMO_FAMILY.carer} and two siblings at 7 Heron Close.`,
  servicesInvolved: '',
  elements: {},
  childViews: '',
  parentViews: `${DEMO_FAMILY.carer} wants one plan for the family rather than a meeting for each child.`,
  conclusions: '',
  agreedActions: [{ who: 'Assessor', what: 'Agree one team around the family with the other assessor', byWhen: kit.daysAgo(-14) }],
  levelOfNeed: 'additional',
  ...parts,
});

/** Starts an assessment for one of the children, records the carer's consent, completes it and appoints its lead. */
async function assess(
  kit: DemoKit,
  a: { email: string; childId: string; givenName: string; days: number; service: string; shareWith: string[]; member?: string },
  parts: Partial<AssessmentContent>,
): Promise<void> {
  const user = kit.user(a.email);
  await kit.on(a.days);
  const id = await kit.assessment.assessments.start(user, a.childId, { service: a.service }, kit.ctx);
  await kit.on(a.days, 20);
  await kit.assessment.assessments.recordConsent(
    user,
    id,
    {
      kind: 'given',
      givenByName: DEMO_FAMILY.carer,
      givenByRelationship: 'parent or carer',
      toRecord: true,
      shareWith: a.shareWith.map((o) => kit.organisation(o)),
      givenOn: kit.daysAgo(a.days),
      method: 'in writing',
    },
    kit.ctx,
  );
  await completeOn(kit, user, id, content(kit, a.givenName, parts), a.days - 5);
  await kit.on(a.days - 6);
  if (a.member)
    await kit.assessment.team.addMember(
      user,
      id,
      { joinedOn: kit.daysAgo(a.days - 6), userId: kit.user(a.member).id, service: 'Health visiting' },
      kit.ctx,
    );
  await kit.assessment.team.appointLeadProfessional(
    user,
    id,
    { teamMemberId: await memberOf(kit, id, user.id), criteriaMet: kit.criteria },
    kit.ctx,
  );
}

export async function loadDemoFamily(kit: DemoKit): Promise<void> {
  const teacher = kit.user(TEACHER);
  const visitor = kit.user(HEALTH_VISITOR);
  const add = async (user: typeof teacher, givenName: string, ageDays: number, gender: 'female' | 'male') =>
    (
      await kit.children.records.create(
        user,
        {
          givenName,
          familyName: DEMO_FAMILY.familyName,
          dateOfBirth: kit.daysAgo(ageDays),
          gender,
          ...ADDRESS,
          school: ageDays > 4 * 365 ? SCHOOL : '',
          carer: { name: DEMO_FAMILY.carer, relationship: 'Mother', phone: '01632 960 414' },
        },
        kit.ctx,
      )
    ).id;
  await kit.on(160);
  const mia = await add(teacher, 'Mia', 12 * 365 + 40, 'female');
  const leo = await add(teacher, 'Leo', 8 * 365 + 200, 'male');
  await kit.on(160, 10);
  await kit.children.households.link(teacher, mia, { otherChildId: leo, relationship: 'sibling' }, kit.ctx);
  await kit.on(150);
  const ava = await add(visitor, 'Ava', 2 * 365 + 90, 'female');
  await kit.on(150, 10);
  await kit.children.households.link(visitor, ava, { otherChildId: leo, relationship: 'half-sibling' }, kit.ctx);

  // The school assesses Mia; the health visitor, who knows the family, joins her team and assesses Ava.
  await assess(
    kit,
    {
      email: TEACHER,
      childId: mia,
      givenName: 'Mia',
      days: 140,
      service: 'Special educational needs co-ordination',
      shareWith: [HEALTH],
      member: HEALTH_VISITOR,
    },
    {
      reasonForAssessment: 'Late most mornings since the autumn; tired in class; caring for her younger brother and sister.',
      elements: { 'development.participation': { strengths: 'Keen on science and art.', needs: 'Arriving on time and rested.' } },
      childViews: 'Mia says she worries about her mum and wants to help, but would like time for homework.',
      conclusions: 'A young carer: needs support at home so she can be at school on time.',
    },
  );
  await assess(
    kit,
    { email: HEALTH_VISITOR, childId: ava, givenName: 'Ava', days: 40, service: 'Health visiting', shareWith: [SCHOOL] },
    {
      reasonForAssessment: 'Speech behind what is expected at two; missed the two-year review twice.',
      elements: { 'development.learning': { strengths: 'Understands simple instructions.', needs: 'Uses a few single words only.' } },
      childViews: 'Ava is two: observed at home playing with her brother.',
      conclusions: 'Needs a speech and language assessment and a nursery place.',
    },
  );
}
