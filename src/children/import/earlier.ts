import type { StagedRow } from './rows.js';

/** Bits set for each identifier; with the size below, about one false "maybe" in a thousand rows. */
const HASHES = 6;
const MIN_BITS = 2 ** 16;
const MAX_BITS = 2 ** 28;
/** Bits per identifier the filter is sized for, from the file's size at this many bytes a row or more. */
const BITS_PER_IDENTIFIER = 8;
const BYTES_PER_ROW = 100;

/** Mixes a 32-bit hash (MurmurHash3's finaliser): a second hash from the first, for double hashing. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 1;
}

/**
 * The source records, NHS numbers and UPNs of the rows this run of an import has staged so far, as a Bloom filter:
 * whether a row may repeat one (never "no" when it does; "maybe" by chance about once in a thousand rows at a million).
 * An import into an area that held no child when it started looks a row up in the index only when the row may repeat
 * an earlier one (writeBatch's `probe`): no other row can be there, short of another writer adding it meanwhile, and
 * then the new child's unique keys refuse it and the batch is written again looking up every row (service.ts).
 * Fixed memory: 8 bits an identifier for a file of 100-byte rows, at most 32 MB.
 */
export class EarlierIdentifiers {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  constructor(fileBytes: number) {
    const wanted = (fileBytes / BYTES_PER_ROW) * 3 * BITS_PER_IDENTIFIER;
    const size = Math.min(MAX_BITS, Math.max(MIN_BITS, 2 ** Math.ceil(Math.log2(Math.max(1, wanted)))));
    this.bits = new Uint32Array(size / 32);
    this.mask = size - 1;
  }

  /** Notes the row's identifiers; true when one of them may have been noted before. */
  note(row: Pick<StagedRow, 'source' | 'source_id' | 'nhs' | 'upn'>): boolean {
    let maybe = this.add(`s${row.source}\u0000${row.source_id}`);
    if (row.nhs !== null) maybe = this.add(`n${row.nhs}`) || maybe;
    if (row.upn !== null) maybe = this.add(`u${row.upn}`) || maybe;
    return maybe;
  }

  /** Sets the key's bits (FNV-1a, then double hashing); true when all were set already. */
  private add(key: string): boolean {
    let h1 = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h1 = Math.imul(h1 ^ key.charCodeAt(i), 0x01000193);
    const h2 = mix(h1);
    let seen = true;
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & this.mask;
      const word = bit >>> 5;
      const flag = 1 << (bit & 31);
      const held = this.bits[word] ?? 0;
      if ((held & flag) === 0) {
        seen = false;
        this.bits[word] = held | flag;
      }
    }
    return seen;
  }
}
