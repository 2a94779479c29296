import { describe, expect, it } from 'vitest';
import { LAYOUTS, chooseLayout } from '../../src/outcomes/layouts/index.js';

describe('the layout registry', () => {
  it('finds our long layout from a value or period column and the wide layout otherwise', () => {
    const long = chooseLayout(['indicator', 'area', 'period', 'value']);
    const wide = chooseLayout(['indicator', 'area', '2005-06']);
    expect('layout' in long && long.layout.name).toBe('long');
    expect('layout' in wide && wide.layout.name).toBe('wide');
  });

  it('takes the layout the caller names, and refuses a name no layout has on the header line', () => {
    const named = chooseLayout(['indicator', 'area', 'period', 'value'], 'wide');
    expect('layout' in named && named.layout.name).toBe('wide');
    expect(chooseLayout(['a'], 'sideways', 3)).toEqual({
      faults: [expect.objectContaining({ line: 3, kind: 'unknown_layout', reason: expect.stringContaining('long, wide') })],
    });
  });

  it('gives every layout a name to record and words for the report', () => {
    for (const layout of LAYOUTS) {
      expect(layout.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(layout.words.length).toBeGreaterThan(5);
    }
  });
});
