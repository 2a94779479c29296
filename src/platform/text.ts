/**
 * Characters that render as nothing. A name made only of them (U+3164 Hangul filler, a zero-width
 * space) looks blank on every page and list yet passed as a name: the Hangul fillers are even
 * letters to Unicode (category Lo). So person names lose them before they are checked, and a
 * name left empty is refused as a blank one ("Enter the given name").
 *
 * The set is Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), which includes the
 * soft hyphen, the zero-width spaces and joiners, U+2060-U+206F, U+FEFF, the Hangul fillers U+115F,
 * U+1160, U+3164, U+FFA0, bidirectional controls, variation selectors and tags.
 *
 * Our choice: invisible characters inside an otherwise visible name are stripped, not refused,
 * because a name pasted from a document or a CSV often carries a stray U+FEFF or U+200B that the
 * person never saw; refusing would ask them to remove something they cannot see. Two kinds are
 * kept where they shape the letters around them, since names in those scripts need them (GOV.UK
 * "Names" pattern: accept names in any script): the zero-width non-joiner and joiner (Persian,
 * Indic scripts) between two letters, and variation selectors (CJK name ideographs) after a letter.
 */

/** Default_Ignorable_Code_Point as code point ranges (a character class of them trips no-misleading-character-class). */
const INVISIBLE_RANGES: readonly (readonly [number, number])[] = [
  [0x00ad, 0x00ad],
  [0x034f, 0x034f],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x17b4, 0x17b5],
  [0x180b, 0x180f],
  [0x200b, 0x200f],
  [0x202a, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xffa0, 0xffa0],
  [0xfff0, 0xfff8],
  [0x1bca0, 0x1bca3],
  [0x1d173, 0x1d17a],
  [0xe0000, 0xe0fff],
];
const VARIATION_SELECTORS: readonly (readonly [number, number])[] = [
  [0x180b, 0x180d],
  [0x180f, 0x180f],
  [0xfe00, 0xfe0f],
  [0xe0100, 0xe01ef],
];
const JOINERS: readonly (readonly [number, number])[] = [[0x200c, 0x200d]];

const inRanges = (ranges: readonly (readonly [number, number])[], ch: string | undefined): boolean => {
  const cp = ch?.codePointAt(0);
  return cp !== undefined && ranges.some(([from, to]) => cp >= from && cp <= to);
};
export const isInvisible = (ch: string): boolean => inRanges(INVISIBLE_RANGES, ch);
/** A zero-width joiner or non-joiner, or a variation selector: kept where it shapes a letter. */
export const isShaping = (ch: string): boolean => inRanges(JOINERS, ch) || inRanges(VARIATION_SELECTORS, ch);
/** A visible letter (Hangul fillers are letters to Unicode but show nothing). */
const isLetter = (ch: string | undefined): boolean => ch !== undefined && /^[\p{L}\p{M}]$/u.test(ch) && !inRanges(INVISIBLE_RANGES, ch);

/** Removes every invisible character but the joiners and variation selectors that shape a letter. One pass. */
export function stripInvisible(input: string): string {
  const chars = [...input];
  const out: string[] = [];
  chars.forEach((ch, i) => {
    if (!isInvisible(ch)) out.push(ch);
    else if (
      inRanges(JOINERS, ch) ? isLetter(out.at(-1)) && isLetter(chars[i + 1]) : inRanges(VARIATION_SELECTORS, ch) && isLetter(out.at(-1))
    ) {
      out.push(ch);
    }
  });
  return out.join('');
}
