import { recordAudit, type RequestContext } from '../platform/audit.js';
import type { User } from '../platform/auth/repository.js';
import { actorOf } from '../platform/auth/service.js';
import type { Db } from '../platform/db.js';
import { FieldErrors, notFound } from '../platform/errors.js';
import { findEnglandFor } from './demo-places.js';
import * as repo from './repository.js';
import { listStatisticalNeighbours } from './neighbours-repository.js';
import {
  ENGLAND,
  GROUPS,
  type Aim,
  type Frequency,
  type GroupCode,
  type Observation,
  type Polarity,
  type ReferenceArea,
  type Unit,
} from './types.js';

/**
 * The outcomes framework and its indicators as the pages read them (issue 5), and the catalogue's
 * one write by an area: adding a local indicator (000 §2.6: "supplemented by additional local
 * indicators"). Who may call what is declared by the routes' policies.
 */

export const UNITS: readonly Unit[] = [
  'percentage',
  'percentage points',
  'rate per 10,000 children',
  'rate per 1,000',
  'rate per 100,000',
  'count',
  '£ per head',
  'number',
  'score',
];
export const POLARITIES: readonly Polarity[] = ['higher is better', 'lower is better', 'no judgement'];
export const FREQUENCIES: readonly Frequency[] = ['annual', 'academic year', 'financial year', 'quarterly', 'termly'];

/** Multiplier from numerator/denominator to the unit, where the unit has one. */
const MULTIPLIERS: Partial<Record<Unit, number>> = {
  percentage: 100,
  'rate per 10,000 children': 10_000,
  'rate per 1,000': 1_000,
  'rate per 100,000': 100_000,
};

export const INDICATOR_CODE = /^[A-Z][A-Z0-9]*([ .-][A-Za-z0-9]+)*$/;
export const INDICATOR_CODE_MAX = 24;
export const TITLE_MAX = 200;
export const TEXT_MAX = 2000;

export interface LocalIndicatorInput {
  code?: string;
  title?: string;
  definition?: string;
  unit?: string;
  polarity?: string;
  source?: string;
  frequency?: string;
  hasDenominator?: boolean;
  decimals?: number | string;
  aimCodes?: string[];
}

export interface FrameworkAim extends Aim {
  indicators: repo.IndicatorRecord[];
}
export interface FrameworkOutcome extends Omit<repo.OutcomeWithAims, 'aims'> {
  aims: FrameworkAim[];
}

export interface IndicatorWithAims {
  indicator: repo.IndicatorRecord;
  aims: (Aim & { outcomeName: string })[];
}

/** An area's series beside its comparators and England, for each group asked for. */
export interface IndicatorSeries {
  indicator: repo.IndicatorRecord;
  area: { code: string; name: string };
  comparators: ReferenceArea[];
  /** The area's region, drawn as a line beside England (never ranked); null when the area has none. */
  region: ReferenceArea | null;
  england: { code: string; name: string };
  groups: GroupCode[];
  observations: Observation[];
}

const isOneOf = <T extends string>(list: readonly T[], value: string | undefined): value is T =>
  value !== undefined && (list as readonly string[]).includes(value);

export function outcomesService({ db }: { db: Db }) {
  async function indicatorOrNotFound(code: string, areaCode: string): Promise<repo.IndicatorRecord> {
    const indicator = await repo.findIndicatorByCode(db, code, areaCode);
    if (!indicator) throw notFound('indicator');
    return indicator;
  }

  return {
    /** The five outcomes, their aims, and the indicators that evidence each aim (national and the area's own). */
    async framework(areaCode: string): Promise<FrameworkOutcome[]> {
      const [outcomes, indicators] = await Promise.all([repo.listOutcomesWithAims(db), repo.listIndicatorsForArea(db, areaCode)]);
      return outcomes.map((o) => ({
        ...o,
        aims: o.aims.map((a) => ({ ...a, indicators: indicators.filter((i) => i.aimCodes.includes(a.code)) })),
      }));
    },

    listIndicators: (areaCode: string): Promise<repo.IndicatorRecord[]> => repo.listIndicatorsForArea(db, areaCode),

    async indicator(code: string, areaCode: string): Promise<IndicatorWithAims> {
      const indicator = await indicatorOrNotFound(code, areaCode);
      const outcomes = await repo.listOutcomesWithAims(db);
      const aims = outcomes.flatMap((o) =>
        o.aims.filter((a) => indicator.aimCodes.includes(a.code)).map((a) => ({ ...a, outcomeName: o.everydayName })),
      );
      return { indicator, aims };
    },

    /** The area, its comparators and England, every period, for the groups asked (all children by default). */
    async series(code: string, areaCode: string, groups: readonly GroupCode[] = ['all']): Promise<IndicatorSeries> {
      const indicator = await indicatorOrNotFound(code, areaCode);
      // The demo area beside England (demo) and no region, a real area beside its region and England (issue 15 item 5).
      const [comparators, england] = await Promise.all([repo.listComparators(db, areaCode), findEnglandFor(db, areaCode)]);
      const region = england.code === ENGLAND ? await repo.findRegionOf(db, areaCode) : null;
      const codes = [areaCode, ...comparators.map((c) => c.code), ...(region ? [region.code] : []), england.code];
      const [names, observations] = await Promise.all([
        repo.listAreaNames(db, [areaCode]),
        repo.listValueSeries(db, { indicatorId: indicator.id, areaCodes: codes, groups }),
      ]);
      return {
        indicator,
        area: { code: areaCode, name: names.get(areaCode) ?? areaCode },
        comparators,
        region: region ?? null,
        england,
        groups: [...groups],
        observations,
      };
    },

    /** Every area's value for one period (the latest when none is named), for ranking. */
    async valuesForPeriod(code: string, areaCode: string, group: GroupCode = 'all', periodLabel?: string): Promise<Observation[]> {
      const indicator = await indicatorOrNotFound(code, areaCode);
      const label = periodLabel ?? (await repo.findLatestPeriod(db, indicator.id, group))?.label;
      return label ? repo.listValuesForPeriod(db, indicator.id, label, group, areaCode) : [];
    },

    comparators: (areaCode: string): Promise<ReferenceArea[]> => repo.listComparators(db, areaCode),
    /** The places the area may choose its comparators from (and England): real ones, or the demo's for the demo area. */
    referenceAreas: (areaCode: string): Promise<ReferenceArea[]> => repo.listReferenceAreas(db, areaCode),
    comparatorSource: (areaCode: string) => repo.findComparatorSource(db, areaCode),
    /** The area's statistical neighbours as DfE published them, with their closeness bands (none when not imported). */
    statisticalNeighbours: (areaCode: string) => listStatisticalNeighbours(db, areaCode),

    /** Sets the area's comparator group (statistical neighbours). */
    async setComparators(user: User, codes: readonly string[], ctx: RequestContext): Promise<void> {
      const errors = new FieldErrors();
      // Any authority of any era (a successor such as West Northamptonshire, or an ended predecessor) or a
      // region, of the area's own kind: real places for a real area, invented ones for the demo's.
      const known = new Set((await repo.listReferenceAreas(db, user.areaCode)).filter((r) => r.kind !== 'country').map((r) => r.code));
      const unique = [...new Set(codes.map((c) => c.trim().toUpperCase()).filter((c) => c !== ''))];
      const unknown = unique.filter((c) => !known.has(c));
      if (unknown.length)
        errors.add('comparators', 'unknown_area', `${unknown.join(', ')} is not an English upper-tier local authority or region`);
      if (unique.includes(user.areaCode)) errors.add('comparators', 'not_itself', 'An area cannot be its own comparator');
      errors.throwIfAny();
      await db.transaction(async (tx) => {
        await repo.replaceComparators(tx, user.areaCode, unique);
        await recordAudit(tx, actorOf(user), ctx, { action: 'comparators.set', details: { comparators: unique } });
      });
    },

    /** Adds one of the area's own indicators; every fault is named by its field and rule. */
    async addLocalIndicator(user: User, input: LocalIndicatorInput, ctx: RequestContext): Promise<repo.IndicatorRecord> {
      const errors = new FieldErrors();
      const code = (input.code ?? '').trim().replace(/\s+/g, ' ');
      const title = (input.title ?? '').trim();
      const definition = (input.definition ?? '').trim();
      const source = (input.source ?? '').trim();
      if (code === '') errors.add('code', 'required', 'Enter a code for the indicator');
      else if (code.length > INDICATOR_CODE_MAX || !INDICATOR_CODE.test(code)) {
        errors.add(
          'code',
          'code_format',
          `Code must start with a capital letter and use capital letters, digits, spaces, dots and hyphens, ${INDICATOR_CODE_MAX} characters or less (like L 12 or KES-3)`,
        );
      } else if (await repo.indicatorCodeTaken(db, code, user.areaCode)) {
        errors.add('code', 'unique', `${code} is already the code of an indicator: choose another`);
      }
      if (title === '') errors.add('title', 'required', 'Enter the indicator’s title');
      else if (title.length > TITLE_MAX) errors.add('title', 'max_length', `Title must be ${TITLE_MAX} characters or less`);
      if (definition.length > TEXT_MAX) errors.add('definition', 'max_length', `Definition must be ${TEXT_MAX} characters or less`);
      if (source.length > TEXT_MAX) errors.add('source', 'max_length', `Source must be ${TEXT_MAX} characters or less`);
      if (!isOneOf(UNITS, input.unit)) errors.add('unit', 'one_of', `Choose the unit: ${UNITS.join(', ')}`);
      if (!isOneOf(POLARITIES, input.polarity))
        errors.add('polarity', 'one_of', `Choose whether higher is better, lower is better, or neither`);
      if (!isOneOf(FREQUENCIES, input.frequency))
        errors.add('frequency', 'one_of', `Choose how often it is counted: ${FREQUENCIES.join(', ')}`);
      const decimals = input.decimals === undefined || input.decimals === '' ? 1 : Number(input.decimals);
      if (!Number.isInteger(decimals) || decimals < 0 || decimals > 4)
        errors.add('decimals', 'range', 'Decimal places must be a whole number from 0 to 4');
      const aimCodes = [...new Set(input.aimCodes ?? [])];
      const known = new Set(await repo.listAimCodes(db));
      if (aimCodes.length === 0) errors.add('aimCodes', 'required', 'Choose at least one aim the indicator evidences');
      else if (aimCodes.some((a) => !known.has(a))) {
        errors.add(
          'aimCodes',
          'unknown_aim',
          `${aimCodes.filter((a) => !known.has(a)).join(', ')} is not an aim of the outcomes framework`,
        );
      }
      const hasDenominator = input.hasDenominator === true;
      const unit = input.unit as Unit;
      if (hasDenominator && isOneOf(UNITS, input.unit) && MULTIPLIERS[unit] === undefined) {
        errors.add('hasDenominator', 'unit_has_no_denominator', `A value in "${unit}" has no numerator and denominator`);
      }
      errors.throwIfAny();
      const id = await db.transaction(async (tx) => {
        const newId = await repo.insertLocalIndicator(tx, {
          areaCode: user.areaCode,
          code,
          title,
          definition,
          unit,
          polarity: input.polarity as Polarity,
          source,
          frequency: input.frequency as Frequency,
          hasDenominator,
          multiplier: hasDenominator ? (MULTIPLIERS[unit] ?? null) : null,
          decimals,
          aimCodes,
        });
        await recordAudit(tx, actorOf(user), ctx, {
          action: 'indicators.added',
          subject: { type: 'indicator', id: newId },
          details: { code, title },
        });
        return newId;
      });
      const added = await repo.findIndicatorByCode(db, code, user.areaCode);
      if (!added || added.id !== id) throw new Error('the indicator just added was not found');
      return added;
    },
  };
}

export type OutcomesService = ReturnType<typeof outcomesService>;

/** The group codes in the order pages show them. */
export const GROUP_CODES: readonly GroupCode[] = GROUPS.map((g) => g.code);
