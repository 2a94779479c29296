/**
 * Family names one edit from the one typed (issue 19 item 3): a letter dropped, added or changed, or two
 * neighbouring letters swapped (Damerau's "transposition": Blal for Ball, Hlil for Hill, Dnun for Dunn).
 * Trigrams miss these in short names (Blal and Ball share one trigram of nine), so the search also looks
 * up, in the list of family names in use (child_name_term's primary key), every string one edit away.
 *
 * Up to LETTERS_FOR_EVERY_EDIT letters every edit is listed (about 26 x 2 x length strings); past it,
 * where one changed letter leaves most trigrams intact, only swaps and drops are (about 2 x length).
 */
const LETTERS_FOR_EVERY_EDIT = 8;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** Every string one edit from `words` (lower case, as nameWords gives), without `words` itself. */
export function oneEditAway(words: string): string[] {
  const letters = [...words];
  if (letters.length < 2) return [];
  const out = new Set<string>();
  const at = (chars: string[]) => out.add(chars.join(''));
  for (let i = 0; i < letters.length; i++) at([...letters.slice(0, i), ...letters.slice(i + 1)]);
  for (let i = 0; i + 1 < letters.length; i++)
    at([...letters.slice(0, i), letters[i + 1] ?? '', letters[i] ?? '', ...letters.slice(i + 2)]);
  if (letters.length <= LETTERS_FOR_EVERY_EDIT) {
    // The alphabet and the name's own letters (ö, ł), and a space: "smith jones" for "smithjones".
    const alphabet = [...new Set([...ALPHABET, ...letters, ' '])];
    for (let i = 0; i <= letters.length; i++) {
      for (const c of alphabet) {
        at([...letters.slice(0, i), c, ...letters.slice(i)]);
        if (i < letters.length) at([...letters.slice(0, i), c, ...letters.slice(i + 1)]);
      }
    }
  }
  out.delete(words);
  return [...out].filter((w) => w.trim() === w && !w.includes('  '));
}
