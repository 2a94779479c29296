import { ACKNOWLEDGE_WITHIN_DAYS, LEAD_PROFESSIONAL_CRITERIA, type NeedLevelScheme } from '../assessment/index.js';
import type { NeedLevelSchemeService } from '../assessment/index.js';
import { EXTENDED_SCOPES, EXTENDED_SCOPES_USED, type ExtendedScopeValue } from '../children/index.js';
import { FieldErrors } from '../platform/errors.js';
import type { SettingChanger, SettingsService } from '../platform/settings.js';

/**
 * The area's local settings (issue 13 item 4), as its administrator sees and changes them: each
 * input is checked here, naming the field and the rule, before the settings registry (ADR 0010)
 * writes it with its audit entry. Nothing is saved when anything is wrong.
 */

const CRITERIA_MAX = 20;
const CRITERION_MAX = 300;
const DAYS = { min: 1, max: 30 };

export interface LocalSettingsOverview {
  levels: NeedLevelScheme;
  levelVersions: NeedLevelScheme[];
  criteria: string[];
  acknowledgeWithinDays: number;
  extendedScopesUsed: string[];
  /** When each setting's value took effect and who set it; absent while the area uses the default. */
  changes: Record<'criteria' | 'acknowledgeWithinDays' | 'extendedScopesUsed', { changedAt: Date; changedByName: string | null } | undefined>;
}

export interface SettingsInput {
  leadProfessionalCriteria?: string | readonly string[] | undefined;
  acknowledgeWithinDays?: string | number;
  extendedScopesUsed?: readonly string[];
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

function readDays(errors: FieldErrors, input: string | number): number {
  const text = String(input).trim();
  const days = Number(text);
  if (text === '') errors.add('acknowledgeWithinDays', 'required', 'Enter the number of days to acknowledge a referral');
  else if (!/^\d+$/.test(text)) errors.add('acknowledgeWithinDays', 'whole_number', 'Days to acknowledge must be a whole number, like 3');
  else if (days < DAYS.min || days > DAYS.max)
    errors.add('acknowledgeWithinDays', 'range', `Days to acknowledge must be between ${DAYS.min} and ${DAYS.max}`);
  return days;
}

function readScopes(errors: FieldErrors, input: readonly string[]): ExtendedScopeValue[] {
  if (input.some((s) => !EXTENDED_SCOPES.is(s)))
    errors.add('extendedScopesUsed', 'one_of', `Extended scopes must be among: ${EXTENDED_SCOPES.values.join(', ')}`);
  return EXTENDED_SCOPES.values.filter((s) => input.includes(s));
}

export function localSettingsService({ settings, levels }: { settings: SettingsService; levels: NeedLevelSchemeService }) {
  const this_ = {
    /** Checks every value given first, so nothing is saved when any is wrong; then changes each (audited). */
    async setMany(by: SettingChanger, areaCode: string, input: SettingsInput): Promise<void> {
      const errors = new FieldErrors();
      const criteria = 'leadProfessionalCriteria' in input ? readCriteria(errors, input.leadProfessionalCriteria) : undefined;
      const days = input.acknowledgeWithinDays !== undefined ? readDays(errors, input.acknowledgeWithinDays) : undefined;
      const scopes = input.extendedScopesUsed !== undefined ? readScopes(errors, input.extendedScopesUsed) : undefined;
      errors.throwIfAny();
      if (criteria) await settings.change(by, areaCode, LEAD_PROFESSIONAL_CRITERIA, criteria);
      if (days !== undefined) await settings.change(by, areaCode, ACKNOWLEDGE_WITHIN_DAYS, days);
      if (scopes) await settings.change(by, areaCode, EXTENDED_SCOPES_USED, scopes);
    },
  };
  return {
    async overview(areaCode: string): Promise<LocalSettingsOverview> {
      return {
        levels: await levels.inForce(areaCode),
        levelVersions: await levels.history(areaCode),
        criteria: await settings.read(areaCode, LEAD_PROFESSIONAL_CRITERIA),
        acknowledgeWithinDays: await settings.read(areaCode, ACKNOWLEDGE_WITHIN_DAYS),
        extendedScopesUsed: await settings.read(areaCode, EXTENDED_SCOPES_USED),
        changes: {
          criteria: await settings.lastChanged(areaCode, LEAD_PROFESSIONAL_CRITERIA),
          acknowledgeWithinDays: await settings.lastChanged(areaCode, ACKNOWLEDGE_WITHIN_DAYS),
          extendedScopesUsed: await settings.lastChanged(areaCode, EXTENDED_SCOPES_USED),
        },
      };
    },

    /** 000 §2.18: the area's clear criteria for appointing a lead professional, one a line on the page. */
    setCriteria: (by: SettingChanger, areaCode: string, input: string | readonly string[] | undefined) =>
      this_.setMany(by, areaCode, { leadProfessionalCriteria: input }),
    /** 004 para 202: the days a receiving service has to acknowledge a referral. */
    setAcknowledgeWithinDays: (by: SettingChanger, areaCode: string, input: string | number | undefined) =>
      this_.setMany(by, areaCode, { acknowledgeWithinDays: input ?? '' }),
    /** 000 §1.15: the extended scopes under which the area holds young people of 18 or over; none is allowed. */
    setExtendedScopesUsed: (by: SettingChanger, areaCode: string, input: readonly string[]) =>
      this_.setMany(by, areaCode, { extendedScopesUsed: input }),
    setMany: (by: SettingChanger, areaCode: string, input: SettingsInput) => this_.setMany(by, areaCode, input),
  };
}

export type LocalSettingsService = ReturnType<typeof localSettingsService>;
