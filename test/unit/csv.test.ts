import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { errorLine } from '../../src/children/import/service.js';
import { csvCell, csvLine } from '../../src/platform/csv.js';

/** What a spreadsheet would run as a formula (OWASP CSV injection), the reference the writer is held to. */
const runsAsFormula = (cell: string): boolean => /^[=+\-@\t\r]/.test(cell) && !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(cell);

const readBack = (line: string): string[] => (parse(line, { relax_quotes: false }) as string[][])[0] ?? [''];

describe('the one CSV cell writer', () => {
  it('defuses every cell a spreadsheet would run as a formula, and reads back as written otherwise', () => {
    const text = fc.oneof(
      fc.string(),
      fc.string().map((s) => `=${s}`),
      fc.constantFrom('+', '-', '@', '\t', '\r').chain((c) => fc.string().map((s) => c + s)),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    );
    fc.assert(
      fc.property(text, (value) => {
        const [cell = ''] = readBack(`${csvCell(value)},x`);
        if (runsAsFormula(value)) expect(cell).toBe(`'${value}`);
        else expect(cell).toBe(value);
        expect(runsAsFormula(cell)).toBe(false);
      }),
    );
  });

  it('leaves plain numbers, negative ones too, as numbers', () => {
    expect(csvLine([-3.5, '-3.5', '+2.0', '.5', 0, null])).toBe('-3.5,-3.5,+2.0,.5,0,');
    expect(csvLine(['-', '-1e5', '=1+2', '@A1', '\tx'])).toBe("'-,'-1e5,'=1+2,'@A1,'\tx");
  });

  it('defuses the child import errors file', () => {
    const line = errorLine(7, { field: 'given_name', rule: 'name', message: '=HYPERLINK("http://x","y")' });
    expect(line).toBe(`7,given_name,name,"'=HYPERLINK(""http://x"",""y"")"\n`);
  });
});
