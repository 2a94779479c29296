/**
 * A readable difference between two versions of a section's text (issue 18 item 5): first line by line,
 * then, where a run of lines was replaced, word by word inside it, so a changed sentence shows the words
 * taken out and put in rather than a whole paragraph removed and another added. A longest common
 * subsequence over tokens (no diff library is installed; this is the textbook algorithm, bounded so a
 * very long section falls back to whole lines rather than a large table).
 */

export type DiffKind = 'same' | 'added' | 'removed';
export interface DiffPart {
  kind: DiffKind;
  text: string;
}

/** The most cells a word-level table may have; a larger replaced run is shown as whole lines removed and added. */
const MAX_CELLS = 1_000_000;

/** The longest common subsequence of two token lists as parts, in order; equal tokens are 'same'. */
function lcs(a: readonly string[], b: readonly string[]): { kind: DiffKind; token: string }[] {
  // Common ends are cheap to take off first and are most of a small edit.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const head = a.slice(0, start).map((token) => ({ kind: 'same' as const, token }));
  const tail = a.slice(endA).map((token) => ({ kind: 'same' as const, token }));
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const n = x.length;
  const m = y.length;
  const middle: { kind: DiffKind; token: string }[] = [];
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    middle.push(...x.map((token) => ({ kind: 'removed' as const, token })), ...y.map((token) => ({ kind: 'added' as const, token })));
    return [...head, ...middle, ...tail];
  }
  // lengths[i][j]: the LCS of x[i..] and y[j..], in one flat array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i -= 1)
    for (let j = m - 1; j >= 0; j -= 1)
      lengths[i * width + j] = x[i] === y[j] ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1 : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (x[i] === y[j]) {
      middle.push({ kind: 'same', token: x[i] ?? '' });
      i += 1;
      j += 1;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      middle.push({ kind: 'removed', token: x[i] ?? '' });
      i += 1;
    } else {
      middle.push({ kind: 'added', token: y[j] ?? '' });
      j += 1;
    }
  }
  for (; i < n; i += 1) middle.push({ kind: 'removed', token: x[i] ?? '' });
  for (; j < m; j += 1) middle.push({ kind: 'added', token: y[j] ?? '' });
  return [...head, ...middle, ...tail];
}

/** Joins neighbouring tokens of the same kind into parts. */
function merge(tokens: readonly { kind: DiffKind; token: string }[]): DiffPart[] {
  const parts: DiffPart[] = [];
  for (const { kind, token } of tokens) {
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += token;
    else parts.push({ kind, text: token });
  }
  return parts;
}

/** Words and the spaces between them, each a token, so the parts put back together are the text exactly. */
const words = (text: string): string[] => text.split(/(\s+)/).filter((t) => t !== '');
/** Lines with their line ends kept. */
const lines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/** The difference between two texts: what stayed, what was taken out and what was put in, in reading order. */
export function diffText(before: string, after: string): DiffPart[] {
  const out: { kind: DiffKind; token: string }[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = () => {
    if (removed.length > 0 && added.length > 0) out.push(...lcs(words(removed.join('')), words(added.join(''))));
    else out.push(...removed.map((token) => ({ kind: 'removed' as const, token })), ...added.map((token) => ({ kind: 'added' as const, token })));
    removed = [];
    added = [];
  };
  for (const step of lcs(lines(before), lines(after))) {
    if (step.kind === 'same') {
      flush();
      out.push(step);
    } else if (step.kind === 'removed') removed.push(step.token);
    else added.push(step.token);
  }
  flush();
  return merge(out);
}

/** Whether a difference changes anything. */
export const changes = (parts: readonly DiffPart[]): boolean => parts.some((p) => p.kind !== 'same');
