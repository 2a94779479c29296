/**
 * The change over a span in plain words (issue 5 item 6), for the indicator page and the needs
 * assessment. It states the comparison with England and the judgement by polarity, and never a
 * cause: the pathfinder evaluation warns that trends may be regression to the mean, time lags or
 * other programmes (004 paras 255-257).
 */
import { formatChange, formatValue } from './analysis-format.js';
import { NO_CHANGE_RELATIVE, type Change, type Direction, type Movement } from './analysis.js';
import type { Indicator, Polarity, ValueStatus } from './types.js';

function polaritySentence(polarity: Polarity, direction: Direction): string {
  const better = polarity === 'lower is better' ? 'Lower is better' : 'Higher is better';
  switch (direction) {
    case 'improved':
      return `${better}, so this is an improvement.`;
    case 'worsened':
      return `${better}, so this is a worsening.`;
    case 'no change':
      return `${better}; a change of less than ${NO_CHANGE_RELATIVE * 100}% counts as no change.`;
    case 'no judgement':
      return 'Neither higher nor lower is counted as better for this indicator.';
    case 'not available':
      return '';
  }
}

function englandClause(indicator: Indicator, england: Movement): string {
  if (england.absolute === null) return 'England’s figures are not available for both periods.';
  if (england.absolute === 0) return `England stayed at ${formatValue(indicator, england.toValue)} over the same span.`;
  const verb = england.absolute > 0 ? 'rose' : 'fell';
  return `England ${verb} ${formatChange(indicator, Math.abs(england.absolute), 'short')} over the same span.`;
}

const statusWords: Record<ValueStatus, string> = {
  value: 'a value',
  missing: 'missing',
  suppressed: 'suppressed',
  'not applicable': 'not applicable',
};

/**
 * The change in plain words, for example: "Rose from 62.0% in 2005-06 to 68.5% in 2008-09, up 6.5
 * percentage points (10.5%); England rose 4.0 points over the same span. Higher is better, so this
 * is an improvement." It states the comparison and never a cause (004 paras 255-257).
 */
export function changeSentence(indicator: Indicator, change: Change): string {
  const { fromValue: a, toValue: b, absolute } = change;
  if (a === null || b === null || absolute === null) {
    const gaps = [
      a === null ? `${change.from} is ${statusWords[change.fromStatus]}` : '',
      b === null ? `${change.to} is ${statusWords[change.toStatus]}` : '',
    ];
    return `No change can be given from ${change.from} to ${change.to}: the value for ${gaps.filter(Boolean).join(' and the value for ')}.`;
  }
  const from = `${formatValue(indicator, a)} in ${change.from}`;
  const to = `${formatValue(indicator, b)} in ${change.to}`;
  let first: string;
  if (absolute === 0) {
    first = `Stayed at ${formatValue(indicator, b)} from ${change.from} to ${change.to}`;
  } else {
    const up = absolute > 0;
    const relative = change.relative === null ? '' : ` (${formatRelative(change.relative)})`;
    first = `${up ? 'Rose' : 'Fell'} from ${from} to ${to}, ${up ? 'up' : 'down'} ${formatChange(indicator, Math.abs(absolute), 'long')}${relative}`;
  }
  return [`${first}; ${englandClause(indicator, change.england)}`, polaritySentence(indicator.polarity, change.direction)]
    .filter(Boolean)
    .join(' ');
}

function formatRelative(relative: number): string {
  return `${Math.abs(relative).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}%`;
}
