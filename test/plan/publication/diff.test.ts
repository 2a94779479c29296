import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changes, diffText } from '../../../src/plan/publication/diff.js';

/** The readable difference of a section's text between versions (issue 18 item 5): words in and out, in order. */

const rebuilt = (parts: ReturnType<typeof diffText>, keep: 'before' | 'after') =>
  parts
    .filter((p) => p.kind === 'same' || p.kind === (keep === 'before' ? 'removed' : 'added'))
    .map((p) => p.text)
    .join('');

describe('diffText', () => {
  it('shows the words taken out and put in inside a changed sentence, not the whole line', () => {
    const parts = diffText('Every child in Kestrelshire is safe and healthy.\nSecond line.', 'Every child and young person in Kestrelshire is safe, healthy and happy.\nSecond line.');
    const added = parts.filter((p) => p.kind === 'added').map((p) => p.text.trim());
    expect(added).toContain('and young person');
    expect(added).toContain('happy.');
    expect(parts.filter((p) => p.kind === 'removed').map((p) => p.text.trim())).toContain('healthy.');
    expect(parts[0]).toEqual({ kind: 'same', text: 'Every child ' });
    expect(parts.filter((p) => p.kind === 'same').map((p) => p.text)).toContain('in Kestrelshire is ');
    expect(parts.at(-1)).toEqual({ kind: 'same', text: '\nSecond line.' });
  });

  it('shows added and removed lines whole', () => {
    const parts = diffText('One\nTwo\n', 'One\nTwo\nThree\n');
    expect(parts).toEqual([
      { kind: 'same', text: 'One\nTwo\n' },
      { kind: 'added', text: 'Three\n' },
    ]);
    expect(changes(diffText('a b', 'a b'))).toBe(false);
    expect(diffText('', 'New section')).toEqual([{ kind: 'added', text: 'New section' }]);
  });

  it('always puts both texts back together exactly (property)', () => {
    const text = fc.array(fc.constantFrom('the', 'plan', 'child', ' ', '\n', 'safe', ',', 'ہمارا'), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = diffText(a, b);
        expect(rebuilt(parts, 'before')).toBe(a);
        expect(rebuilt(parts, 'after')).toBe(b);
        expect(changes(parts)).toBe(a !== b);
      }),
    );
  });
});
