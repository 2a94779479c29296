import type { AssessmentContent } from '../assessment/index.js';
import { addActions, completeOn, type DemoKit } from './assessment-kit.js';

/**
 * The worked case of 002 §3.8 (paras 148-156), told again about a made-up boy, Bradley Cole, over
 * the last year: referred by his primary school, a common assessment finding three needs, a lead
 * professional appointed from the team, support from five services, more support after he is
 * permanently excluded, two services stepping back as he settles, and closure with needs met.
 */

export const WORKED_CASE_CHILD = { givenName: 'Bradley', familyName: 'Cole' } as const;

const TEACHER = 'teacher@kestrelshire.example';
const YOT_OFFICER = 'yot.officer@kestrelshire.example';
const SOCIAL_WORKER = 'social.worker@kestrelshire.example';
const LA = 'Kestrelshire County Council';

/** Day numbers count back from today: the referral came in about eleven months ago. */
const DAY = {
  recorded: 331,
  checklist: 330,
  started: 326,
  completed: 312,
  teamJoined: 306,
  leadAppointed: 304,
  excluded: 205,
  firstReview: 198,
  secondReview: 92,
  stepBack: 85,
  closed: 28,
} as const;

/** 002 para 151: the three needs, written into the elements of the form they belong to. */
const assessmentContent = (kit: DemoKit): AssessmentContent => ({
  reasonForAssessment:
    'Referred by Fernhill Infant and Junior School. Since his parents separated, Bradley’s behaviour at school has deteriorated: he hurts other pupils, leaves lessons, wanders the school unsupervised and has climbed on the roof. He has been reprimanded by the police for defacing a grave and painting walls in the town. He is at risk of exclusion and of a difficult move to secondary school.',
  family:
    'Bradley (10) lives with his mother, Donna Cole, in Ashcombe. His parents separated last year after a long period of conflict; his father lives in Barrowmere and contact is irregular.',
  servicesInvolved: 'Fernhill Infant and Junior School (class teacher); Kestrelshire Constabulary (reprimand); GP at The Combe Surgery.',
  elements: {
    'development.emotional-social': {
      strengths: 'Warm with adults he trusts; loves football and drawing.',
      needs: 'Help to understand his parents’ separation and its emotional impact on him.',
    },
    'development.behaviour': {
      strengths: 'Calm and focused in one-to-one work with clear rules.',
      needs:
        'To develop acceptable behavioural boundaries: harming other pupils, leaving lessons, climbing on the roof, damage in the town.',
    },
    'development.identity': {
      strengths: '',
      needs: 'To raise his self-esteem: he describes himself as “the bad one” and is often angry.',
    },
    'parents-carers.emotional-warmth': {
      strengths: 'His mother is committed to him and asked the school for help.',
      needs: 'His mother needs help to support him with his emotional problems and his all-round development.',
    },
    'parents-carers.guidance': {
      strengths: '',
      needs: 'His mother needs help to set boundaries and improve his behaviour at home.',
    },
    'development.learning': {
      strengths: 'Good spoken vocabulary; enjoys practical work.',
      needs: 'More support to improve his literacy and numeracy.',
    },
    'development.participation': {
      strengths: '',
      needs: 'The right school environment for his specific needs and behaviour; often absent from lessons; at risk of exclusion.',
    },
    'development.progress': {
      strengths: '',
      needs: 'Preparation and support through the move from primary school.',
    },
  },
  childViews:
    'Bradley says he gets angry “because of Mum and Dad” and that nobody at school likes him. He would like to play football for a team.',
  parentViews: 'Ms Cole wants help to manage his anger at home and for him to stay in school. She agrees to the team sharing information.',
  conclusions:
    'Bradley needs co-ordinated support from several services: help with his emotions and behaviour, support for his mother’s parenting, and the right school setting with help for literacy and numeracy. A team around the child is to be formed and a lead professional appointed.',
  agreedActions: [
    { who: 'School and Behaviour Support Team', what: 'Weekly behaviour support in school', byWhen: kit.daysAgo(200) },
    { who: 'Youth Offending Team', what: 'One-to-one sessions on crime and consequences', byWhen: kit.daysAgo(180) },
    { who: 'Family Centre', what: 'Outreach parenting support for Ms Cole', byWhen: kit.daysAgo(200) },
  ],
  levelOfNeed: 'additional',
});

export async function loadWorkedCase(kit: DemoKit): Promise<string> {
  const teacher = kit.user(TEACHER);
  const { assessment, ctx } = kit;
  // The school adds him to the child index the day before it asks about him.
  await kit.on(DAY.recorded);
  const { id: childId } = await kit.children.records.create(
    teacher,
    {
      ...WORKED_CASE_CHILD,
      dateOfBirth: kit.daysAgo(DAY.checklist + 10 * 365 + 140),
      gender: 'male',
      addressLine1: '14 Kestrel Park Road',
      town: 'Ashcombe',
      postcode: 'KE2 4RT',
      school: 'Fernhill Infant and Junior School',
      gpPractice: 'The Combe Surgery',
      carer: { name: 'Donna Cole', relationship: 'Mother', phone: '01632 960 781' },
    },
    ctx,
  );

  // 002 para 148: referred by his primary school; the checklist says a common assessment is needed.
  await kit.on(DAY.checklist);
  await assessment.assessments.recordChecklist(
    teacher,
    childId,
    {
      answers: { healthy: 'not sure', safe: 'no', learning: 'no', contribution: 'no', wellbeing: 'yes', met: 'no' },
      decision: 'common assessment needed',
      notes: 'Referred by his class teacher at Fernhill: behaviour deteriorating since his parents separated; risk of exclusion.',
    },
    ctx,
  );

  // The SENCO assesses on the class teacher's behalf (004 paras 191-192).
  await kit.on(DAY.started);
  const id = await assessment.assessments.start(
    teacher,
    childId,
    { service: 'Special educational needs co-ordination', onBehalfOf: 'Class teacher, Fernhill Infant and Junior School' },
    ctx,
  );
  await kit.on(DAY.started, 30);
  await assessment.assessments.recordConsent(
    teacher,
    id,
    {
      kind: 'given',
      givenByName: 'Donna Cole',
      givenByRelationship: 'parent or carer',
      toRecord: true,
      shareWith: [
        LA,
        'Kestrelshire Youth Offending Team',
        'Kestrelshire Primary Care Trust',
        'Kestrelshire Constabulary (Chief Constable)',
      ].map((o) => kit.organisation(o)),
      givenOn: kit.daysAgo(DAY.started),
      method: 'in writing',
    },
    ctx,
  );
  await completeOn(kit, teacher, id, assessmentContent(kit), DAY.completed);

  // 002 para 152: the team of the Joint Access Team's services.
  await kit.on(DAY.teamJoined);
  const join = (input: Parameters<typeof assessment.team.addMember>[2]) =>
    assessment.team.addMember(teacher, id, { joinedOn: kit.daysAgo(DAY.teamJoined), ...input }, ctx);
  const behaviour = await join({
    service: 'School and Behaviour Support Team',
    organisationId: kit.organisation(LA),
    practitionerName: 'Janet Oduya',
    role: 'Behaviour support teacher',
    phone: '01632 960 412',
    email: 'janet.oduya@kestrelshire.example',
  });
  const psychologist = await join({
    service: 'Educational psychology',
    organisationId: kit.organisation(LA),
    practitionerName: 'Dr Owen Pryce',
    role: 'Educational psychologist',
    phone: '01632 960 415',
  });
  const ycpo = await join({ userId: kit.user(YOT_OFFICER).id, service: 'Youth Crime Prevention' });
  const familyCentre = await join({
    service: 'Social Services Family Centre: outreach parenting support',
    organisationId: kit.organisation(LA),
    practitionerName: 'Carol Mbeki',
    role: 'Family support worker',
    phone: '01632 960 430',
  });

  // The lead professional comes from the team, not the assessor (004 paras 219-220).
  await kit.on(DAY.leadAppointed);
  await assessment.team.appointLeadProfessional(teacher, id, { teamMemberId: behaviour, criteriaMet: kit.criteria }, ctx);

  const plan: [string, string, string, number, 'done' | 'cancelled'][] = [
    [behaviour, 'Behavioural boundaries', 'Weekly sessions in school to help Bradley manage his behaviour', 200, 'done'],
    [psychologist, 'Behavioural boundaries', 'Advise the school on managing Bradley’s behaviour and education', 270, 'done'],
    [ycpo, 'Behavioural boundaries', 'One-to-one counselling on crime and consequences; general support to his mother', 180, 'done'],
    [familyCentre, 'Mother’s support and guidance', 'Outreach parenting support to strengthen Ms Cole’s parenting skills', 200, 'done'],
    [
      behaviour,
      'School environment and learning',
      'Literacy and numeracy catch-up in small groups; plan the move to secondary school',
      215,
      'cancelled',
    ],
  ];
  await addActions(kit, id, plan, DAY.leadAppointed, DAY.firstReview);

  // 002 para 153: permanently excluded, so more support; a social worker joins at the review and the level rises.
  await kit.on(DAY.firstReview, 45);
  const socialWorker = await assessment.team.addMember(
    teacher,
    id,
    { userId: kit.user(SOCIAL_WORKER).id, service: 'Children’s social care', joinedOn: kit.daysAgo(DAY.firstReview) },
    ctx,
  );
  await kit.on(DAY.firstReview, 60);
  await assessment.team.recordReview(
    teacher,
    id,
    {
      heldOn: kit.daysAgo(DAY.firstReview),
      attendees: 'Janet Oduya (lead professional), Daniel Price, Lewis Hartley, Carol Mbeki, Ruth Calloway, Donna Cole (mother)',
      progress: [
        { need: 'Behavioural boundaries', progress: 'Some better weeks, but Bradley was permanently excluded from Fernhill a week ago.' },
        {
          need: 'Mother’s support and guidance',
          progress: 'Ms Cole has attended every parenting session and is setting routines at home.',
        },
        { need: 'School environment and learning', progress: 'Excluded: he needs a new setting.' },
      ],
      decisions:
        'The LEA provides a place at its small unit to continue his education while a full-time place at a local special school is found, then supports his induction. The Youth Crime Prevention Officer continues with Bradley and his mother; a social worker does individual work on his emotional issues. Social Services provide weekly sessions for three months for achievement and praise, and respite for his mother.',
      levelOfNeed: 'complex',
    },
    ctx,
  );
  await addActions(
    kit,
    id,
    [
      [
        behaviour,
        'School environment and learning',
        'LEA small unit place; find a full-time special school place and support his induction',
        150,
        'done',
      ],
      [socialWorker, 'Understanding the separation; self-esteem', 'Individual work with Bradley on his emotional issues', 95, 'done'],
      [
        familyCentre,
        'Self-esteem; respite for his mother',
        'Weekly sessions for Bradley for three months: focused activities and praise',
        105,
        'done',
      ],
      [ycpo, 'Behavioural boundaries', 'Continue support to Bradley and his mother', 95, 'done'],
    ],
    DAY.firstReview,
    DAY.secondReview,
  );

  // 002 paras 154-155: he engages well; the YCPO and the social worker step back.
  await kit.on(DAY.secondReview, 60);
  await assessment.team.recordReview(
    kit.user(SOCIAL_WORKER),
    id,
    {
      heldOn: kit.daysAgo(DAY.secondReview),
      attendees: 'Janet Oduya (lead professional), Daniel Price, Lewis Hartley, Carol Mbeki, Ruth Calloway, Donna Cole (mother), Bradley',
      progress: [
        {
          need: 'Understanding the separation; self-esteem',
          progress:
            'Bradley engaged well in the weekly sessions. He works well one to one with a clear focus and clear boundaries, where he can achieve and receive praise.',
        },
        { need: 'Behavioural boundaries', progress: 'No anti-social behaviour reported since the first review.' },
        { need: 'School environment and learning', progress: 'Started at the special school; induction going well.' },
      ],
      decisions:
        'The Youth Crime Prevention Officer and the social worker end their involvement. The lead professional keeps in touch with the new school.',
      levelOfNeed: 'additional',
    },
    ctx,
  );
  await kit.on(DAY.stepBack);
  for (const member of [ycpo, socialWorker]) await assessment.team.removeMember(teacher, id, member, kit.daysAgo(DAY.stepBack), ctx);

  // 002 para 156: settled in his new school; closed with needs met, back to universal services.
  await kit.on(DAY.closed);
  await assessment.team.close(
    teacher,
    id,
    {
      outcome: 'needs met',
      note: 'Bradley has integrated successfully into his new school, with no further anti-social behaviour. Ms Cole feels able to manage; she knows how to ask for help again.',
    },
    ctx,
  );
  return id;
}
