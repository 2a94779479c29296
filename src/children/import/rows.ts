import type { FieldError } from '../../platform/errors.js';
import { validateChild } from '../input.js';

/** What a valid row of `ctp import children` becomes (checkRow: a StagedRow, for repository.ts's writes). */

/**
 * One valid row as the staging table holds it; `n` orders rows within the batch (file order).
 * `child_id` is the id of the child the row creates, if classification finds it is a new child
 * (otherwise it is replaced by the id of the child found, or cleared). `name_id`, `carer_id` and
 * `record_id` are the ids of the current name, carer and source record the row may write: made
 * here, as the child's is, rather than by the database a row at a time.
 */
export interface StagedRow {
  n: number;
  child_id: string;
  name_id: string;
  carer_id: string;
  record_id: string;
  /** Whether classifying the row looks it up in the index (EarlierIdentifiers, earlier.ts); when not, it is new. */
  probe: boolean;
  line: number;
  source: string;
  source_id: string;
  nhs: string | null;
  upn: string | null;
  given: string;
  family: string;
  dob: string;
  /** Null when the file left it blank: then an existing record keeps its own. */
  gender: string | null;
  a1: string;
  a2: string;
  town: string;
  postcode: string;
  school: string;
  gp: string;
  scope: string | null;
  others: { g: string; f: string }[] | null;
  cname: string | null;
  crel: string;
  cphone: string;
  cemail: string;
}

/** The fields of a staged row made when it is staged (service.ts, StagedRows), not read from the file. */
export type StagedIds = 'n' | 'child_id' | 'name_id' | 'carer_id' | 'record_id' | 'probe';

const SOURCE = /^[a-z0-9-]{1,40}$/;
const SOURCE_ID_MAX = 200;

/** validateChild's field names as the file's column names (addressLine1: address_line_1), so the errors CSV speaks the sender's language. */
const columnOf = (field: string): string =>
  field.startsWith('otherNames.') ? 'other_names' : field.replace(/([A-Z]|\d+)/g, '_$1').toLowerCase();

/** other_names: `given family` pairs separated by `;`; the first word is the given name, the rest the family name. */
function otherNames(value: string): { givenName: string; familyName: string }[] {
  return value
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => pair !== '')
    .map((pair) => {
      const space = pair.search(/\s/);
      return space < 0 ? { givenName: pair, familyName: '' } : { givenName: pair.slice(0, space), familyName: pair.slice(space + 1) };
    });
}

/** One data row: a staged row, or every fault it has (named by column). */
export function checkRow(
  record: Record<string, string | undefined>,
  line: number,
  today: Date,
): { ok: true; row: Omit<StagedRow, StagedIds> } | { ok: false; errors: FieldError[] } {
  const v = (column: string) => (record[column] ?? '').trim();
  const errors: FieldError[] = [];
  const source = v('source');
  const sourceId = v('source_id').replace(/\s+/g, ' ');
  if (source === '') errors.push({ field: 'source', rule: 'required', message: 'Enter the source system' });
  else if (!SOURCE.test(source))
    errors.push({ field: 'source', rule: 'source_format', message: 'Source must be 1 to 40 lower case letters, digits and hyphens' });
  if (sourceId === '') errors.push({ field: 'source_id', rule: 'required', message: 'Enter the child’s identifier in the source system' });
  else if (sourceId.length > SOURCE_ID_MAX)
    errors.push({ field: 'source_id', rule: 'max_length', message: `Source identifier must be ${SOURCE_ID_MAX} characters or less` });
  const carer = { name: v('carer_name'), relationship: v('carer_relationship'), phone: v('carer_phone'), email: v('carer_email') };
  const checked = validateChild(
    {
      givenName: v('given_name'),
      familyName: v('family_name'),
      dateOfBirth: v('date_of_birth'),
      gender: v('gender'),
      nhsNumber: v('nhs_number'),
      upn: v('upn'),
      addressLine1: v('address_line_1'),
      addressLine2: v('address_line_2'),
      town: v('town'),
      postcode: v('postcode'),
      school: v('school'),
      gpPractice: v('gp_practice'),
      extendedScope: v('extended_scope'),
      otherNames: otherNames(v('other_names')),
      carer,
    },
    today,
  );
  if (!checked.ok) for (const e of checked.errors.errors) errors.push({ ...e, field: columnOf(e.field) });
  if (!checked.ok || errors.length > 0) return { ok: false, errors };
  const c = checked.value;
  return {
    ok: true,
    row: {
      line,
      source,
      source_id: sourceId,
      nhs: c.nhsNumber,
      upn: c.upn,
      given: c.givenName,
      family: c.familyName,
      dob: c.dateOfBirth,
      gender: v('gender') === '' ? null : c.gender,
      a1: c.addressLine1,
      a2: c.addressLine2,
      town: c.town,
      postcode: c.postcode,
      school: c.school,
      gp: c.gpPractice,
      scope: c.extendedScope,
      others: c.otherNames.length ? c.otherNames.map((o) => ({ g: o.givenName, f: o.familyName })) : null,
      cname: c.carer?.name || null,
      crel: c.carer?.relationship ?? '',
      cphone: c.carer?.phone ?? '',
      cemail: c.carer?.email ?? '',
    },
  };
}
