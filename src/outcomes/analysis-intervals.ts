/**
 * 95% confidence intervals for indicators published with a numerator and denominator (issue 5
 * item 6). The methods are those of the Public Health England / APHO technical guide to confidence
 * intervals for public health indicators:
 *
 * - proportions and percentages: the Wilson score interval (Wilson 1927; Newcombe 1998, Stat Med
 *   17:857-872, method 3), p̂ = x/n,
 *     (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)
 * - rates (a count of events over a population): Byar's approximation to the exact Poisson interval
 *   for the count O (Breslow and Day 1987), then divided by the population,
 *     lower = O·(1 − 1/(9O) − z/(3√O))³,  upper = (O+1)·(1 − 1/(9(O+1)) + z/(3√(O+1)))³
 *
 * Both are scaled by the indicator's multiplier (100 for a percentage, 10,000 for a rate per 10,000).
 *
 * Where the publisher gives its own interval (Fingertips' 95% and 99.8% limits), that is the
 * official figure and is shown as published: a computation from rounded counts differs from it, so
 * ours is used only where none is published, and the page says which (issue 15 item 1).
 */
import type { Indicator, Observation } from './types.js';

/** The standard normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface ConfidenceInterval {
  lower: number;
  upper: number;
  level: 0.95 | 0.998;
  method: 'Wilson score' | 'Byar' | 'as published';
}

const isCount = (x: number): boolean => Number.isFinite(x) && x >= 0;

/** Wilson score interval for the proportion successes/trials, as proportions (0..1). */
export function wilsonInterval(successes: number, trials: number, z: number = Z95): { lower: number; upper: number } | null {
  if (!isCount(successes) || !isCount(trials) || trials === 0 || successes > trials) return null;
  const p = successes / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = p + z2 / (2 * trials);
  const spread = z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  return { lower: Math.max(0, (centre - spread) / denominator), upper: Math.min(1, (centre + spread) / denominator) };
}

/** Byar's approximation to the 95% Poisson interval for an observed count (the lower limit of 0 is 0). */
export function byarInterval(count: number, z: number = Z95): { lower: number; upper: number } | null {
  if (!isCount(count)) return null;
  const lower = count === 0 ? 0 : count * (1 - 1 / (9 * count) - z / (3 * Math.sqrt(count))) ** 3;
  const next = count + 1;
  const upper = next * (1 - 1 / (9 * next) + z / (3 * Math.sqrt(next))) ** 3;
  return { lower: Math.max(0, lower), upper };
}

function defaultMultiplier(indicator: Indicator): number | null {
  switch (indicator.unit) {
    case 'percentage':
      return 100;
    case 'rate per 10,000 children':
      return 10_000;
    case 'rate per 1,000':
      return 1_000;
    case 'rate per 100,000':
      return 100_000;
    case 'rate per 10,000':
      return 10_000;
    case 'rate per 100':
      return 100;
    case 'percentage points':
    case 'count':
    case 'number':
    case 'score':
    case 'ratio':
    case '£ per head':
    case '£ per week':
    case '£':
    case '£ thousands':
    case 'days':
    case 'weeks':
    case 'months':
    case 'years':
      // Differences, counts, scores, money, ratios and durations have no multiplier.
      return null;
  }
}

/** The publisher's 99.8% interval for one observation, where it gives one (none is computed here). */
export function publishedInterval998(observation: Observation): ConfidenceInterval | null {
  const published = observation.status === 'value' ? observation.published?.ci998 : null;
  return published ? { ...published, level: 0.998, method: 'as published' } : null;
}

/**
 * The 95% interval for one observation, in the indicator's unit: Wilson for a percentage, Byar for a
 * rate. Null when the indicator has no denominator, the observation has no value or no usable
 * numerator and denominator, or the unit is not a proportion or a rate of events (money per head,
 * scores and plain counts have no interval here).
 */
export function confidenceInterval(indicator: Indicator, observation: Observation): ConfidenceInterval | null {
  const published = observation.status === 'value' ? observation.published?.ci95 : null;
  if (published) return { ...published, level: 0.95, method: 'as published' };
  const { numerator, denominator } = observation;
  if (!indicator.hasDenominator || observation.status !== 'value' || numerator === null || denominator === null) return null;
  const multiplier = indicator.multiplier ?? defaultMultiplier(indicator);
  if (multiplier === null || !isCount(denominator) || denominator === 0) return null;
  switch (indicator.unit) {
    case 'percentage': {
      const interval = wilsonInterval(numerator, denominator);
      return interval && { lower: interval.lower * multiplier, upper: interval.upper * multiplier, level: 0.95, method: 'Wilson score' };
    }
    case 'rate per 10,000 children':
    case 'rate per 1,000':
    case 'rate per 100,000':
    case 'rate per 10,000':
    case 'rate per 100': {
      const interval = byarInterval(numerator);
      const scale = multiplier / denominator;
      return interval && { lower: interval.lower * scale, upper: interval.upper * scale, level: 0.95, method: 'Byar' };
    }
    case 'percentage points':
    case 'count':
    case 'number':
    case 'score':
    case 'ratio':
    case '£ per head':
    case '£ per week':
    case '£':
    case '£ thousands':
    case 'days':
    case 'weeks':
    case 'months':
    case 'years':
      // Differences, counts, scores, money, ratios and durations have no interval here.
      return null;
  }
}
