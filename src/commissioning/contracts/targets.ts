import { listIndicatorsForArea } from '../../outcomes/index.js';
import { auditWithClock } from '../../platform/audit.js';
import type { User } from '../../platform/auth/repository.js';
import { todayOf, type Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db.js';
import { FieldErrors } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { callerOf } from '../../platform/subject-policy.js';
import { contractProblems } from './errors.js';
import * as repo from './repository.js';
import { contractRules } from './rules.js';
import type { ChangeBy } from './service.js';
import type { Target, TargetDirection } from './types.js';

/**
 * A contract's targets (ADR 0030, changed by ADR 0038): added by the commissioner on an indicator of the
 * outcomes feature (direction from its polarity) or an activity counted; changed, removed or retired.
 *
 * - A target no return has been judged against is changed in place, or removed (deleted).
 * - Once a return has been judged against it, removing it **retires** it: kept, with the values judged
 *   against it, and no longer asked for in new returns. Changing it retires it and adds its replacement
 *   (same indicator or activity and direction, at the same place), so an earlier period is never judged
 *   again against a value it was not set.
 * - Every change is audited with what it was and what it became.
 */

export interface TargetInput {
  kind?: string;
  indicatorId?: string;
  label?: string;
  targetValue?: string | number;
}

const NUMBER = /^-?\d+(\.\d{1,4})?$/;

/** The target value as typed, checked: a number with at most 4 decimals, a whole number for an activity. */
function readTargetValue(errors: FieldErrors, kind: string, input: string | number | undefined): string {
  const valueText = String(input ?? '')
    .trim()
    .replace(/,/g, '');
  if (valueText === '') errors.add('targetValue', 'required', 'Enter the target for each period');
  else if (!NUMBER.test(valueText)) errors.add('targetValue', 'number', 'Target must be a number with no more than 4 decimal places, like 75 or 12.5');
  else if (kind === 'activity' && !/^\d+$/.test(valueText)) errors.add('targetValue', 'whole_number', 'An activity target must be a whole number of 0 or more');
  return valueText;
}

const labelOf = (input: string | undefined) => (input ?? '').trim().replace(/\s+/g, ' ');

function readActivityLabel(errors: FieldErrors, label: string, others: readonly Target[]): void {
  if (label === '') errors.add('label', 'required', 'Enter what is counted, like Families supported');
  else if (label.length > 120) errors.add('label', 'max_length', 'What is counted must be 120 characters or fewer');
  else if (others.some((t) => t.kind === 'activity' && t.label.toLowerCase() === label.toLowerCase()))
    errors.add('label', 'unique', `The contract already counts ${label}`);
}

export function contractTargetsService({ db, clock }: { db: Db; clock: Clock }) {
  const audit = auditWithClock(clock);

  /** The contract, when the caller manages it and it is not decommissioned. */
  async function manageable(user: User, contractId: string, doing: string): Promise<repo.ContractRecord> {
    const c = isUuid(contractId) ? await repo.findContract(db, user.areaCode, contractId, todayOf(clock)) : undefined;
    if (!c) throw contractProblems.notFound('The contract you asked for does not exist in this area');
    if (!contractRules.permits(callerOf(user), 'manage', c)) throw contractProblems.notCommissioner('Only the commissioner manages contracts');
    if (c.state === 'decommissioned') throw contractProblems.decommissioned(`A decommissioned contract’s targets cannot be ${doing}`);
    return c;
  }

  async function targetOf(contractId: string, targetId: string): Promise<Target> {
    const target = isUuid(targetId) ? (await repo.listTargets(db, contractId)).find((t) => t.id === targetId) : undefined;
    if (!target) throw contractProblems.notFound('The contract has no target in force with that id');
    return target;
  }

  return {
    /** Adds an outcome target (an indicator; its direction from the indicator's polarity) or an activity target. */
    async add(by: ChangeBy, contractId: string, input: TargetInput): Promise<string> {
      const c = await manageable(by.user, contractId, 'added to');
      const errors = new FieldErrors();
      const kind = (input.kind ?? '').trim();
      if (kind !== 'outcome' && kind !== 'activity') errors.add('kind', 'one_of', 'Select whether the target is an outcome indicator or an activity');
      const existing = await repo.listTargets(db, c.id);
      let indicatorId: string | null = null;
      let direction: TargetDirection = 'at_least';
      let label = labelOf(input.label);
      if (kind === 'outcome') {
        label = '';
        const id = (input.indicatorId ?? '').trim();
        const indicator = isUuid(id) ? (await listIndicatorsForArea(db, by.user.areaCode)).find((i) => i.id === id) : undefined;
        if (id === '') errors.add('indicatorId', 'required', 'Select the indicator the target is on');
        else if (!indicator) errors.add('indicatorId', 'known_indicator', 'Select an indicator of the outcomes framework (national or this area’s own)');
        else if (indicator.polarity === 'no judgement')
          errors.add('indicatorId', 'has_polarity', `${indicator.code} has no better direction (no judgement), so a value cannot be under or over target: choose another indicator`);
        else if (existing.some((t) => t.indicatorId === indicator.id)) errors.add('indicatorId', 'unique', `The contract already has a target on ${indicator.code}`);
        else {
          indicatorId = indicator.id;
          direction = indicator.polarity === 'lower is better' ? 'at_most' : 'at_least';
        }
      } else if (kind === 'activity') readActivityLabel(errors, label, existing);
      const targetValue = readTargetValue(errors, kind, input.targetValue);
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const id = await repo.insertTarget(tx, { contractId: c.id, kind, indicatorId, label, targetValue, direction, at: clock.now() });
        await audit(tx, by.actor, by.ctx, {
          action: 'commissioning.contract_target_added',
          subject: { type: 'commissioning_contract', id: c.id },
          details: { targetId: id, kind, indicatorId, label, targetValue, direction },
        });
        return id;
      });
    },

    /**
     * Changes a target's value (and an activity's words). In place while no return has been judged against it;
     * otherwise the target is retired and its replacement returned. Audited with before and after.
     */
    async change(by: ChangeBy, contractId: string, targetId: string, input: { targetValue?: string | number; label?: string }): Promise<{ id: string; replaced: boolean }> {
      const c = await manageable(by.user, contractId, 'changed');
      const target = await targetOf(c.id, targetId);
      const errors = new FieldErrors();
      const targetValue = readTargetValue(errors, target.kind, input.targetValue);
      let label = target.kind === 'activity' ? target.label : '';
      if (target.kind === 'activity' && input.label !== undefined) {
        label = labelOf(input.label);
        readActivityLabel(errors, label, (await repo.listTargets(db, c.id)).filter((t) => t.id !== target.id));
      }
      if (!errors.has('targetValue') && Number(targetValue) === target.targetValue && (target.kind !== 'activity' || label === target.label))
        errors.add('targetValue', 'changes', 'The target is already this: enter a different value');
      errors.throwIfAny();
      return db.transaction(async (tx) => {
        const locked = await repo.lockTarget(tx, c.id, target.id);
        if (!locked || locked.retired) throw contractProblems.notFound('The contract has no target in force with that id');
        const at = clock.now();
        let id = target.id;
        if (locked.judged) {
          await repo.retireTarget(tx, target.id, at);
          id = await repo.insertReplacementTarget(tx, target.id, { targetValue, label, at });
        } else await repo.changeTargetValue(tx, target.id, { targetValue, label });
        await audit(tx, by.actor, by.ctx, {
          action: 'commissioning.contract_target_changed',
          subject: { type: 'commissioning_contract', id: c.id },
          details: {
            targetId: target.id,
            replacedBy: locked.judged ? id : null,
            before: { targetValue: String(target.targetValue), label: target.kind === 'activity' ? target.label : '' },
            after: { targetValue, label },
          },
        });
        return { id, replaced: locked.judged };
      });
    },

    /** Removes a target no return has been judged against (deleted), or retires one that has been (kept with its judgements). */
    async remove(by: ChangeBy, contractId: string, targetId: string): Promise<'deleted' | 'retired'> {
      const c = await manageable(by.user, contractId, 'removed');
      const target = await targetOf(c.id, targetId);
      return db.transaction(async (tx) => {
        const locked = await repo.lockTarget(tx, c.id, target.id);
        if (!locked || locked.retired) throw contractProblems.notFound('The contract has no target in force with that id');
        if (locked.judged) await repo.retireTarget(tx, target.id, clock.now());
        else await repo.deleteTarget(tx, target.id);
        const outcome = locked.judged ? 'retired' : 'deleted';
        await audit(tx, by.actor, by.ctx, {
          action: locked.judged ? 'commissioning.contract_target_retired' : 'commissioning.contract_target_removed',
          subject: { type: 'commissioning_contract', id: c.id },
          details: {
            targetId: target.id,
            before: { kind: target.kind, indicatorId: target.indicatorId, label: target.label, targetValue: String(target.targetValue), direction: target.direction },
            after: locked.judged ? { retired: true } : null,
          },
        });
        return outcome;
      });
    },
  };
}

export type ContractTargetsService = ReturnType<typeof contractTargetsService>;
