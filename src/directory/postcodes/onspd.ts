import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { FaultTally, type FaultSummary } from '../../platform/faults.js';
import { normalisePostcode } from './postcode.js';

/**
 * The ONS Postcode Directory (ONSPD) as a council downloads it from the ONS Open Geography Portal:
 * one CSV for the UK or one per postcode area (Data/multi_csv/ONSPD_..._UK_KS.csv), every field
 * quoted, a header of lower-case names (pcd, pcd2, pcds, dointr, doterm, oscty, ced, oslaua, ...,
 * lat, long, ...; later editions write some in capitals, read here alike). The directory needs
 * only where each live postcode is:
 *
 * - the postcode: `pcds` (one space), else `pcd`/`pcd7`, `pcd2`/`pcd8` (padded to 7 or 8), normalised;
 * - `lat`, `long`: its centroid in WGS84 degrees; a postcode with no grid reference has lat
 *   99.999999 and long 0.000000, and is left out (nothing to measure from);
 * - `doterm`: the year and month it was terminated (YYYYMM), empty while live; a terminated
 *   postcode is left out, and removed if the area held it;
 * - `oslaua`: its local authority district (kept for the record).
 *
 * Anything else wrong with a row is a fault, listed by line and column; one fault refuses the file.
 */

export type PostcodeFaultKind = 'csv_format' | 'missing_column' | 'postcode_format' | 'latitude' | 'longitude' | 'file_empty';

export interface PostcodeFault {
  line: number;
  column: string;
  kind: PostcodeFaultKind;
  message: string;
}

export interface PostcodeRow {
  postcode: string;
  latitude: string;
  longitude: string;
  localAuthorityCode: string;
}

export interface OnspdRead {
  rows: number;
  /** Live postcodes with a grid reference, written in batches by `onBatch`. */
  live: number;
  /** Terminated postcodes (doterm given): left out, and removed from what the area holds. */
  terminated: number;
  /** Postcodes without a grid reference (lat 99.999999): left out. */
  noGridReference: number;
  faultSummary: FaultSummary<PostcodeFault, PostcodeFaultKind>;
}

const POSTCODE_COLUMNS = ['pcds', 'pcd', 'pcd7', 'pcd2', 'pcd8'];
const NO_GRID_LATITUDE = 99.999999;
const DEGREES = /^-?[0-9]{1,3}(\.[0-9]{1,8})?$/;
export const BATCH_ROWS = 5_000;

/** The text or file stream of an ONSPD file, as a stream of records. */
const recordsOf = (source: string | Readable) =>
  (typeof source === 'string' ? Readable.from([source]) : source).pipe(
    parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }),
  ) as AsyncIterable<{ record: string[]; info: { lines: number } }>;

/**
 * Reads an ONSPD file, handing each batch of live postcodes and of terminated ones to `onBatch` as
 * it goes (memory stays bounded whatever the file's size); the caller undoes the batches when the
 * read has faults. Never throws for a fault of the file.
 */
export async function readOnspd(
  source: string | Readable,
  onBatch: (live: PostcodeRow[], terminated: string[]) => Promise<void>,
): Promise<OnspdRead> {
  const faults = new FaultTally<PostcodeFault, PostcodeFaultKind>();
  const fault = (line: number, column: string, kind: PostcodeFaultKind, message: string) => faults.add(kind, { line, column, kind, message });
  const read = { rows: 0, live: 0, terminated: 0, noGridReference: 0 };
  let columns: { postcode: number; postcodeName: string; lat: number; long: number; doterm: number; oslaua: number } | null = null;
  let live = new Map<string, PostcodeRow>();
  let terminated: string[] = [];
  const flush = async () => {
    if (live.size === 0 && terminated.length === 0) return;
    if (faults.total === 0) await onBatch([...live.values()], terminated);
    live = new Map();
    terminated = [];
  };
  try {
    for await (const { record, info } of recordsOf(source)) {
      const line = info.lines;
      if (columns === null) {
        const names = record.map((c) => c.trim().toLowerCase());
        const postcodeName = POSTCODE_COLUMNS.find((n) => names.includes(n));
        const missing = [postcodeName ? null : 'pcds (or pcd)', names.includes('lat') ? null : 'lat', names.includes('long') ? null : 'long'];
        for (const name of missing.filter((m): m is string => m !== null))
          fault(line, name, 'missing_column', `The first line must name the ONSPD columns: ${name} is missing. Upload the ONSPD file as downloaded`);
        if (faults.total > 0) break;
        columns = {
          postcode: names.indexOf(postcodeName ?? ''),
          postcodeName: postcodeName ?? '',
          lat: names.indexOf('lat'),
          long: names.indexOf('long'),
          doterm: names.indexOf('doterm'),
          oslaua: names.indexOf('oslaua'),
        };
        continue;
      }
      read.rows += 1;
      const cell = (i: number) => (i < 0 ? '' : (record[i] ?? '').trim());
      const postcode = normalisePostcode(cell(columns.postcode));
      if (postcode === null) {
        fault(line, columns.postcodeName, 'postcode_format', `“${cell(columns.postcode).slice(0, 20)}” is not a full UK postcode`);
        continue;
      }
      if (cell(columns.doterm) !== '') {
        read.terminated += 1;
        terminated.push(postcode);
      } else {
        const lat = cell(columns.lat);
        const long = cell(columns.long);
        if (DEGREES.test(lat) && Number(lat) === NO_GRID_LATITUDE) read.noGridReference += 1;
        else {
          const latOk = DEGREES.test(lat) && Number(lat) >= 49 && Number(lat) <= 61;
          const longOk = DEGREES.test(long) && Number(long) >= -9 && Number(long) <= 2;
          if (!latOk) fault(line, 'lat', 'latitude', `Latitude “${lat.slice(0, 20)}” of ${postcode} is not in the UK (49 to 61 degrees, or 99.999999 for none)`);
          if (!longOk) fault(line, 'long', 'longitude', `Longitude “${long.slice(0, 20)}” of ${postcode} is not in the UK (-9 to 2 degrees)`);
          if (latOk && longOk) {
            read.live += live.has(postcode) ? 0 : 1;
            live.set(postcode, { postcode, latitude: lat, longitude: long, localAuthorityCode: cell(columns.oslaua).slice(0, 9) });
          }
        }
      }
      if (live.size + terminated.length >= BATCH_ROWS) await flush();
    }
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    fault(error.lines ?? 0, '', 'csv_format', `The file is not a readable CSV: ${error.message}`);
  }
  if (columns === null && faults.total === 0) fault(1, '', 'file_empty', 'The file is empty: upload the ONSPD CSV file');
  await flush();
  return { ...read, faultSummary: faults.summary() };
}
