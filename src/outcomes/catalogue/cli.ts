import fs from 'node:fs';
import type { Db } from '../../platform/db.js';
import { faultsCsv } from '../import.js';
import { importCatalogue } from './service.js';

/** `ctp import catalogue FILE`: prints the report; returns the exit code (1 when the file was refused). */
export async function runCatalogueImport(db: Db, file: string, opts: { errors?: string }): Promise<number> {
  const r = await importCatalogue(db, { file });
  if (r.status === 'rejected') {
    const errorsFile = opts.errors ?? `${file.replace(/\.csv$/i, '')}.errors.csv`;
    fs.writeFileSync(errorsFile, faultsCsv(r));
    for (const f of r.faults.slice(0, 20)) process.stderr.write(`line ${f.line}, ${f.column || 'the row'}: ${f.reason}\n`);
    console.log(
      `Refused ${r.file}: ${r.faults.length} fault${r.faults.length === 1 ? '' : 's'}, nothing imported. Every fault is listed in ${errorsFile}.`,
    );
    return 1;
  }
  console.log(
    [
      `Imported ${r.file} (read as the ${r.layoutWords}) into the national catalogue.`,
      `  measures read        ${r.rows}`,
      `  indicators created   ${r.created}`,
      `  indicators updated   ${r.updated}`,
      `  indicators unchanged ${r.unchanged}`,
    ].join('\n'),
  );
  return 0;
}
