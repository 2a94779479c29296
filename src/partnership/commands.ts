import type { Command } from 'commander';
import type { Actor, RequestContext } from '../platform/audit.js';
import type { Db } from '../platform/db.js';
import { AppError } from '../platform/errors.js';
import type { Caller } from './service.js';
import { dutyDates } from './types.js';

const repeat = (value: string, previous: string[] = []): string[] => [...previous, value];

/** `ctp areas` and `ctp partners`: setting up an area and its partners without the pages (issue 13). */
export function registerPartnershipCommands(
  program: Command,
  withDb: (fn: (db: Db) => Promise<void>) => Promise<void>,
  context: RequestContext,
): void {
  const operator: Actor = { userId: null, label: 'operator (command line)', role: null, areaCode: null };
  // The feature is loaded when a command runs: `ctp` reads this file at every start (ADR 0045).
  const partnershipOf = async (db: Db) => (await import('./service.js')).partnershipService({ db });
  const caller: Caller = { actor: operator, ctx: context, principal: null };
  const partnerId = async (db: Db, area: string, name: string): Promise<string> => {
    const id = await (await import('./repository.js')).findOrganisationIdByName(db, area, name);
    if (id === undefined) throw new AppError(404, 'not_found', 'Not found', `${area} has no partner named ${name}`);
    return id;
  };

  program
    .command('areas')
    .description('Set up areas')
    .command('create')
    .description('Create an area: an English upper-tier authority on the list the service ships, with its lead authority')
    .requiredOption('--code <code>', 'ONS code, e.g. E06000046')
    .requiredOption('--name <name>', 'name of the area')
    .option('--district <line>', 'a district of a county, "E07000040 East Devon" (repeat for each)', repeat, [])
    .option('--lead-authority <name>', 'name of the council that leads (default: the name and Council or County Council)')
    .action(async (opts: { code: string; name: string; district: string[]; leadAuthority?: string }) => {
      await withDb(async (db) => {
        const input = { code: opts.code, name: opts.name, districts: opts.district.join('\n'), leadAuthorityName: opts.leadAuthority };
        const { code, leadAuthorityId } = await (await partnershipOf(db)).createArea(caller, input);
        console.log(`Created area ${code} with its lead authority (${leadAuthorityId}).`);
      });
    });

  const partners = program.command('partners').description("Manage an area's partner organisations");
  partners
    .command('list')
    .description('The partners of an area as at a day, with their duty then, and the relevant partner types not brought in')
    .requiredOption('--area <code>', 'ONS code of the area')
    .option('--as-at <date>', 'YYYY-MM-DD (default today)')
    .action(async (opts: { area: string; asAt?: string }) => {
      await withDb(async (db) => {
        const o = await (await partnershipOf(db)).areaOverview(opts.area, opts.asAt);
        console.log(`${o.area.name} (${o.area.code}) as at ${o.asAt}`);
        for (const p of o.organisations)
          console.log(`  ${p.name} | ${p.statusOnDate} | ${p.duty?.provision ?? 'no duty'} | ${p.coverageKind}`);
        for (const d of o.missingPartnerTypes) console.log(`  NOT BROUGHT IN: ${d.partnerType} (${d.provision})`);
      });
    });
  partners
    .command('duties')
    .description('The statutory duties a partner can be under, with their codes and the dates each stood')
    .option('--as-at <date>', 'YYYY-MM-DD: only the duties in force that day')
    .action(async (opts: { asAt?: string }) => {
      await withDb(async (db) => {
        for (const d of await (await partnershipOf(db)).listStatutoryDuties(opts.asAt))
          console.log(`  ${d.code.padEnd(14)} ${d.provision}: ${d.partnerType}. ${dutyDates(d)}`);
      });
    });
  partners
    .command('add')
    .description('Register a partner organisation')
    .requiredOption('--area <code>', 'ONS code of the area')
    .requiredOption('--name <name>', 'name of the organisation')
    .requiredOption('--type <type>', 'what kind of body it is, e.g. "Primary Care Trust"')
    .requiredOption('--sector <sector>', 'local authority, district council, police, probation, youth offending, health, ...')
    .requiredOption('--duty <code>', 'the duty that brings it in, a code from `ctp partners duties` (s10-4-d, s11), or none')
    .option('--reason <text>', 'why it is included (required with --duty none)')
    .option('--coverage-kind <kind>', 'whole area, some districts or beyond the area', 'whole area')
    .option('--district <code>', 'a district it covers (repeat for each)', repeat, [])
    .option('--coverage <text>', 'the area it covers, when beyond the area')
    .option('--contact-name <name>')
    .option('--contact-email <email>')
    .option('--contact-phone <phone>')
    .action(async (opts: Record<string, string | string[] | undefined>) => {
      const text = (key: string) => (typeof opts[key] === 'string' ? opts[key] : undefined);
      await withDb(async (db) => {
        const id = await (
          await partnershipOf(db)
        ).registerPartner(caller, text('area') ?? '', {
          name: text('name'),
          organisationType: text('type'),
          sector: text('sector'),
          dutyCode: text('duty'),
          inclusionReason: text('reason'),
          coverageKind: text('coverageKind'),
          districtCodes: Array.isArray(opts.district) ? opts.district : [],
          coverage: text('coverage'),
          contactName: text('contactName'),
          contactEmail: text('contactEmail'),
          contactPhone: text('contactPhone'),
        });
        console.log(`Registered ${text('name') ?? ''} (${id}).`);
      });
    });
  partners
    .command('close')
    .description('Close a partner with the date it left (a partner that holds records is closed, never deleted)')
    .requiredOption('--area <code>', 'ONS code of the area')
    .requiredOption('--name <name>', 'name of the partner')
    .requiredOption('--on <date>', 'the day it left, YYYY-MM-DD')
    .action(async (opts: { area: string; name: string; on: string }) => {
      await withDb(async (db) => {
        await (await partnershipOf(db)).closePartner(caller, opts.area, await partnerId(db, opts.area, opts.name), opts.on);
        console.log(`Closed ${opts.name} on ${opts.on}.`);
      });
    });
  partners
    .command('delete')
    .description('Delete a partner entered by mistake; refused when it holds records')
    .requiredOption('--area <code>', 'ONS code of the area')
    .requiredOption('--name <name>', 'name of the partner')
    .action(async (opts: { area: string; name: string }) => {
      await withDb(async (db) => {
        await (await partnershipOf(db)).deletePartner(caller, opts.area, await partnerId(db, opts.area, opts.name));
        console.log(`Deleted ${opts.name}.`);
      });
    });
}
