import { auditWithClock } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { validationFailed } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { callerOf } from '../../platform/subject-policy.js';
import { checkReturn, type CheckedReturn } from './checks.js';
import { readReturnsFile, returnsTemplate, type ReturnsFileReport } from './returns-csv.js';
import { contractProblems } from './errors.js';
import * as repo from './repository.js';
import { contractRules } from './rules.js';
import type { ChangeBy } from './service.js';
import type { ContractReturn, ReturnInput, ReturnSource, Target } from './types.js';

/**
 * Monitoring returns (issue 17 item 6, ADR 0030): per quarter or month as the contract says, with spend in
 * pence and a value per target, entered on a page, through the API or as a CSV file (returns-csv.ts). A
 * return for a period already returned replaces it: the earlier one is kept (marked replaced) so the
 * period's history shows every version, and the change is audited with what it was and what it became.
 * The provider's own staff and the commissioner enter them (rules.ts).
 */

export interface EnteredReturn {
  id: string;
  period: string;
  version: number;
  replaced: boolean;
}

export function returnsService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);
  const today = () => todayOf(clock);

  async function contractFor(user: User, id: string, action: 'see returns' | 'enter returns') {
    const c = isUuid(id) ? await repo.findContract(db, user.areaCode, id, today()) : undefined;
    if (!c) throw contractProblems.notFound('The contract you asked for does not exist in this area');
    const verdict = contractRules.check(callerOf(user), action, c);
    if (!verdict.allowed) throw contractProblems.notProviderStaff(verdict.reason);
    if (action === 'enter returns' && c.state === 'decommissioned')
      throw contractProblems.decommissioned('The contract is decommissioned: it takes no more returns');
    return { contract: c, targets: await repo.listTargets(db, c.id, { withRetired: action === 'see returns' }) };
  }

  /** Writes checked returns in one transaction, each replacing its period's current one (kept as history). */
  async function save(
    by: ChangeBy,
    contract: repo.ContractRecord,
    targets: readonly Target[],
    rows: { checked: CheckedReturn; notes: string }[],
    source: ReturnSource,
  ) {
    return db.transaction(async (tx) => {
      await repo.lockContract(tx, contract.id);
      const saved: EnteredReturn[] = [];
      for (const { checked, notes } of rows) {
        const previous = await repo.currentReturn(tx, contract.id, checked.period.start);
        const was = previous
          ? (await repo.listReturns(tx, contract, targets, { periodStart: checked.period.start })).find((r) => r.id === previous.id)
          : undefined;
        const id = await repo.replaceReturn(tx, previous?.id, {
          contractId: contract.id,
          periodStart: checked.period.start,
          periodEnd: checked.period.end,
          version: (previous?.version ?? 0) + 1,
          spendPence: checked.spendPence,
          notes,
          source,
          userId: by.user.id,
          at: clock.now(),
          values: checked.values,
        });
        await audit(tx, by.actor, by.ctx, {
          action: previous ? 'commissioning.return_replaced' : 'commissioning.return_entered',
          subject: { type: 'commissioning_contract', id: contract.id },
          details: {
            returnId: id,
            period: checked.period.code,
            version: (previous?.version ?? 0) + 1,
            source,
            spendPence: checked.spendPence,
            values: checked.values,
            ...(was
              ? {
                  replacedReturnId: was.id,
                  was: { spendPence: was.spendPence, values: was.values.map((v) => ({ targetId: v.targetId, value: String(v.value) })) },
                }
              : {}),
          },
        });
        saved.push({ id, period: checked.period.code, version: (previous?.version ?? 0) + 1, replaced: previous !== undefined });
      }
      return saved;
    });
  }

  return {
    /** The contract and its targets, if the caller may see its returns. */
    contractFor: (user: User, id: string) => contractFor(user, id, 'see returns'),

    /** The current return of each period, latest first. */
    async currentReturns(user: User, contractId: string): Promise<ContractReturn[]> {
      const { contract, targets } = await contractFor(user, contractId, 'see returns');
      return repo.listReturns(db, contract, targets);
    },

    /** Checks the caller may enter the contract's returns (the form's page asks before showing it). */
    forEntry: (user: User, id: string) => contractFor(user, id, 'enter returns'),

    /** Enters a return for a period; one for a period already returned replaces it, the earlier kept as history. */
    async enter(by: ChangeBy, contractId: string, input: ReturnInput, source: ReturnSource = 'page'): Promise<EnteredReturn> {
      const { contract, targets } = await contractFor(by.user, contractId, 'enter returns');
      const values = input.values ?? {};
      const { errors, checked } = checkReturn(
        contract,
        targets,
        { period: input.period, spend: input.spend, value: (t) => (values[t.id] ?? values[t.column]) as string | undefined },
        today(),
      );
      const notes = (input.notes ?? '').trim();
      if (notes.length > 2000) errors.push({ field: 'notes', rule: 'max_length', message: 'Notes must be 2000 characters or fewer' });
      if (errors.length > 0 || !checked) throw validationFailed(errors);
      const [saved] = await save(by, contract, targets, [{ checked, notes }], source);
      if (!saved) throw new Error('a checked return was not saved');
      return saved;
    },

    /** Every version of one period's return, the current one first: the history of its changes. */
    async history(
      user: User,
      contractId: string,
      periodStart: string,
    ): Promise<{ versions: ContractReturn[]; targets: Target[]; contract: repo.ContractRecord }> {
      const { contract, targets } = await contractFor(user, contractId, 'see returns');
      const versions = /^\d{4}-\d{2}-\d{2}$/.test(periodStart) ? await repo.listReturns(db, contract, targets, { periodStart }) : [];
      if (versions.length === 0) throw contractProblems.notFound('The contract has no return for that period');
      return { versions, targets, contract };
    },

    /**
     * A CSV file of returns (docs/contract-returns-csv.md): every row checked, each fault by line, column
     * and rule; all or nothing, so a bad file saves nothing and loses nothing already saved. Never throws
     * for a fault of the file.
     */
    async importCsv(by: ChangeBy, contractId: string, text: string, fileName: string): Promise<ReturnsFileReport> {
      const { contract, targets } = await contractFor(by.user, contractId, 'enter returns');
      const read = readReturnsFile(text, contract, targets, today());
      if (read.report.status === 'rejected') {
        await db.transaction((tx) =>
          audit(tx, by.actor, by.ctx, {
            action: 'commissioning.returns_imported',
            outcome: 'failure',
            subject: { type: 'commissioning_contract', id: contract.id },
            details: { file: fileName, rows: read.report.rows, faults: read.report.faultSummary.total },
          }),
        );
        return read.report;
      }
      const saved = await save(by, contract, targets, read.rows, 'csv');
      return { ...read.report, saved: saved.length, replaced: saved.filter((s) => s.replaced).length };
    },

    /** A file with the contract's columns and a row per period so far, to fill in. */
    async template(user: User, contractId: string): Promise<{ fileName: string; text: string }> {
      const { contract, targets } = await contractFor(user, contractId, 'enter returns');
      return { fileName: `returns-${contract.id.slice(0, 8)}.csv`, text: returnsTemplate(contract, targets, today()) };
    },
  };
}

export type ReturnsService = ReturnType<typeof returnsService>;
