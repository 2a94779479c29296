import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { RequestContext } from '../../platform/audit.js';
import { systemClock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { todayIso } from '../../platform/dates.js';
import { platformProblems, validationFailed } from '../../platform/errors.js';
import { NATIONAL_CAF } from '../form.js';
import type { FormOperator } from './service.js';

/**
 * `ctp forms`: an area's local assessment forms without the pages (issue 13 item 4), through the
 * same service as the area administrator's pages and the API. The operator acts for the area named;
 * what they do is audited as the operator's.
 */
export function registerFormCommands(
  program: Command,
  withDb: (fn: (db: Db) => Promise<void>) => Promise<void>,
  context: RequestContext,
): void {
  // The features are loaded when a command runs: `ctp` reads this file at every start (ADR 0045).
  const formsOf = async (db: Db) => (await import('./service.js')).formService({ db, clock: systemClock });
  /** The operator acting for an area that exists (an unknown code is refused by name, not by a foreign key). */
  const operatorFor = async (db: Db, areaCode: string): Promise<FormOperator> => {
    if (!(await (await import('../../partnership/index.js')).findArea(db, areaCode)))
      throw platformProblems.notFound(`There is no area with the code ${areaCode}`);
    return (await import('./service.js')).formOperator(areaCode);
  };

  const forms = program.command('forms').description("An area's local assessment forms (definitions: schemas/assessment-form-v1.schema.json)");
  forms
    .command('list')
    .description('The national form and every version of the area’s local forms, drafts included')
    .requiredOption('--area <code>', 'ONS code of the area')
    .action(async (opts: { area: string }) => {
      await withDb(async (db) => {
        const local = await (await formsOf(db)).list(await operatorFor(db, opts.area));
        console.log(`${NATIONAL_CAF.code} | ${NATIONAL_CAF.version} | national | ${NATIONAL_CAF.title}`);
        for (const f of local) {
          const when = f.publishedAt ? `published ${todayIso(f.publishedAt)}` : `uploaded ${todayIso(f.uploadedAt)}`;
          console.log(`${f.code} | ${f.version} | ${f.status} | ${f.title} | ${when}`);
        }
        if (local.length === 0) console.log(`(${opts.area} has no local forms: practitioners use the national form)`);
      });
    });

  forms
    .command('export')
    .description('Write a form version’s definition, to import into another area (the national form too, as a model)')
    .requiredOption('--area <code>', 'ONS code of the area')
    .requiredOption('--form <code>', 'the form’s code, e.g. kestrelshire-eha, or caf-national')
    .option('--version <version>', 'the version (default: the latest published, else the newest draft)')
    .option('--out <file>', 'where to write it (default: standard output)')
    .action(async (opts: { area: string; form: string; version?: string; out?: string }) => {
      await withDb(async (db) => {
        const operator = await operatorFor(db, opts.area);
        const service = await formsOf(db);
        const national = opts.form === NATIONAL_CAF.code;
        if (national && opts.version !== undefined && opts.version !== NATIONAL_CAF.version)
          throw platformProblems.notFound(`The national form has one version here, ${NATIONAL_CAF.version}`);
        const definition = national
          ? (await import('./definition.js')).definitionOf(NATIONAL_CAF)
          : await service.exportDefinition(operator, (await service.findVersion(operator, opts.form, opts.version)).id, context);
        const text = `${JSON.stringify(definition, null, 2)}\n`;
        if (opts.out === undefined) {
          process.stdout.write(text);
          return;
        }
        await writeFile(opts.out, text, 'utf8');
        console.log(`Wrote ${definition.code} version ${definition.version} to ${opts.out}.`);
      });
    });

  forms
    .command('import')
    .description('Upload a form definition as a draft version (refused with every fault listed); --publish publishes it too')
    .requiredOption('--area <code>', 'ONS code of the area')
    .requiredOption('--file <path>', 'a form definition (.json), e.g. one exported from another area')
    .option('--publish', 'publish the version at once: practitioners may then start assessments on it')
    .action(async (opts: { area: string; file: string; publish?: boolean }) => {
      const document = parseDefinition(opts.file, await readFile(opts.file, 'utf8'));
      await withDb(async (db) => {
        const operator = await operatorFor(db, opts.area);
        const service = await formsOf(db);
        const id = await service.upload(operator, document, context);
        const stored = await service.get(operator, id);
        if (opts.publish) await service.publish(operator, id, context);
        console.log(
          `${opts.publish ? 'Published' : 'Uploaded as a draft'}: ${stored.title}, ${stored.code} version ${stored.version} (${id}).`,
        );
      });
    });
}

/** The file's JSON, or a refusal saying it is not JSON (before any database is opened). */
function parseDefinition(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw validationFailed([{ field: '/', rule: 'json', message: `${file} is not JSON: give the definition file as it was exported` }]);
  }
}
