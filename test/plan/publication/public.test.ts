import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicationPaths as up } from '../../../src/plan/index.js';
import { Agent, createTestApp, type TestApp } from '../../helpers/app.js';
import { faultRules } from '../../helpers/builders.js';
import { readPdf } from '../../helpers/pdf.js';
import { boardDecision, buildPlanScene, putJson, VISION, writeSection, type PlanScene } from './fixture.js';

/**
 * The public's plan (issue 18 item 6; 002 §7.3): translations of the sections and the summary per language,
 * a section that does not exist refused with a clear message, right-to-left Urdu with lang and dir, Welsh with
 * its lang, and the PDFs whose text is the page's.
 */

let t: TestApp;
let p: PlanScene;
let area: string;
const visitor = () => new Agent(t.app);
const URDU_SUMMARY = 'ہم چاہتے ہیں کہ آپ محفوظ اور خوش رہیں۔';
const URDU_VISION = 'کاؤنٹی کا ہر بچہ اور نوجوان محفوظ، صحت مند اور خوش ہے۔';
const WELSH_VISION = 'Mae pob plentyn a pherson ifanc yn y sir yn ddiogel, yn iach ac yn hapus.';

beforeAll(async () => {
  t = await createTestApp();
  p = await buildPlanScene(t);
  area = p.s.area;
  await writeSection(t, p.sections.budgets ?? '', 'The pooled fund for mental health pays for the hubs.');
  expect((await putJson(p.planner, up.apiChildrenSummary(p.planId), { body: 'We want you to be safe and happy.\n\nTell us what you think.' })).statusCode).toBe(204);
  const done = await p.planner.postJson(up.apiVersions(p.planId), { decisionId: await boardDecision(p, 'Approve the plan') });
  expect(done.statusCode, done.body).toBe(201);
}, 300_000);
afterAll(async () => t?.close());

describe('translations', () => {
  it('adds the summary and the vision in Welsh and in Urdu', async () => {
    const welsh = await putJson(p.planner, up.apiTranslations(p.planId, 1, 'cy'), {
      summary: { title: 'Cynllun Plant a Phobl Ifanc 2026 i 2029', body: 'Rydym am i chi fod yn ddiogel ac yn hapus.' },
      sections: [{ sectionId: p.sections.vision, title: 'Ein gweledigaeth', body: WELSH_VISION }],
    });
    expect(welsh.statusCode, welsh.body).toBe(200);
    expect(JSON.parse(welsh.body)).toEqual({ language: 'cy', saved: 2 });
    const urdu = await putJson(p.planner, up.apiTranslations(p.planId, 1, 'ur'), {
      summary: { title: 'بچوں اور نوجوانوں کا منصوبہ', body: URDU_SUMMARY },
      sections: [{ sectionId: p.sections.vision, title: 'ہمارا وژن', body: URDU_VISION }],
    });
    expect(urdu.statusCode, urdu.body).toBe(200);
    const audits = await t.testDb.db.query<{ details: { language: string } }>(`SELECT details FROM audit_event WHERE action = 'plan.translation_saved' ORDER BY seq`);
    expect(audits.map((a) => a.details.language)).toEqual(['cy', 'ur']);
  });

  it('refuses a translation of a section the version does not have, saying which sections it has; nothing is saved', async () => {
    const refused = await putJson(p.planner, up.apiTranslations(p.planId, 1, 'cy'), {
      sections: [
        { sectionId: p.sections.needs_assessment, body: 'Beth sydd ei angen' },
        { sectionId: 'no-such-section', body: 'Dim' },
      ],
    });
    expect(refused.statusCode).toBe(400);
    expect(faultRules(refused)).toEqual(['sections[1].sectionId:known_section']);
    expect(refused.body).toContain('Version 1 of the plan has no section “no-such-section”: translate one of its sections (Our vision for children and young people');
    const saved = await t.testDb.db.query(`SELECT 1 FROM plan_translation WHERE section_id = $1`, [p.sections.needs_assessment]);
    expect(saved).toHaveLength(0);
    expect(faultRules(await putJson(p.planner, up.apiTranslations(p.planId, 1, 'xx'), { summary: { body: 'x' } }))).toEqual(['language:one_of']);
  });

  it('refuses the same on the form, showing the message by the field', async () => {
    await p.planner.get(up.versionTranslations(p.planId, 1));
    const form = await p.planner.post(up.versionTranslations(p.planId, 1), { language: 'cy', part: '00000000-0000-4000-8000-000000000000', body: 'Dim' });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('There is a problem');
    expect(form.body).toContain('Version 1 of the plan has no section “00000000-0000-4000-8000-000000000000”');
    const saved = await p.planner.post(up.versionTranslations(p.planId, 1), { language: 'cy', part: p.sections.cooperation ?? '', body: 'Mae’r partneriaid yn cydweithio.' });
    expect(saved.statusCode).toBe(303);
  });
});

describe('the public pages', () => {
  it('renders Urdu right to left, with its language, and Welsh with its own', async () => {
    const urdu = await visitor().get(up.ourPlanLanguage(area, 'ur'));
    expect(urdu.statusCode).toBe(200);
    expect(urdu.body).toContain('<div lang="ur" dir="rtl" class="app-translation">');
    expect(urdu.body).toContain(URDU_SUMMARY);
    expect(urdu.body).toContain(URDU_VISION);
    expect(urdu.body).toContain('<html lang="en"');
    // Not translated yet: named in English, linked to the English plan.
    expect(urdu.body).toMatch(/Not yet translated[\s\S]*hreflang="en">How our budgets contribute/);
    const welsh = await visitor().get(up.ourPlanLanguage(area, 'cy'));
    expect(welsh.body).toContain('<div lang="cy" dir="ltr" class="app-translation">');
    expect(welsh.body).toContain('<h1 class="govuk-heading-l">Cynllun Plant a Phobl Ifanc 2026 i 2029</h1>');
    const plan = await visitor().get(up.ourPlan(area));
    expect(plan.body).toContain('hreflang="ur"><span lang="ur" dir="rtl">اردو</span> (Urdu)');
    expect(plan.body).toContain('hreflang="cy"><span lang="cy" dir="ltr">Cymraeg</span> (Welsh)');
    expect((await visitor().get(up.ourPlanLanguage(area, 'pl'))).statusCode).toBe(404);
    expect((await visitor().get(up.ourPlan('E99999999'))).statusCode).toBe(404);
  });

  it('prints the plan as a PDF whose text is the page’s', async () => {
    const response = await visitor().get(up.ourPlanPdf(area));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = readPdf(response.rawPayload);
    expect(pdf.header).toBe('%PDF-1.7');
    expect(pdf.title).toBe('Children and Young People’s Plan 2026 to 2029');
    const text = pdf.text.replace(/\s+/g, ' ');
    for (const words of ['Our vision for children and young people', 'We will listen to them first.', 'How our budgets contribute', 'Better mental health', 'Open two school counselling hubs', '£45,000'])
      expect(text).toContain(words);
    const page = await visitor().get(up.ourPlan(area));
    expect(page.body).toContain(VISION.split('\n')[0]);
  });

  it('prints the summary for children and young people, and the Welsh translation in Welsh', async () => {
    const summary = readPdf((await visitor().get(up.ourPlanYoungPeoplePdf(area))).rawPayload);
    expect(summary.text).toContain('Tell us what you think.');
    const welsh = await visitor().get(up.ourPlanLanguagePdf(area, 'cy'));
    expect(welsh.statusCode).toBe(200);
    const read = readPdf(welsh.rawPayload);
    expect(read.text.replace(/\s+/g, ' ')).toContain(WELSH_VISION);
    expect(read.objects).toContain('/Lang (cy)');
  });

  it('sends readers of Urdu to print the page: the embedded font cannot shape it in a PDF', async () => {
    const refused = await visitor().get(up.ourPlanLanguagePdf(area, 'ur'));
    expect(refused.statusCode).toBe(404);
    expect(refused.body).toContain('A PDF in Urdu cannot be made yet: print the Urdu page from your browser instead');
    expect((await visitor().get(up.ourPlanLanguage(area, 'ur'))).body).toContain('To print this translation, use your browser’s print button.');
  });

  it('gives the published plan as JSON without signing in, without how the work stands', async () => {
    const body = JSON.parse((await visitor().get(up.apiOurPlan(area))).body) as {
      version: { number: number };
      languages: { code: string; dir: string }[];
      priorities: { actions: Record<string, unknown>[] }[];
    };
    expect(body.version.number).toBe(1);
    expect(body.languages).toEqual([expect.objectContaining({ code: 'cy', dir: 'ltr' }), expect.objectContaining({ code: 'ur', dir: 'rtl' })]);
    expect(Object.keys(body.priorities[0]?.actions[0] ?? {})).not.toContain('latestProgress');
  });
});

describe('what children and young people said', () => {
  it('shows approved quotations of the plan’s consultations on the children’s page, in their language, and never a pending one', async () => {
    const db = t.testDb.db;
    const [consultation] = await db.query<{ id: string }>(
      `INSERT INTO plan_consultation (area_code, plan_id, title, opens_on, closes_on, created_at)
       VALUES ($1, $2, 'Our draft plan', '2026-01-05', '2026-02-27', now()) RETURNING id`,
      [area, p.planId],
    );
    const answer = (better: string, language: string, quotation: string) =>
      db.query(
        `INSERT INTO plan_children_answer (area_code, consultation_id, better, age_group, language, quotation, moderated_at, submitted_at)
         VALUES ($1, $2, $3, '11_to_15', $4, $5, CASE WHEN $5 = 'approved' THEN now() END, now())`,
        [area, consultation?.id, better, language, quotation],
      );
    await answer('Lights in the park please', 'en', 'approved');
    await answer(URDU_SUMMARY, 'ur', 'approved');
    await answer('Not checked yet', 'en', 'pending');
    const page = await visitor().get(up.ourPlanYoungPeople(area));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('What children and young people told us');
    expect(page.body).toContain('Lights in the park please');
    expect(page.body).toContain(`lang="ur" dir="rtl">${URDU_SUMMARY}`);
    expect(page.body).not.toContain('Not checked yet');
  });
});
