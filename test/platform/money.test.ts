import { describe, expect, it } from 'vitest';
import {
  checkMoney,
  financialYearBounds,
  financialYearLabel,
  financialYearOf,
  financialYearsBetween,
  formatMoney,
  moneyInputValue,
  moneyProblems,
  parseMoney,
  penceOf,
} from '../../src/platform/money.js';

const ruleOf = (text: string, options = {}) => {
  const checked = checkMoney(text, options);
  return 'error' in checked ? checked.error.rule : `pence:${checked.pence}`;
};

describe('parseMoney: typed amounts to whole pence', () => {
  it.each([
    ['1234.56', 123456],
    ['£1,234.56', 123456],
    ['1234', 123400],
    ['1234.5', 123450],
    ['0.01', 1],
    ['0', 0],
    [' £ 12 000 ', 1200000],
    ['1,000,000.00', 100000000],
    ['1.10', 110],
  ])('%s is %i pence', (text, pence) => {
    expect(parseMoney(text)).toBe(pence);
  });

  it('reads amounts digit by digit, so the float traps never appear', () => {
    // 0.1 + 0.2 in floating point is 0.30000000000000004; 1.005 * 100 is 100.49999999999999.
    expect(parseMoney('0.1') + parseMoney('0.2')).toBe(parseMoney('0.3'));
    expect(parseMoney('1.005'.slice(0, 4))).toBe(100);
    expect(ruleOf('1.005')).toBe('two_decimals');
    expect(parseMoney('1.15')).toBe(115);
    expect(parseMoney('4.35')).toBe(435);
    expect(parseMoney('19.99') * 3).toBe(5997);
  });

  it('refuses more than two decimals, non-numbers and negatives, naming the field and the rule', () => {
    expect(ruleOf('12.345')).toBe('two_decimals');
    expect(ruleOf('twelve')).toBe('number');
    expect(ruleOf('12.')).toBe('number');
    expect(ruleOf('1e3')).toBe('number');
    expect(ruleOf('1,23.00')).toBe('number');
    expect(ruleOf('')).toBe('required');
    expect(ruleOf('-5')).toBe('not_negative');
    expect(ruleOf('£-5')).toBe('not_negative');
    expect(ruleOf('-£5.00', { allowNegative: true })).toBe('pence:-500');
    expect(ruleOf('0', { allowZero: false })).toBe('positive');
    expect(ruleOf('999999999999')).toBe('too_large');
    try {
      parseMoney('10.001', { field: 'amount', label: 'the contribution' });
      expect.fail('should refuse');
    } catch (error) {
      expect(moneyProblems.invalid.is(error)).toBe(true);
      if (!moneyProblems.invalid.is(error)) throw error;
      expect(error.fieldErrors).toEqual([{ field: 'amount', rule: 'two_decimals', message: 'Enter the contribution with no more than two decimal places (pence)' }]);
    }
  });
});

describe('formatMoney', () => {
  it.each([
    [123456, '£1,234.56'],
    [-123456, '-£1,234.56'],
    [5, '£0.05'],
    [-5, '-£0.05'],
    [0, '£0.00'],
    [100000000, '£1,000,000.00'],
  ])('%i pence is %s', (pence, text) => {
    expect(formatMoney(pence)).toBe(text);
  });

  it('refuses anything but whole pence, and round-trips with parseMoney', () => {
    expect(() => formatMoney(1.5)).toThrow(TypeError);
    for (const pence of [0, 1, 99, 100, 123456, 987654321]) {
      expect(parseMoney(formatMoney(pence))).toBe(pence);
      expect(parseMoney(moneyInputValue(pence))).toBe(pence);
    }
  });

  it('reads bigint columns as pence', () => {
    expect(penceOf('123456')).toBe(123456);
    expect(penceOf(123456n)).toBe(123456);
    expect(penceOf(null)).toBe(0);
    expect(() => penceOf('1.5')).toThrow(TypeError);
  });
});

describe('financial years, 1 April to 31 March', () => {
  it('puts 31 March in the year before and 1 April in the new year', () => {
    expect(financialYearOf('2026-03-31')).toBe(2025);
    expect(financialYearOf('2026-04-01')).toBe(2026);
    expect(financialYearOf('2026-01-01')).toBe(2025);
    expect(financialYearOf('2025-12-31')).toBe(2025);
  });

  it('names a year and its bounds', () => {
    expect(financialYearLabel(2025)).toBe('2025-26');
    expect(financialYearLabel(1999)).toBe('1999-00');
    expect(financialYearLabel(2009)).toBe('2009-10');
    expect(financialYearBounds(2025)).toEqual({ from: '2025-04-01', to: '2026-03-31' });
    expect(financialYearOf(financialYearBounds(2025).from)).toBe(2025);
    expect(financialYearOf(financialYearBounds(2025).to)).toBe(2025);
    expect(financialYearsBetween(2024, 2026)).toEqual([2024, 2025, 2026]);
    expect(financialYearsBetween(2026, 2024)).toEqual([]);
  });
});
