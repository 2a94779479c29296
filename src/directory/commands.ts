import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { Actor, RequestContext } from '../platform/audit.js';
import { systemClock } from '../platform/clock.js';
import type { Db } from '../platform/db.js';
import { platformProblems } from '../platform/errors.js';
import type { DirectoryChangeBy } from './service.js';

// The features are loaded when a command runs: `ctp` reads this file at every start (ADR 0045).
const partnership = () => import('../partnership/index.js');

/**
 * `ctp services`: an area's list of services without the pages (issue 14, bug 7), through the same
 * service as the area administrator's pages and the API; each change audited as the operator's.
 */
export function registerDirectoryCommands(
  program: Command,
  withDb: (fn: (db: Db) => Promise<void>) => Promise<void>,
  context: RequestContext,
): void {
  const operator: Actor = { userId: null, label: 'operator (command line)', role: null, areaCode: null };
  const by: DirectoryChangeBy = { actor: operator, ctx: context };
  const directoryOf = async (db: Db) => (await import('./service.js')).directoryService({ db, clock: systemClock });
  const areaOf = async (db: Db, code: string) => {
    if (!(await (await partnership()).findArea(db, code))) throw platformProblems.notFound(`There is no area with the code ${code}`);
    return code;
  };
  /** The service of the area with this name (case and spaces aside). */
  const serviceId = async (db: Db, area: string, name: string) => (await (await directoryOf(db)).choose(await areaOf(db, area), name, 'name')).id;
  const serviceIdAny = async (db: Db, area: string, name: string) => {
    const found = (await (await directoryOf(db)).list(await areaOf(db, area))).find((s) => s.name.toLowerCase() === name.trim().toLowerCase());
    if (!found) throw platformProblems.notFound(`${area} has no service named ${name}`);
    return found.id;
  };
  const partnerId = async (db: Db, area: string, name: string | undefined) => {
    if (name === undefined) return undefined;
    const id = await (await partnership()).findOrganisationIdByName(db, area, name);
    if (id === undefined) throw platformProblems.notFound(`${area} has no partner named ${name}`);
    return id;
  };

  const services = program.command('services').description("An area's list of services, which records choose from");
  services
    .command('list')
    .description('The services of an area, open and closed')
    .requiredOption('--area <code>', 'ONS code of the area')
    .action(async (opts: { area: string }) => {
      await withDb(async (db) => {
        for (const s of await (await directoryOf(db)).list(await areaOf(db, opts.area))) {
          const state = s.closedFrom === null ? 'open' : `${s.active ? 'closes' : 'closed'} ${s.closedFrom}`;
          console.log(`  ${s.name} | ${s.organisationName ?? 'no one partner'} | ${state}${s.sensitive ? ' | sensitive' : ''}`);
        }
      });
    });
  services
    .command('add')
    .description('Add a service to the area’s list')
    .requiredOption('--area <code>', 'ONS code of the area')
    .requiredOption('--name <name>', 'name of the service, unique in the area')
    .option('--partner <name>', 'the partner organisation that provides it')
    .option('--contact-email <email>')
    .option('--sensitive', 'a sensitive service: others see only whom to contact')
    .action(async (opts: { area: string; name: string; partner?: string; contactEmail?: string; sensitive?: boolean }) => {
      await withDb(async (db) => {
        const area = await areaOf(db, opts.area);
        const organisationId = await partnerId(db, area, opts.partner);
        const id = await (await directoryOf(db)).add(by, area, { ...opts, organisationId, sensitive: opts.sensitive === true });
        console.log(`Added ${opts.name} (${id}).`);
      });
    });
  services
    .command('rename')
    .description('Rename a service; records that name it show the new name')
    .requiredOption('--area <code>', 'ONS code of the area')
    .requiredOption('--name <name>', 'the service’s name now')
    .requiredOption('--to <name>', 'its new name')
    .action(async (opts: { area: string; name: string; to: string }) => {
      await withDb(async (db) => {
        const directory = await directoryOf(db);
        const service = await directory.find(opts.area, await serviceIdAny(db, opts.area, opts.name));
        await directory.change(by, opts.area, service.id, { ...service, name: opts.to });
        console.log(`Renamed ${service.name} to ${opts.to}.`);
      });
    });
  services
    .command('close')
    .description('Close a service from a day (a service in use is closed, never deleted)')
    .requiredOption('--area <code>', 'ONS code of the area')
    .requiredOption('--name <name>', 'name of the service')
    .option('--from <date>', 'YYYY-MM-DD, today or later (default today)')
    .action(async (opts: { area: string; name: string; from?: string }) => {
      await withDb(async (db) => {
        const day = await (await directoryOf(db)).close(by, opts.area, await serviceId(db, opts.area, opts.name), opts.from);
        console.log(`Closed ${opts.name} from ${day}.`);
      });
    });
  services
    .command('reopen')
    .description('Offer a closed service again')
    .requiredOption('--area <code>', 'ONS code of the area')
    .requiredOption('--name <name>', 'name of the service')
    .action(async (opts: { area: string; name: string }) => {
      await withDb(async (db) => {
        await (await directoryOf(db)).reopen(by, opts.area, await serviceIdAny(db, opts.area, opts.name));
        console.log(`Reopened ${opts.name}.`);
      });
    });
}

/**
 * `ctp import postcodes FILE --area CODE`: an ONS Postcode Directory file into an area's postcodes,
 * read as a stream (the whole UK file too), through the same service as the settings page; audited
 * as the operator's. A file with faults changes nothing and lists them; the exit code is 1.
 */
export function registerPostcodeImport(
  imports: Command,
  withDb: (fn: (db: Db) => Promise<void>) => Promise<void>,
  context: RequestContext,
): void {
  const operator: Actor = { userId: null, label: 'operator (command line)', role: null, areaCode: null };
  imports
    .command('postcodes')
    .argument('<file>', 'an ONSPD CSV file as downloaded (the UK file or one postcode area’s)')
    .requiredOption('--area <code>', 'ONS code of the area whose directory searches by these postcodes')
    .description('Load postcode centroids for the directory’s search by distance: live postcodes added or moved, terminated ones removed.')
    .action(async (file: string, opts: { area: string }) => {
      await withDb(async (db) => {
        if (!(await (await partnership()).findArea(db, opts.area))) throw platformProblems.notFound(`There is no area with the code ${opts.area}`);
        const report = await (await import('./postcodes/service.js')).postcodeService({ db, clock: systemClock }).load(
          { actor: operator, ctx: context },
          opts.area,
          fs.createReadStream(file),
          path.basename(file),
        );
        console.log(
          `${report.file}: ${report.rows} rows; ${report.status === 'loaded' ? `${report.live} live postcodes loaded` : 'nothing loaded'}; ` +
            `${report.terminated} terminated left out (${report.removed} removed); ${report.noGridReference} without a grid reference left out. ` +
            `${opts.area} holds ${report.held} postcodes.`,
        );
        for (const kind of report.faultSummary.kinds) {
          console.log(`${kind.count} ${kind.kind} ${kind.count === 1 ? 'fault' : 'faults'}${kind.more > 0 ? ` (first ${kind.shown.length})` : ''}:`);
          for (const f of kind.shown) console.log(`  line ${f.line}${f.column ? `, ${f.column}` : ''}: ${f.message}`);
        }
        if (report.status === 'refused') process.exitCode = 1;
      });
    });
}
