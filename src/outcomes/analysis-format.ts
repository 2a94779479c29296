/**
 * Numbers in the indicator's own terms: its decimals and unit, en-GB separators. Analysis, charts,
 * tables and sentences all format through here so they never disagree.
 */
import type { Indicator, Unit } from './types.js';

/**
 * Round half away from zero at `decimals`, via decimal strings so 1.005 rounds to 1.01. Never -0.
 * Null decimals (a catalogue's NA) mean "as published": the value is not rounded.
 */
export function roundTo(value: number, decimals: number | null): number {
  if (!Number.isFinite(value) || decimals === null) return value;
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)));
  const abs = Math.abs(value);
  const shifted = String(abs).includes('e') ? abs * 10 ** d : Number(`${abs}e${d}`);
  const rounded = Math.round(shifted) / 10 ** d;
  return rounded === 0 ? 0 : Math.sign(value) * rounded;
}

/** 1234.5 at 2 decimals is "1,234.50"; at null decimals (as published) "1,234.5", up to 10 places. */
export function formatNumber(value: number, decimals: number | null): string {
  if (decimals === null) return value.toLocaleString('en-GB', { maximumFractionDigits: 10 });
  const d = Math.max(0, Math.min(10, Math.trunc(decimals)));
  return roundTo(value, d).toLocaleString('en-GB', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** How the unit reads after a number ("per 10,000 children"), or before it for money. */
function unitParts(unit: Unit): { before: string; after: string } {
  switch (unit) {
    case 'percentage':
      return { before: '', after: '%' };
    case 'rate per 10,000 children':
      return { before: '', after: ' per 10,000 children' };
    case 'rate per 1,000':
      return { before: '', after: ' per 1,000' };
    case 'rate per 100,000':
      return { before: '', after: ' per 100,000' };
    case 'percentage points':
      return { before: '', after: ' percentage points' };
    case '£ per head':
      return { before: '£', after: ' per head' };
    case 'rate per 10,000':
      return { before: '', after: ' per 10,000' };
    case 'rate per 100':
      return { before: '', after: ' per 100' };
    case '£ per week':
      return { before: '£', after: ' per week' };
    case '£':
      return { before: '£', after: '' };
    case '£ thousands':
      return { before: '£', after: ' thousand' };
    case 'days':
    case 'weeks':
    case 'months':
    case 'years':
      return { before: '', after: ` ${unit}` };
    case 'count':
    case 'number':
    case 'score':
    case 'ratio':
      return { before: '', after: '' };
  }
}

/** A value with its unit: "62.0%", "118.50 per 10,000 children", "£204.87 per head"; "no value" for null. */
export function formatValue(indicator: Pick<Indicator, 'unit' | 'decimals'>, value: number | null): string {
  if (value === null) return 'no value';
  const { before, after } = unitParts(indicator.unit);
  const text = formatNumber(Math.abs(value), indicator.decimals);
  return `${roundTo(value, indicator.decimals) < 0 ? '-' : ''}${before}${text}${after}`;
}

/**
 * A size of change with its unit. A percentage changes by percentage points, never "%" (which would
 * read as a relative change): "6.5 percentage points", or "6.5 points" in the short form.
 */
export function formatChange(indicator: Pick<Indicator, 'unit' | 'decimals'>, size: number, form: 'long' | 'short'): string {
  if (indicator.unit === 'percentage' || indicator.unit === 'percentage points') {
    return `${formatNumber(size, indicator.decimals)} ${form === 'long' ? 'percentage points' : 'points'}`;
  }
  return formatValue(indicator, size);
}

/** The unit as a heading for an axis or a table column: "Percentage", "Rate per 10,000 children". */
export function unitHeading(unit: Unit): string {
  return unit.charAt(0).toUpperCase() + unit.slice(1);
}

/**
 * Where a group stands against all children, never as a negative "behind": "behind by 21.1
 * percentage points", "ahead by 3.0 per 10,000 children", "level with all children". The size is
 * the gap's absolute value, in percentage points where the measure is a percentage.
 */
export function standingText(
  indicator: Pick<Indicator, 'unit' | 'decimals'>,
  standing: 'behind' | 'ahead' | 'level' | null,
  gap: number | null,
): string {
  if (gap === null) return 'no gap can be given';
  const size = formatChange(indicator, Math.abs(gap), 'long');
  switch (standing) {
    case 'behind':
      return `behind by ${size}`;
    case 'ahead':
      return `ahead by ${size}`;
    case 'level':
      return 'level with all children';
    case null:
      return `a gap of ${size}`;
  }
}
