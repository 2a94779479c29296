import { postcodeService } from '../directory/index.js';
import type { Actor, RequestContext } from '../platform/audit.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { DEMO_AREA } from './area.js';

/**
 * Kestrelshire's postcodes (issue 17): a made-up postcode area, KS (no real postcode area has the
 * letters), whose centroids are written in the ONS Postcode Directory's own layout (every field
 * quoted but lat and long, pcd padded to 7 and pcd2 to 8, terminated postcodes with doterm, one with
 * no grid reference at lat 99.999999) and loaded through the same service and reader a council's
 * download goes through. Outward codes by district: KS1-3 Ashcombe, KS4-5 Barrowmere, KS6-7
 * Caddon Vale, KS8-9 Dunstow, KS10-11 Eastmoor.
 */

const TOWNS: Record<string, { la: string; lat: number; long: number }> = {
  Ashcombe: { la: 'E07000901', lat: 52.402, long: -0.905 },
  Barrowmere: { la: 'E07000902', lat: 52.521, long: -0.618 },
  'Caddon Vale': { la: 'E07000903', lat: 52.298, long: -0.552 },
  Dunstow: { la: 'E07000904', lat: 52.447, long: -1.196 },
  Eastmoor: { la: 'E07000905', lat: 52.351, long: -0.298 },
};
const OUTWARD: [string, keyof typeof TOWNS][] = [
  ['KS1', 'Ashcombe'],
  ['KS2', 'Ashcombe'],
  ['KS3', 'Ashcombe'],
  ['KS4', 'Barrowmere'],
  ['KS5', 'Barrowmere'],
  ['KS6', 'Caddon Vale'],
  ['KS7', 'Caddon Vale'],
  ['KS8', 'Dunstow'],
  ['KS9', 'Dunstow'],
  ['KS10', 'Eastmoor'],
  ['KS11', 'Eastmoor'],
];
const UNITS = ['AB', 'AD', 'AE', 'AF', 'AG', 'AH', 'AJ', 'AL'];

/** Every live demo postcode: 11 outward codes x 3 sectors x 8 units, each a little way from its town's centre. */
export function demoPostcodes(): { postcode: string; lat: number; long: number; la: string }[] {
  return OUTWARD.flatMap(([outward, town], o) =>
    [1, 2, 3].flatMap((sector) =>
      UNITS.map((unit, u) => {
        const t = TOWNS[town] as (typeof TOWNS)[string];
        // Spread over about three miles around the centre: outward codes of one town apart, sectors and units within.
        const lat = t.lat + ((o % 2) * 0.02 - 0.01) + (sector - 2) * 0.008 + (u - 3.5) * 0.0015;
        const long = t.long + ((o % 2) * 0.025 - 0.0125) + (sector - 2) * 0.006 - (u - 3.5) * 0.002;
        return { postcode: `${outward} ${sector}${unit}`, lat: Number(lat.toFixed(6)), long: Number(long.toFixed(6)), la: t.la };
      }),
    ),
  );
}

const HEADER =
  'pcd,pcd2,pcds,dointr,doterm,oscty,ced,oslaua,osward,parish,usertype,oseast1m,osnrth1m,osgrdind,oshlthau,nhser,ctry,rgn,' +
  'streg,pcon,eer,teclec,ttwa,pct,itl,statsward,oa01,casward,npark,lsoa01,msoa01,ur01ind,oac01,oa11,lsoa11,msoa11,wz11,sicbl,' +
  'bua24,ru11ind,oac11,lat,long,lep1,lep2,pfa,imd,calncv,icb,oa21,lsoa21,msoa21';

/** One ONSPD line: pcd padded to 7, pcd2 to 8, pcds as written; the other columns quoted as ONS writes them. */
function onspdLine(p: { postcode: string; lat: number | string; long: number | string; la: string; doterm?: string }): string {
  const [outward = '', inward = ''] = p.postcode.split(' ');
  const pcd = outward.padEnd(4, ' ') + inward;
  const pcd2 = outward.padEnd(5, ' ') + inward;
  const quoted = (v: string) => `"${v}"`;
  const lat = typeof p.lat === 'number' ? p.lat.toFixed(6) : p.lat;
  const long = typeof p.long === 'number' ? p.long.toFixed(6) : p.long;
  const before = [pcd.slice(0, 7), pcd2, p.postcode, '199801', p.doterm ?? '', 'E10000099', 'E99999999', p.la, 'E05999999', 'E43000999', '0'];
  const grid = ['500000', '280000', '1', 'E18000009', 'E40000006', 'E92000001', 'E12000006', '0', 'E14000999', 'E15000006', 'E41000999'];
  const rest = ['E30000999', 'E16000999', 'E54000999', '99ZZ00', 'E00099999', '99ZZ99', 'E99999999', 'E01099999', 'E02099999'];
  const more = ['', '', 'E00199999', 'E01199999', 'E02099999', 'E33099999', 'E38000999', 'E63099999', 'C1', '1A1'];
  const after = ['E37000999', '', 'E23000999', '12345', 'E56000999', 'E54000999', 'E00299999', 'E01299999', 'E02299999'];
  return [...before, ...grid, ...rest, ...more].map(quoted).join(',') + `,${lat},${long},` + after.map(quoted).join(',');
}

/** The demo's postcode file in the ONSPD layout: the live postcodes, two terminated ones and one without a grid reference. */
export function demoOnspdCsv(): string {
  const lines = demoPostcodes().map((p) => onspdLine(p));
  lines.push(onspdLine({ postcode: 'KS1 9ZZ', lat: 52.4, long: -0.9, la: 'E07000901', doterm: '201904' }));
  lines.push(onspdLine({ postcode: 'KS10 9ZY', lat: 52.35, long: -0.3, la: 'E07000905', doterm: '200312' }));
  lines.push(onspdLine({ postcode: 'KS8 9ZX', lat: '99.999999', long: '0.000000', la: 'E07000904' }));
  return `${HEADER}\r\n${lines.join('\r\n')}\r\n`;
}

/** Loads the demo's postcodes as a council would load its ONSPD file, once. */
export async function loadDemoPostcodes(db: Db, clock: Clock, by: { actor: Actor; ctx: RequestContext }): Promise<number> {
  const postcodes = postcodeService({ db, clock });
  if ((await postcodes.held(DEMO_AREA.code)).count > 0) return 0;
  const report = await postcodes.load(by, DEMO_AREA.code, demoOnspdCsv(), 'ONSPD_DEMO_UK_KS.csv');
  if (report.status !== 'loaded') throw new Error(`the demo postcodes were refused: ${JSON.stringify(report.faultSummary)}`);
  return report.live;
}
