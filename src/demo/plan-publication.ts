import { governanceServices, listBodies, membersOn, termsInForce } from '../governance/index.js';
import { findUserById, type User } from '../platform/auth/repository.js';
import { todayOf } from '../platform/clock.js';
import type { DemoPlan } from './plan.js';

/**
 * Kestrelshire's three-year plan approved and published (issue 18 items 5, 6 and 8), through the services the
 * pages use: the board approves it at its latest quorate meeting (a decision taken by its secretariat or chair
 * under the power to agree the plan), the planner writes the summary for children and young people and
 * publishes version 1 citing that decision, then adds Welsh and Urdu translations of the summary and the vision.
 * The plan is the one drafted by the plan's loader whose period holds today; a plan already published, or one
 * still incomplete (the readiness rule refuses it), is left alone, so a second load makes nothing twice.
 */

const SUMMARY = [
  'This is our plan for every child and young person in Kestrelshire, for the next three years.',
  'You told us you want to feel safe at school and online, to get help quickly when you feel low, and to have more things to do near home.',
  'So we will open counselling hubs in schools, train staff to spot bullying early, and keep youth clubs open in every district.',
  'We will check every year how we are doing and tell you what has changed. You can have your say any time.',
].join('\n\n');

const TRANSLATIONS = {
  cy: {
    title: 'Cynllun Plant a Phobl Ifanc Swydd Kestrel',
    summary:
      'Dyma ein cynllun ar gyfer pob plentyn a pherson ifanc yn Swydd Kestrel, am y tair blynedd nesaf.\n\nRydych wedi dweud wrthym eich bod am deimlo’n ddiogel yn yr ysgol ac ar-lein, a chael help yn gyflym pan fyddwch yn teimlo’n isel.\n\nByddwn yn gwirio bob blwyddyn sut rydym yn gwneud ac yn dweud wrthych beth sydd wedi newid.',
    visionTitle: 'Ein gweledigaeth ar gyfer plant a phobl ifanc',
    vision: 'Rydym am i bob plentyn a pherson ifanc yn Swydd Kestrel fod yn iach, aros yn ddiogel, mwynhau a chyflawni, gwneud cyfraniad cadarnhaol a chyflawni lles economaidd.',
  },
  ur: {
    title: 'کیسٹرل شائر کا بچوں اور نوجوانوں کا منصوبہ',
    summary:
      'یہ اگلے تین سالوں کے لیے کیسٹرل شائر کے ہر بچے اور نوجوان کے لیے ہمارا منصوبہ ہے۔\n\nآپ نے ہمیں بتایا کہ آپ اسکول میں اور آن لائن محفوظ محسوس کرنا چاہتے ہیں، اور جب آپ اداس ہوں تو جلد مدد حاصل کرنا چاہتے ہیں۔\n\nہم ہر سال دیکھیں گے کہ ہم کیسا کر رہے ہیں اور آپ کو بتائیں گے کہ کیا بدلا ہے۔',
    visionTitle: 'بچوں اور نوجوانوں کے لیے ہمارا وژن',
    vision: 'ہم چاہتے ہیں کہ کیسٹرل شائر کا ہر بچہ اور نوجوان صحت مند رہے، محفوظ رہے، سیکھنے سے لطف اٹھائے اور کامیاب ہو، مثبت کردار ادا کرے اور معاشی خوشحالی حاصل کرے۔',
  },
} as const;

export async function loadDemoPlanPublication(demo: DemoPlan): Promise<number> {
  const { db, clock, areaCode, plan } = demo;
  const today = todayOf(clock);
  const [current] = await db.query<{ id: string; title: string }>(
    `SELECT p.id, p.title FROM plan p WHERE p.area_code = $1 AND p.period_start <= $2::date AND p.period_end >= $2::date
        AND NOT EXISTS (SELECT 1 FROM plan_version v WHERE v.plan_id = p.id) ORDER BY p.period_start LIMIT 1`,
    [areaCode, today],
  );
  const planner = await findUserById(db, await demo.userId('planner@kestrelshire.example'));
  if (!current || !planner) return 0;
  const by = { user: planner, ctx: demo.by.ctx };
  const state = await plan.publication.state(planner, current.id);
  if (state.blockers.length > 0) return 0;
  const decisionId = await boardApproves(demo, current.title);
  if (!decisionId) return 0;
  await plan.publication.saveSummary(by, current.id, { body: SUMMARY });
  const { number } = await plan.publication.publish(by, current.id, { decisionId });
  const version = await plan.publication.version(planner, current.id, number);
  const vision = version.sections.find((s) => s.kind === 'vision');
  for (const [language, words] of Object.entries(TRANSLATIONS))
    await plan.publication.translations.saveMany(by, current.id, number, language, {
      summary: { title: words.title, body: words.summary },
      sections: vision ? [{ sectionId: vision.id, title: words.visionTitle, body: words.vision }] : [],
    });
  return 1;
}

/** The board's decision approving the plan, taken as its secretariat or chair takes one at its latest quorate meeting. */
async function boardApproves(demo: DemoPlan, title: string): Promise<string | undefined> {
  const { db, clock, areaCode } = demo;
  const business = governanceServices({ db, clock }).business;
  const board = (await listBodies(db, areaCode)).find((b) => b.kind === 'trust_board');
  if (!board) return undefined;
  const seated = await membersOn(db, board.id, todayOf(clock));
  const managerSeat = seated.find((m) => m.userId !== null && (m.memberRole === 'secretariat' || m.memberRole === 'chair'));
  const manager: User | undefined = managerSeat?.userId ? await findUserById(db, managerSeat.userId) : undefined;
  if (!manager) return undefined;
  const by = { user: manager, ctx: demo.by.ctx };
  const { meetings } = await business.meetings.listOfBody(by, board.id);
  for (const meeting of [...meetings].sort((a, b) => b.heldOn.localeCompare(a.heldOn))) {
    const view = await business.meetings.view(by, meeting.id);
    if (!view.quorum.quorate) continue;
    const terms = await termsInForce(db, board.id, meeting.heldOn);
    const power = terms?.powers.find((p) => /Children and Young People’s Plan/.test(p.description) && p.authority === 'delegated') ?? terms?.powers[0];
    const tookPart = view.attendance.filter((a) => a.voting && (a.attendance === 'present' || (a.attendance === 'apologies' && a.deputyName !== ''))).map((a) => a.memberId);
    if (!terms || !power || tookPart.length === 0) continue;
    const itemId = await business.meetings.addItem(by, meeting.id, {
      title: `${title}: approval`,
      description: 'The final draft of the plan after consultation, with the summary for children and young people.',
      organisationIds: [],
      serviceIds: [],
    });
    const counted = terms.decisionMethod === 'consensus' ? {} : { votesFor: tookPart.length, votesAgainst: 0, abstentions: 0 };
    return business.decisions.record(by, meeting.id, itemId, {
      decision: `Approved ${title} for publication, with its summary for children and young people`,
      powerId: power.id,
      tookPart,
      withdrew: [],
      ...counted,
    });
  }
  return undefined;
}
