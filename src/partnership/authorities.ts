import fs from 'node:fs';

/**
 * The English upper-tier authorities whose ONS codes an area may have: the list the product ships
 * (data/english-upper-tier-authorities.csv, which names its source). Read once, on first use.
 */
export interface UpperTierAuthority {
  code: string;
  name: string;
  kind: 'county' | 'unitary' | 'metropolitan district' | 'london borough';
  region: string;
  /** First day the code was in use; null when in use throughout the seeds' period (2004-2008). */
  validFrom: string | null;
  /** Last day the code was in use; null when still in use. */
  validTo: string | null;
}

const FILE = new URL('./data/english-upper-tier-authorities.csv', import.meta.url);
const KINDS = new Set(['county', 'unitary', 'metropolitan district', 'london borough']);

/** One line of the file: plain cells, or a quoted cell where a name holds a comma. */
function cellsOf(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"([^"]*)"|([^,]*))/g)].map((m) => m[1] ?? m[2] ?? '');
}

function parse(text: string): Map<string, UpperTierAuthority> {
  const list = new Map<string, UpperTierAuthority>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('code,')) continue;
    const [code = '', name = '', kind = '', region = '', from = '', to = ''] = cellsOf(line);
    if (!/^E(06|08|09|10)\d{6}$/.test(code) || !KINDS.has(kind)) throw new Error(`upper-tier list: bad line ${line}`);
    list.set(code, { code, name, kind: kind as UpperTierAuthority['kind'], region, validFrom: from || null, validTo: to || null });
  }
  return list;
}

let loaded: Map<string, UpperTierAuthority> | undefined;

/** The authority with this ONS code, if the shipped list has it. */
export function findUpperTierAuthority(code: string): UpperTierAuthority | undefined {
  loaded ??= parse(fs.readFileSync(FILE, 'utf8'));
  return loaded.get(code);
}
