import { INDEX_REQUIRES_TRAINING } from '../admin/index.js';
import {
  ACKNOWLEDGE_WITHIN_DAYS,
  LEAD_PROFESSIONAL_CRITERIA,
  REVIEW_EVERY_WEEKS,
  SIBLING_ASSESSMENT_MONTHS,
  type NeedLevelScheme,
} from '../assessment/index.js';
import type { NeedLevelSchemeService } from '../assessment/index.js';
import { EXTENDED_SCOPES, EXTENDED_SCOPES_USED, type ExtendedScopeValue } from '../children/index.js';
import { SECTION11_PERIOD_MONTHS, SECTION11_WEEKS_TO_COMPLETE } from '../governance/index.js';
import { FieldErrors } from '../platform/errors.js';
import { settingValue, type SettingChange, type SettingChanger, type SettingsService, type SettingValue } from '../platform/settings.js';

/**
 * The area's local settings (issue 13 item 4), as its administrator sees and changes them: each
 * input is checked here, naming the field and the rule, before the settings registry (ADR 0010)
 * writes them, all in one transaction with their audit entries, from the day given (blank: today).
 * Nothing is saved when anything is wrong.
 */

const CRITERIA_MAX = 20;
const CRITERION_MAX = 300;

/** The settings these pages edit, by the name pages and the API give them. */
export const LOCAL_SETTINGS = {
  criteria: LEAD_PROFESSIONAL_CRITERIA,
  acknowledgeWithinDays: ACKNOWLEDGE_WITHIN_DAYS,
  reviewEveryWeeks: REVIEW_EVERY_WEEKS,
  siblingAssessmentMonths: SIBLING_ASSESSMENT_MONTHS,
  extendedScopesUsed: EXTENDED_SCOPES_USED,
  indexRequiresTraining: INDEX_REQUIRES_TRAINING,
  section11PeriodMonths: SECTION11_PERIOD_MONTHS,
  section11WeeksToComplete: SECTION11_WEEKS_TO_COMPLETE,
} as const;
export type LocalSettingName = keyof typeof LOCAL_SETTINGS;
const NAMES = Object.keys(LOCAL_SETTINGS) as LocalSettingName[];

/** A change waiting for its day, with the name of the setting it changes. */
export type ScheduledChange = SettingChange & { name: LocalSettingName };

export interface LocalSettingsOverview {
  /** The day the values are read as at ('YYYY-MM-DD'). */
  asAt: string;
  levels: NeedLevelScheme;
  levelVersions: NeedLevelScheme[];
  criteria: string[];
  acknowledgeWithinDays: number;
  reviewEveryWeeks: number;
  siblingAssessmentMonths: number;
  extendedScopesUsed: string[];
  indexRequiresTraining: boolean;
  /** Months a section 11 audit round covers when the LSCB gives no end to its period (000 Appendix 1 §1.2). */
  section11PeriodMonths: number;
  /** Weeks agencies have to complete a section 11 audit when the LSCB gives no due date. */
  section11WeeksToComplete: number;
  /** The change in force today for each setting (its effective day, who made it); absent while the area uses the default. */
  changes: Record<LocalSettingName, SettingChange | undefined>;
  /** Changes made and waiting for their day, soonest first. */
  scheduled: ScheduledChange[];
}

export interface SettingsInput {
  leadProfessionalCriteria?: string | readonly string[] | undefined;
  acknowledgeWithinDays?: string | number;
  reviewEveryWeeks?: string | number;
  siblingAssessmentMonths?: string | number;
  extendedScopesUsed?: readonly string[];
  indexRequiresTraining?: boolean | string;
  section11PeriodMonths?: string | number;
  section11WeeksToComplete?: string | number;
  /** 'YYYY-MM-DD' or 'D/M/YYYY', today or later; blank or absent for today. */
  effectiveFrom?: string;
}

function readCriteria(errors: FieldErrors, input: string | readonly string[] | undefined): string[] {
  const given = typeof input === 'string' ? input.split(/\r?\n/) : [...(input ?? [])];
  const criteria = given.map((c) => c.trim()).filter((c) => c !== '');
  if (criteria.length === 0) errors.add('criteria', 'required', 'Enter at least one criterion for appointing a lead professional');
  else if (criteria.length > CRITERIA_MAX) errors.add('criteria', 'max_items', `Enter at most ${CRITERIA_MAX} criteria`);
  const long = criteria.findIndex((c) => c.length > CRITERION_MAX);
  if (long >= 0) errors.add('criteria', 'max_length', `Criterion ${long + 1} must be ${CRITERION_MAX} characters or less`);
  return criteria;
}

/** A whole number within the setting's range; the words name the field in each error. */
const COUNTS = {
  acknowledgeWithinDays: { min: 1, max: 30, what: 'the number of days to acknowledge a referral', name: 'Days to acknowledge', example: 3 },
  reviewEveryWeeks: { min: 1, max: 52, what: 'the number of weeks between reviews', name: 'Weeks between reviews', example: 12 },
  siblingAssessmentMonths: {
    min: 1,
    max: 60,
    what: 'the number of months a closed assessment of a brother or sister is shown',
    name: 'Months a sibling’s closed assessment is shown',
    example: 12,
  },
  section11PeriodMonths: { min: 1, max: 36, what: 'the number of months a section 11 audit round covers', name: 'Months a section 11 round covers', example: 12 },
  section11WeeksToComplete: {
    min: 1,
    max: 52,
    what: 'the number of weeks agencies have to complete a section 11 audit',
    name: 'Weeks to complete a section 11 audit',
    example: 8,
  },
} as const;

function readCount(errors: FieldErrors, field: keyof typeof COUNTS, input: string | number): number {
  const { min, max, what, name, example } = COUNTS[field];
  const text = String(input).trim();
  const value = Number(text);
  if (text === '') errors.add(field, 'required', `Enter ${what}`);
  else if (!/^\d+$/.test(text)) errors.add(field, 'whole_number', `${name} must be a whole number, like ${example}`);
  else if (value < min || value > max) errors.add(field, 'range', `${name} must be between ${min} and ${max}`);
  return value;
}

function readScopes(errors: FieldErrors, input: readonly string[]): ExtendedScopeValue[] {
  if (input.some((s) => !EXTENDED_SCOPES.is(s)))
    errors.add('extendedScopesUsed', 'one_of', `Extended scopes must be among: ${EXTENDED_SCOPES.values.join(', ')}`);
  return EXTENDED_SCOPES.values.filter((s) => input.includes(s));
}

/** Yes or no: true or false from the API, 'yes' or 'no' from the page's radios. */
function readTraining(errors: FieldErrors, input: boolean | string): boolean {
  if (input === true || input === 'yes') return true;
  if (input === false || input === 'no') return false;
  errors.add('indexRequiresTraining', 'required', 'Select whether users of the child index need training and checks in date');
  return true;
}

/** What a value reads as on the pages: "5 days", "required", "none". */
export function describeValue(name: LocalSettingName, value: unknown): string {
  const list = Array.isArray(value) ? value.map(String) : [];
  switch (name) {
    case 'criteria':
      return list.join('; ');
    case 'acknowledgeWithinDays':
      return value === 1 ? '1 day' : `${String(value)} days`;
    case 'reviewEveryWeeks':
      return value === 1 ? '1 week' : `${String(value)} weeks`;
    case 'siblingAssessmentMonths':
      return value === 1 ? '1 month' : `${String(value)} months`;
    case 'extendedScopesUsed':
      return list.length > 0 ? list.join(', ') : 'none (children under 18 only)';
    case 'indexRequiresTraining':
      return value === true ? 'training and checks required' : 'training and checks not required';
    case 'section11PeriodMonths':
      return value === 1 ? '1 month' : `${String(value)} months`;
    case 'section11WeeksToComplete':
      return value === 1 ? '1 week' : `${String(value)} weeks`;
  }
}

export function localSettingsService({ settings, levels }: { settings: SettingsService; levels: NeedLevelSchemeService }) {
  /** Checks every value given first, so nothing is saved when any is wrong; then changes all of them in one transaction (audited). */
  async function setMany(by: SettingChanger, areaCode: string, input: SettingsInput): Promise<void> {
    const errors = new FieldErrors();
    const changes: SettingValue[] = [];
    if ('leadProfessionalCriteria' in input) changes.push(settingValue(LEAD_PROFESSIONAL_CRITERIA, readCriteria(errors, input.leadProfessionalCriteria)));
    if (input.acknowledgeWithinDays !== undefined)
      changes.push(settingValue(ACKNOWLEDGE_WITHIN_DAYS, readCount(errors, 'acknowledgeWithinDays', input.acknowledgeWithinDays)));
    if (input.reviewEveryWeeks !== undefined)
      changes.push(settingValue(REVIEW_EVERY_WEEKS, readCount(errors, 'reviewEveryWeeks', input.reviewEveryWeeks)));
    if (input.siblingAssessmentMonths !== undefined)
      changes.push(settingValue(SIBLING_ASSESSMENT_MONTHS, readCount(errors, 'siblingAssessmentMonths', input.siblingAssessmentMonths)));
    if (input.extendedScopesUsed !== undefined) changes.push(settingValue(EXTENDED_SCOPES_USED, readScopes(errors, input.extendedScopesUsed)));
    if (input.indexRequiresTraining !== undefined)
      changes.push(settingValue(INDEX_REQUIRES_TRAINING, readTraining(errors, input.indexRequiresTraining)));
    if (input.section11PeriodMonths !== undefined)
      changes.push(settingValue(SECTION11_PERIOD_MONTHS, readCount(errors, 'section11PeriodMonths', input.section11PeriodMonths)));
    if (input.section11WeeksToComplete !== undefined)
      changes.push(settingValue(SECTION11_WEEKS_TO_COMPLETE, readCount(errors, 'section11WeeksToComplete', input.section11WeeksToComplete)));
    errors.throwIfAny();
    if (changes.length > 0) await settings.changeMany(by, areaCode, changes, input.effectiveFrom);
  }

  return {
    /** The values in force on `asAt` (default: today), with what is waiting to take effect. */
    async overview(areaCode: string, asAt?: string): Promise<LocalSettingsOverview> {
      const changes = Object.fromEntries(
        await Promise.all(NAMES.map(async (n) => [n, await settings.inForce(areaCode, LOCAL_SETTINGS[n])] as const)),
      ) as Record<LocalSettingName, SettingChange | undefined>;
      const keys = new Map<string, LocalSettingName>(NAMES.map((n) => [LOCAL_SETTINGS[n].key, n]));
      const scheduled = (await settings.scheduled(areaCode)).flatMap((c) => {
        const name = keys.get(c.key);
        return name ? [{ ...c, name }] : [];
      });
      const day = asAt ?? settings.today();
      return {
        asAt: day,
        levels: await levels.inForce(areaCode),
        levelVersions: await levels.history(areaCode),
        criteria: await settings.read(areaCode, LEAD_PROFESSIONAL_CRITERIA, day),
        acknowledgeWithinDays: await settings.read(areaCode, ACKNOWLEDGE_WITHIN_DAYS, day),
        reviewEveryWeeks: await settings.read(areaCode, REVIEW_EVERY_WEEKS, day),
        siblingAssessmentMonths: await settings.read(areaCode, SIBLING_ASSESSMENT_MONTHS, day),
        extendedScopesUsed: await settings.read(areaCode, EXTENDED_SCOPES_USED, day),
        indexRequiresTraining: await settings.read(areaCode, INDEX_REQUIRES_TRAINING, day),
        section11PeriodMonths: await settings.read(areaCode, SECTION11_PERIOD_MONTHS, day),
        section11WeeksToComplete: await settings.read(areaCode, SECTION11_WEEKS_TO_COMPLETE, day),
        changes,
        scheduled,
      };
    },

    /** 000 §2.18: the area's clear criteria for appointing a lead professional, one a line on the page. */
    setCriteria: (by: SettingChanger, areaCode: string, input: string | readonly string[] | undefined, effectiveFrom?: string) =>
      setMany(by, areaCode, { leadProfessionalCriteria: input, effectiveFrom }),
    /** 004 para 202: the days a receiving service has to acknowledge a referral. */
    setAcknowledgeWithinDays: (by: SettingChanger, areaCode: string, input: string | number | undefined, effectiveFrom?: string) =>
      setMany(by, areaCode, { acknowledgeWithinDays: input ?? '', effectiveFrom }),
    /** 004 paras 218-220: how often the team around the child reviews progress, in weeks. */
    setReviewEveryWeeks: (by: SettingChanger, areaCode: string, input: string | number | undefined, effectiveFrom?: string) =>
      setMany(by, areaCode, { reviewEveryWeeks: input ?? '', effectiveFrom }),
    /** 004 para 198: how long a brother's or sister's closed assessment is shown when one is started. */
    setSiblingAssessmentMonths: (by: SettingChanger, areaCode: string, input: string | number | undefined, effectiveFrom?: string) =>
      setMany(by, areaCode, { siblingAssessmentMonths: input ?? '', effectiveFrom }),
    /** 000 §1.15: the extended scopes under which the area holds young people of 18 or over; none is allowed. */
    setExtendedScopesUsed: (by: SettingChanger, areaCode: string, input: readonly string[], effectiveFrom?: string) =>
      setMany(by, areaCode, { extendedScopesUsed: input, effectiveFrom }),
    /** 004 Box 6.1: whether the index is open only to users whose training and security checks are in date. */
    setIndexRequiresTraining: (by: SettingChanger, areaCode: string, input: string | undefined, effectiveFrom?: string) =>
      setMany(by, areaCode, { indexRequiresTraining: input ?? '', effectiveFrom }),
    /** 000 Appendix 1 §1.2: the months a section 11 round covers when the LSCB gives no end to its period. */
    setSection11PeriodMonths: (by: SettingChanger, areaCode: string, input: string | number | undefined, effectiveFrom?: string) =>
      setMany(by, areaCode, { section11PeriodMonths: input ?? '', effectiveFrom }),
    /** The weeks agencies have to complete a section 11 audit when the LSCB gives no due date. */
    setSection11WeeksToComplete: (by: SettingChanger, areaCode: string, input: string | number | undefined, effectiveFrom?: string) =>
      setMany(by, areaCode, { section11WeeksToComplete: input ?? '', effectiveFrom }),
    setMany,
    /**
     * Cancels a change waiting for its day (audited): any of these pages' settings for the area's
     * administrator; only the index training switch for whoever else may change it (a system administrator).
     */
    cancel: (by: SettingChanger, areaCode: string, changeId: string, mayManageAll: boolean) =>
      settings.cancel(by, areaCode, changeId, mayManageAll ? Object.values(LOCAL_SETTINGS) : [INDEX_REQUIRES_TRAINING]),
  };
}

export type LocalSettingsService = ReturnType<typeof localSettingsService>;
