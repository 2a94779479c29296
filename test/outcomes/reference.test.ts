import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/platform/auth/repository.js';
import { AppError } from '../../src/platform/errors.js';
import { parseCell } from '../../src/outcomes/markers.js';
import { comparePeriods, parsePeriod } from '../../src/outcomes/periods.js';
import { listIndicatorsForArea, listOutcomesWithAims, listReferenceAreas } from '../../src/outcomes/repository.js';
import { outcomesService } from '../../src/outcomes/service.js';
import type { Period } from '../../src/outcomes/types.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { buildArea } from '../helpers/factories.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => t?.close());

const CTX = { ip: '127.0.0.1', userAgent: 'test', requestId: 'test' };
function fakePlanner(areaCode: string): User {
  return {
    id: crypto.randomUUID(),
    areaCode,
    areaName: 'Testshire',
    organisationId: crypto.randomUUID(),
    organisationName: 'Testshire Council',
    organisationSector: 'local authority',
    email: 'planner@test.example',
    displayName: 'Pat Planner',
    jobTitle: '',
    role: 'planner',
    designatedSafeguarding: false,
    totpEnabled: true,
    isDemo: false,
    disabled: false,
    closed: false,
    lastSignInAt: null,
  };
}

describe('the outcomes framework as reference data (002 para 11)', () => {
  it('holds the five outcomes in the words of section 10(2), with their everyday names', async () => {
    const outcomes = await listOutcomesWithAims(t.db);
    expect(outcomes.map((o) => [o.statutoryWording, o.everydayName])).toEqual([
      ['physical and mental health and emotional wellbeing', 'Be healthy'],
      ['protection from harm and neglect', 'Stay safe'],
      ['education, training and recreation', 'Enjoy and achieve'],
      ['the contribution made by them to society', 'Make a positive contribution'],
      ['social and economic wellbeing', 'Achieve economic wellbeing'],
    ]);
  });

  it('holds 30 aims, five for children and one for parents and carers per outcome, word for word', async () => {
    const outcomes = await listOutcomesWithAims(t.db);
    expect(outcomes.flatMap((o) => o.aims)).toHaveLength(30);
    for (const o of outcomes) {
      expect(o.aims.filter((a) => !a.forParentsAndCarers)).toHaveLength(5);
      expect(o.aims.filter((a) => a.forParentsAndCarers)).toHaveLength(1);
      // Each aim is a piece of what para 11 says, in order.
      let from = 0;
      for (const aim of o.aims) {
        const at = o.meaning?.indexOf(aim.text, from) ?? -1;
        expect(at, `${aim.code} "${aim.text}"`).toBeGreaterThanOrEqual(from);
        from = at + aim.text.length;
      }
    }
    const texts = outcomes.flatMap((o) => o.aims.map((a) => a.text));
    expect(texts).toContain('choose not to take illegal drugs');
    expect(texts).toContain('maltreatment, neglect, violence and sexual exploitation');
    expect(texts).toContain('children and young people achieve stretching national educational standards at secondary school');
    expect(texts).toContain('develop self-confidence and successfully deal with significant life changes and challenges');
    expect(texts).toContain('We also want to ensure that parents, carers and families are supported to be economically active');
    expect(outcomes[1]?.meaning).toBe(
      'This means that children and young people are safe from: maltreatment, neglect, violence and sexual exploitation; accidental injury and death; bullying and discrimination; crime and anti-social behaviour in and out of school; and have security, stability and are cared for. We also want to ensure parents, carers and families provide safe homes and stability',
    );
  });

  it('lists every English upper-tier authority since 2009 with its ONS code and region, the regions and England', async () => {
    const areas = await listReferenceAreas(t.db);
    expect(areas[0]).toEqual({ code: 'E92000001', name: 'England', region: '', kind: 'country' });
    const count = (prefix: string) => areas.filter((a) => a.code.startsWith(prefix)).length;
    // 152 authorities of April 2009, 7 counties ended that day, 11 codes new since (migration 0036).
    expect([count('E06'), count('E08'), count('E09'), count('E10'), count('E12')]).toEqual([66, 37, 33, 34, 9]);
    expect(areas.find((a) => a.code === 'E08000025')).toMatchObject({ name: 'Birmingham', region: 'West Midlands' });
    const regions = new Set(areas.filter((a) => a.kind !== 'country' && a.kind !== 'region').map((a) => a.region));
    expect(regions.size).toBe(9);
  });

  it('ships a starter catalogue of national indicators covering all five outcomes', async () => {
    const indicators = await listIndicatorsForArea(t.db, null);
    expect(indicators.length).toBeGreaterThanOrEqual(12);
    expect(indicators.every((i) => i.scope === 'national' && i.aimCodes.length > 0 && i.definition !== '' && i.source !== '')).toBe(true);
    const outcomesCovered = new Set(indicators.flatMap((i) => i.aimCodes.map((a) => a.split('.')[0])));
    expect(outcomesCovered.size).toBe(5);
    expect(indicators.find((i) => i.code === 'CH39')).toMatchObject({
      unit: 'rate per 10,000 children',
      multiplier: 10000,
      frequency: 'financial year',
    });
    expect(indicators.find((i) => i.code === 'EX62')).toMatchObject({ unit: '£ per head', hasDenominator: false });
    expect(indicators.find((i) => i.code === 'NI 112')).toMatchObject({ polarity: 'lower is better', aimCodes: ['be-healthy.3'] });
  });
});

describe('periods', () => {
  it('reads the forms published tables use', () => {
    const read = (label: string, frequency: Parameters<typeof parsePeriod>[1] = 'financial year') => {
      const r = parsePeriod(label, frequency);
      return r.ok ? r.period : r.reason;
    };
    expect(read('2005-06')).toEqual({ label: '2005-06', kind: 'financial year', start: '2005-04-01' });
    expect(read('2005/06', 'academic year')).toEqual({ label: '2005-06', kind: 'academic year', start: '2005-09-01' });
    expect(read('1999-2000')).toEqual({ label: '1999-00', kind: 'financial year', start: '1999-04-01' });
    expect(read('2006')).toEqual({ label: '2006', kind: 'calendar year', start: '2006-01-01' });
    expect(read('2006 Q1')).toEqual({ label: '2006 Q1', kind: 'quarter', start: '2006-01-01' });
    expect(read('Q3 2006')).toEqual({ label: '2006 Q3', kind: 'quarter', start: '2006-07-01' });
    expect(read('2005-07')).toMatch(/second part should follow the first/);
    expect(read('2006 Q5')).toMatch(/is not a period/);
    expect(read('March 2006')).toMatch(/Write a period as 2005-06/);
    expect(read(' ')).toMatch(/blank/);
  });

  it('orders periods by their start whatever the label', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 1990, max: 2030 }), fc.integer({ min: 0, max: 2 })), { minLength: 2 }), (specs) => {
        const labels = specs.map(([y, form]) =>
          form === 0 ? `${y}` : form === 1 ? `${y}/${String((y + 1) % 100).padStart(2, '0')}` : `Q2 ${y}`,
        );
        const periods = labels.map((l) => {
          const r = parsePeriod(l, 'financial year');
          if (!r.ok) throw new Error(r.reason);
          return r.period;
        });
        const sorted = [...periods].sort(comparePeriods);
        const startOf = (p: Period) => p.start;
        expect(sorted.map(startOf)).toEqual(periods.map(startOf).sort());
      }),
    );
  });
});

describe('missing-value markers', () => {
  it('never reads a marker as zero', () => {
    const expected = {
      missing: 'missing',
      '..': 'missing',
      '': 'missing',
      ':': 'missing',
      x: 'suppressed',
      c: 'suppressed',
      '[c]': 'suppressed',
      '-': 'not applicable',
      'n/a': 'not applicable',
    } as const;
    for (const [marker, status] of Object.entries(expected)) expect(parseCell(marker)).toEqual({ ok: true, status, value: null });
    expect(parseCell('1,234.5')).toEqual({ ok: true, status: 'value', value: 1234.5 });
    expect(parseCell('0')).toEqual({ ok: true, status: 'value', value: 0 });
    expect(parseCell('12%')).toMatchObject({ ok: false });
  });
});

describe('local indicators', () => {
  it('names each field that breaks a rule', async () => {
    const area = await buildArea(t.db);
    const service = outcomesService({ db: t.db });
    const error = await service
      .addLocalIndicator(
        fakePlanner(area),
        { code: 'bad code!', title: ' ', unit: 'furlongs', polarity: 'up', frequency: 'weekly', aimCodes: ['be-healthy.9'], decimals: 7 },
        CTX,
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors.map((e) => [e.field, e.rule])).toEqual([
      ['code', 'code_format'],
      ['title', 'required'],
      ['unit', 'one_of'],
      ['polarity', 'one_of'],
      ['frequency', 'one_of'],
      ['decimals', 'range'],
      ['aimCodes', 'unknown_aim'],
    ]);
    const taken = await service
      .addLocalIndicator(
        fakePlanner(area),
        { code: 'NI56', title: 'Clash', unit: 'count', polarity: 'no judgement', frequency: 'annual', aimCodes: ['be-healthy.1'] },
        CTX,
      )
      .catch((e: unknown) => e);
    expect((taken as AppError).fieldErrors.map((e) => [e.field, e.rule])).toEqual([['code', 'unique']]);
  });

  it('adds one for the area only, linked to its aims', async () => {
    const area = await buildArea(t.db);
    const other = await buildArea(t.db);
    const service = outcomesService({ db: t.db });
    const added = await service.addLocalIndicator(
      fakePlanner(area),
      {
        code: 'KES 1',
        title: 'Children attending a holiday scheme',
        unit: 'percentage',
        polarity: 'higher is better',
        frequency: 'annual',
        hasDenominator: true,
        aimCodes: ['enjoy-and-achieve.4'],
      },
      CTX,
    );
    expect(added).toMatchObject({ scope: 'local', areaCode: area, multiplier: 100, aimCodes: ['enjoy-and-achieve.4'] });
    expect((await service.listIndicators(area)).map((i) => i.code)).toContain('KES 1');
    expect((await service.listIndicators(other)).map((i) => i.code)).not.toContain('KES 1');
    const framework = await service.framework(area);
    const aim = framework.flatMap((o) => o.aims).find((a) => a.code === 'enjoy-and-achieve.4');
    expect(aim?.indicators.map((i) => i.code)).toEqual(expect.arrayContaining(['KES 1', 'NI 110']));
  });

  it('keeps a comparator group of real authorities', async () => {
    const area = await buildArea(t.db);
    const service = outcomesService({ db: t.db });
    await service.setComparators(fakePlanner(area), ['E10000008', 'e10000027'], CTX);
    expect((await service.comparators(area)).map((c) => c.name)).toEqual(['Devon', 'Somerset (until March 2023)']);
    const error = await service.setComparators(fakePlanner(area), ['E10999999'], CTX).catch((e: unknown) => e);
    expect((error as AppError).fieldErrors[0]).toMatchObject({ field: 'comparators', rule: 'unknown_area' });
  });
});
