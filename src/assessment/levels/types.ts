import { NATIONAL_NEED_LEVELS, type NationalNeedLevel } from '../form.js';

/** One level of an area's scheme: its name, what it means there, and the level of 004 Table 4.1 it counts as. */
export interface NeedLevelDefinition {
  name: string;
  description: string;
  nationalLevel: NationalNeedLevel;
}

/** A version of an area's levels of need (004 paras 231-233: three to five levels, locally named). */
export interface NeedLevelScheme {
  /** Null for the national levels an area uses before it sets its own. */
  id: string | null;
  /** 0 for the national levels. */
  version: number;
  /** 'YYYY-MM-DD'; null for the national levels. */
  effectiveFrom: string | null;
  changedAt: Date | null;
  changedByName: string | null;
  levels: NeedLevelDefinition[];
}

/** 004 Table 4.1's tiers, in its words: the levels of an area with no scheme of its own. */
export const NATIONAL_LEVEL_DESCRIPTIONS: Record<NationalNeedLevel, string> = {
  universal: 'All children and young people: universal services',
  additional: 'Vulnerable children and young people with additional needs',
  complex: 'Children and families needing intensive support',
  'acute/specialist': 'Children and families in crisis needing urgent attention',
};

export const NATIONAL_SCHEME: NeedLevelScheme = {
  id: null,
  version: 0,
  effectiveFrom: null,
  changedAt: null,
  changedByName: null,
  levels: NATIONAL_NEED_LEVELS.values.map((level) => ({ name: level, description: NATIONAL_LEVEL_DESCRIPTIONS[level], nationalLevel: level })),
};

export const LEVELS_MIN = 3;
export const LEVELS_MAX = 5;
export const LEVEL_NAME_MAX = 60;
export const LEVEL_DESCRIPTION_MAX = 500;

/** What an area administrator sends: the levels in order, and the day the version takes effect. */
export interface SchemeInput {
  effectiveFrom?: string;
  levels: { name?: string; description?: string; nationalLevel?: string }[];
}
