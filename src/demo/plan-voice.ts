import { findUserById } from '../platform/auth/repository.js';
import { todayOf } from '../platform/clock.js';
import { addDays } from '../platform/dates.js';
import type { DemoPlan } from './plan.js';

/**
 * Kestrelshire's participation and consultation (issue 18 items 3, 4 and 8; ADR 0035), through the same services
 * the pages use: participation activities over the last year, most with what they changed and the feedback given
 * (004 paras 164-166, Boxes 5.4 and 5.5), and a consultation on the next plan's draft with responses (one
 * uploaded, one in Welsh) and children's answers from the public page, two of them in Welsh and in Urdu, some
 * quotations approved. Days are counted back from the clock's day, so the consultation is open in the demo.
 * Runs after the drafts (it needs their plans); makes nothing twice.
 */

export const DEMO_CONSULTATION_TITLE = 'Have your say on our next plan, 2029 to 2032';

export async function loadDemoPlanVoice(demo: DemoPlan): Promise<number> {
  const { db, clock, areaCode, plan } = demo;
  const plans = [...(await plan.list(areaCode))].sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  const current = plans[0];
  const next = [...plans].reverse().find((p) => p.status === 'draft');
  if (!current || !next) return 0;
  const planner = await findUserById(db, await demo.userId('planner@kestrelshire.example'));
  if (!planner) return 0;
  const by = { user: planner, ctx: demo.by.ctx };
  if ((await plan.consultations.list(planner)).some((c) => c.title === DEMO_CONSULTATION_TITLE)) return 0;

  const today = todayOf(clock);
  const day = (days: number) => addDays(today, days);
  const content = await plan.content(areaCode, current.id);
  const section = (kind: string) => content?.sections.find((s) => s.kind === kind)?.id ?? '';
  const priority = (n: number) => content?.priorities[n]?.id ?? '';
  let created = 0;

  const activities = [
    {
      title: 'Children in care council: what makes a placement feel like home',
      heldOn: day(-300), method: 'youth_council', stage: 'service_design', ageGroups: ['11_to_15', '16_to_19'], groups: ['looked_after', 'care_leavers'], participants: '12',
      whatTheySaid: 'Moving school when a placement changes is the hardest part.\nCarers should know about us before we arrive, not after.',
      changedPriorityId: priority(1), changedText: 'Carers now get a welcome pack about the child before a planned move',
      feedbackOn: day(-240), feedbackHow: 'A “you said, we did” letter to each council member, and the next meeting opened with it',
    },
    {
      title: 'Consultation event on feeling safe, with 90 young people',
      heldOn: day(-200), method: 'event', stage: 'planning', ageGroups: ['11_to_15', '16_to_19'], groups: ['general', 'minority_ethnic', 'lgbt'], participants: '90',
      whatTheySaid: 'Safety going out after dark was the biggest worry, especially for black and minority ethnic young people and for LGBT young people (004 Box 5.4).',
      changedSectionId: section('priorities'), changedPriorityId: priority(3), changedText: '',
      feedbackOn: day(-150), feedbackHow: 'A short film shown at the youth forum and posted to the schools’ websites',
    },
    {
      title: 'Primary school councils on being healthy',
      heldOn: day(-120), method: 'school_council', stage: 'planning', ageGroups: ['5_to_10'], groups: ['general'], participants: '48',
      whatTheySaid: 'They worry about bullying and about older children selling drugs near the park.',
      changedSectionId: section('needs_assessment'), changedText: '',
      feedbackOn: day(-90), feedbackHow: 'An assembly in each of the six schools',
    },
    {
      title: 'Parents’ group reworded the under-fives questionnaire',
      heldOn: day(-75), method: 'discussion_group', stage: 'service_design', ageGroups: ['adults'], groups: ['parents_carers'], participants: '7',
      whatTheySaid: 'The questionnaire read like a form from the council; parents wanted plain words and a version in Urdu (004 Box 5.5).',
      changedText: 'The questionnaire was rewritten with the parents and sent out in English and Urdu',
      feedbackOn: day(-40), feedbackHow: 'The parents’ group was given the results, numbers and comments, at its next meeting',
    },
    {
      title: 'Young carers’ group evaluated the respite breaks',
      heldOn: day(-30), method: 'discussion_group', stage: 'evaluation', ageGroups: ['11_to_15'], groups: ['young_carers', 'disabled'], participants: '9',
      whatTheySaid: 'The breaks are good but end too early in the evening for those who care for a parent.',
      changedText: '', feedbackOn: '', feedbackHow: '',
    },
    {
      title: 'Young people on the interview panel for the new head of youth services',
      heldOn: day(-14), method: 'staff_recruitment', stage: 'service_design', ageGroups: ['16_to_19'], groups: ['general', 'neet'], participants: '4',
      whatTheySaid: 'They asked every candidate how they would hear from young people who do not come to youth clubs.',
      changedText: 'Their questions are now part of every youth service interview',
      feedbackOn: day(-7), feedbackHow: 'Told in person by the director when the appointment was made',
    },
  ];
  for (const a of activities) {
    await plan.participation.record(by, { planId: current.id, ...a });
    created += 1;
  }

  const consultationId = await plan.consultations.create(by, {
    planId: next.id,
    title: DEMO_CONSULTATION_TITLE,
    description: 'We are writing our next plan for children and young people. Tell us what you think of the draft vision and priorities.',
    opensOn: day(-21),
    closesOn: day(35),
    childrenQuestions: 'yes',
  });
  created += 1;
  const { consultees } = await plan.consultations.view(planner, consultationId);
  const consultee = (kind: string) => consultees.find((c) => c.kind === kind)?.id ?? '';
  const nextSections = (await plan.content(areaCode, next.id))?.sections ?? [];
  const nextSection = (kind: string) => nextSections.find((s) => s.kind === kind)?.id ?? '';

  const lscb = await plan.consultations.recordResponse(by, consultationId, {
    consulteeId: consultee('lscb'), respondent: 'Kestrelshire Local Safeguarding Children Board', receivedOn: day(-10), language: 'en',
    body: 'The draft says too little about children who go missing from home or care. We ask for a priority on it.',
  });
  await plan.consultations.recordOutcome(by, consultationId, lscb, {
    outcome: 'changed', outcomeNote: 'Children missing from home or care are now named in the vision and will have a priority of their own.', changedSectionId: nextSection('vision'),
  });
  const schools = await plan.consultations.recordResponse(by, consultationId, {
    consulteeId: consultee('schools'), respondent: 'Kestrelshire Association of Head Teachers', receivedOn: day(-8), language: 'en',
    body: 'Please move the date of the jobs and training fair from March to June, after examinations.',
  });
  await plan.consultations.recordOutcome(by, consultationId, schools, {
    outcome: 'not_changed', outcomeNote: 'The fair stays in March: colleges and employers recruit for September then. Schools will get the dates a year ahead.',
  });
  await plan.consultations.recordResponse(by, consultationId, {
    consulteeId: consultee('parents_carers'), respondent: 'Eastmoor Parents’ Forum', receivedOn: day(-6), language: 'en',
    fileName: 'eastmoor-parents-forum-response.txt',
    content: Buffer.from('Response of the Eastmoor Parents’ Forum to the draft plan\n\nWe welcome the priority on emotional wellbeing. Parents want to know where to go for help before things reach crisis.\n'),
  });
  await plan.consultations.recordResponse(by, consultationId, {
    consulteeId: consultee('voluntary_community'), respondent: 'Cymdeithas Rhieni Cymraeg Kestrel', receivedOn: day(-4), language: 'cy',
    body: 'Rydym yn croesawu’r cynllun. Hoffem weld gwasanaethau ar gael yn Gymraeg i deuluoedd sy’n siarad Cymraeg.',
  });
  created += 4;

  const answers = [
    { matters: 'safe', listened: 'sometimes', better: 'More lights in the park so we can walk home safely.', ageGroup: '11_to_15', language: 'en', mayQuote: 'yes' },
    { matters: 'things_to_do', listened: 'no', better: 'A youth club that is open on Saturdays.', ageGroup: '11_to_15', language: 'en', mayQuote: 'yes' },
    { matters: 'healthy', listened: 'yes', better: 'Someone to talk to at school when you feel sad.', ageGroup: 'under_11', language: 'en', mayQuote: 'yes' },
    { matters: 'learning', listened: 'not_sure', better: '', ageGroup: '16_to_19', language: 'en', mayQuote: 'no' },
    { matters: 'having_a_say', listened: 'sometimes', better: 'Ask us before you decide, not after.', ageGroup: '16_to_19', language: 'en', mayQuote: 'no' },
    { matters: 'future', listened: 'no', better: 'Help finding an apprenticeship near where I live.', ageGroup: '16_to_19', language: 'en', mayQuote: 'yes' },
    // Two in another language (002 §7: community languages): Welsh, and Urdu written right to left.
    { matters: 'things_to_do', listened: 'yes', better: 'Hoffwn i gael mwy o glybiau chwaraeon ar ôl ysgol.', ageGroup: '11_to_15', language: 'cy', mayQuote: 'yes' },
    { matters: 'safe', listened: 'sometimes', better: 'پارک میں زیادہ روشنی ہونی چاہیے تاکہ ہم محفوظ محسوس کریں۔', ageGroup: '11_to_15', language: 'ur', mayQuote: 'yes' },
  ];
  for (const a of answers) await plan.publicConsultation.answer(areaCode, a);
  created += answers.length;

  // The planner's moderation: three quotations approved (the Welsh and the Urdu among them), one not quoted, the rest waiting.
  const { summary } = await plan.consultations.childrenSummary(planner, consultationId);
  const answerId = (text: string) => summary.freeText.find((a) => a.better.startsWith(text))?.id ?? '';
  for (const text of ['More lights in the park', 'Hoffwn i gael', 'پارک میں']) await plan.consultations.moderate(by, consultationId, answerId(text), { decision: 'approved' });
  await plan.consultations.moderate(by, consultationId, answerId('A youth club'), { decision: 'declined' });
  return created;
}
