import { describe, expect, it } from 'vitest';
import { actionChoices, describeAction } from '../../src/audit/actions.js';
import { childrenInWords } from '../../src/audit/entries.js';

/** The audit trail in plain words (issue 14): actions an auditor reads, and the children an entry names. */
describe('audit words', () => {
  it('says what an action was in words, never as a bare code', () => {
    expect(describeAction('child.viewed')).toBe('Opened a child’s record');
    expect(describeAction('audit.exported')).toBe('Downloaded the audit trail');
    // A code with no words of its own still reads as words.
    expect(describeAction('assessment.something_new')).toBe('Assessment: something new');
    expect(describeAction('referral.strategy_discussion')).toBe('Referral: strategy discussion');
  });

  it('offers the actions sorted by their words, the code as the value', () => {
    expect(actionChoices(['child.viewed', 'auth.sign_in'])).toEqual([
      { value: 'child.viewed', text: 'Opened a child’s record' },
      { value: 'auth.sign_in', text: 'Signed in' },
    ]);
  });

  it('names the children, and counts the hidden ones without naming them', () => {
    expect(childrenInWords([])).toBe('');
    expect(childrenInWords([{ id: 'a', name: 'Ella Watson' }])).toBe('Ella Watson');
    expect(
      childrenInWords([
        { id: 'a', name: 'Ella Watson' },
        { id: 'b', name: 'Sam Ng' },
        { id: 'c', name: null },
        { id: 'd', name: null },
      ]),
    ).toBe('Ella Watson, Sam Ng and 2 shielded records');
  });
});
